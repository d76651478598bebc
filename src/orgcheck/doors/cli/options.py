"""The options the headless commands share, and what they mean for where the output goes."""

from __future__ import annotations

import argparse
import os

from ...errors import OrgcheckError
from ...languages import LANGUAGES
from ...report import formats
from ..command import path_argument


def add_output_options(parser: argparse.ArgumentParser, *, template: bool = False) -> None:
    """-o, --format and --lang (and --template) of a command that writes a report."""
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        type=path_argument,
        help="write to PATH (atomically) instead of standard output",
    )
    parser.add_argument(
        "--format",
        choices=formats.names(),
        help=f"{', '.join(formats.names())} (default {formats.DEFAULT}); -o's suffix implies one "
        "(*.json json, *.html html, *.pdf pdf: PDF needs the extra orgcheck[pdf])",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="report language; default: the files' 'language', else the locale, else en",
    )
    if template:
        parser.add_argument(
            "--template",
            metavar="PATH",
            type=path_argument,
            help="render with your own Jinja2 template (sandboxed; see README)",
        )


def output_format(chosen: str | None, output: str | None) -> str:
    """--format, else what -o's suffix implies, else the default."""
    if chosen:
        return chosen
    by_name = formats.by_suffix(output) if output is not None else None
    return by_name.name if by_name else formats.DEFAULT


def refuse_output_onto(output: str | None, inputs: list[tuple[str | None, str]]) -> None:
    """Refuse an -o that names one of the inputs (``(path, what it is)``): it would be replaced."""
    if output is None:
        return
    for given, what in inputs:
        if given is not None and _same_file(output, given):
            raise OrgcheckError(f"{output}: is {what} itself; choose another output path")


def _same_file(a: str, b: str) -> bool:
    """Whether two paths are one regular file (through links); /dev/stdout twice is no clash."""
    try:
        return os.path.samefile(a, b) and os.path.isfile(a)
    except (OSError, ValueError):
        return False
