"""The headless commands: each maps its options onto the core and writes what it gives.

    command.py   what a command is (name, help, options, what it runs), and the parser in a language
    words.py     the command line's words in English and German, argparse's fixed phrases too
    report.py    one assessment (report, --answers), and the answers file's example and schema
    many.py      team and compare: many answers files, every problem of every file first
    options.py   the options they share, and what -o means for the format
    output.py    standard output or a file written atomically
    signals.py   SIGTERM and SIGHUP as exceptions, so nothing is left half-written

``COMMANDS`` is the registry ``orgcheck``'s parser builds its subcommands from.
"""

from __future__ import annotations

from .command import Command
from .many import COMPARE, TEAM
from .report import EXAMPLE, REPORT, SCHEMA

COMMANDS: dict[str, Command] = {command.name: command for command in (REPORT, TEAM, COMPARE, EXAMPLE, SCHEMA)}
