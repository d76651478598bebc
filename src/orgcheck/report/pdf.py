"""The report as PDF: its HTML page printed by Chromium through Playwright (the ``pdf`` extra).

A PDF is a pure function of the HTML text: the page's ``<head>`` says what the
printout needs (title, language, summary, date, the footer's words; see
:func:`read_head`), Chromium lays it out as a browser shows it (A4, the print
stylesheet), and pypdf sets the metadata and makes the bytes repeatable.

Nothing here imports Playwright or pypdf until a page is printed: the registry
(``formats.py``) and :func:`missing` only look for them, so ``orgcheck --answers``
without the extra costs nothing, and asking for a PDF without it is a message
that says what to install, not a traceback.

The browser is the one users have: ``ORGCHECK_CHROMIUM``, else a system Chromium,
Chrome or (on Windows) Edge, else the Chromium Playwright downloads
(``python -m playwright install chromium``). One :class:`Printer` keeps it running
for the next page: starting Chromium costs 1-2 s, printing a report with it
running a few tenths (benchmarks/pdf.py).
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import hashlib
import html as html_text
import importlib.util
import io
import os
import queue
import re
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent import futures
from concurrent.futures import Future
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import OrgcheckError, Problem
from ..resources import VERSION

BROWSER_VARIABLE = "ORGCHECK_CHROMIUM"  # the browser's executable, chosen by the user
INSTALL_EXTRA = "pip install 'orgcheck[pdf]'"
INSTALL_BROWSER = "python -m playwright install chromium"
EXTRA_MODULES = ("playwright", "pypdf")
# A page prints in well under a second; this much means Chromium hangs.
PRINT_TIMEOUT_S = 120.0
LAUNCH_TIMEOUT_MS = 30_000
# Headless in a closed network: nothing of Chromium's own reaches out (updates, sync,
# safe browsing lists), and no GPU is needed to lay out a page. A fresh profile comes
# with launch() itself (Playwright's temporary user-data-dir).
BROWSER_ARGS = (
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)
# Where each kind of system looks, in order. On PATH first (Linux, and any system
# where the user put one there), then the places installers use.
PATH_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
MAC_APPS = (
    "Google Chrome.app/Contents/MacOS/Google Chrome",
    "Chromium.app/Contents/MacOS/Chromium",
    "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
)
WINDOWS_APPS = (
    r"Google\Chrome\Application\chrome.exe",
    r"Chromium\Application\chrome.exe",
    r"Microsoft\Edge\Application\msedge.exe",  # on every Windows 10 and 11
)
# The footer Chromium draws in the page's bottom margin (18 mm, _style.html.j2's @page).
# Its own document: it sees none of the page's styles, so the font is set here.
FOOTER = (
    '<div style="width:100%;margin:0 15mm;display:flex;justify-content:space-between;gap:6mm;'
    'font:7.5pt Arial,Helvetica,sans-serif;color:#475467;-webkit-print-color-adjust:exact">'
    '<span style="overflow:hidden;text-overflow:ellipsis;white-space:nowrap">{left}</span>'
    '<span style="white-space:nowrap">{right}</span></div>'
)


# --- what the page says about itself ---------------------------------------------------


class Head(NamedTuple):
    """What the HTML page's <head> tells the printout (the templates write these)."""

    language: str  # <html lang>
    title: str  # <title>: the PDF's title
    description: str  # <meta name="description">: the PDF's subject
    created: dt.date | None  # <meta name="dcterms.created">: the report's date, the PDF's dates
    footer: str  # <meta name="orgcheck:footer">: left in every page's footer
    page_label: str  # <meta name="orgcheck:page-label">: "Page {page} of {pages}"


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.language = ""
        self.meta: dict[str, str] = {}
        self.title: list[str] | None = None
        self.title_text = ""
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.language = values.get("lang", "")
        elif tag == "meta" and "name" in values:
            self.meta.setdefault(values["name"], values.get("content", ""))
        elif tag == "title":
            self.title = []
        elif tag == "body":
            self.done = True

    def handle_data(self, data: str) -> None:
        if self.title is not None:
            self.title.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title is not None:
            self.title_text = " ".join("".join(self.title).split())
            self.title = None
        elif tag == "head":
            self.done = True


