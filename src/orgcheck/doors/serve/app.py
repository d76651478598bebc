"""The survey door as an ASGI application (Starlette): its routes and what they share.

    GET  /healthz                        200 "ok", for a reverse proxy and the benchmark's floor
    GET  /s/<token>                      the respondent's welcome (or where they left off)
    POST /s/<token>                      start
    GET/POST /s/<token>/q/<question>     one question (go=back|next)
    GET/POST /s/<token>/review           every answer, change links, go=submit|back
    GET  /s/<token>/thanks, /report      after submitting: thanks, and their own report
    GET  /admin/login/<token>            a one-time admin link, traded for a session cookie
    GET/POST /admin, /admin/surveys/...  surveys, invites, the team report, downloads, close, delete

Handlers are plain functions run in the thread pool (the store blocks on the
disk: every write is fsynced before it returns); Starlette only parses the form.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from ...survey.surveys import Surveys
from . import admin, respond
from .door import Door, Settings, preferred_language
from .security import Guard

MAX_BODY_BYTES = 64 * 1024  # a questionnaire page sends a few kB; 413 above this
MAX_FORM_FIELDS = 100


Handler = Callable[..., Response]


def _page(door: Door, handler: Handler, **fixed: Any) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint: the form parsed (POST), then the handler in the thread pool."""

    async def endpoint(request: Request) -> Response:
        form = None
        if request.method == "POST":
            form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS, max_part_size=MAX_BODY_BYTES)
        arguments = {**request.path_params, **fixed}
        return await run_in_threadpool(handler, door, request, form, **arguments)

    return endpoint


def create_app(surveys: Surveys, settings: Settings) -> Guard:
    """The application, inside the guard (so that even a page for an internal error has the headers)."""
    door = Door(surveys, settings)

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok")

    async def stylesheet(request: Request) -> Response:
        return Response(
            door.pages.stylesheet,
            media_type="text/css",
            headers={"cache-control": "public, max-age=86400, immutable"},
        )

    async def login(request: Request) -> Response:
        return await run_in_threadpool(admin.log_in, door, request, request.path_params["token"])

    def respondent(page: str | None = None) -> Callable[[Request], Awaitable[Response]]:
        def handler(door: Door, request: Request, form: FormData | None, token: str, **rest: Any) -> Response:
            return respond.respondent(door, request, form, token, page or rest["question"])

        return _page(door, handler)

    def admin_page(page: str) -> Callable[[Request], Awaitable[Response]]:
        return _page(door, admin.admin, page=page)

    both = ["GET", "POST"]
    routes = [
        Route("/healthz", healthz),
        Route(door.pages.stylesheet_path, stylesheet),
        Route("/s/{token}", respondent("welcome"), methods=both),
        Route("/s/{token}/review", respondent("review"), methods=both),
        Route("/s/{token}/thanks", respondent("thanks")),
        Route("/s/{token}/report", respondent("report")),
        Route("/s/{token}/q/{question}", respondent(), methods=both),
        Route("/admin/login/{token}", login),
        Route("/admin", admin_page("index"), methods=both),
        Route("/admin/surveys", admin_page("index"), methods=["POST"]),
        Route("/admin/logout", admin_page("logout"), methods=["POST"]),
        Route("/admin/surveys/{survey_id}.json", admin_page("json")),
        Route("/admin/surveys/{survey_id}", admin_page("survey")),
        Route("/admin/surveys/{survey_id}/invites", admin_page("invites"), methods=["POST"]),
        Route("/admin/surveys/{survey_id}/close", admin_page("close"), methods=["POST"]),
        Route("/admin/surveys/{survey_id}/delete", admin_page("delete"), methods=both),
        Route("/admin/surveys/{survey_id}/report", admin_page("report")),
        Route("/admin/surveys/{survey_id}/export.zip", admin_page("export")),
        *(
            Route(f"/admin/surveys/{{survey_id}}/team.{fmt}", admin_page(f"team.{fmt}"))
            for fmt in admin.DOWNLOADS
        ),
    ]

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        language = preferred_language(request, settings.language)
        words = door.pages.words[language]
        if error.status_code == 404:
            return door.not_found(request)
        if error.status_code == 413:
            body = words("too_large_body", kilobytes=MAX_BODY_BYTES // 1024)
            return door.message(language, words("too_large_heading"), [body], 413)
        if error.status_code == 400 and re.search(r"(?i)too many|maximum|exceed", str(error.detail)):
            body = words("too_large_body", kilobytes=MAX_BODY_BYTES // 1024)
            return door.message(language, words("too_large_heading"), [body], 413)
        return door.message(language, words("method_heading"), [words("method_body")], error.status_code)

    async def server_error(request: Request, error: Exception) -> Response:
        language = preferred_language(request, settings.language)
        words = door.pages.words[language]
        return door.message(language, words("failed_heading"), [words("failed_body")], 500)

    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error, 500: server_error},
        max_body_size=MAX_BODY_BYTES,
    )
    app.state.door = door
    return Guard(app)
