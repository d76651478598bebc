"""The report as PDF: the HTML report printed by Chromium (orgcheck.report.pdf), read back with pypdf.

The printing tests skip, saying why, where Chromium or the pdf extra is missing (as
tests/test_html_browser.py does); the messages for those cases are tested everywhere,
in subprocesses that hide the extra or the browser. One browser serves the session
(the process's shared printer), so a report costs a few tenths of a second.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, run_orgcheck

from orgcheck.answers.batch import expand
from orgcheck.answers.validate import load_answers
from orgcheck.engine.assess import assess
from orgcheck.engine.batch import assess_files
from orgcheck.engine.compare import compare
from orgcheck.engine.team import team
from orgcheck.errors import OrgcheckError
from orgcheck.report import formats, pdf
from orgcheck.report.many import render_comparison, render_comparison_file, render_team, render_team_file
from orgcheck.report.rendering import render, render_file
from orgcheck.report.view import build_view, report_date

A4_POINTS = (595.28, 841.89)
SINGLES = [
    (answers.stem, language) for answers in sorted(EXAMPLES.glob("*.yaml")) for language in ("de", "en")
]
PAGE_LABEL = {"de": "Seite {page} von {pages}", "en": "Page {page} of {pages}"}


@pytest.fixture(scope="session")
def pypdf() -> Any:
    return pytest.importorskip("pypdf", reason="pypdf is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="session")
def printer(pypdf) -> pdf.Printer:
    """The process's printer (render_file uses it too): one Chromium for the whole session."""
    problem = pdf.missing()
    if problem is not None:
        pytest.skip(f"no PDF here: {problem}")
    return pdf.shared_printer()


class Printed:
    """A PDF read back: each page's text without the footer (squeezed), and the footer."""

    def __init__(self, data: bytes, pypdf: Any) -> None:
        self.data = data
        self.reader = pypdf.PdfReader(io.BytesIO(data))
        self.pages = self.reader.pages
        self.bodies: list[str] = []  # squeezed: no spaces, line ends or hyphens
        self.footers: list[str] = []
        for page in self.pages:
            # Chromium draws the footer after the page, so its text comes last, on one line.
            *body, footer = page.extract_text().rstrip().splitlines()
            self.bodies.append(squeeze("".join(body)))
            self.footers.append(" ".join(footer.split()))

    def headings(self) -> list[tuple[int, str]]:
        """(page index, title) of every bookmark: Chromium makes one of each heading."""
        found: list[tuple[int, str]] = []

        def walk(items: list[Any]) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    found.append((self.reader.get_destination_page_number(item), str(item.title)))

        walk(self.reader.outline)
        return found

    def pages_holding(self, text: str) -> list[int]:
        return [i for i, body in enumerate(self.bodies) if squeeze(text) in body]


def squeeze(text: str) -> str:
    """Text without what line breaking changes: spaces, line ends, hyphens, soft hyphens."""
    return re.sub(r"[\s\u00ad\-‐]", "", text)


def headings_ending_a_page(printed: Printed) -> list[tuple[int, str]]:
    """Headings with nothing of the body after them on their page (their section starts on the next)."""
    orphans = []
    for page, title in printed.headings():
        body = printed.bodies[page]
        at = body.rfind(squeeze(title))
        if at >= 0 and at + len(squeeze(title)) == len(body):
            orphans.append((page, title))
    return orphans


@pytest.fixture(scope="session")
def singles(printer, pypdf, pack) -> dict[tuple[str, str], tuple[Printed, dict[str, Any], str]]:
    """Every example's PDF in both languages, as the report layer writes them: (PDF, view, HTML)."""
    printed = {}
    for stem, language in SINGLES:
        answers = load_answers(EXAMPLES / f"{stem}.yaml", pack)
        assessment = assess(pack, answers)
        day = report_date(assessment)
        data = render_file("pdf", pack, assessment, language, day)
        view = build_view(pack, assessment, language, day)
        html = render("html", pack, assessment, language, day)
        printed[stem, language] = (Printed(data, pypdf), view, html)
    return printed


