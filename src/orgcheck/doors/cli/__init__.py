"""The headless commands: each maps its options onto the core and writes what it gives.

    report.py    one assessment (report, --answers), and the answers file's example and schema
    many.py      team and compare: many answers files, every problem of every file first
    survey.py    the team survey from a terminal: new, list, show, close, delete, invites, export
    options.py   the options they share, and what -o means for the format
    output.py    standard output or a file written atomically
    signals.py   SIGTERM and SIGHUP as exceptions, so nothing is left half-written

``COMMANDS`` is the registry ``orgcheck``'s parser builds its subcommands from.
"""

from __future__ import annotations

from ..command import Command
from .many import COMPARE, TEAM
from .report import EXAMPLE, REPORT, SCHEMA
from .survey import SURVEY

COMMANDS: dict[str, Command] = {
    command.name: command for command in (REPORT, TEAM, COMPARE, EXAMPLE, SCHEMA, SURVEY)
}
