"""The report formats: one entry each, with its suffix, its template and its escaping.

Adding a format is one entry here and one template in ``reports/templates/``:
``--format``'s choices, ``-o``'s suffix inference and the TUI's save dialog
read this registry (tests/test_formats.py adds a toy format to prove it).
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


def _json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def _keep_figures_whole(html: str) -> str:
    """'29,1 %' never breaks before its sign at the end of a line (German sets a space there)."""
    return re.sub(r"(\d) %", "\\1&#160;%", html)


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
        ),
        Format("json", "JSON", ".json", "report.json.j2", filters={"json": _json}),
        Format("html", "HTML", ".html", "report.html.j2", autoescape=True, finish=_keep_figures_whole),
    )
}
DEFAULT = "md"


def names() -> tuple[str, ...]:
    return tuple(FORMATS)


# Suffixes people reach for that no format writes, and what to do instead (rather than
# writing Markdown into report.pdf).
NOT_WRITTEN = {
    ".pdf": "orgcheck writes no PDF; write HTML (-o report.html) and print it to PDF from a browser "
    "(see README, 'PDF')",
}
NOT_WRITTEN_DE = {
    ".pdf": "orgcheck schreibt kein PDF; schreiben Sie HTML (-o bericht.html) und drucken Sie es im "
    "Browser als PDF (siehe README, 'PDF')",
}


def by_suffix(path: str | PurePath) -> Format | None:
    """The format that ``-o path`` implies, by its suffix (case ignored), or None.

    A suffix of NOT_WRITTEN is an error that says what to do instead.
    """
    suffix = PurePath(path).suffix.lower()
    if suffix in NOT_WRITTEN:
        raise OrgcheckError(Problem(NOT_WRITTEN[suffix], Location(str(path)), de=NOT_WRITTEN_DE[suffix]))
    return _with_suffix(suffix)


def for_template(path: str | PurePath) -> Format:
    """The format a custom template is written in, by its name: 'mine.html.j2' is HTML, else Markdown."""
    inner = PurePath(path)
    if inner.suffix.lower() in (".j2", ".jinja", ".jinja2"):
        inner = inner.with_suffix("")
    return _with_suffix(inner.suffix.lower()) or FORMATS[DEFAULT]


def _with_suffix(suffix: str) -> Format | None:
    return next((fmt for fmt in FORMATS.values() if fmt.suffix == suffix), None)