@pytest.mark.parametrize(("stem", "language"), SINGLES)
def test_each_example_prints_on_a4_pages_with_the_summary_on_page_one(singles, stem, language):
    printed, view, _ = singles[stem, language]
    assert 6 <= len(printed.pages) <= 14
    for page in printed.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4_POINTS[0]) <= 1 and abs(height - A4_POINTS[1]) <= 1
    first = printed.bodies[0]
    assert squeeze(view["recommendation"]["name"]) in first
    assert (
        squeeze(f"{view['words']['overall_score']}: {view['overall']} {view['words']['out_of_100']}") in first
    )
    assert view["actions"]  # the first three steps, or as many as there are
    for action in view["actions"][:3]:
        assert squeeze(action["text"]) in first, action["text"]
    # and nothing after the summary: "where you stand" opens page 2
    assert printed.pages_holding(view["words"]["where_you_stand"])[0] == 1


@pytest.mark.parametrize(("stem", "language"), SINGLES)
def test_every_page_has_the_organisation_the_date_and_its_number_in_the_footer(singles, stem, language):
    printed, view, _ = singles[stem, language]
    total = len(printed.pages)
    for number, footer in enumerate(printed.footers, start=1):
        label = PAGE_LABEL[language].format(page=number, pages=total)
        # squeezed: older pypdf reads a kerned "Verbund" as "V erbund"
        assert squeeze(footer) == squeeze(f"{view['organisation']} · {view['date']} {label}")


@pytest.mark.parametrize(("stem", "language"), SINGLES)
def test_no_heading_ends_a_page(singles, stem, language):
    printed, _, _ = singles[stem, language]
    assert len(printed.headings()) >= 20
    assert headings_ending_a_page(printed) == []


@pytest.mark.parametrize(("stem", "language"), SINGLES)
def test_no_row_finding_or_chart_is_cut_across_pages(singles, stem, language):
    """Each is found whole on one page: the action plan's and the answers' rows, every
    finding (its title to its reason), both charts (caption to the last bar)."""
    printed, view, _ = singles[stem, language]
    wholes = [
        *(f"{a['priority']}{a['owner_label']}{a['text']}" for a in view["actions"]),
        *(f"{a['question']}{a['answer']}" for a in view["answers"]),
        *(f"{f['title']}" for g in view["finding_groups"] for f in g["findings"]),
        *(
            f"{s['name']}{s['status_label'] or ''}{s['score']}{s['reason']}"
            for s in view["structures"]
            if s["status"] in ("recommended", "recommendable")
        ),
    ]
    cut = [text for text in wholes if len(printed.pages_holding(text)) != 1]
    assert cut == []
    for group in view["finding_groups"]:
        for finding in group["findings"]:
            title, why = printed.pages_holding(finding["title"]), printed.pages_holding(finding["why"])
            assert title == why, finding["title"]
    for chart in ("departments", "goals"):
        rows = view["benchmarks"][chart]
        pages = {page for row in rows for page in printed.pages_holding(row["label"] + row["figure"])}
        assert len(pages) == 1, chart


@pytest.mark.parametrize(("stem", "language"), SINGLES[:2])
def test_the_pdf_says_what_it_is_in_its_metadata(singles, stem, language):
    printed, view, html = singles[stem, language]
    title = re.search(r"<title>(.*)</title>", html).group(1)
    meta = printed.reader.metadata
    assert meta.title == title.replace("&amp;", "&")
    assert meta.author == "orgcheck"
    assert meta.subject == (
        f"{view['words']['recommended_structure']}: {view['recommendation']['name']}. "
        f"{view['words']['overall_score']}: {view['overall']} {view['words']['out_of_100']}."
    )
    day = dt.date.fromisoformat(view["iso_date"])
    assert meta["/CreationDate"] == meta["/ModDate"] == day.strftime("D:%Y%m%d000000Z")
    assert printed.reader.trailer["/Root"]["/Lang"] == language
    assert printed.reader.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged, for screen readers
    assert printed.data.startswith(b"%PDF-1.4\n")


