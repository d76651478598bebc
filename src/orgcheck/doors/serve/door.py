"""What every handler of the survey door shares: the surveys, the pages, the settings.

Its own module so that the route modules (respond, admin) and the application
that wires them (app) all import it, and none of them imports another.
"""

from __future__ import annotations

from typing import NamedTuple

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ...engine.team import Team
from ...languages import LANGUAGES
from ...pack.model import Pack
from ...store.surveys import SurveyRow
from ...survey.surveys import Surveys
from .pages import Pages
from .security import origin_of, same_origin


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
