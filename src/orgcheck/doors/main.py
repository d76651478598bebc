"""The command line: ``orgcheck`` (questionnaire) and ``orgcheck --answers FILE`` (headless).

The headless path must not import Textual (it costs about 200 ms at start-up);
tests/test_cli.py proves it in a subprocess and the import-linter
contract in pyproject.toml guards it. The TUI is imported only when asked for.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn, TextIO

from ..errors import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, MAX_PROBLEMS_SHOWN, OrgcheckError, print_error, say
from ..languages import LANGUAGES, choose_language
from ..report import formats
from ..resources import VERSION
from ..store.files import advice


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line, with what was typed shown escaped (an argument can carry escape sequences)."""
        say(f"{message}; see 'orgcheck --help'")
        raise SystemExit(EXIT_USAGE)


def path_argument(text: str) -> str:
    """A path argument, kept as typed ('newdir/' must not become 'newdir')."""
    if not text:
        raise argparse.ArgumentTypeError("an empty path; give a file name")
    return text


def build_parser() -> argparse.ArgumentParser:
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
            "\ncommands (each with its own --help):\n"
            "  orgcheck report FILE                      one assessment (as --answers FILE)\n"
            "  orgcheck team PATH...                     a team's answers: consensus and perception gaps\n"
            "  orgcheck compare BEFORE AFTER             progress between two assessments\n"
            "  orgcheck example | schema                 as --example, --schema\n"
            "\nexit status: 0 success, 2 bad input or usage, 1 internal error"
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
        metavar="PATH",
        type=path_argument,
        help="write the report to PATH (atomically) instead of standard output",
    )
    parser.add_argument(
        "--format",
        choices=formats.names(),
        help=(
            f"report format: {', '.join(formats.names())} (default {formats.DEFAULT}); "
            "-o's suffix implies it (-o x.html: html)"
        ),
    )
    parser.add_argument(
        "--template",
        metavar="PATH",
        type=path_argument,
        help="render the report with your own Jinja2 template (sandboxed; see README)",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="report language; default: the file's 'language', else the locale, else en",
    )
    parser.add_argument("--version", action="version", version=f"orgcheck {VERSION}")
    return parser


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like ctrl+c so that clean-up (``finally``) runs."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def main(argv: list[str] | None = None) -> int:
    _guard_standard_streams()
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else argv
    language = "en"  # of the messages: --lang de gives German ones where they exist
    limit: int | None = MAX_PROBLEMS_SHOWN
    try:
        if argv and argv[0] in SUBCOMMANDS:
            if argv[0] in MANY_FILES:
                limit = None  # the contract: every problem in every file
            return _run_subcommand(argv[0], argv[1:])
        args = parser.parse_args(argv)
        language = args.lang or language
        return run_report(parser, args)
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


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`Interrupted`, so a half-written file is removed."""

    def stop(number: int, frame: object) -> None:
        raise Interrupted(number)

    names = [name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {}
    try:
        for name in names:
            number = getattr(signal, name)
            previous[number] = signal.signal(number, stop)
    except ValueError:  # not the main thread: leave signals as they are
        pass
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def run_report(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.answers is None and (args.output or args.format or args.template):
        parser.error("-o/--output, --format and --template need --answers FILE")
    if args.template is not None and args.format is not None:
        parser.error(f"--template writes its own format; leave out --format {args.format}")
    if args.example or args.schema:
        return print_format_help(args)
    if args.answers is not None:
        with signals_as_exceptions():
            return _headless(args)
    return _start_tui(args)


def print_format_help(args: argparse.Namespace) -> int:
    from ..answers.validate import default_date
    from ..answers.write import example_answers, json_schema
    from ..pack.load import load_pack

    pack = load_pack()
    if args.schema:
        _write_stdout(json_schema(pack))
    else:
        _write_stdout(example_answers(pack, choose_language(args.lang, None), default_date()))
    return EXIT_OK


def _headless(args: argparse.Namespace) -> int:
    from ..answers.validate import load_answers
    from ..engine.assess import assess
    from ..pack.load import load_pack
    from ..report import render, report_date

    output: str | None = args.output
    # A template writes its own format: -o's suffix says nothing then.
    fmt = args.format or (formats.DEFAULT if args.template is not None else output_format(None, output))
    refuse_output_onto(output, [(args.answers, "the answers file"), (args.template, "the template")])
    pack = load_pack()
    answers = load_answers(Path(args.answers), pack)
    assessment = assess(pack, answers)
    language = choose_language(args.lang, answers.language)
    template = Path(args.template) if args.template is not None else None
    text = render(fmt, pack, assessment, language, report_date(assessment), template=template)
    emit(output, text)
    return EXIT_OK


# --- output, shared by --answers and the subcommands ----------------------------------------


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


def emit(output: str | None, text: str) -> None:
    """To standard output, or atomically to ``output``."""
    from ..store.files import write_atomic

    if output is None:
        _write_stdout(text)
    else:
        write_atomic(output, text)


def _same_file(a: str, b: str) -> bool:
    """Whether two paths are one regular file (through links); /dev/stdout twice is no clash."""
    try:
        return os.path.samefile(a, b) and os.path.isfile(a)
    except (OSError, ValueError):
        return False


def _start_tui(args: argparse.Namespace) -> int:
    if args.edit is not None:  # a wrong file name is the first thing to say, terminal or not
        from ..yamlio.source import read_text

        read_text(Path(args.edit))
    if not all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout)):
        # Textual would draw escape codes into a file and wait for keys that never come.
        raise OrgcheckError(
            "the questionnaire needs a terminal (standard input and output); without one, "
            "use 'orgcheck --answers FILE' (an answers file to fill in: 'orgcheck --example')"
        )
    try:
        # Imported by name so that nothing on the headless path imports Textual.
        app_module = importlib.import_module("orgcheck.doors.tui.app")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("orgcheck.doors.tui"):
            say(
                "the interactive questionnaire is not available in this build; "
                "use 'orgcheck --answers FILE' (see 'orgcheck --help')"
            )
            return EXIT_USAGE
        raise
    edit = Path(args.edit) if args.edit is not None else None
    return int(app_module.run(edit=edit, language=args.lang))


def _write_stdout(text: str, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    if stream is None:  # closed when Python started (`>&-`)
        raise OrgcheckError("standard output is closed; write the report with -o FILE")
    # Always UTF-8, whatever the terminal's locale says: the report has umlauts and bars.
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        else:
            stream.write(text)
            stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # e.g. `> /dev/full`
        # What could not be written would be tried again (and fail loudly) at exit.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        raise OrgcheckError(
            f"standard output: cannot write the report: {exc.strerror or exc}; {advice(exc)}, "
            "or write it with -o FILE"
        ) from None


# The names of subcommands.COMMANDS, known here without importing it (it imports this module);
# a test keeps the two lists alike.
SUBCOMMANDS = ("report", "team", "compare", "example", "schema")
MANY_FILES = ("team", "compare")


def _run_subcommand(name: str, argv: list[str]) -> int:
    from .cli.commands import COMMANDS

    return COMMANDS[name](argv)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
