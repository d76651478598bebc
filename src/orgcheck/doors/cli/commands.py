"""``orgcheck report|team|compare|example|schema``: the commands, mapped onto the core.

``report``, ``example`` and ``schema`` are the options ``--answers``,
``--example`` and ``--schema`` under a name; ``team`` and ``compare`` read
many or two answers files. Every problem in every file is collected before
anything is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ...errors import EXIT_OK, EXIT_USAGE, OrgcheckError, Problem, say
from ...languages import LANGUAGES, choose_language
from ...report import formats
from .. import main as cli

if TYPE_CHECKING:
    from ...engine.record import Record
    from ...pack.model import Pack


class _CommandParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line that points at this command's help."""
        say(f"{message}; see '{self.prog} --help'")
        raise SystemExit(EXIT_USAGE)


def _parser(name: str, description: str, examples: str) -> argparse.ArgumentParser:
    return _CommandParser(
        prog=f"orgcheck {name}",
        description=description,
        epilog="examples:\n"
        + examples
        + "\n\nexit status: 0 success, 2 bad input or usage, 1 internal error",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _output_options(parser: argparse.ArgumentParser, *, template: bool = False) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        type=cli.path_argument,
        help="write to PATH (atomically) instead of standard output",
    )
    parser.add_argument(
        "--format",
        choices=formats.names(),
        help=f"{', '.join(formats.names())} (default {formats.DEFAULT}); -o *.json implies json, *.html html",
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
            type=cli.path_argument,
            help="render with your own Jinja2 template (sandboxed; see README)",
        )


def _report(argv: list[str]) -> int:
    parser = _parser(
        "report",
        "The report on one answers file (the same as 'orgcheck --answers FILE').",
        "  orgcheck report answers.yaml -o report.md\n  orgcheck report answers.yaml --format json --lang en",
    )
    parser.add_argument("file", metavar="FILE", type=cli.path_argument, help="answers file (YAML)")
    _output_options(parser, template=True)
    args = parser.parse_args(argv)
    namespace = argparse.Namespace(
        answers=args.file,
        edit=None,
        example=False,
        schema=False,
        output=args.output,
        format=args.format,
        template=args.template,
        lang=args.lang,
    )
    return cli.run_report(parser, namespace)


def _format_help(name: str, description: str, examples: str) -> Callable[[list[str]], int]:
    def run(argv: list[str]) -> int:
        parser = _parser(name, description, examples)
        if name == "example":
            parser.add_argument("--lang", choices=LANGUAGES, help="language of the comments")
        args = parser.parse_args(argv)
        namespace = argparse.Namespace(schema=name == "schema", lang=getattr(args, "lang", None))
        return cli.print_format_help(namespace)

    return run


def _team(argv: list[str]) -> int:
    parser = _parser(
        "team",
        "A team's assessment from each member's answers file: the consensus (structure,\n"
        "scores, findings, actions), each person's result side by side, and the\n"
        "questions the team answered differently, most divided first. PATH is an\n"
        "answers file or a folder of them (*.yaml, *.yml); at least two respondents.",
        "  orgcheck team examples/team/ -o team.md\n"
        "  orgcheck team anna.yaml ben.yaml carla.yaml --format json",
    )
    parser.add_argument(
        "paths", metavar="PATH", nargs="+", type=cli.path_argument, help="answers files or folders"
    )
    _output_options(parser)
    args = parser.parse_args(argv)
    with cli.signals_as_exceptions():
        return _write_team(args)


def _write_team(args: argparse.Namespace) -> int:
    from ...answers.batch import expand
    from ...answers.validate import default_date
    from ...engine.team import team
    from ...pack.load import load_pack
    from ...report.many import render_team

    pack = load_pack()
    fmt, records = _assessed(args, expand(args.paths), pack, also=_same_respondent_problems)
    result = team(pack, records)
    consensus = result.consensus.answers
    language = choose_language(args.lang, consensus.language)
    text = render_team(fmt, pack, result, language, consensus.date or default_date())
    cli.emit(args.output, text)
    return EXIT_OK


def _assessed(
    args: argparse.Namespace,
    files: list[Path],
    pack: Pack,
    also: Callable[[list[Record]], list[Problem]] = lambda records: [],
) -> tuple[str, list[Record]]:
    """The output format and each file's record; or every problem of every file (and those
    ``also`` finds among the records) at once, before anything is written."""
    from ...engine.batch import assess_files

    fmt = cli.output_format(args.format, args.output)
    cli.refuse_output_onto(args.output, [(str(f), f"the answers file {f}") for f in files])
    records: list[Record] = []
    problems: list[Problem] = []
    for _, outcome in assess_files(files, pack):
        if isinstance(outcome, list):
            problems.extend(outcome)
        else:
            records.append(outcome)
    problems.extend(also(records))
    if problems:
        raise OrgcheckError(problems)
    return fmt, records


def _same_respondent_problems(records: list[Record]) -> list[Problem]:
    from ... import yamlio
    from ...engine.team import same_respondent

    problems = []
    for first, again in same_respondent(records):
        where = yamlio.load(Path(again.file)).where(("respondent",))
        problems.append(
            Problem(
                f"respondent '{again.respondent}' also answered {first.file}; "
                "give each person one answers file, or tell them apart in 'respondent'",
                where,
            )
        )
    return problems


def _compare(argv: list[str]) -> int:
    parser = _parser(
        "compare",
        "Progress between two assessments of one organisation: the overall and\n"
        "dimension scores then and now, findings resolved, new and still open, the\n"
        "answers that changed and the recommendation then and now. Both files are\n"
        "assessed again with the questions and rules in use, so a change is the\n"
        "answers' doing.",
        "  orgcheck compare 2026-q1.yaml 2026-q4.yaml -o progress.md\n"
        "  orgcheck compare before.yaml after.yaml --format json",
    )
    parser.add_argument("before", metavar="BEFORE", type=cli.path_argument, help="the earlier answers file")
    parser.add_argument("after", metavar="AFTER", type=cli.path_argument, help="the later answers file")
    _output_options(parser)
    args = parser.parse_args(argv)
    with cli.signals_as_exceptions():
        return _write_comparison(args)


def _write_comparison(args: argparse.Namespace) -> int:
    from ...engine.compare import compare
    from ...pack.load import load_pack
    from ...report.many import render_comparison

    pack = load_pack()
    fmt, (before, after) = _assessed(args, [Path(args.before), Path(args.after)], pack)
    result = compare(pack, before, after)
    language = choose_language(args.lang, after.language or before.language)
    cli.emit(args.output, render_comparison(fmt, pack, result, language))
    return EXIT_OK


COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "report": _report,
    "team": _team,
    "compare": _compare,
    "example": _format_help(
        "example",
        "A commented answers file with every question and its allowed values (as --example).",
        "  orgcheck example > answers.yaml\n  orgcheck example --lang de > antworten.yaml",
    ),
    "schema": _format_help(
        "schema",
        "The JSON Schema of the answers file, for editors (as --schema).",
        "  orgcheck schema > answers.schema.json",
    ),
}
