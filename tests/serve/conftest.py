"""The survey door under test: a store in a temporary folder, the app behind Starlette's test
client, and a respondent who answers as a person would, by the forms' own fields."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from conftest import EXAMPLES

pytest.importorskip("starlette", reason="orgcheck serve needs the extra orgcheck[serve]")

from starlette.testclient import TestClient

from orgcheck import yamlio
from orgcheck.doors.serve.app import create_app
from orgcheck.doors.serve.door import Settings
from orgcheck.store.surveys import open_store
from orgcheck.survey.surveys import Surveys

ORIGIN = "http://testserver"
# Four managers of a tour operator (examples/team), as four respondents.
TEAM_ANSWERS = [yamlio.load(path).value["answers"] for path in sorted((EXAMPLES / "team").glob("*.yaml"))]


@pytest.fixture
def surveys(tmp_path: Path, pack: Any) -> Surveys:
    return Surveys(open_store(tmp_path / "data"), pack)


def client_of(surveys: Surveys) -> TestClient:
    """A client of a new app over ``surveys`` (made now: it sees the machine as it is now)."""
    app = create_app(surveys, Settings(base_url=None, language="en", listen_url=ORIGIN))
    return TestClient(app, headers={"origin": ORIGIN}, follow_redirects=False)


@pytest.fixture
def client(surveys: Surveys) -> Iterator[TestClient]:
    with client_of(surveys) as test_client:
        yield test_client


def path_of(link: str) -> str:
    parts = urlsplit(link)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "the page has no form"
    return match.group(1)


def errors(html: str) -> list[str]:
    return [unescape(e) for e in re.findall(r'class="field-error"[^>]*>([^<]*)<', html)]


def text(html: str) -> str:
    """What a person reads: the page without its tags."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def form_fields(question: str, value: Any) -> list[tuple[str, str]]:
    """How a browser sends an answer: one field per ticked box, yes/no as true/false."""
    if value is None:
        return []
    if isinstance(value, list):
        return [(question, item) for item in value]
    if isinstance(value, bool):
        return [(question, "true" if value else "false")]
    return [(question, str(value))]


class Respondent:
    """One person with one link, going through the pages as the server sends them."""

    def __init__(self, client: TestClient, link: str) -> None:
        self.client = client
        self.base = path_of(link)
        self.page = client.get(self.base)
        self.visited: list[str] = []

    def post(self, path: str, fields: list[tuple[str, str]], **headers: str) -> Any:
        return post_form(self.client, path, [("csrf", csrf(self.page.text)), *fields], **headers)

    def go(self, response: Any) -> Any:
        """Follow the redirect of a POST, as a browser does."""
        assert response.status_code == 303, (response.status_code, errors(response.text))
        location = response.headers["location"]
        self.visited.append(location)
        self.page = self.client.get(location.split("#")[0])
        return self.page

    def start(self) -> Any:
        return self.go(self.post(self.base, [("go", "next")]))

    def current_question(self) -> str | None:
        match = re.search(r"/q/([a-z_]+)", self.visited[-1]) if self.visited else None
        return match.group(1) if match else None

    def answer(self, value: Any, *, go: str = "next") -> Any:
        """Send an answer to the question shown; the response, not followed."""
        question = self.current_question()
        assert question is not None, self.visited[-1:]
        path = urlsplit(self.visited[-1]).path
        fields = [*form_fields(question, value), ("go", go)]
        if 'name="review"' in self.page.text:
            fields.append(("review", "1"))
        if 'name="confirmed"' in self.page.text:
            fields.append(("confirmed", "1"))
        return self.post(path, fields)

    def complete(self, answers: Mapping[str, Any], *, submit: bool = True) -> Any:
        """Answer every question the flow asks from ``answers``, then submit on the review."""
        self.start()
        for _ in range(40):
            question = self.current_question()
            if question is None:
                break
            response = self.answer(answers.get(question))
            if response.status_code == 422 and 'name="confirmed"' in response.text:  # nothing ticked: confirm
                self.page = response
                response = self.answer(answers.get(question))
            self.go(response)
        assert "/review" in self.visited[-1], self.visited[-1]
        if not submit:
            return self.page
        return self.go(self.post(f"{self.base}/review", [("go", "submit")]))


def post_form(client: TestClient, path: str, fields: list[tuple[str, str]], **headers: str) -> Any:
    """A form as a browser sends it (a field may repeat: one per ticked box)."""
    return client.post(
        path,
        content=urlencode(fields),
        headers={"content-type": "application/x-www-form-urlencoded", **headers},
    )


def log_in(client: TestClient, surveys: Surveys) -> str:
    """The admin, logged in through a one-time link; the admin page's HTML."""
    link = surveys.new_admin_link(ORIGIN)
    response = client.get(path_of(link))
    assert response.status_code == 303 and response.headers["location"] == "/admin"
    page = client.get("/admin")
    assert page.status_code == 200
    return page.text


def survey_with_responses(
    client: TestClient, surveys: Surveys, count: int, **options: Any
) -> tuple[str, list[Respondent]]:
    """A survey in English and ``count`` submitted responses (the team's answers, in turn)."""
    survey, invites = surveys.create("Social media Q4", "en", count=count, **options)
    people = []
    for index, invite in enumerate(invites):
        person = Respondent(client, invite.link(ORIGIN))
        person.complete(TEAM_ANSWERS[index % len(TEAM_ANSWERS)])
        people.append(person)
    return survey.id, people