def test_links_stay_links(singles):
    printed, view, _ = singles["stadtwerke-verbund", "de"]
    uris, inside = set(), 0
    for page in printed.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is None:
                inside += 1  # a destination in the document (a finding's link to its plan step)
            elif "/URI" in action:
                uris.add(str(action["/URI"]))
    reprints = {r["url"] for s in view["sources"] for r in s["reprints"] if r["url"]}
    assert reprints and reprints <= uris
    assert inside >= 1


def test_the_same_page_gives_the_same_bytes(printer, singles, pack):
    """Chromium's dates and its structure tree's node numbers are made repeatable, also for a
    page printed after others in the same browser."""
    printed, _, html = singles["beispiel-gmbh", "de"]
    again = printer.print(html)
    assert again == printed.data
    answers = load_answers(EXAMPLES / "beispiel-gmbh.yaml", pack)
    assessment = assess(pack, answers)
    assert render_file("pdf", pack, assessment, "de", report_date(assessment)) == printed.data


def test_a_heading_left_at_the_bottom_of_a_page_is_caught(printer, pypdf):
    """The check above works: without break-after: avoid, a heading is left alone at a page's end."""
    html = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Orphan</title>'
        "<style>@page { size: A4; margin: 16mm 15mm 18mm } body { margin: 0; font: 12pt sans-serif }"
        " h2 { margin: 0; font-size: 16pt; line-height: 20pt } .block { break-inside: avoid }</style></head>"
        '<body><div style="height: 238mm"></div><h2>The heading left behind</h2>'
        f'<div class="block">{"Text that has to stay whole. " * 60}</div></body></html>'
    )
    printed = Printed(printer.print(html), pypdf)
    assert len(printed.pages) == 2
    assert headings_ending_a_page(printed) == [(0, "The heading left behind")]


@pytest.fixture(scope="session")
def many(printer, pypdf, pack) -> dict[tuple[str, str], tuple[Printed, str]]:
    """The team and the progress report in both languages: (PDF, HTML)."""
    records = [outcome for _, outcome in assess_files(expand([str(EXAMPLES / "team")])[0], pack)]
    result = team(pack, records)
    day = result.consensus.answers.date
    pair = [outcome for _, outcome in assess_files(sorted((EXAMPLES / "progress").glob("*.yaml")), pack)]
    progress = compare(pack, *pair)
    printed = {}
    for language in ("de", "en"):
        printed["team", language] = (
            Printed(render_team_file("pdf", pack, result, language, day), pypdf),
            render_team("html", pack, result, language, day),
        )
        printed["progress", language] = (
            Printed(render_comparison_file("pdf", pack, progress, language), pypdf),
            render_comparison("html", pack, progress, language),
        )
    return printed


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(
    ("kind", "pages", "created"),
    # The team report ends with the consensus' full single report (16 and 19 pages in all).
    [("team", (8, 24), "2026-11-18"), ("progress", (1, 4), "2026-11-20")],
)
def test_the_team_and_the_progress_report_print_too(many, kind, pages, created, language):
    printed, html = many[kind, language]
    assert pages[0] <= len(printed.pages) <= pages[1]
    total = len(printed.pages)
    for number, footer in enumerate(printed.footers, start=1):
        assert squeeze(footer).endswith(squeeze(PAGE_LABEL[language].format(page=number, pages=total)))
        assert squeeze(footer).startswith(
            squeeze("Nordlicht Reisen GmbH" if kind == "team" else "Kessler Haustechnik GmbH")
        )
    meta = printed.reader.metadata
    assert meta.title == re.search(r"<title>(.*)</title>", html).group(1)
    assert meta["/CreationDate"] == dt.date.fromisoformat(created).strftime("D:%Y%m%d000000Z")
    assert printed.reader.trailer["/Root"]["/Lang"] == language
    assert headings_ending_a_page(printed) == []


