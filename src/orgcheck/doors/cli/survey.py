"""``orgcheck survey ACTION``: the team survey from a terminal (new, list, show, close, delete, ...).

The same surveys ``orgcheck serve`` shows in the browser (one store in the
data directory); none of this needs the web server's packages.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import EXIT_OK, OrgcheckError, Problem, message_language
from ...languages import LANGUAGES, choose_language
from ..command import Command, Parser, data_argument, min_responses_argument, path_argument
from ..words import Words
from .output import write_stdout

if TYPE_CHECKING:  # imported where used: the headless commands start without the survey's code
    from ...store.surveys import SurveyRow
    from ...survey.surveys import Surveys

DEFAULT_BASE_URL = "http://127.0.0.1:8765"  # where `orgcheck serve` listens by default


def open_surveys(data: str | None, *, min_responses: int = 3) -> Surveys:
    from ...survey.surveys import open_surveys as open_in

    return open_in(Path(data) if data is not None else None, min_responses=min_responses)


def _arguments(parser: Parser, language: str) -> None:
    w = parser.words
    actions = parser.add_subparsers(
        dest="survey_action", metavar=parser.metavar("ACTION"), required=True, parser_class=Parser
    )

    def action(name: str, summary: Words) -> Parser:
        return actions.add_parser(name, language=language, help=w(summary))

    new = action("new", ("a new survey and its invite links", "eine neue Umfrage und ihre Einladungslinks"))
    new.add_argument(
        "title",
        metavar=parser.metavar("TITLE"),
        help=w(
            (
                "the survey's title, e.g. 'Social media Q4 2026'",
                "der Titel der Umfrage, z. B. 'Social Media Q4 2026'",
            )
        ),
    )
    data_argument(new)
    new.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=w(
            (
                "the survey's language (default: the locale's)",
                "die Sprache der Umfrage (Vorgabe: die der Spracheinstellung)",
            )
        ),
    )
    invites = new.add_mutually_exclusive_group()
    invites.add_argument(
        "--invites",
        metavar="N",
        type=int,
        help=w(("how many invite links (default 10)", "wie viele Einladungslinks (Vorgabe 10)")),
    )
    invites.add_argument(
        "--labels",
        metavar=parser.metavar("FILE"),
        type=path_argument,
        help=w(
            (
                "one invite per line of FILE, labelled with it (only in a --named survey)",
                "eine Einladung je Zeile der DATEI, mit ihr beschriftet (nur in einer Umfrage mit --named)",
            )
        ),
    )
    new.add_argument(
        "--named",
        action="store_true",
        help=w(
            (
                "the admin sees who answered what (by the labels)",
                "die Verwaltung sieht, wer was geantwortet hat (nach den Beschriftungen)",
            )
        ),
    )
    new.add_argument(
        "--organisation",
        metavar=parser.metavar("NAME"),
        help=w(("the organisation, shown in the reports", "die Organisation, in den Berichten genannt")),
    )
    min_responses_argument(new, ("the team report", "der Team-Bericht"))
    _base_url(new)
    _format(new, ("text", "json"))

    listing = action("list", ("every survey with its progress", "jede Umfrage mit ihrem Fortschritt"))
    data_argument(listing)
    _format(listing, ("text", "json"))

    for name, summary in (
        ("show", ("a survey's settings and progress", "Einstellungen und Fortschritt einer Umfrage")),
        ("close", ("stop taking answers", "keine Antworten mehr annehmen")),
    ):
        one = action(name, summary)
        _survey_argument(one)
        data_argument(one)

    delete = action(
        "delete", ("a survey and every response, for good", "eine Umfrage und alle Antworten, endgültig")
    )
    _survey_argument(delete)
    delete.add_argument(
        "--yes",
        action="store_true",
        help=w(("do not ask (needed without a terminal)", "nicht nachfragen (nötig ohne Terminal)")),
    )
    data_argument(delete)

    invite = action(
        "invites",
        (
            "a survey's invites and their state, or more of them",
            "die Einladungen einer Umfrage und ihr Stand, oder weitere",
        ),
    )
    _survey_argument(invite)
    invite.add_argument(
        "--add",
        metavar="N",
        type=int,
        help=w(("add N invites and print their links", "N Einladungen hinzufügen und ihre Links ausgeben")),
    )
    _base_url(invite)
    _format(invite, ("text", "csv", "json"))
    data_argument(invite)

    export = action(
        "export", ("one answers file per submitted response", "eine Antwortdatei je abgeschickter Antwort")
    )
    _survey_argument(export)
    _output(export, "FOLDER", ("an empty or new folder", "ein leerer oder neuer Ordner"))
    data_argument(export)

    backup = action(
        "backup",
        (
            "a consistent copy of the survey database, taken while in use",
            "eine stimmige Kopie der Umfrage-Datenbank, im laufenden Betrieb gezogen",
        ),
    )
    _output(backup, "FILE", ("a new file", "eine neue Datei"))
    data_argument(backup)

    login = action(
        "admin-link",
        (
            "a one-time link that logs into the admin pages",
            "ein Einmal-Link, der in die Verwaltungsseiten einloggt",
        ),
    )
    _base_url(login)
    data_argument(login)


def _output(parser: Parser, metavar: str, words: Words) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar=parser.metavar(metavar),
        type=path_argument,
        required=True,
        help=parser.words(words),
    )


def _survey_argument(parser: Parser) -> None:
    parser.add_argument(
        "survey",
        metavar=parser.metavar("SURVEY"),
        help=parser.words(("the survey's id", "die Kennung der Umfrage")),
    )


def _base_url(parser: Parser) -> None:
    parser.add_argument(
        "--base-url",
        metavar="URL",
        default=DEFAULT_BASE_URL,
        help=parser.words(
            (
                "the address respondents reach the server at (default {url})",
                "die Adresse, unter der die Befragten den Server erreichen (Vorgabe {url})",
            ),
            url=DEFAULT_BASE_URL,
        ),
    )


def _format(parser: Parser, choices: tuple[str, ...]) -> None:
    parser.add_argument("--format", choices=choices, default=choices[0], help=f"{' | '.join(choices)}")


def _run(parser: Parser, args: argparse.Namespace) -> int:
    surveys = open_surveys(args.data, min_responses=getattr(args, "min_responses", 3))
    action = args.survey_action
    if action == "new":
        return _new(surveys, args)
    if action == "list":
        return _list(surveys, args.format)
    if action == "show":
        return _show(surveys, surveys.get(args.survey))
    if action == "close":
        return _show(surveys, surveys.close(args.survey))
    if action == "delete":
        return _delete(surveys, args)
    if action == "invites":
        return _invites(surveys, args)
    if action == "export":
        return _export(surveys, args)
    if action == "backup":
        return _backup(surveys, args)
    write_stdout(surveys.new_admin_link(args.base_url) + "\n")
    return EXIT_OK


def _new(surveys: Surveys, args: argparse.Namespace) -> int:
    from ...survey.surveys import read_labels
    from ...yamlio import read_text

    labels = read_labels(read_text(Path(args.labels)), args.labels) if args.labels is not None else None
    survey, invites = surveys.create(
        args.title,
        choose_language(args.lang, None),
        count=args.invites if labels is None and args.invites is not None else (None if labels else 10),
        labels=labels,
        named=args.named,
        organisation=args.organisation,
        min_responses=args.min_responses,
    )
    if args.format == "json":
        document = {
            "id": survey.id,
            "title": survey.title,
            "invites": [{"link": i.link(args.base_url), "label": i.label} for i in invites],
        }
        write_stdout(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        write_stdout(survey.id + "\n" + "".join(i.link(args.base_url) + "\n" for i in invites))
    return EXIT_OK


def _list(surveys: Surveys, fmt: str) -> int:
    rows = []
    for survey in surveys.all():
        progress = surveys.progress(survey.id)
        rows.append({"id": survey.id, "title": survey.title, "state": survey.state, **progress._asdict()})
    if fmt == "json":
        write_stdout(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        lines = [
            f"{r['id']}\t{r['state']}\t{r['submitted']}/{r['invited']} submitted, "
            f"{r['started']} started\t{r['title']}"
            for r in rows
        ]
        write_stdout("".join(line + "\n" for line in lines))
    return EXIT_OK


def _show(surveys: Surveys, survey: SurveyRow) -> int:
    progress = surveys.progress(survey.id)
    lines = [
        f"id: {survey.id}",
        f"title: {survey.title}",
        f"organisation: {survey.organisation or '-'}",
        f"language: {survey.language}",
        f"state: {survey.state}",
        f"named: {'yes' if survey.named else 'no'}",
        f"invited: {progress.invited}",
        f"started: {progress.started}",
        f"submitted: {progress.submitted}",
        f"team report from: {surveys.min_responses(survey)} responses",
    ]
    write_stdout("".join(line + "\n" for line in lines))
    return EXIT_OK


def _delete(surveys: Surveys, args: argparse.Namespace) -> int:
    survey = surveys.get(args.survey)
    if not args.yes:
        if not (sys.stdin is not None and sys.stdin.isatty()):
            raise OrgcheckError(
                Problem(
                    f"deleting survey '{survey.id}' removes every response for good; add --yes to do it",
                    de=f"Löschen der Umfrage '{survey.id}' entfernt alle Antworten endgültig; "
                    "fügen Sie --yes hinzu",
                )
            )
        started = surveys.progress(survey.id).started
        question = Problem(
            f"Delete survey '{survey.id}' and its {started} responses for good? [y/N] ",
            de=f"Umfrage '{survey.id}' und ihre {started} Antworten endgültig löschen? [j/N] ",
        )
        sys.stderr.write(question.text(message_language()))
        sys.stderr.flush()
        if sys.stdin.readline().strip().lower() not in ("y", "yes", "j", "ja"):
            kept = Problem("nothing deleted", de="nichts gelöscht")
            sys.stderr.write(kept.text(message_language()) + "\n")
            return EXIT_OK
    surveys.delete(survey.id)
    deleted = Problem(f"deleted {survey.id}", de=f"gelöscht: {survey.id}")
    write_stdout(deleted.text(message_language()) + "\n")
    return EXIT_OK


def _invites(surveys: Surveys, args: argparse.Namespace) -> int:
    survey = surveys.get(args.survey)
    if args.add is not None:
        added = surveys.add_invites(survey.id, count=args.add)
        rows = [{"link": i.link(args.base_url), "label": i.label, "state": "new"} for i in added]
    else:
        # Only a token's hash is stored: links are shown once, when they are made.
        from ...survey.surveys import invite_state

        rows = []
        for invite, response in surveys.store.invites(survey.id):
            # An anonymous survey's invites carry no label: nothing to tell them apart by.
            state = invite_state(response)
            rows.append({"label": invite.label, "state": state} if survey.named else {"state": state})
    if args.format == "json":
        write_stdout(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["state"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        write_stdout(out.getvalue())
    else:
        write_stdout("".join("\t".join(str(v) for v in row.values() if v is not None) + "\n" for row in rows))
    return EXIT_OK


def _export(surveys: Surveys, args: argparse.Namespace) -> int:
    written = surveys.export(surveys.get(args.survey), Path(args.output))
    write_stdout("".join(f"{path}\n" for path in written))
    return EXIT_OK


def _backup(surveys: Surveys, args: argparse.Namespace) -> int:
    """VACUUM INTO: never a copy of the live file, which may be torn mid-write and misses the WAL."""
    target = Path(args.output)
    if target.exists():
        raise OrgcheckError(
            Problem(
                f"{args.output}: exists already; give the backup a new file name",
                de=f"{args.output}: gibt es schon; geben Sie der Sicherung einen neuen Dateinamen",
            )
        )
    surveys.store.backup(target)
    write_stdout(f"{target}\n")
    return EXIT_OK


SURVEY = Command(
    name="survey",
    usage="survey ACTION ...",
    summary=(
        "the team survey: new, list, show, close, delete, invites, export, backup",
        "die Team-Umfrage: new, list, show, close, delete, invites, export, backup",
    ),
    description=(
        "The team survey that 'orgcheck serve' runs in the browser: create one with\n"
        "invite links, follow its progress, close it, export its answers for\n"
        "'orgcheck team', delete it for good. Each action has its own --help.",
        "Die Team-Umfrage, die 'orgcheck serve' im Browser zeigt: legen Sie eine mit\n"
        "Einladungslinks an, verfolgen Sie ihren Fortschritt, schließen Sie sie,\n"
        "exportieren Sie ihre Antworten für 'orgcheck team', löschen Sie sie endgültig.\n"
        "Jede Aktion hat ihr eigenes --help.",
    ),
    examples=(
        "  orgcheck survey new 'Social media Q4 2026' --invites 8\n"
        "  orgcheck survey new 'Leadership view' --named --labels people.txt --format json\n"
        "  orgcheck survey list\n"
        "  orgcheck survey export social-media-q4-2026 -o answers/ && orgcheck team answers/"
    ),
    add_arguments=_arguments,
    run=_run,
)
