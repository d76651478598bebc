"""``orgcheck serve``: its options, and what to do where the extra is not installed.

Imports nothing of the web server: the parser of every command is built at
start-up, and ``orgcheck --answers`` must not pay for Starlette.
"""

from __future__ import annotations

import argparse
import importlib.util

from ...errors import OrgcheckError, Problem
from ...languages import LANGUAGES
from ..command import Command, Parser, data_argument, min_responses_argument

# What `orgcheck serve` needs beyond orgcheck itself, by the module it imports.
NEEDED = {"starlette": "starlette", "uvicorn": "uvicorn", "multipart": "python-multipart"}
INSTALL = "pip install 'orgcheck[serve]'"


def _arguments(parser: Parser, language: str) -> None:
    w = parser.words
    data_argument(parser)
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help=w(
            (
                "the address to listen on (default 127.0.0.1)",
                "die Adresse, auf der er lauscht (Vorgabe 127.0.0.1)",
            )
        ),
    )
    parser.add_argument(
        "--port",
        type=int,
        default=8765,
        help=w(("the port (default 8765; 0: any free one)", "der Port (Vorgabe 8765; 0: irgendein freier)")),
    )
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help=w(
            (
                "the public address, behind a reverse proxy (e.g. https://survey.example.com): "
                "the links it prints and the origin forms must come from",
                "die öffentliche Adresse hinter einem Reverse Proxy (z. B. https://umfrage.example.com): "
                "die Links, die er ausgibt, und der Ursprung, von dem Formulare kommen müssen",
            )
        ),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=w(
            (
                "the admin pages' language (default: the locale's)",
                "die Sprache der Verwaltungsseiten (Vorgabe: die der Spracheinstellung)",
            )
        ),
    )
    min_responses_argument(parser, ("any team report", "ein Team-Bericht"))
    parser.add_argument(
        "--workers",
        metavar="N",
        type=int,
        default=1,
        help=w(("worker processes (default 1; see README)", "Arbeitsprozesse (Vorgabe 1; siehe README)")),
    )


def missing_packages() -> list[str]:
    return [package for module, package in NEEDED.items() if importlib.util.find_spec(module) is None]


def _run(parser: Parser, args: argparse.Namespace) -> int:
    missing = missing_packages()
    if missing:
        raise OrgcheckError(
            Problem(
                f"orgcheck serve needs the survey door's packages ({', '.join(missing)}); install them with: "
                f"{INSTALL}",
                de=f"orgcheck serve braucht die Pakete der Umfrage ({', '.join(missing)}); "
                f"installieren Sie sie mit: {INSTALL}",
            )
        )
    if args.min_responses < 3:
        parser.refuse(
            (
                "--min-responses: at least 3, so that no answer can be traced to a person",
                "--min-responses: mindestens 3, damit sich keine Antwort einer Person zuordnen lässt",
            )
        )
    if not 1 <= args.workers <= 64:
        parser.refuse(("--workers: from 1 to 64", "--workers: von 1 bis 64"))
    from .server import serve  # the web server's packages load here, and only here

    return serve(args)


SERVE = Command(
    name="serve",
    usage="serve",
    summary=(
        "the team survey in the browser (orgcheck[serve])",
        "die Team-Umfrage im Browser (orgcheck[serve])",
    ),
    description=(
        "The team survey in the browser: colleagues answer through the links you send\n"
        "('orgcheck survey new', or the admin page), you watch the answers come in and\n"
        "open the team report. Prints where it listens and a one-time admin link; runs\n"
        "until ctrl+c or SIGTERM, finishing the requests in flight.",
        "Die Team-Umfrage im Browser: Kolleginnen und Kollegen antworten über die Links,\n"
        "die Sie verschicken ('orgcheck survey new' oder die Verwaltungsseite), Sie sehen\n"
        "die Antworten eintreffen und öffnen den Team-Bericht. Gibt aus, wo er lauscht,\n"
        "und einen Einmal-Link zur Verwaltung; läuft bis ctrl+c oder SIGTERM und beendet\n"
        "dabei die laufenden Anfragen.",
    ),
    examples=(
        "  orgcheck serve\n  orgcheck serve --host 0.0.0.0 --base-url https://survey.example.com --workers 4"
    ),
    add_arguments=_arguments,
    run=_run,
)