def read_head(page: str) -> Head:
    """The page's own account of itself; what it leaves out stays out of the PDF."""
    parser = _HeadParser()
    for line in page.splitlines(keepends=True):  # the head is the first few lines
        parser.feed(line)
        if parser.done:
            break
    meta = parser.meta
    created = meta.get("dcterms.created", "")
    try:
        day: dt.date | None = dt.date.fromisoformat(created) if created else None
    except ValueError:
        day = None
    return Head(
        language=parser.language,
        title=parser.title_text,
        description=" ".join(meta.get("description", "").split()),
        created=day,
        footer=" ".join(meta.get("orgcheck:footer", "").split()),
        page_label=meta.get("orgcheck:page-label", "") or "{page} / {pages}",
    )


def footer_template(head: Head) -> str:
    """Chromium's footer: the organisation and date on the left, 'Page 3 of 11' on the right.

    Chromium fills the spans of class pageNumber and totalPages; every other text is
    escaped, so a name cannot add one (or any markup).
    """
    number = '<span class="pageNumber"></span>'
    total = '<span class="totalPages"></span>'
    right = html_text.escape(head.page_label).replace("{page}", number).replace("{pages}", total)
    return FOOTER.format(left=html_text.escape(head.footer), right=right)


# --- is it there --------------------------------------------------------------------------


def missing_modules() -> list[str]:
    """The extra's modules that are not installed (looked for, not imported)."""
    return [name for name in EXTRA_MODULES if not _installed(name)]


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # half there: as good as missing
        return False


def extra_problem(names: list[str]) -> Problem:
    listed = " and ".join(names)
    return Problem(
        f"writing PDF needs orgcheck's pdf extra ({listed} is not installed): {INSTALL_EXTRA}",
        de=f"Für PDF braucht orgcheck die Erweiterung pdf ({listed} fehlt): {INSTALL_EXTRA}",
    )


def browser_problem() -> Problem:
    return Problem(
        "writing PDF needs Chromium, Chrome or Edge, and none was found; install one "
        "(Debian, Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) "
        f"or Playwright's own: {INSTALL_BROWSER}; or set {BROWSER_VARIABLE} to the browser's program",
        de="Für PDF braucht orgcheck Chromium, Chrome oder Edge, und keiner wurde gefunden; "
        "installieren Sie einen (Debian, Ubuntu: sudo apt-get install chromium; macOS: "
        f"brew install --cask chromium) oder den von Playwright: {INSTALL_BROWSER}; oder setzen Sie "
        f"{BROWSER_VARIABLE} auf das Programm des Browsers",
    )


def missing() -> Problem | None:
    """Why no PDF can be printed here (the extra, or a browser), or None. Imports nothing."""
    names = missing_modules()
    if names:
        return extra_problem(names)
    try:
        find_browser()
    except OrgcheckError as error:
        return error.problems[0]
    return None


