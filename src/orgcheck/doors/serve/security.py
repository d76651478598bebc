"""What every response carries and every form must show: security headers, CSRF and origin checks,
and an access log that never holds a token.

* Every page: a Content-Security-Policy with no script at all (``script-src
  'none'`` through ``default-src 'none'``), the server's own stylesheet only,
  ``frame-ancestors 'none'``, ``form-action 'self'``; ``Referrer-Policy:
  same-origin`` (``no-referrer`` makes Chromium send ``Origin: null`` on the
  form's own POST, which the origin check would refuse); ``nosniff``;
  ``Cache-Control: no-store`` (answers and links are nobody else's).
* A report served as a document keeps its own inline stylesheet: it gets a
  policy that allows that and nothing else.
* A form POST is taken only with the CSRF token of its invite or admin session
  and from the server's own origin (``Origin``, else ``Sec-Fetch-Site``).
* The access log names no token: ``/s/<token>`` is logged as ``/s/…``.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
# A report (the respondent's own, the team's) as a document: its own inline styles, nothing else.
DOCUMENT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'"
)
HEADERS = (
    ("referrer-policy", "same-origin"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    ("cache-control", "no-store"),
)
_TOKEN_PATHS = re.compile(r"^/(s|admin/login)/[^/]+")

log = logging.getLogger("orgcheck.serve")


class Guard:
    """ASGI middleware: the headers on every response, and one log line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_guarded(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers.setdefault("content-security-policy", PAGE_POLICY)
                for name, value in HEADERS:
                    headers.setdefault(name, value)
            await send(message)

        try:
            await self.app(scope, receive, send_guarded)
        finally:
            if log.isEnabledFor(logging.INFO):
                log.info(
                    "%s %s %d %.0f ms",
                    scope.get("method", "?"),
                    logged_path(scope.get("path", "")),
                    status,
                    (time.perf_counter() - started) * 1000,
                )


def logged_path(path: str) -> str:
    """The path as the access log shows it: no token, no query."""
    return _TOKEN_PATHS.sub(lambda match: f"/{match.group(1)}/…", path)


def same_origin(request: Request, public_origin: str | None) -> bool:
    """Whether a POST comes from the server's own pages.

    The browser's ``Origin`` must be the public address (``--base-url``), or
    where the request was sent (its Host) when none is set; a browser that sends
    no Origin must say ``Sec-Fetch-Site: same-origin``. ``Origin: null`` (a
    page with ``no-referrer``, a sandboxed frame) is never the server's own.
    """
    origin = request.headers.get("origin")
    if origin is None:
        return request.headers.get("sec-fetch-site") == "same-origin"
    expected = public_origin or f"{request.url.scheme}://{request.headers.get('host', '')}"
    return origin.rstrip("/") == expected.rstrip("/")


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL."""
    match = re.match(r"^([a-z][a-z0-9+.-]*://[^/?#]+)", url, re.IGNORECASE)
    return match.group(1).lower() if match else url


def document_headers(extra: dict[str, Any] | None = None) -> dict[str, str]:
    return {"content-security-policy": DOCUMENT_POLICY, **(extra or {})}
