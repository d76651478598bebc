"""The report formats: one entry each, with its suffix, its template and its escaping.

Adding a format is one entry here and one template in ``reports/templates/``:
``--format``'s choices, ``-o``'s suffix inference and the TUI's save dialog
read this registry (tests/test_formats.py adds a toy format to prove it).

A binary format is another format's text converted to bytes: PDF is the HTML
page printed by Chromium (``pdf.py``, the optional extra ``orgcheck[pdf]``). It
may be missing on a machine (``missing``): ``--format`` still offers it and says
what to install, a save dialog offers only what can be written (``offered``).
Nothing here imports the extra's packages; ``pdf.py`` is imported on first use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from ..errors import Location, OrgcheckError, Problem
from . import markdown


def _nothing_missing() -> Problem | None:
    return None


@dataclass(frozen=True, eq=False)  # hashed by identity: an environment is cached per entry
class Format:
    name: str  # the value of --format
    label: str  # as the save dialog shows it
    suffix: str  # "-o report<suffix>" implies this format
    template: str  # a file in reports/templates/, given the view plus ``data`` (the JSON document)
    # How free text is made safe: filters the template applies (Markdown), or Jinja's
    # autoescape, which escapes every value the template prints (HTML).
    filters: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    autoescape: bool = False
    finish: Callable[[str], str] = str  # applied to the rendered text
    media_type: str = "text/plain; charset=utf-8"  # a download's Content-Type
    # A binary format: rendered as ``source`` (a text format's name), then converted.
    source: str | None = None
    convert: Callable[[str], bytes] | None = None
    # Why this machine cannot write the format (an extra or a program missing), or None.
    missing: Callable[[], Problem | None] = _nothing_missing

    @property
    def binary(self) -> bool:
        """Bytes for a file, never text for a terminal."""
        return self.convert is not None

    @property
    def text_format(self) -> str:
        """The format whose text this one is made of: the source of a binary one, else itself."""
        return self.source or self.name

    def to_bytes(self, text: str) -> bytes:
        """The file's content, given the text of ``text_format``: UTF-8, or converted."""
        return self.convert(text) if self.convert is not None else text.encode("utf-8")


def _json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def _keep_figures_whole(html: str) -> str:
    """'29,1 %' never breaks before its sign at the end of a line (German sets a space there)."""
    return re.sub(r"(\d) %", "\\1&#160;%", html)


def _print_pdf(html: str) -> bytes:
    from . import pdf  # its packages are imported when a page is printed

    return pdf.print_pdf(html)


def _pdf_missing() -> Problem | None:
    from . import pdf

    return pdf.missing()


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format(
            "md",
            "Markdown",
            ".md",
            "report.md.j2",
            filters=markdown.FILTERS,
            finish=markdown.tidy,
            media_type="text/markdown; charset=utf-8",
        ),
        Format(
            "json",
            "JSON",
            ".json",
            "report.json.j2",
            filters={"json": _json},
            media_type="application/json",
        ),
        Format(
            "html",
            "HTML",
            ".html",
            "report.html.j2",
            autoescape=True,
            finish=_keep_figures_whole,
            media_type="text/html; charset=utf-8",
        ),
        Format(
            "pdf",
            "PDF",
            ".pdf",
            "report.html.j2",  # the HTML report's, printed
            source="html",
            convert=_print_pdf,
            missing=_pdf_missing,
            media_type="application/pdf",
        ),
    )
}
DEFAULT = "md"


def names() -> tuple[str, ...]:
    """Every format, writable here or not (``--format``'s choices: a missing one says why)."""
    return tuple(FORMATS)


def offered() -> tuple[str, ...]:
    """The formats this machine can write now, for a save dialog or a download."""
    return tuple(name for name, entry in FORMATS.items() if entry.missing() is None)


def require(name: str, path: str | PurePath | None = None) -> Format:
    """The format ``name``, or the error that says what to install to write it (at ``path``)."""
    entry = FORMATS[name]
    problem = entry.missing()
    if problem is not None:
        where = Location(str(path)) if path is not None else problem.location
        raise OrgcheckError(problem._replace(location=where))
    return entry


# Suffixes people reach for that no format writes, and what to do instead (rather than
# writing Markdown into report.docx), in English and German. None today; .pdf left when PDF came.
NOT_WRITTEN: dict[str, tuple[str, str]] = {}


def by_suffix(path: str | PurePath) -> Format | None:
    """The format that ``-o path`` implies, by its suffix (case ignored), or None.

    A suffix of NOT_WRITTEN is an error that says what to do instead; so is the suffix
    of a format this machine cannot write (``-o report.pdf`` without the pdf extra).
    """
    suffix = PurePath(path).suffix.lower()
    if suffix in NOT_WRITTEN:
        english, german = NOT_WRITTEN[suffix]
        raise OrgcheckError(Problem(english, Location(str(path)), de=german))
    found = _with_suffix(suffix)
    return require(found.name, path) if found is not None else None


def for_template(path: str | PurePath) -> Format:
    """The format a custom template is written in, by its name: 'mine.html.j2' is HTML, else Markdown."""
    inner = PurePath(path)
    if inner.suffix.lower() in (".j2", ".jinja", ".jinja2"):
        inner = inner.with_suffix("")
    found = _with_suffix(inner.suffix.lower())
    return found if found is not None and not found.binary else FORMATS[DEFAULT]


def _with_suffix(suffix: str) -> Format | None:
    return next((fmt for fmt in FORMATS.values() if fmt.suffix == suffix), None)
