"""What every page carries and what no request may do: headers, CSRF and origin, tokens, limits, escaping."""

from __future__ import annotations

import re

import pytest

from orgcheck.doors.serve.security import logged_path
from orgcheck.survey.surveys import Surveys

from .conftest import (
    ORIGIN,
    TEAM_ANSWERS,
    Respondent,
    log_in,
    path_of,
    post_form,
    survey_with_responses,
    text,
)

PAGE_HEADERS = {
    "referrer-policy": "same-origin",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
    "x-frame-options": "DENY",
}


def _link(surveys: Surveys, **options: object) -> str:
    return path_of(surveys.create("Q4", "en", count=1, **options)[1][0].link(ORIGIN))  # type: ignore[arg-type]


def _assert_guarded(response) -> None:
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "script-src" not in policy or "script-src 'none'" in policy  # no script, inline or not
    for name, value in PAGE_HEADERS.items():
        assert response.headers[name] == value, name


@pytest.mark.parametrize("path", ["/healthz", "/admin", "/s/wrong-token-wrong-token-wrong", "/no/such/page"])
def test_every_response_carries_the_security_headers(client, path):
    _assert_guarded(client.get(path))


def test_healthz_is_ok(client):
    response = client.get("/healthz")
    assert (response.status_code, response.text) == (200, "ok")


def test_every_page_of_a_survey_carries_them_and_the_form_action_is_self(client, surveys):
    link = _link(surveys)
    person = Respondent(client, link)
    _assert_guarded(person.page)
    assert "form-action 'self'" in person.page.headers["content-security-policy"]
    page = person.start()
    _assert_guarded(page)
    assert "<script" not in page.text and "style=" not in page.text


def test_a_wrong_an_ended_and_a_closed_token_get_the_same_404(client, surveys):
    wrong = client.get("/s/" + "A" * 32)
    malformed = client.get("/s/x")
    survey, invites = surveys.create("Closed", "en", count=1)
    surveys.close(survey.id)
    closed = client.get(path_of(invites[0].link(ORIGIN)))
    gone_survey, gone = surveys.create("Deleted", "en", count=1)
    surveys.delete(gone_survey.id)
    deleted = client.get(path_of(gone[0].link(ORIGIN)))
    assert {r.status_code for r in (wrong, malformed, closed, deleted)} == {404}
    assert wrong.text == malformed.text == closed.text == deleted.text
    assert "does not lead to an open survey" in text(wrong.text)


def test_a_post_without_the_csrf_token_or_with_another_invites_is_refused_and_changes_nothing(
    client, surveys
):
    link, other = _link(surveys), _link(surveys)
    Respondent(client, other)
    for fields in ([("go", "next")], [("go", "next"), ("csrf", "0" * 64)]):
        response = post_form(client, link, fields)
        assert response.status_code == 403 and "Nothing was changed" in text(response.text)
    # the token of another invite's form does not open this one
    other_token = re.search(r'name="csrf" value="([^"]+)"', client.get(other).text).group(1)
    assert post_form(client, link, [("csrf", other_token), ("go", "next")]).status_code == 403
    assert surveys.progress(surveys.all()[0].id).started == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://evil.example"},
        {"origin": "null"},  # what Chromium sends with Referrer-Policy: no-referrer
        {"origin": ""},
    ],
)
def test_a_post_from_a_foreign_origin_is_refused(client, surveys, headers):
    link = _link(surveys)
    person = Respondent(client, link)
    assert person.post(link, [("go", "next")], **headers).status_code == 403
    assert surveys.progress(surveys.all()[0].id).started == 0


def test_without_an_origin_only_a_same_origin_fetch_is_taken(surveys, client):
    link = _link(surveys)
    person = Respondent(client, link)
    client.headers.pop("origin")
    assert person.post(link, [("go", "next")]).status_code == 403
    assert person.post(link, [("go", "next")], **{"sec-fetch-site": "cross-site"}).status_code == 403
    assert person.post(link, [("go", "next")], **{"sec-fetch-site": "same-origin"}).status_code == 303


def test_a_body_over_64_kb_gets_413_and_nothing_is_stored(client, surveys):
    link = _link(surveys)
    person = Respondent(client, link)
    response = person.post(link, [("go", "next"), ("notes", "x" * 70_000)])
    assert response.status_code == 413
    _assert_guarded(response)
    assert surveys.progress(surveys.all()[0].id).started == 0


def test_too_many_fields_are_refused(client, surveys):
    link = _link(surveys)
    person = Respondent(client, link)
    response = person.post(link, [("go", "next"), *((f"f{n}", "1") for n in range(500))])
    assert response.status_code in (400, 413)
    assert surveys.progress(surveys.all()[0].id).started == 0


def test_a_forged_option_is_no_answer(client, surveys):
    person = Respondent(client, _link(surveys))
    person.start()
    response = person.answer("<script>alert(1)</script>")
    assert response.status_code == 422
    assert "<script>alert(1)</script>" not in response.text
    assert "not one of the choices" in text(response.text)


def test_hostile_free_text_and_titles_are_escaped_everywhere(client, surveys):
    hostile = '<img src=x onerror=alert(1)> "quoted" & {{7*7}}'
    survey, invites = surveys.create(hostile, "en", count=3, organisation=hostile)
    admin_page = log_in(client, surveys)
    for invite in invites:
        person = Respondent(client, invite.link(ORIGIN))
        assert "<img src=x" not in person.page.text and "&lt;img src=x" in person.page.text
        person.complete({**TEAM_ANSWERS[0], "notes": hostile})
    assert "<img src=x" not in admin_page
    for path in (f"/admin/surveys/{survey.id}", f"/admin/surveys/{survey.id}/report"):
        page = client.get(path)
        assert page.status_code == 200 and "<img src=x" not in page.text, path
    assert "{{7*7}}" in text(client.get(f"/admin/surveys/{survey.id}").text)  # shown, never evaluated


def test_tokens_never_reach_the_access_log():
    assert logged_path("/s/abcdefghijklmnopqrstuvwxyz012345/q/lead") == "/s/…/q/lead"
    assert logged_path("/admin/login/abcdefghijklmnopqrstuvwxyz012345") == "/admin/login/…"
    assert logged_path("/admin/surveys/q4") == "/admin/surveys/q4"


def test_the_access_log_of_a_real_request_holds_no_token(client, surveys, caplog):
    link = _link(surveys)
    with caplog.at_level("INFO", logger="orgcheck.serve"):
        client.get(link)
    token = link.rsplit("/", 1)[1]
    assert caplog.records and all(token not in record.getMessage() for record in caplog.records)
    assert any("/s/…" in record.getMessage() for record in caplog.records)


def test_only_the_hash_of_a_token_is_stored(surveys, tmp_path):
    link = _link(surveys)
    token = link.rsplit("/", 1)[1]
    database = (tmp_path / "data" / "orgcheck-surveys.sqlite3").read_bytes()
    assert token.encode() not in database


def test_a_submitted_survey_keeps_no_ip_address_and_no_user_agent(client, surveys, tmp_path):
    survey_with_responses(client, surveys, 3)
    database = b"".join(p.read_bytes() for p in (tmp_path / "data").iterdir())
    for trace in (b"testclient", b"127.0.0.1", b"python-httpx"):
        assert trace not in database