def test_a_door_with_a_running_event_loop_prints_too(printer, singles):
    """The TUI calls from inside asyncio, where Playwright's sync API refuses to run: the
    printer's own thread does the work."""
    import asyncio

    _, _, html = singles["northwind-studio", "en"]

    async def save() -> bytes:
        return pdf.print_pdf(html)

    assert asyncio.run(save()) == singles["northwind-studio", "en"][0].data


def test_where_chromiums_sandbox_cannot_start_it_starts_without(printer, monkeypatch, pypdf):
    """As an ordinary user the sandbox is asked for; here (root) Chromium refuses it, as it
    does in containers that forbid user namespaces, and the printer starts it without."""
    monkeypatch.setattr(pdf, "_is_root", lambda: False)
    with pdf.Printer() as fresh:
        assert len(Printed(fresh.print("<!DOCTYPE html><title>x</title><p>x"), pypdf).pages) == 1


def test_a_browser_gone_away_is_said_in_a_line_and_the_next_page_starts_another(printer, pypdf):
    page = "<!DOCTYPE html><title>x</title><p>x"
    with pdf.Printer() as fresh:
        fresh.print(page)
        fresh._started().run(lambda browser: browser.browser.close() or b"")  # as if killed
        with pytest.raises(
            OrgcheckError, match=r"^the browser stopped while printing the PDF: .*; nothing was written$"
        ):
            fresh.print(page)
        assert len(Printed(fresh.print(page), pypdf).pages) == 1


def test_free_text_in_the_footer_stays_text(printer, pypdf):
    """An organisation named like Chromium's footer fields is printed as it is, not filled in."""
    name = '<span class="totalPages"></span> & <b>Co</b>'
    html = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="orgcheck:footer" content="{name.replace("&", "&amp;").replace("<", "&lt;").replace(chr(34), "&quot;")}">'
        "<title>Footer</title></head><body><p>One page.</p></body></html>"
    )
    head = pdf.read_head(html)
    assert head.footer == name
    assert "&lt;span class=&quot;totalPages&quot;&gt;" in pdf.footer_template(head)
    assert Printed(printer.print(html), pypdf).footers == [f"{name} 1 / 1"]


# --- without the extra, without a browser -----------------------------------------------------


