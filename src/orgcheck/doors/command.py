"""What a command of ``orgcheck`` is (its name, its words for --help, its options, what it runs),
for every door that has one: the headless commands and ``serve``; and the parser every command
line is read with, in the language of the messages."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, NamedTuple, NoReturn

from ..errors import EXIT_USAGE, say
from .words import (
    EXAMPLES,
    EXIT_STATUS,
    HELP,
    METAVAR,
    OPTION_HELP,
    OPTIONS,
    POSITIONALS,
    SEE_HELP,
    USAGE_ERRORS,
    USAGE_PREFIX,
    Words,
    argparse_message,
    pick,
)


class Command(NamedTuple):
    name: str
    usage: str  # what follows 'orgcheck' in the main help's list of commands
    summary: Words  # one line beside it
    description: Words  # the command's own --help
    examples: str
    add_arguments: Callable[[Parser, str], None]  # (parser, language)
    run: Callable[[Parser, argparse.Namespace], int]
    # team and compare report every problem in every file; the others the first fifty
    every_problem: bool = False

    def epilog(self, language: str) -> str:
        return f"{pick(EXAMPLES, language)}\n{self.examples}\n\n{pick(EXIT_STATUS, language)}"

    def usage_in(self, language: str) -> str:
        """What follows 'orgcheck' in the list of commands, its words (FILE) in ``language``."""
        return " ".join(
            pick(METAVAR[word.rstrip(".")], language) + word[len(word.rstrip(".")) :]
            if word.rstrip(".") in METAVAR
            else word
            for word in self.usage.split()
        )


class Parser(argparse.ArgumentParser):
    """argparse's parser in a language: its help in it, its errors one line in it.

    Help and --version go to standard output through the writer that says when it
    cannot write (``> /dev/full``); argparse's own print would lose the text and exit 0.
    """

    def __init__(self, *args: Any, language: str = "en", **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _formatter(language))
        kwargs["add_help"] = False  # its own -h, with its help in the language
        super().__init__(*args, **kwargs)
        self.language = language
        self._positionals.title = pick(POSITIONALS, language)
        self._optionals.title = pick(OPTIONS, language)
        self.add_argument("-h", "--help", action="help", help=pick(HELP, language))

    def words(self, words: Words, **fill: object) -> str:
        return pick(words, self.language).format(**fill)

    def metavar(self, name: str) -> str:
        return pick(METAVAR[name], self.language)

    def error(self, message: str) -> NoReturn:
        """One line that points at this parser's help (an argument can carry escape sequences:
        say shows them escaped)."""
        self._say(argparse_message(message, self.language))

    def refuse(self, key: str | Words, **fill: object) -> NoReturn:
        """One of orgcheck's own usage errors (words.USAGE_ERRORS, or a door's own words), as
        error() says them."""
        self._say(self.words(USAGE_ERRORS[key] if isinstance(key, str) else key, **fill))

    def _say(self, message: str) -> NoReturn:
        say(f"{message}; {self.words(SEE_HELP, prog=self.prog)}")
        raise SystemExit(EXIT_USAGE)

    def _print_message(self, message: str, file: Any = None) -> None:
        import sys

        if message and (file is None or file is sys.stdout):
            from .stdout import write_stdout

            write_stdout(message, what="help")
        elif message:
            say(message.rstrip("\n"))


def _formatter(language: str) -> type[argparse.HelpFormatter]:
    class Formatter(argparse.RawDescriptionHelpFormatter):
        def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
            # (argparse passes '' when it makes a command's prog from this usage)
            chosen = pick(USAGE_PREFIX, language) if prefix is None else prefix
            super().add_usage(usage, actions, groups, prefix=chosen)

    return Formatter


def data_argument(parser: Parser) -> None:
    """--data DIR: the survey database's folder (survey and serve)."""
    parser.add_argument(
        "--data", metavar=parser.metavar("DIR"), type=path_argument, help=parser.words(OPTION_HELP["data"])
    )


def min_responses_argument(parser: Parser, what: tuple[str, str]) -> None:
    """--min-responses N: submitted responses before ``what`` (en, de) appears (survey and serve)."""
    parser.add_argument(
        "--min-responses",
        metavar="N",
        type=int,
        default=3,
        help=parser.words(
            (
                f"responses before {what[0]} appears (at least 3, the default)",
                f"Antworten, bevor {what[1]} erscheint (mindestens 3, die Vorgabe)",
            )
        ),
    )


def path_argument(text: str) -> str:
    """A path argument, kept as typed ('newdir/' must not become 'newdir')."""
    if not text:
        raise argparse.ArgumentTypeError(USAGE_ERRORS["empty_path"][0])  # words.argparse_message: de
    return text
