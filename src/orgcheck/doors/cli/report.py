"""One assessment: ``orgcheck report FILE`` (``--answers FILE``), and the answers file's
example and schema (``orgcheck example | schema``, ``--example``, ``--schema``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NamedTuple

from ...errors import EXIT_OK
from ...languages import LANGUAGES, choose_language
from ...report import formats
from ..command import Command, Parser, path_argument
from .options import add_output_options, help_of, output_format, refuse_output_onto
from .output import STANDARD_STREAM, emit, writable, write_stdout
from .signals import signals_as_exceptions

# How standard input is named in messages, as the answers file ``-``.
STANDARD_INPUT = "<stdin>"


class ReportRequest(NamedTuple):
    """What to assess and where the report goes: from ``report FILE`` or ``--answers FILE``."""

    answers: str
    output: str | None = None
    format: str | None = None
    template: str | None = None
    lang: str | None = None


def check_options(parser: Parser, fmt: str | None, template: str | None) -> None:
    if template is not None and fmt is not None:
        parser.refuse("template_and_format", fmt=fmt)


def write_report(request: ReportRequest) -> int:
    """The report on one answers file, to standard output or ``-o``, as ``orgcheck --answers`` does."""
    with signals_as_exceptions():
        return _write_report(request)


def _write_report(request: ReportRequest) -> int:
    from ...answers.validate import load_answers
    from ...engine.assess import assess
    from ...pack.load import load_pack
    from ...report.rendering import render_file
    from ...report.view import report_date

    output = request.output
    # A template writes its own format: -o's suffix says nothing then.
    default = formats.DEFAULT if request.template is not None else output_format(None, output)
    fmt = request.format or default
    if request.template is None:
        writable(fmt, output)
    refuse_output_onto(
        output,
        [
            (request.answers, ("the answers file", "die Antwortdatei")),
            (request.template, ("the template", "die Vorlage")),
        ],
    )
    pack = load_pack()
    if request.answers == STANDARD_STREAM:  # `--answers -`, as `-o -` is standard output
        answers = load_answers(Path("/dev/stdin"), pack, label=STANDARD_INPUT)
    else:
        answers = load_answers(Path(request.answers), pack)
    assessment = assess(pack, answers)
    language = choose_language(request.lang, answers.language)
    template = Path(request.template) if request.template is not None else None
    content = render_file(fmt, pack, assessment, language, report_date(assessment), template=template)
    emit(output, content)
    return EXIT_OK


def print_example(lang: str | None) -> int:
    """A commented answers file with every question, in ``lang`` (else the locale's)."""
    from ...answers.validate import default_date
    from ...answers.write import example_answers
    from ...pack.load import load_pack

    write_stdout(example_answers(load_pack(), choose_language(lang, None), default_date()), what="example")
    return EXIT_OK


def print_schema() -> int:
    from ...answers.write import json_schema
    from ...pack.load import load_pack

    write_stdout(json_schema(load_pack()), what="schema")
    return EXIT_OK


def _report_arguments(parser: Parser, language: str) -> None:
    parser.add_argument(
        "file", metavar=parser.metavar("FILE"), type=path_argument, help=help_of(parser, "file")
    )
    add_output_options(parser, template=True)


def _run_report(parser: Parser, args: argparse.Namespace) -> int:
    check_options(parser, args.format, args.template)
    return write_report(ReportRequest(args.file, args.output, args.format, args.template, args.lang))


def _example_arguments(parser: Parser, language: str) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, help=help_of(parser, "lang_example"))


REPORT = Command(
    name="report",
    usage="report FILE",
    summary=("one assessment (as --answers FILE)", "eine Bewertung (wie --answers DATEI)"),
    description=(
        "The report on one answers file (the same as 'orgcheck --answers FILE').",
        "Der Bericht zu einer Antwortdatei (wie 'orgcheck --answers DATEI').",
    ),
    examples=(
        "  orgcheck report answers.yaml -o report.md\n  orgcheck report answers.yaml --format json --lang en"
    ),
    add_arguments=_report_arguments,
    run=_run_report,
)
EXAMPLE = Command(
    name="example",
    usage="example",
    summary=("as --example", "wie --example"),
    description=(
        "A commented answers file with every question and its allowed values (as --example).",
        "Eine kommentierte Antwortdatei mit jeder Frage und ihren erlaubten Werten (wie --example).",
    ),
    examples="  orgcheck example > answers.yaml\n  orgcheck example --lang de > antworten.yaml",
    add_arguments=_example_arguments,
    run=lambda parser, args: print_example(args.lang),
)
SCHEMA = Command(
    name="schema",
    usage="schema",
    summary=("as --schema", "wie --schema"),
    description=(
        "The JSON Schema of the answers file, for editors (as --schema).",
        "Das JSON-Schema der Antwortdatei, für Editoren (wie --schema).",
    ),
    examples="  orgcheck schema > answers.schema.json",
    add_arguments=lambda parser, language: None,
    run=lambda parser, args: print_schema(),
)
