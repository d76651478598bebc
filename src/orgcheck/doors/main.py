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

from ..errors import (
    EXIT_FAILURE,
    EXIT_USAGE,
    MAX_PROBLEMS_SHOWN,
    OrgcheckError,
    Problem,
    message_language,
    messages_in,
    print_error,
    reason,
    say,
)
from ..languages import LANGUAGES, locale_language
from ..resources import VERSION
from .cli import COMMANDS as HEADLESS
from .cli.options import add_report_options, help_of
from .cli.report import ReportRequest, check_options, print_example, print_schema, write_report
from .cli.signals import Interrupted
from .command import Command, Parser, path_argument
from .serve.command import SERVE
from .words import COMMANDS as COMMANDS_HEADING
from .words import EXAMPLES, EXIT_STATUS, MAIN_DESCRIPTION, MAIN_EXAMPLES, VERSION_HELP, pick

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


def build_parser(language: str = "en") -> Parser:
    """The parser of ``orgcheck`` and its commands, with its help in ``language``."""
    listed = "".join(
        f"  orgcheck {c.usage_in(language):<33}{pick(c.summary, language)}\n" for c in COMMANDS.values()
    )
    parser = Parser(
        prog="orgcheck",
        language=language,
        description=pick(MAIN_DESCRIPTION, language),
        epilog=(
            f"{pick(EXAMPLES, language)}\n{pick(MAIN_EXAMPLES, language)}\n"
            f"\n{pick(COMMANDS_HEADING, language)}\n{listed}"
            f"\n{pick(EXIT_STATUS, language)}"
        ),
    )
    source = parser.add_mutually_exclusive_group()
    for name in ("answers", "edit"):
        source.add_argument(
            f"--{name}", metavar=parser.metavar("FILE"), type=path_argument, help=help_of(parser, name)
        )
    for name in ("example", "schema"):
        source.add_argument(f"--{name}", action="store_true", help=help_of(parser, name))
    add_report_options(parser, dest="main_")
    parser.add_argument(
        "--template",
        dest="main_template",
        metavar=parser.metavar("PATH"),
        type=path_argument,
        help=help_of(parser, "template"),
    )
    parser.add_argument(
        "--version", action="version", version=f"orgcheck {VERSION}", help=pick(VERSION_HELP, language)
    )
    # Listed in the epilog, with what each takes, rather than as argparse's {a,b,c}.
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=Parser, help=argparse.SUPPRESS
    )
    for command in COMMANDS.values():
        subparser = commands.add_parser(
            command.name,
            language=language,
            description=pick(command.description, language),
            epilog=command.epilog(language),
        )
        command.add_arguments(subparser, language)
    return parser


def asked_language(argv: list[str]) -> str | None:
    """The language ``--lang`` asks for, read before anything is parsed: usage errors and
    --help are said in it too."""
    for index, argument in enumerate(argv):
        value = None
        if argument == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif argument.startswith("--lang="):
            value = argument.split("=", 1)[1]
        if value in LANGUAGES:
            return value
    return None


def main(argv: list[str] | None = None) -> int:
    """``orgcheck``: the exit status. The messages are in the language decided before anything
    can fail: ``--lang``, else (for a problem inside an answers file that parsed) the file's
    ``language``, else the locale, else English."""
    _guard_standard_streams()
    arguments = sys.argv[1:] if argv is None else argv
    asked = asked_language(arguments)
    language = asked or locale_language() or "en"
    with messages_in(language):
        return _main(arguments, asked, language)


def _main(arguments: list[str], asked: str | None, language: str) -> int:
    parser = build_parser(language)
    limit: int | None = MAX_PROBLEMS_SHOWN
    try:
        args = parser.parse_args(arguments)
        if args.command is not None:
            given = [name for name in MAIN_ONLY if getattr(args, name) not in (None, False)]
            if given:
                parser.refuse("options_before_command", command=args.command)
            command = COMMANDS[args.command]
            if command.every_problem:
                limit = None  # the contract: every problem in every file
            return command.run(parser, args)
        return _run_main(parser, args)
    except OrgcheckError as error:
        print_error(error, asked or error.language or language, limit=limit)
        return EXIT_USAGE
    except KeyboardInterrupt as stop:
        number = stop.number if isinstance(stop, Interrupted) else signal.SIGINT
        name = signal.Signals(number).name
        stopped = Problem(
            f"stopped by {name}; no file was changed",
            de=f"angehalten durch {name}; keine Datei wurde verändert",
        )
        say(stopped.text(language))
        return 128 + number
    except BrokenPipeError:
        # The reader went away (`| head`): nothing to say, but the report did not all arrive, so
        # not 0 either. 141 = 128 + SIGPIPE, what cat or yes give there (README, "Exit status").
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13
    except OSError as exc:
        # The user's files are checked where they are read and written (exit 2); an
        # OSError that gets here is orgcheck's own or the machine's.
        where = f"{exc.filename}: " if exc.filename else ""
        internal = Problem(
            f"internal error: {where}{reason(exc)}; please report it",
            de=f"interner Fehler: {where}{reason(exc, 'de')}; bitte melden Sie ihn",
        )
        say(internal.text(language))
        return EXIT_FAILURE


def _run_main(parser: Parser, args: argparse.Namespace) -> int:
    """``orgcheck`` without a command: --example, --schema, --answers, else the questionnaire."""
    if args.answers is None and (args.main_output or args.main_format or args.main_template):
        parser.refuse("needs_answers")
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
            Problem(
                "the questionnaire needs a terminal (standard input and output); without one, "
                "use 'orgcheck --answers FILE' (an answers file to fill in: 'orgcheck --example')",
                de="der Fragebogen braucht ein Terminal (Standardein- und -ausgabe); ohne eines "
                "nutzen Sie 'orgcheck --answers DATEI' (eine Antwortdatei zum Ausfüllen: "
                "'orgcheck --example --lang de')",
            )
        )
    try:
        # Here, not at the top: nothing on the headless path imports Textual.
        from .tui.app import run
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(("orgcheck.doors.tui", "textual")):
            missing = Problem(
                "the interactive questionnaire is not available in this build; "
                "use 'orgcheck --answers FILE' (see 'orgcheck --help')",
                de="der interaktive Fragebogen ist in dieser Installation nicht enthalten; "
                "nutzen Sie 'orgcheck --answers DATEI' (siehe 'orgcheck --help')",
            )
            say(missing.text(message_language()))
            return EXIT_USAGE
        raise
    edit = Path(args.edit) if args.edit is not None else None
    return int(run(edit=edit, language=args.main_lang))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
