"""Many answers files at once: ``orgcheck team PATH...`` and ``orgcheck compare BEFORE AFTER``.

Every problem in every file is collected before anything is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import EXIT_OK, OrgcheckError, Problem, say
from ...languages import choose_language
from ...textsafe import path_text
from ..command import Command, Parser, path_argument
from .options import add_output_options, help_of, output_format, refuse_output_onto
from .output import emit, writable
from .signals import signals_as_exceptions

if TYPE_CHECKING:
    from ...engine.record import Record
    from ...pack.model import Pack


def assessed(
    args: argparse.Namespace,
    files: list[Path],
    pack: Pack,
    also: Callable[[list[Record]], list[Problem]] = lambda records: [],
    found: list[Problem] | None = None,
) -> tuple[str, list[Record]]:
    """The output format and each file's record; or every problem of every file (those
    ``found`` while finding them, and those ``also`` finds among the records) at once,
    before anything is written."""
    from ...engine.batch import assess_files

    fmt = output_format(args.format, args.output)
    writable(fmt, args.output)
    refuse_output_onto(
        args.output,
        [(str(f), (f"the answers file {path_text(f)}", f"die Antwortdatei {path_text(f)}")) for f in files],
    )
    records: list[Record] = []
    problems: list[Problem] = list(found or [])
    for _, outcome in assess_files(files, pack):
        if isinstance(outcome, list):
            problems.extend(outcome)
        else:
            records.append(outcome)
    problems.extend(also(records))
    if problems:
        raise OrgcheckError(problems)
    return fmt, records


# --- team ------------------------------------------------------------------------------


def _team_arguments(parser: Parser, language: str) -> None:
    parser.add_argument(
        "paths", metavar=parser.metavar("PATH"), nargs="+", type=path_argument, help=help_of(parser, "paths")
    )
    add_output_options(parser, many=True)


def _run_team(parser: Parser, args: argparse.Namespace) -> int:
    with signals_as_exceptions():
        return _write_team(args)


def _write_team(args: argparse.Namespace) -> int:
    from ...answers.batch import expand
    from ...answers.validate import default_date
    from ...engine.team import team
    from ...pack.load import load_pack
    from ...report.many import render_team_file

    pack = load_pack()
    files, found = expand(args.paths)
    fmt, records = assessed(args, files, pack, also=_same_respondent_problems, found=found)
    result = team(pack, records)
    consensus = result.consensus.answers
    language = choose_language(args.lang, consensus.language)
    emit(args.output, render_team_file(fmt, pack, result, language, consensus.date or default_date()))
    return EXIT_OK


def _same_respondent_problems(records: list[Record]) -> list[Problem]:
    from ... import yamlio
    from ...engine.team import same_respondent

    problems = []
    for first, again in same_respondent(records):
        where = yamlio.load(Path(again.file)).where(("respondent",))
        problems.append(
            Problem(
                f"respondent '{again.respondent}' also answered {path_text(first.file)}; "
                "give each person one answers file, or tell them apart in 'respondent'",
                where,
                de=f"'{again.respondent}' hat auch {path_text(first.file)} beantwortet; "
                "geben Sie jeder Person eine Antwortdatei, oder unterscheiden Sie sie in 'respondent'",
            )
        )
    return problems


TEAM = Command(
    name="team",
    usage="team PATH...",
    summary=(
        "a team's answers: consensus and perception gaps",
        "die Antworten eines Teams: Konsens und Wahrnehmungslücken",
    ),
    description=(
        "A team's assessment from each member's answers file: the consensus (structure,\n"
        "scores, findings, actions), each person's result side by side, and the\n"
        "questions the team answered differently, most divided first. PATH is an\n"
        "answers file or a folder of them; at least two respondents.\n\n"
        "A folder's *.yaml and *.yml are read (not hidden ones, not its subfolders);\n"
        "a link to nothing, a folder or a pipe under such a name\n"
        "is an error like any bad file: every problem in every file is reported and\n"
        "nothing is written.",
        "Die Bewertung eines Teams aus der Antwortdatei jedes Mitglieds: der Konsens\n"
        "(Struktur, Punkte, Befunde, Schritte), das Ergebnis jeder Person nebeneinander\n"
        "und die Fragen, die das Team verschieden beantwortet hat, die umstrittensten\n"
        "zuerst. PFAD ist eine Antwortdatei oder ein Ordner davon; mindestens zwei\n"
        "Personen.\n\n"
        "Aus einem Ordner werden die *.yaml und *.yml gelesen (keine versteckten, keine\n"
        "Unterordner); ein Link ins Leere, ein Ordner oder eine Pipe unter so einem Namen\n"
        "ist ein Fehler wie jede fehlerhafte Datei: jedes Problem jeder Datei wird\n"
        "gemeldet, und nichts wird geschrieben.",
    ),
    examples=(
        "  orgcheck team examples/team/ -o team.md\n"
        "  orgcheck team anna.yaml ben.yaml carla.yaml --format json"
    ),
    add_arguments=_team_arguments,
    run=_run_team,
    every_problem=True,
)


# --- compare ---------------------------------------------------------------------------


def _compare_arguments(parser: Parser, language: str) -> None:
    for side in ("before", "after"):
        parser.add_argument(
            side, metavar=parser.metavar(side.upper()), type=path_argument, help=help_of(parser, side)
        )
    add_output_options(parser, many=True)


def _run_compare(parser: Parser, args: argparse.Namespace) -> int:
    with signals_as_exceptions():
        return _write_comparison(args)


def _write_comparison(args: argparse.Namespace) -> int:
    from ...engine.compare import compare
    from ...pack.load import load_pack
    from ...report.many import comparison_warnings, render_comparison_file

    pack = load_pack()
    fmt, (before, after) = assessed(args, [Path(args.before), Path(args.after)], pack)
    result = compare(pack, before, after)
    language = choose_language(args.lang, after.language or before.language)
    emit(args.output, render_comparison_file(fmt, pack, result, language))
    # Written, but not without a word: the report (and the JSON's "warnings") says it too.
    messages = "de" if args.lang == "de" else "en"
    for warning in comparison_warnings(pack, result, messages, (str(args.before), str(args.after))):
        say(("Warnung: " if messages == "de" else "warning: ") + warning)
    return EXIT_OK


COMPARE = Command(
    name="compare",
    usage="compare BEFORE AFTER",
    summary=("progress between two assessments", "der Fortschritt zwischen zwei Bewertungen"),
    description=(
        "Progress between two assessments of one organisation: the overall and\n"
        "dimension scores then and now, findings resolved, new and still open, the\n"
        "answers that changed and the recommendation then and now. Both files are\n"
        "assessed again with the questions and rules in use, so a change is the\n"
        "answers' doing. BEFORE dated after AFTER, or two different organisations:\n"
        "the report is written in the order given, with a warning in it and on stderr.",
        "Der Fortschritt zwischen zwei Bewertungen einer Organisation: die Gesamt- und\n"
        "Teilpunkte damals und heute, gelöste, neue und noch offene Befunde, die\n"
        "geänderten Antworten und die Empfehlung damals und heute. Beide Dateien werden\n"
        "mit den geltenden Fragen und Regeln neu bewertet, also geht eine Änderung auf\n"
        "die Antworten zurück. Ist VORHER später datiert als NACHHER, oder sind es zwei\n"
        "Organisationen: der Bericht folgt der gegebenen Reihenfolge, mit einer Warnung\n"
        "darin und auf stderr.",
    ),
    examples="  orgcheck compare 2026-q1.yaml 2026-q4.yaml -o progress.md\n"
    "  orgcheck compare before.yaml after.yaml --format json",
    add_arguments=_compare_arguments,
    run=_run_compare,
    every_problem=True,
)
