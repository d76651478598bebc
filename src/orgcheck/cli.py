"""The command line: ``orgcheck`` (questionnaire) and ``orgcheck --answers FILE`` (headless).

The headless path must not import Textual (it costs about 200 ms at start-up);
tests/test_cli.py proves it in a subprocess and the import-linter
contract in pyproject.toml guards it. The TUI is imported only when asked for.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from typing import TextIO

from . import __version__
from .errors import OrgcheckError
from .pack import LANGUAGES

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
FORMATS = ("md", "json")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="orgcheck",
        description=(
            "Recommends who should own social media in your company, from about 15\n"
            "questions, with a report that cites its sources. Without options it starts\n"
            "the interactive questionnaire."
        ),
        epilog=(
            "examples:\n"
            "  orgcheck                                  start the questionnaire\n"
            "  orgcheck --example > answers.yaml         an answers file to fill in\n"
            "  orgcheck --answers answers.yaml           the report, as Markdown\n"
            "  orgcheck --answers a.yaml -o report.md    written to a file\n"
            "  orgcheck --answers a.yaml --format json   for scripts\n"
            "\nexit status: 0 success, 2 bad input or usage, 1 internal error"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--answers",
        metavar="FILE",
        type=Path,
        help="answers file (YAML); prints the report without the questionnaire",
    )
    source.add_argument(
        "--edit",
        metavar="FILE",
        type=Path,
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
        type=Path,
        help="write the report to PATH (atomically) instead of standard output",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="report format: md (default) or json; -o *.json implies json",
    )
    parser.add_argument(
        "--template",
        metavar="PATH",
        type=Path,
        help="render the report with your own Jinja2 template (sandboxed; see README)",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="report language; default: the file's 'language', else the locale, else en",
    )
    parser.add_argument("--version", action="version", version=f"orgcheck {__version__}")
    return parser


def locale_language(environ: os._Environ[str] | dict[str, str] = os.environ) -> str | None:
    """The first of LC_ALL, LC_MESSAGES, LANG that is set, if it names a supported language."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in LANGUAGES else None
    return None


def choose_language(flag: str | None, from_file: str | None) -> str:
    return flag or from_file or locale_language() or "en"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(parser, args)
    except OrgcheckError as error:
        print_error(error)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.answers is None and (args.output or args.format or args.template):
        parser.error("-o/--output, --format and --template need --answers FILE")
    if args.template is not None and args.format == "json":
        parser.error("--template writes its own format; leave out --format json")
    if args.example or args.schema:
        return _print_format_help(args)
    if args.answers is not None:
        return _headless(args)
    return _start_tui(args)


def _print_format_help(args: argparse.Namespace) -> int:
    from .answerfile import example_answers, json_schema
    from .answers import default_date
    from .pack import load_pack

    pack = load_pack()
    if args.schema:
        _write_stdout(json_schema(pack))
    else:
        _write_stdout(example_answers(pack, choose_language(args.lang, None), default_date()))
    return EXIT_OK


def _headless(args: argparse.Namespace) -> int:
    from .answers import load_answers
    from .engine import assess
    from .files import write_atomic
    from .pack import load_pack
    from .report import render, report_date

    output: Path | None = args.output
    json_by_name = output is not None and output.suffix.lower() == ".json" and args.template is None
    fmt = args.format or ("json" if json_by_name else "md")
    if output is not None and output.exists() and _same_file(output, args.answers):
        raise OrgcheckError(f"{output}: is the answers file itself; choose another output path")
    pack = load_pack()
    answers = load_answers(args.answers, pack)
    assessment = assess(pack, answers)
    language = choose_language(args.lang, answers.language)
    text = render(fmt, pack, assessment, language, report_date(assessment), template=args.template)
    if output is None:
        _write_stdout(text)
    else:
        write_atomic(output, text)
    return EXIT_OK


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _start_tui(args: argparse.Namespace) -> int:
    try:
        # Imported by name so that nothing on the headless path imports Textual.
        app_module = importlib.import_module("orgcheck.tui.app")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("orgcheck.tui"):
            sys.stderr.write(
                "orgcheck: the interactive questionnaire is not available in this build; "
                "use 'orgcheck --answers FILE' (see 'orgcheck --help')\n"
            )
            return EXIT_USAGE
        raise
    return int(app_module.run(edit=args.edit, language=args.lang))


def _write_stdout(text: str, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    # Always UTF-8, whatever the terminal's locale says: the report has umlauts and bars.
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stream.write(text)
        stream.flush()


MAX_PROBLEMS_SHOWN = 50


def print_error(error: OrgcheckError) -> None:
    """Each problem on its own line on stderr (the first 50), control characters shown as escapes."""
    from .textsafe import visible

    for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
        sys.stderr.write(visible(f"orgcheck: {problem}") + "\n")
    hidden = len(error.problems) - MAX_PROBLEMS_SHOWN
    if hidden > 0:
        sys.stderr.write(f"orgcheck: ... and {hidden} more problems; fix these first\n")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