def _executable(path: str | Path) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def system_browsers() -> Iterator[str]:
    """Every Chromium-like browser the system has, in the order they are preferred."""
    for name in PATH_NAMES:
        found = shutil.which(name)
        if found:
            yield found
    if sys.platform == "darwin":
        for folder in (Path("/Applications"), Path.home() / "Applications"):
            for app in MAC_APPS:
                if _executable(folder / app):
                    yield str(folder / app)
    elif sys.platform == "win32":
        folders = (os.environ.get(v) for v in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA"))
        for folder in filter(None, folders):
            for app in WINDOWS_APPS:
                if _executable(Path(folder) / app):
                    yield str(Path(folder) / app)


def playwright_browsers_folder() -> Path | None:
    """Where ``playwright install`` puts its browsers (as Playwright itself decides)."""
    chosen = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if chosen == "0":  # inside the installed package
        spec = importlib.util.find_spec("playwright")
        locations = spec.submodule_search_locations if spec else None
        return Path(next(iter(locations))) / "driver" / "package" / ".local-browsers" if locations else None
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return Path(local) / "ms-playwright" if local else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ms-playwright"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ms-playwright"


def has_playwright_browser() -> bool:
    folder = playwright_browsers_folder()
    return folder is not None and folder.is_dir() and any(folder.glob("chromium*"))


def find_browser() -> str | None:
    """The browser to print with: its program, or None for Playwright's own.

    ORGCHECK_CHROMIUM, when set, is the only one tried (a wrong path is an error, not a
    reason to take another browser); else the system's; else Playwright's, if installed.
    """
    chosen = os.environ.get(BROWSER_VARIABLE)
    if chosen:
        found = shutil.which(chosen)
        if found is None:
            raise OrgcheckError(
                Problem(
                    f"{BROWSER_VARIABLE}={chosen}: no such program; set it to the program of "
                    f"Chromium, Chrome or Edge, or unset it to use the one the system has",
                    de=f"{BROWSER_VARIABLE}={chosen}: Programm nicht gefunden; setzen Sie die Variable "
                    "auf das Programm von Chromium, Chrome oder Edge, oder entfernen Sie sie, damit "
                    "orgcheck den Browser des Systems nimmt",
                )
            )
        return found
    found = next(system_browsers(), None)
    if found is not None:
        return found
    if has_playwright_browser():
        return None
    raise OrgcheckError(browser_problem())


# --- printing -----------------------------------------------------------------------------


def _print_options(head: Head) -> dict[str, Any]:
    return {
        "format": "A4",
        "prefer_css_page_size": True,  # the stylesheet's @page: A4 and its margins
        "print_background": True,  # the cover, the panels, the bars
        "display_header_footer": True,
        "header_template": "<span></span>",  # none (Chromium's own shows the title and a time)
        "footer_template": footer_template(head),
        "tagged": True,  # a structure tree: headings, tables, lists for screen readers
        "outline": True,  # bookmarks from the headings
    }


class _Browser:
    """Playwright, Chromium and the one page every report is printed in; lives in one thread."""

    def __init__(self, executable: str | None) -> None:
        from playwright.sync_api import sync_playwright

        self.executable = executable
        self.playwright = sync_playwright().start()
        try:
            self.browser = self._launch()
            context = self.browser.new_context(java_script_enabled=False, offline=True)
            context.route("**/*", lambda route: route.abort())  # the page loads nothing anyway
            self.page = context.new_page()
        except BaseException:
            self.playwright.stop()
            raise

    def _launch(self) -> Any:
        from playwright.sync_api import Error

        # Chromium's sandbox cannot start as root; elsewhere it stays on. Where the system
        # forbids it (containers, AppArmor's user namespaces) Chromium is started without:
        # the page is orgcheck's own, with scripts off and the network closed.
        sandboxes = [False] if _is_root() else [True, False]
        for sandbox in sandboxes:
            try:
                return self.playwright.chromium.launch(
                    executable_path=self.executable,
                    args=list(BROWSER_ARGS),
                    chromium_sandbox=sandbox,
                    timeout=LAUNCH_TIMEOUT_MS,
                )
            except Error as exc:
                if sandbox and re.search(r"sandbox|namespace", str(exc), re.IGNORECASE):
                    continue
                raise OrgcheckError(self._launch_problem(exc)) from None
        raise AssertionError("unreachable")

    def _launch_problem(self, exc: Exception) -> Problem:
        message = str(exc)
        if self.executable is None and "Executable doesn't exist" in message:
            return browser_problem()
        first = next((line.strip() for line in message.splitlines() if line.strip()), "no reason given")
        who = self.executable or "Playwright's Chromium"
        return Problem(
            f"the browser ({who}) did not start to print the PDF: {first}; "
            f"set {BROWSER_VARIABLE} to another Chromium or Chrome, or run {INSTALL_BROWSER}",
            de=f"Der Browser ({who}) startete nicht, um das PDF zu drucken: {first}; setzen Sie "
            f"{BROWSER_VARIABLE} auf ein anderes Chromium oder Chrome, oder führen Sie {INSTALL_BROWSER} aus",
        )

    def print(self, page: str, head: Head) -> bytes:
        from playwright.sync_api import Error

        try:
            self.page.set_content(page, wait_until="load", timeout=PRINT_TIMEOUT_S * 1000)
            return bytes(self.page.pdf(**_print_options(head)))
        except Error as exc:  # the browser crashed or was killed: the machine's, said in a line
            first = next((line.strip() for line in str(exc).splitlines() if line.strip()), "no reason given")
            raise OrgcheckError(
                Problem(
                    f"the browser stopped while printing the PDF: {first}; nothing was written",
                    de=f"Der Browser brach beim Drucken des PDF ab: {first}; nichts wurde geschrieben",
                )
            ) from None

    def close(self) -> None:
        try:
            self.browser.close()
        finally:
            self.playwright.stop()


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


class _Worker:
    """The thread that owns one browser: Playwright's sync API lives in the thread that
    started it and refuses one with a running event loop (the TUI's), so every door hands
    its pages to this thread and waits."""

    def __init__(self, executable: str | None) -> None:
        self.jobs: queue.SimpleQueue[tuple[Callable[[_Browser], bytes], Future[bytes]] | None] = (
            queue.SimpleQueue()
        )
        self.broken = False
        ready: Future[None] = Future()
        self.thread = threading.Thread(
            target=self._serve, args=(executable, ready), name="orgcheck-pdf", daemon=True
        )
        self.thread.start()
        ready.result()  # the browser's problem, if it did not start, raised here

    def _serve(self, executable: str | None, ready: Future[None]) -> None:
        try:
            browser = _Browser(executable)
        except BaseException as exc:
            self.broken = True
            ready.set_exception(exc)
            return
        ready.set_result(None)
        try:
            while (item := self.jobs.get()) is not None:
                job, done = item
                try:
                    done.set_result(job(browser))
                except BaseException as exc:
                    # The page or the browser is gone (a crash, killed): the next print
                    # starts another. Marked before the caller hears of it.
                    self.broken = not browser.browser.is_connected()
                    done.set_exception(exc)
                    if self.broken:
                        break
        finally:
            with contextlib.suppress(Exception):  # closing what already went away
                browser.close()

    def run(self, job: Callable[[_Browser], bytes]) -> bytes:
        done: Future[bytes] = Future()
        self.jobs.put((job, done))
        try:
            return done.result(timeout=PRINT_TIMEOUT_S)
        except futures.TimeoutError:  # not yet the built-in TimeoutError on Python 3.10
            self.broken = True  # stuck inside Chromium: left to the exit, another starts
            raise OrgcheckError(
                Problem(
                    f"the browser did not finish printing the PDF in {PRINT_TIMEOUT_S:.0f} s; "
                    "nothing was written",
                    de=f"der Browser hat das PDF nicht in {PRINT_TIMEOUT_S:.0f} s gedruckt; "
                    "nichts wurde geschrieben",
                )
            ) from None

    def close(self) -> None:
        self.jobs.put(None)
        self.thread.join(timeout=10)


class Printer:
    """HTML pages to PDF with one browser, started on the first page and kept for the next.

    Safe to use from any thread, one page at a time. ``with Printer() as printer:`` closes
    the browser at the end; :func:`print_pdf` uses one shared by the whole process.
    """

    def __init__(self, executable: str | None = None) -> None:
        self._executable = executable
        self._worker: _Worker | None = None
        self._pid = os.getpid()
        self._lock = threading.Lock()

    def print(self, page: str) -> bytes:
        """The page as PDF bytes; OrgcheckError if the extra or a browser is missing."""
        names = missing_modules()
        if names:
            raise OrgcheckError(extra_problem(names))
        head = read_head(page)
        with self._lock:  # the browser has one page
            raw = self._started().run(lambda browser: browser.print(page, head))
        return finish(raw, head, page)

    def _started(self) -> _Worker:
        if self._pid != os.getpid():  # a forked child: the browser is the parent's
            self._worker, self._pid = None, os.getpid()
        if self._worker is None or self._worker.broken:
            executable = self._executable or find_browser()
            self._worker = _Worker(executable)
        return self._worker

    def close(self) -> None:
        with self._lock:
            worker, self._worker = self._worker, None
        if worker is not None and self._pid == os.getpid():
            worker.close()

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


_shared: Printer | None = None
_shared_lock = threading.Lock()


def shared_printer() -> Printer:
    """The process's printer: its browser starts with the first PDF and stops at exit."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Printer()
            atexit.register(_shared.close)
        return _shared


def print_pdf(page: str) -> bytes:
    """The HTML page as PDF, printed by the process's browser (see :class:`Printer`)."""
    return shared_printer().print(page)


# --- the PDF's metadata, and the same bytes each time ----------------------------------


def pdf_date(day: dt.date) -> str:
    return day.strftime("D:%Y%m%d000000Z")


def finish(raw: bytes, head: Head, page: str) -> bytes:
    """Chromium's PDF with the page's metadata, and nothing in it that changes between runs.

    Chromium stamps the time of printing and numbers the structure tree's elements by
    DOM nodes, counted since its renderer started; the dates become the report's, the
    numbers are counted from 1, and the file identifier is a digest of the page.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject, TextStringObject

    reader = PdfReader(io.BytesIO(raw))
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header  # Chromium's 1.4 (tags, transparency), not pypdf's 1.3
    producer = str(reader.metadata.get("/Producer", "Chromium") if reader.metadata else "Chromium")
    info: dict[str, Any] = {
        "/Title": head.title,
        "/Author": "orgcheck",
        "/Subject": head.description,
        "/Creator": f"orgcheck {VERSION}",
        "/Producer": f"{producer} (Chromium), pypdf",
    }
    if head.created is not None:
        info["/CreationDate"] = info["/ModDate"] = pdf_date(head.created)
    writer.metadata = {key: value for key, value in info.items() if value}
    root = writer.root_object
    if head.language:
        root[NameObject("/Lang")] = TextStringObject(head.language)
    _renumber_structure_ids(root)
    digest = ByteStringObject(hashlib.md5(page.encode("utf-8"), usedforsecurity=False).digest())
    writer._ID = ArrayObject([digest, digest])  # pypdf would draw random bytes
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _renumber_structure_ids(root: Any) -> None:
    """The structure elements' IDs (and what refers to them: table cells' headers, the ID
    tree) renamed by their rank, so the same page gives the same IDs in any renderer.

    Ranks keep the IDs' order, so the ID tree stays sorted as a name tree must be.
    """
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    def resolved(value: Any) -> Any:
        return value.get_object() if value is not None else None

    tree = resolved(root.get("/StructTreeRoot"))
    if not isinstance(tree, DictionaryObject):
        return
    elements: list[DictionaryObject] = []
    arrays: list[ArrayObject] = []  # of IDs only: cells' /Headers, the ID tree's /Limits
    names: list[ArrayObject] = []  # the ID tree's leaves: ID, element, ID, element, ...
    stack = [tree.get("/K")]  # down the tree only (/P points back up)
    while stack:
        node = resolved(stack.pop())
        if isinstance(node, ArrayObject):
            stack.extend(node)
        elif isinstance(node, DictionaryObject) and node.get("/Type") not in ("/MCR", "/OBJR"):
            elements.append(node)
            attributes = resolved(node.get("/A"))
            for attribute in attributes if isinstance(attributes, ArrayObject) else [attributes]:
                attribute = resolved(attribute)
                if isinstance(attribute, DictionaryObject):
                    arrays.extend(
                        a for a in [resolved(attribute.get("/Headers"))] if isinstance(a, ArrayObject)
                    )
            stack.append(node.get("/K"))
    nodes = [tree.get("/IDTree")]
    while nodes:
        node = resolved(nodes.pop())
        if isinstance(node, DictionaryObject):
            leaves, limits, kids = (resolved(node.get(key)) for key in ("/Names", "/Limits", "/Kids"))
            names.extend([leaves] if isinstance(leaves, ArrayObject) else [])
            arrays.extend([limits] if isinstance(limits, ArrayObject) else [])
            nodes.extend(kids if isinstance(kids, ArrayObject) else [])
    found = {str(e["/ID"]) for e in elements if "/ID" in e} | {str(k) for a in names for k in a[::2]}
    rank = {name: f"node{n:08d}" for n, name in enumerate(sorted(found), start=1)}

    def renamed(value: Any) -> Any:
        return TextStringObject(rank[str(value)]) if str(value) in rank else value

    for element in elements:
        if "/ID" in element:
            element[NameObject("/ID")] = renamed(element["/ID"])
    for array in arrays:
        for i, value in enumerate(array):
            array[i] = renamed(value)
    for array in names:
        for i in range(0, len(array), 2):
            array[i] = renamed(array[i])
