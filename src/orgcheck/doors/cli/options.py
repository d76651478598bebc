"""The options the headless commands share, and what they mean for where the output goes."""

from __future__ import annotations

import os

from ...errors import Location, OrgcheckError, Problem
from ...languages import LANGUAGES
from ...report import formats
from ..command import Parser, path_argument
from ..words import OPTION_HELP, Words
from .output import STANDARD_STREAM


def help_of(parser: Parser, option: str, **fill: object) -> str:
    return parser.words(OPTION_HELP[option], **fill)


def add_output_options(parser: Parser, *, template: bool = False, many: bool = False) -> None:
    """-o, --format and --lang (and --template) of a command that writes a report."""
    add_report_options(parser, dest="", many=many)
    if template:
        parser.add_argument(
            "--template", metavar=parser.metavar("PATH"), type=path_argument, help=help_of(parser, "template")
        )


def add_report_options(parser: Parser, *, dest: str, many: bool = False) -> None:
    """-o, --format and --lang; ``dest`` before each name (main's own are kept apart)."""
    parser.add_argument(
        "-o",
        "--output",
        dest=f"{dest}output",
        metavar=parser.metavar("PATH"),
        type=path_argument,
        help=help_of(parser, "output"),
    )
    parser.add_argument(
        "--format",
        dest=f"{dest}format",
        choices=formats.names(),
        help=help_of(parser, "format", formats=", ".join(formats.names()), default=formats.DEFAULT),
    )
    parser.add_argument(
        "--lang",
        dest=f"{dest}lang",
        choices=LANGUAGES,
        help=help_of(parser, "lang_many" if many else "lang"),
    )


def output_format(chosen: str | None, output: str | None) -> str:
    """--format, else what -o's suffix implies, else the default."""
    if chosen:
        return chosen
    by_name = formats.by_suffix(output) if output not in (None, STANDARD_STREAM) else None
    return by_name.name if by_name else formats.DEFAULT


def refuse_output_onto(output: str | None, inputs: list[tuple[str | None, Words]]) -> None:
    """Refuse an -o that names one of the inputs (``(path, what it is)``): it would be replaced."""
    if output is None or output == STANDARD_STREAM:
        return
    for given, (what, what_de) in inputs:
        if given is not None and given != STANDARD_STREAM and _same_file(output, given):
            raise OrgcheckError(
                Problem(
                    f"is {what} itself; choose another output path",
                    Location(output),
                    de=f"ist {what_de} selbst; wählen Sie einen anderen Pfad für die Ausgabe",
                )
            )


def _same_file(a: str, b: str) -> bool:
    """Whether two paths are one regular file (through links); /dev/stdout twice is no clash."""
    try:
        return os.path.samefile(a, b) and os.path.isfile(a)
    except (OSError, ValueError):
        return False
