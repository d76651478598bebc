"""What a command of ``orgcheck`` is (its name, its words for --help, its options, what it runs),
for every door that has one: the headless commands and ``serve``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import NamedTuple

EXIT_STATUS_HELP = "exit status: 0 success, 2 bad input or usage, 1 internal error"


class Command(NamedTuple):
    name: str
    usage: str  # what follows 'orgcheck' in the main help's list of commands
    summary: str  # one line beside it
    description: str  # the command's own --help
    examples: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.ArgumentParser, argparse.Namespace], int]
    # team and compare report every problem in every file; the others the first fifty
    every_problem: bool = False

    def epilog(self) -> str:
        return f"examples:\n{self.examples}\n\n{EXIT_STATUS_HELP}"


def path_argument(text: str) -> str:
    """A path argument, kept as typed ('newdir/' must not become 'newdir')."""
    if not text:
        raise argparse.ArgumentTypeError("an empty path; give a file name")
    return text


# --- options of both survey commands (``orgcheck survey`` and ``orgcheck serve``) ----------


def survey_data_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        metavar="DIR",
        type=path_argument,
        help="the folder of the survey database (default: orgcheck's data folder)",
    )


def min_responses_argument(parser: argparse.ArgumentParser, what: str) -> None:
    """--min-responses: how many submitted responses before ``what`` appears."""
    parser.add_argument(
        "--min-responses",
        metavar="N",
        type=int,
        default=3,
        help=f"responses before {what} appears (at least 3, the default)",
    )
