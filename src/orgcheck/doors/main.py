"""``orgcheck``: the parser, its commands, and the door each one opens.

Without a command it is the questionnaire (the TUI), or with ``--answers FILE``
the report headless; a command (``report``, ``team``, ``compare``, ``example``,
``schema``) is one of the headless commands in :mod:`orgcheck.doors.cli`, whose
registry the parser's subcommands are built from. Errors a user can act on are
caught here, once, and printed as located lines (exit 2).

The headless path must not import Textual (it costs about 200 ms at start-up):
the TUI is imported in the function that starts it; tests/test_cli.py proves it
in a subprocess.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from typing import NoReturn

from ..errors import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, MAX_PROBLEMS_SHOWN, OrgcheckError, print_error, say
from ..languages import LANGUAGES
from ..report import formats
from ..resources import VERSION
from .cli import COMMANDS as HEADLESS
from .cli.report import ReportRequest, check_options, print_example, print_schema, write_report
from .cli.signals import Interrupted
from .command import EXIT_STATUS_HELP, Command, path_argument
from .serve.command import SERVE

COMMANDS: dict[str, Command] = {**HEADLESS, SERVE.name: SERVE}

# The options of ``orgcheck`` itself (the questionnaire and --answers) that a command has
# too are kept apart (dest "main_..."): given before a command's name, argparse would
# silently replace them with the command's defaults.
MAIN_ONLY = (
    "answers",
    "edit",
    "example",
    "schema",
    "main_output",
    "main_format",
    "main_template",
    "main_lang",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line that points at this parser's help (an argument can carry escape sequences:
        say shows them escaped)."""
        say(f"{message}; see '{self.prog} --help'")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    listed = "".join(f"  orgcheck {c.usage:<33}{c.summary}\n" for c in COMMANDS.values())
    parser = _Parser(
        prog="orgcheck",
        description=(
            "Recommends who should own social media in your organisation, from up to 16\n"
            "questions, with a report that cites its sources. Without options it starts\n"
            "the interactive questionnaire."
        ),
        epilog=(
            "examples:\n"
            "  orgcheck                                  start the questionnaire\n"
            "  orgcheck --example > answers.yaml         an answers file to fill in\n"
            "  orgcheck --answers answers.yaml           the report, as Markdown\n"
            "  orgcheck --answers a.yaml -o report.md    written to a file\n"
            "  orgcheck --answers a.yaml -o report.html  for the board (print it from a browser)\n"
            "  orgcheck --answers a.yaml --format json   for scripts\n"
            f"\ncommands (each with its own --help):\n{listed}"
            f"\n{EXIT_STATUS_HELP}"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--answers",
        metavar="FILE",
        type=path_argument,
        help="answers file (YAML); prints the report without the questionnaire",
    )
    source.add_argument(
        "--edit",
        metavar="FILE",
        type=path_argument,
        help="open the questionnaire with this file's answers filled in",
    )
    source.add_argument(
        "--example",
        action="store_true",
        help="print a commented answers file with every question and its allowed values",
    )
    source.add_argument("--schema", action="store_true", help="print the JSON Schema of the answers file")
    parser.add_argument(
        "-o",
        "--output",
        dest="main_output",
        metavar="PATH",
        type=path_argument,
        help="write the report to PATH (atomically) instead of standard output",
    )
    parser.add_argument(
        "--format",
        dest="main_format",
        choices=formats.names(),
        help=(
            f"report format: {', '.join(formats.names())} (default {formats.DEFAULT}); "
            "-o's suffix implies it (-o x.html: html)"
        ),
    )
    parser.add_argument(
        "--template",
        dest="main_template",
        metavar="PATH",
        type=path_argument,
        help="render the report with your own Jinja2 template (sandboxed; see README)",
    )
    parser.add_argument(
        "--lang",
        dest="main_lang",
        choices=LANGUAGES,
        help="report language; default: the file's 'language', else the locale, else en",
    )
    parser.add_argument("--version", action="version", version=f"orgcheck {VERSION}")
    # Listed in the epilog, with what each takes, rather than as argparse's {a,b,c}.
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, help=argparse.SUPPRESS
    )
    for command in COMMANDS.values():
        subparser = commands.add_parser(
            command.name,
            description=command.description,
            epilog=command.epilog(),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.add_arguments(subparser)
    return parser


def main(argv: list[str] | None = None) -> int:
    _guard_standard_streams()
    parser = build_parser()
    language = "en"  # of the messages: --lang de gives German ones where they exist
    limit: int | None = MAX_PROBLEMS_SHOWN
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
        if args.command is not None:
            given = [name for name in MAIN_ONLY if getattr(args, name) not in (None, False)]
            if given:
                parser.error(f"options before '{args.command}' are orgcheck's own; put them after it")
            command = COMMANDS[args.command]
            if command.every_problem:
                limit = None  # the contract: every problem in every file
            return command.run(parser, args)
        language = args.main_lang or language
        return _run_main(parser, args)
    except OrgcheckError as error:
        print_error(error, language, limit=limit)
        return EXIT_USAGE
    except KeyboardInterrupt as stop:
        number = stop.number if isinstance(stop, Interrupted) else signal.SIGINT
        say(f"stopped by {signal.Signals(number).name}; no file was changed")
        return 128 + number
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        # The user's files are checked where they are read and written (exit 2); an
        # OSError that gets here is orgcheck's own or the machine's.
        where = f"{exc.filename}: " if exc.filename else ""
        say(f"internal error: {where}{exc.strerror or exc}; please report it")
        return EXIT_FAILURE


def _run_main(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """``orgcheck`` without a command: --example, --schema, --answers, else the questionnaire."""
    if args.answers is None and (args.main_output or args.main_format or args.main_template):
        parser.error("-o/--output, --format and --template need --answers FILE")
    check_options(parser, args.main_format, args.main_template)
    if args.example:
        return print_example(args.main_lang)
    if args.schema:
        return print_schema()
    if args.answers is not None:
        return write_report(
            ReportRequest(
                args.answers, args.main_output, args.main_format, args.main_template, args.main_lang
            )
        )
    return _start_tui(args)


def _guard_standard_streams() -> None:
    """Put /dev/null on a closed standard stream.

    With fd 2 closed, the next file opened would get number 2 and a message for
    standard error would land in it (a report, the draft). Python has already
    set ``sys.stdout`` or ``sys.stderr`` to None for a closed one.
    """
    closed = set()
    for number in (0, 1, 2):
        try:
            os.fstat(number)
        except OSError:
            closed.add(number)
    for number in sorted(closed):
        descriptor = os.open(os.devnull, os.O_RDWR)
        if descriptor != number:
            os.dup2(descriptor, number)
            os.close(descriptor)


def _start_tui(args: argparse.Namespace) -> int:
    if args.edit is not None:  # a wrong file name is the first thing to say, terminal or not
        from ..yamlio import read_text

        read_text(Path(args.edit))
    if not all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout)):
        # Textual would draw escape codes into a file and wait for keys that never come.
        raise OrgcheckError(
            "the questionnaire needs a terminal (standard input and output); without one, "
            "use 'orgcheck --answers FILE' (an answers file to fill in: 'orgcheck --example')"
        )
    try:
        # Here, not at the top: nothing on the headless path imports Textual.
        from .tui.app import run
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(("orgcheck.doors.tui", "textual")):
            say(
                "the interactive questionnaire is not available in this build; "
                "use 'orgcheck --answers FILE' (see 'orgcheck --help')"
            )
            return EXIT_USAGE
        raise
    edit = Path(args.edit) if args.edit is not None else None
    return int(run(edit=edit, language=args.main_lang))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
