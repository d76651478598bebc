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
from typing import Any, NamedTuple

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from ...engine.team import Team
from ...languages import LANGUAGES
from ...pack.model import Pack
from ...store.surveys import SurveyRow
from ...survey.surveys import Surveys
from . import admin, respond
from .pages import Pages
from .security import Guard, origin_of, same_origin

MAX_BODY_BYTES = 64 * 1024  # a questionnaire page sends a few kB; 413 above this
MAX_FORM_FIELDS = 100


class Settings(NamedTuple):
    base_url: str | None  # the public address (links, the origin check); None: where requests arrive
    language: str  # of the admin's pages
    listen_url: str  # where the server listens, for links when there is no base_url

    @property
    def secure_cookies(self) -> bool:
        return (self.base_url or self.listen_url).lower().startswith("https:")


class Door:
    """What every handler needs: the surveys, the pages, the settings."""

    def __init__(self, surveys: Surveys, settings: Settings) -> None:
        self.surveys = surveys
        self.pack: Pack = surveys.pack
        self.settings = settings
        self.pages = Pages(surveys.pack)
        self.public_origin = origin_of(settings.base_url) if settings.base_url else None
        self._teams: dict[tuple[str, int], tuple[Team, dict[str, str]]] = {}

    @property
    def base_url(self) -> str:
        return self.settings.base_url or self.settings.listen_url

    def form_allowed(self, request: Request, form: FormData, scope: str) -> bool:
        token = form.get("csrf")
        return same_origin(request, self.public_origin) and self.surveys.form_token_valid(
            scope, token if isinstance(token, str) else None
        )

    # --- the team report, made once per new response ------------------------------------

    def team(self, survey: SurveyRow) -> Team | None:
        """The team assessment (None below min_responses), kept while no response is added."""
        if not self.surveys.ready(survey):
            return None
        key = (survey.id, self.surveys.progress(survey.id).submitted)
        if key not in self._teams:
            team = self.surveys.team(survey)
            assert team is not None
            self._teams = {k: v for k, v in self._teams.items() if k[0] != survey.id}
            self._teams[key] = (team, {})
        return self._teams[key][0]

    def team_report(self, survey: SurveyRow, fmt: str) -> str:
        from ...report.many import render_team

        team = self.team(survey)
        assert team is not None
        rendered = self._teams[(survey.id, self.surveys.progress(survey.id).submitted)][1]
        if fmt not in rendered:
            day = team.consensus.answers.date
            assert day is not None  # every response has its submission date
            rendered[fmt] = render_team(fmt, self.pack, team, survey.language, day)
        return rendered[fmt]

    # --- pages that say one thing -------------------------------------------------------------

    def message(self, language: str, heading: str, paragraphs: list[str], status: int) -> Response:
        html = self.pages.render(
            "message",
            language,
            title=f"{heading} – orgcheck",
            kicker="orgcheck",
            cover="",
            heading=heading,
            paragraphs=paragraphs,
            link=None,
        )
        return HTMLResponse(html, status_code=status)

    def not_found(self, request: Request) -> Response:
        language = preferred_language(request, self.settings.language)
        words = self.pages.words[language]
        return self.message(language, words("not_found_heading"), [words("not_found_body")], 404)

    def forbidden(self, language: str) -> Response:
        words = self.pages.words[language]
        return self.message(language, words("forbidden_heading"), [words("forbidden_body")], 403)


def preferred_language(request: Request, default: str) -> str:
    """The first of the browser's Accept-Language that orgcheck speaks, else ``default``."""
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return default


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
