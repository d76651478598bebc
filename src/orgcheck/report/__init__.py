"""The report: an Assessment as a plain-data view, rendered in a registered format.

    localizer.py   the report's words, numbers, dates and citations in one language
    view.py        the view: plain data for templates (no format's escaping in it)
    document.py    the JSON document (public API)
    formats.py     the format registry: md, json, html, pdf (suffix, template, escaping)
    markdown.py    Markdown's escaping and bars, as filters of its template
    rendering.py   rendering a format, or a user's template in the sandbox
    pdf.py         the HTML page printed to PDF by Chromium (the optional extra orgcheck[pdf])

Names are exported lazily (PEP 562): the TUI reads the localizer without
loading Jinja or the renderers.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Localizer": "localizer",
    "load_strings": "localizer",
    "report_strings": "localizer",
    "VERSION": "view",
    "build_view": "view",
    "report_date": "view",
    "SCHEMA_VERSION": "document",
    "json_document": "document",
    "machine_evidence": "document",
    "FORMATS": "formats",
    "Format": "formats",
    "bar": "markdown",
    "Printer": "pdf",
    "print_pdf": "pdf",
    "context": "rendering",
    "render": "rendering",
    "render_custom": "rendering",
    "render_file": "rendering",
    "render_html": "rendering",
    "render_json": "rendering",
    "render_markdown": "rendering",
    "render_template": "rendering",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = sorted(_EXPORTS)
