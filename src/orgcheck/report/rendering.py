"""Rendering an Assessment in a format of the registry, or through a user's own template.

``render`` gives text (Markdown, JSON, HTML); ``render_file`` the bytes of a file in
any format, PDF included (the HTML report, printed: ``pdf.py``).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from ..engine.assess import Assessment
from ..errors import OrgcheckError, Problem
from ..pack.model import Pack
from ..resources import templates_dir
from ..textsafe import strip_control
from . import formats
from .document import json_document
from .view import build_view


def context(pack: Pack, assessment: Assessment, language: str, day: dt.date) -> dict[str, Any]:
    """What every template sees, built-in or custom: the view plus ``data``, the JSON document."""
    return {
        **build_view(pack, assessment, language, day),
        "data": json_document(pack, assessment, language, day),
    }


@cache
def _environment(fmt: formats.Format, directory: Path) -> Any:
    import jinja2

    from ..store.cache import template_cache

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(directory),
        bytecode_cache=template_cache(),
        undefined=jinja2.StrictUndefined,
        autoescape=fmt.autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(fmt.filters)
    return environment


def render(
    fmt: str, pack: Pack, assessment: Assessment, language: str, day: dt.date, template: Path | None = None
) -> str:
    """The report in ``fmt`` (a name in the format registry), or through a user's ``template``."""
    if template is not None:
        return render_custom(template, pack, assessment, language, day)
    refuse_binary(fmt)
    entry = formats.FORMATS[fmt]
    return render_template(fmt, entry.template, context(pack, assessment, language, day))


def render_file(
    fmt: str, pack: Pack, assessment: Assessment, language: str, day: dt.date, template: Path | None = None
) -> bytes:
    """The report as the content of a file in ``fmt``: a text format's UTF-8, or a binary
    format (PDF) made of its source's text. OrgcheckError when ``fmt`` cannot be written here
    (the pdf extra or a browser missing), before anything is rendered."""
    if template is not None:
        return render_custom(template, pack, assessment, language, day).encode("utf-8")
    entry = formats.require(fmt)
    return entry.to_bytes(render(entry.text_format, pack, assessment, language, day))


def refuse_binary(fmt: str) -> None:
    """Refuse a binary format where text is asked for, with what to do instead.

    The doors write a binary format with ``render_file`` (or ``many``'s ``*_file``); one
    that asks for its text hears what the format needs, or to write HTML instead.
    """
    entry = formats.FORMATS[fmt]
    if entry.binary:
        formats.require(fmt)
        source = formats.FORMATS[entry.text_format]
        raise OrgcheckError(
            Problem(
                f"this command writes no {entry.label} yet; write {source.label} "
                f"(-o report{source.suffix}) and print it from a browser (see README, 'PDF')",
                de=f"dieser Befehl schreibt noch kein {entry.label}; schreiben Sie {source.label} "
                f"(-o bericht{source.suffix}) und drucken Sie es im Browser (siehe README, 'PDF')",
            )
        )


def render_template(fmt: str, template: str, values: dict[str, Any]) -> str:
    """A shipped template (in reports/templates/) rendered with ``fmt``'s escaping and finish.

    The single assessment's template is the format's own; other documents (a team's,
    a comparison's) bring their own template and context and get the same escaping.
    """
    refuse_binary(fmt)
    entry = formats.FORMATS[fmt]
    page = _environment(entry, templates_dir()).get_template(template)
    return entry.finish(page.render(values))


def render_markdown(pack: Pack, assessment: Assessment, language: str, day: dt.date) -> str:
    return render("md", pack, assessment, language, day)


def render_json(pack: Pack, assessment: Assessment, language: str, day: dt.date) -> str:
    """The machine-readable result (product contract, section 7)."""
    return render("json", pack, assessment, language, day)


def render_html(pack: Pack, assessment: Assessment, language: str, day: dt.date) -> str:
    """One self-contained page: no script, nothing loaded from elsewhere, a print stylesheet for A4."""
    return render("html", pack, assessment, language, day)


def render_custom(
    template_path: Path, pack: Pack, assessment: Assessment, language: str, day: dt.date
) -> str:
    """Render a user's own template, sandboxed: it sees the view and nothing of Python.

    The context is the one the built-in formats get (README, "Custom templates"),
    with every format's filters, and the escaping of the format its name ends in
    (``mine.html.j2``: autoescaped as HTML).
    Errors name the template file and line; a template reaching for internals
    is refused; time, memory and output are bounded (orgcheck.sandbox).
    """
    from ..yamlio.source import read_text
    from . import sandbox

    source = read_text(template_path, label=str(template_path), what="template")
    filters = {name: f for entry in formats.FORMATS.values() for name, f in entry.filters.items()}
    autoescape = formats.for_template(template_path).autoescape
    text = sandbox.render(
        template_path,
        source,
        context(pack, assessment, language, day),
        filters=filters,
        autoescape=autoescape,
    )
    # The template is the user's, but what reaches a terminal stays free of escape sequences.
    return strip_control(text)