def run_orgcheck_with(
    prelude: str, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``orgcheck ARGS`` in a fresh interpreter that first runs ``prelude``."""
    import os

    code = f"{prelude}\nfrom orgcheck.doors.main import main\nsys.exit(main({list(args)!r}))\n"
    return subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )


# A module set to None in sys.modules is one Python cannot import (and find_spec does not find).
WITHOUT_THE_EXTRA = "sys.modules['playwright'] = None"
EXTRA_MESSAGE = (
    "writing PDF needs orgcheck's pdf extra (playwright is not installed): pip install 'orgcheck[pdf]'"
)


@pytest.mark.parametrize("how", [["-o", "{out}"], ["--format", "pdf", "-o", "{out}"], ["--format", "pdf"]])
def test_without_the_extra_a_pdf_says_what_to_install_and_writes_nothing(tmp_path, how):
    out = tmp_path / "report.pdf"
    args = [a.replace("{out}", str(out)) for a in how]
    result = run_orgcheck_with(WITHOUT_THE_EXTRA, "--answers", str(EXAMPLES / "beispiel-gmbh.yaml"), *args)
    assert result.returncode == 2
    if args[0] == "-o":
        assert result.stderr == f"orgcheck: {out}: {EXTRA_MESSAGE}\n"
    else:  # named with -o's path where the door checks the format before it renders
        assert result.stderr in (f"orgcheck: {EXTRA_MESSAGE}\n", f"orgcheck: {out}: {EXTRA_MESSAGE}\n")
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_without_the_extra_a_save_dialog_is_not_offered_pdf_and_nothing_is_imported():
    probe = (
        "import sys\n"
        "sys.modules['pypdf'] = None\n"
        "from orgcheck.report import formats\n"
        "print(formats.names())\n"
        "print(formats.offered())\n"
        "print(formats.FORMATS['pdf'].missing())\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    names, offered, problem = result.stdout.splitlines()
    assert names == "('md', 'json', 'html', 'pdf')"
    assert offered == "('md', 'json', 'html')"
    assert "pypdf is not installed" in problem and "pip install 'orgcheck[pdf]'" in problem


def test_a_browser_variable_naming_no_program_is_an_error_and_nothing_is_written(tmp_path):
    out = tmp_path / "report.pdf"
    missing = tmp_path / "no-such-chromium"
    result = run_orgcheck_with(
        "",
        "--answers",
        str(EXAMPLES / "northwind-studio.yaml"),
        "-o",
        str(out),
        env={pdf.BROWSER_VARIABLE: str(missing)},
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"orgcheck: {out}: ORGCHECK_CHROMIUM={missing}: no such program; set it to the program of "
        "Chromium, Chrome or Edge, or unset it to use the one the system has\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_with_no_browser_anywhere_the_message_says_how_to_install_one(tmp_path):
    """No Chromium on PATH and none of Playwright's: the message names the commands that fix it."""
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "report.pdf"
    result = run_orgcheck_with(
        "",
        "--answers",
        str(EXAMPLES / "northwind-studio.yaml"),
        "-o",
        str(out),
        env={"PATH": str(empty), "PLAYWRIGHT_BROWSERS_PATH": str(empty), pdf.BROWSER_VARIABLE: ""},
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"orgcheck: {out}: writing PDF needs Chromium, Chrome or Edge, and none was found; install one "
        "(Debian, Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) or "
        "Playwright's own: python -m playwright install chromium; or set ORGCHECK_CHROMIUM to the "
        "browser's program\n"
    )
    assert not out.exists()


def test_a_program_that_is_no_browser_is_reported_with_what_it_said(pypdf, monkeypatch):
    if pdf.missing_modules():
        pytest.skip("Playwright is not installed")
    monkeypatch.setenv(pdf.BROWSER_VARIABLE, "/bin/false")
    with pdf.Printer() as printer, pytest.raises(OrgcheckError) as raised:
        printer.print("<!DOCTYPE html><title>x</title>")
    message = str(raised.value)
    assert message.startswith("the browser (/bin/false) did not start to print the PDF: ")
    assert message.endswith(
        "set ORGCHECK_CHROMIUM to another Chromium or Chrome, or run python -m playwright install chromium"
    )
    assert "Traceback" not in message


def test_the_headless_path_imports_neither_playwright_nor_pypdf(tmp_path):
    """Asking the registry, even whether PDF can be written, imports nothing of the extra."""
    probe = (
        "import sys\n"
        "from orgcheck.doors.main import main\n"
        "from orgcheck.report import formats\n"
        f"status = main(['--answers', {str(EXAMPLES / 'beispiel-gmbh.yaml')!r}, '-o', {str(tmp_path / 'r.html')!r}])\n"
        "formats.offered(), formats.FORMATS['pdf'].missing()\n"
        "print(status, sorted(m for m in sys.modules if m.split('.')[0] in ('playwright', 'pypdf', 'greenlet')))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "0 []", result.stderr


def test_text_is_refused_for_pdf_with_what_to_do(pack, answers_of, monkeypatch):
    """A door asking for PDF as text (render, not render_file) hears what it needs."""
    monkeypatch.setattr(pdf, "missing_modules", lambda: [])
    monkeypatch.setattr(pdf, "find_browser", lambda: "/usr/bin/chromium")
    assessment = assess(pack, answers_of())
    with pytest.raises(OrgcheckError, match="write HTML"):
        render("pdf", pack, assessment, "en", dt.date(2026, 11, 22))


@pytest.mark.parametrize(
    ("found", "offered"), [(True, ("md", "json", "html", "pdf")), (False, ("md", "json", "html"))]
)
def test_a_save_dialog_is_offered_pdf_where_it_can_be_written(monkeypatch, found, offered):
    monkeypatch.setattr(pdf, "missing_modules", lambda: [])
    monkeypatch.setattr(pdf, "system_browsers", lambda: iter(["/usr/bin/chromium"] if found else []))
    monkeypatch.setattr(pdf, "has_playwright_browser", lambda: False)
    monkeypatch.delenv(pdf.BROWSER_VARIABLE, raising=False)
    assert formats.offered() == offered
    assert formats.names() == ("md", "json", "html", "pdf")


def test_a_text_format_is_the_utf8_of_its_text(pack, answers_of):
    assessment = assess(pack, answers_of())
    day = dt.date(2026, 11, 22)
    for name in ("md", "json", "html"):
        assert (
            render_file(name, pack, assessment, "de", day)
            == render(name, pack, assessment, "de", day).encode()
        )


def test_the_browser_is_found_as_users_have_it(monkeypatch, tmp_path):
    """ORGCHECK_CHROMIUM first, then the system's browsers, then Playwright's own."""
    monkeypatch.setenv(pdf.BROWSER_VARIABLE, "/bin/sh")
    assert pdf.find_browser() == "/bin/sh"
    monkeypatch.delenv(pdf.BROWSER_VARIABLE)
    monkeypatch.setattr(pdf, "system_browsers", lambda: iter(["/opt/chrome/chrome"]))
    assert pdf.find_browser() == "/opt/chrome/chrome"
    monkeypatch.setattr(pdf, "system_browsers", lambda: iter([]))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path))
    with pytest.raises(OrgcheckError, match="none was found"):
        pdf.find_browser()
    (tmp_path / "chromium_headless_shell-1200").mkdir()
    assert pdf.find_browser() is None  # Playwright launches its own


