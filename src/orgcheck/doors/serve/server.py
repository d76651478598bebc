"""Serving the survey: the socket, uvicorn, and what the admin needs to know to begin.

``orgcheck serve`` binds its socket itself, so a port in use is one clear line
(exit 2) instead of uvicorn's log; then uvicorn serves on it until ctrl+c or
SIGTERM, finishing the requests in flight. With ``--workers N`` uvicorn starts
N processes of :mod:`orgcheck.doors.serve.asgi` on one port instead, configured
through the environment (every worker opens the same SQLite file).
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import socket
import sys
from pathlib import Path

from ...errors import EXIT_OK, OrgcheckError, Problem, message_language
from ...languages import choose_language
from ...survey.surveys import Surveys, open_surveys
from .app import create_app
from .door import Settings

# The environment asgi.py reads: for `--workers` and for uvicorn or gunicorn started by hand.
ENVIRONMENT = {
    "data": "ORGCHECK_DATA_DIR",
    "base_url": "ORGCHECK_SERVE_BASE_URL",
    "lang": "ORGCHECK_SERVE_LANG",
    "min_responses": "ORGCHECK_SERVE_MIN_RESPONSES",
    "listen_url": "ORGCHECK_SERVE_LISTEN_URL",
}


def serve(args: argparse.Namespace) -> int:
    surveys = open_surveys(Path(args.data) if args.data else None, min_responses=args.min_responses)
    language = choose_language(args.lang, None)
    listening = _bind(args.host, args.port)
    port = listening.getsockname()[1]
    listen_url = f"http://{_host_in_url(args.host)}:{port}"
    base_url = args.base_url.rstrip("/") if args.base_url else None
    settings = Settings(base_url, language, listen_url)
    _say_where(settings, args.host, surveys, args.workers)
    _access_log()
    import uvicorn

    # No access log of uvicorn's (it would show the tokens: ours is security.Guard's), no Server
    # header; X-Forwarded-* read from a proxy on this machine.
    if args.workers > 1:
        listening.close()  # uvicorn's supervisor binds it for its workers
        os.environ.update(_environment(args, settings))
        uvicorn.run(
            "orgcheck.doors.serve.asgi:create",
            factory=True,
            host=args.host,
            port=port,
            workers=args.workers,
            access_log=False,
            log_level="warning",
            server_header=False,
            proxy_headers=True,
        )
        return EXIT_OK
    config = uvicorn.Config(
        create_app(surveys, settings),
        access_log=False,
        log_level="warning",
        server_header=False,
        proxy_headers=True,
    )
    uvicorn.Server(config).run(sockets=[listening])
    return EXIT_OK


def _bind(host: str, port: int) -> socket.socket:
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        listening = socket.socket(family, socket.SOCK_STREAM)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((host, port))
        listening.listen(2048)
        listening.set_inheritable(True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OrgcheckError(
            Problem(
                f"cannot listen on {host}:{port}: {reason}; choose another --port or --host",
                de=f"kann nicht auf {host}:{port} lauschen: {reason}; "
                "wählen Sie einen anderen --port oder --host",
            )
        ) from None
    return listening


def _host_in_url(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _say_where(settings: Settings, host: str, surveys: Surveys, workers: int) -> None:
    """Where it listens and the admin's link, in the language of the messages."""
    public = settings.base_url or settings.listen_url
    lines = [
        Problem(
            f"orgcheck serve: the team survey at {settings.listen_url}/ (ctrl+c stops it)",
            de=f"orgcheck serve: die Team-Umfrage unter {settings.listen_url}/ (Strg+C beendet sie)",
        )
    ]
    if settings.base_url:
        lines.append(
            Problem(f"links point at {settings.base_url}/", de=f"die Links zeigen auf {settings.base_url}/")
        )
    if not _loopback(host):
        lines.append(
            Problem(
                "this speaks plain HTTP: put it behind a TLS reverse proxy, and give its public address "
                "with --base-url (README, 'Run a team survey')",
                de="dies spricht unverschlüsseltes HTTP: stellen Sie einen TLS-Reverse-Proxy davor und "
                "geben Sie dessen öffentliche Adresse mit --base-url an (README, 'Run a team survey')",
            )
        )
    if workers > 1:
        where = surveys.store.location
        lines.append(
            Problem(
                f"{workers} worker processes share {where}",
                de=f"{workers} Arbeitsprozesse teilen sich {where}",
            )
        )
    link = surveys.new_admin_link(public)
    lines.append(
        Problem(
            f"admin (a one-time link, valid for a day): {link}",
            de=f"Verwaltung (ein Einmal-Link, einen Tag gültig): {link}",
        )
    )
    lines.append(
        Problem(
            "create a survey there, or: orgcheck survey new TITLE",
            de="legen Sie dort eine Umfrage an, oder: orgcheck survey new TITEL",
        )
    )
    language = message_language()
    sys.stdout.write("".join(f"{line.text(language)}\n" for line in lines))
    sys.stdout.flush()


def _access_log() -> None:
    """One line a request on standard error: method, path without tokens, status, time."""
    logger = logging.getLogger("orgcheck.serve")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%d %H:%M:%S"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def _environment(args: argparse.Namespace, settings: Settings) -> dict[str, str]:
    values = {
        "data": str(Path(args.data).resolve()) if args.data else None,
        "base_url": settings.base_url,
        "lang": settings.language,
        "min_responses": str(args.min_responses),
        "listen_url": settings.listen_url,
    }
    return {ENVIRONMENT[key]: value for key, value in values.items() if value is not None}