# --- the doors write it: orgcheck -o, a pipe, team, compare, the TUI's save dialog ----------


def test_orgcheck_writes_the_pdf_to_a_file_and_into_a_pipe_the_same(printer, tmp_path, pypdf):
    example = str(EXAMPLES / "beispiel-gmbh.yaml")
    written = run_orgcheck("--answers", example, "-o", "bericht.pdf", cwd=tmp_path)
    piped = run_orgcheck("--answers", example, "--format", "pdf", cwd=tmp_path)
    assert written.returncode == piped.returncode == 0, written.stderr + piped.stderr
    data = (tmp_path / "bericht.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and piped.stdout == data
    assert "Empfehlung" in Printed(data, pypdf).reader.pages[0].extract_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bericht.pdf"]  # no temporary file left


def test_team_and_compare_write_their_pdf(printer, tmp_path, pypdf):
    team = run_orgcheck("team", str(EXAMPLES / "team"), "-o", "team.pdf", cwd=tmp_path)
    progress = run_orgcheck(
        "compare",
        str(EXAMPLES / "progress" / "2026-q1.yaml"),
        str(EXAMPLES / "progress" / "2026-q4.yaml"),
        "--format",
        "pdf",
        "-o",
        "progress.pdf",
        cwd=tmp_path,
    )
    assert team.returncode == progress.returncode == 0, team.stderr + progress.stderr
    for name in ("team.pdf", "progress.pdf"):
        assert Printed((tmp_path / name).read_bytes(), pypdf).pages


def test_a_pdf_is_not_poured_onto_a_terminal(printer, tmp_path):
    import os
    import pty

    leader, follower = pty.openpty()
    try:
        result = run_orgcheck(
            "--answers",
            str(EXAMPLES / "beispiel-gmbh.yaml"),
            "--format",
            "pdf",
            cwd=tmp_path,
            stdout=follower,
        )
    finally:
        os.close(follower)
    os.set_blocking(leader, False)
    try:
        shown = os.read(leader, 65536)
    except OSError:  # nothing was written to the terminal
        shown = b""
    os.close(leader)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "orgcheck: a PDF is not shown on a terminal; write it with -o report.pdf, or pipe it\n"
    )
    assert b"%PDF" not in shown and list(tmp_path.iterdir()) == []
