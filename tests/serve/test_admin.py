"""The admin's side: the one-time link, surveys and invites, progress, the team report and its downloads."""

from __future__ import annotations

import io
import json
import re
import zipfile

from .conftest import (
    ORIGIN,
    TEAM_ANSWERS,
    Respondent,
    client_of,
    csrf,
    log_in,
    path_of,
    post_form,
    survey_with_responses,
    text,
)


def test_the_admin_pages_need_the_one_time_link(client, surveys):
    response = client.get("/admin")
    assert response.status_code == 403 and "Log in with your admin link" in text(response.text)
    link = path_of(surveys.new_admin_link(ORIGIN))
    first = client.get(link)
    assert first.status_code == 303 and first.headers["location"] == "/admin"
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax") and "Path=/" in cookie
    assert "Secure" not in cookie  # plain HTTP on loopback: a Secure cookie would never come back
    assert client.get("/admin").status_code == 200
    client.cookies.clear()
    again = client.get(link)  # used up
    assert again.status_code == 403 and "used already or has expired" in text(again.text)


def test_a_survey_made_in_the_browser_shows_its_links_once(client, surveys):
    page = log_in(client, surveys)
    fields = [
        ("csrf", csrf(page)), ("title", "Social media Q4 2026"), ("organisation", "Beispiel GmbH"),
        ("language", "de"), ("invites", "4"), ("min_responses", "3"),
    ]  # fmt: skip
    created = post_form(client, "/admin/surveys", fields)
    assert created.status_code == 200
    links = re.findall(r"<code>(http://testserver/s/[A-Za-z0-9_-]+)</code>", created.text)
    assert len(links) == 4 and len(set(links)) == 4
    assert "shown only now" in text(created.text)
    survey = surveys.get("social-media-q4-2026")
    assert (survey.language, survey.organisation) == ("de", "Beispiel GmbH")
    shown_later = client.get("/admin/surveys/social-media-q4-2026").text
    assert not any(link in shown_later for link in links)
    assert "0 of 4 submitted, 0 started" in text(shown_later)


def test_a_form_with_mistakes_says_each_and_keeps_what_was_typed(client, surveys):
    page = log_in(client, surveys)
    fields = [
        ("csrf", csrf(page)),
        ("title", " "),
        ("invites", "0"),
        ("min_responses", "2"),
        ("organisation", "Acme"),
    ]
    response = post_form(client, "/admin/surveys", fields)
    assert response.status_code == 422
    said = text(response.text)
    assert "Please give a title." in said and "a number from 1 to 10,000" in said and "from 3 on" in said
    assert 'value="Acme"' in response.text
    assert surveys.all() == []


def test_labels_name_invites_only_in_a_named_survey(client, surveys):
    page = log_in(client, surveys)
    base = [("csrf", csrf(page)), ("title", "Leadership"), ("min_responses", "3"), ("language", "en")]
    refused = post_form(client, "/admin/surveys", [*base, ("labels", "Head of marketing\nHead of support")])
    assert refused.status_code == 422  # not named: a number of invites is asked for instead
    named = post_form(
        client,
        "/admin/surveys",
        [*base, ("named", "1"), ("labels", "Head of marketing\n\nHead of support\n")],
    )
    assert named.status_code == 200
    assert re.findall(r"<li>([^:<]+): <code>", named.text) == ["Head of marketing", "Head of support"]


def test_more_invites_can_be_added_to_an_open_survey_and_none_to_a_closed_one(client, surveys):
    page = log_in(client, surveys)
    survey, _ = surveys.create("Q4", "en", count=2)
    added = post_form(client, f"/admin/surveys/{survey.id}/invites", [("csrf", csrf(page)), ("count", "3")])
    assert added.status_code == 200 and len(re.findall(r"<code>http", added.text)) == 3
    assert surveys.progress(survey.id).invited == 5
    closed = post_form(client, f"/admin/surveys/{survey.id}/close", [("csrf", csrf(page))])
    assert closed.status_code == 303
    assert surveys.get(survey.id).state == "closed"
    refused = post_form(client, f"/admin/surveys/{survey.id}/invites", [("csrf", csrf(page)), ("count", "1")])
    assert refused.status_code in (404, 405, 422)
    assert surveys.progress(survey.id).invited == 5


def test_progress_counts_invited_started_and_submitted_and_the_report_waits_for_three(client, surveys):
    log_in(client, surveys)
    survey_id, _ = survey_with_responses(client, surveys, 2)
    starter = Respondent(client, surveys.add_invites(survey_id, count=1)[0].link(ORIGIN))
    starter.start()
    page = client.get(f"/admin/surveys/{survey_id}").text
    assert "2 of 3 submitted, 3 started" in text(page)
    assert "appears once 3 responses are in (2 so far)" in text(page)
    for path in ("report", "team.md", "team.json", "team.html", "export.zip"):
        response = client.get(f"/admin/surveys/{survey_id}/{path}")
        assert response.status_code == 403, path
        assert "has 2 of the 3 responses" in text(response.text)
    document = client.get(f"/admin/surveys/{survey_id}.json").json()
    assert document["team"] is None and (document["invited"], document["started"], document["submitted"]) == (
        3,
        3,
        2,
    )


def test_the_survey_document_has_the_contracts_keys_and_the_team_document(client, surveys):
    log_in(client, surveys)
    survey_id, _ = survey_with_responses(client, surveys, 3)
    response = client.get(f"/admin/surveys/{survey_id}.json")
    assert response.headers["content-type"].startswith("application/json")
    document = response.json()
    assert list(document) == [
        "schema_version", "kind", "id", "title", "language", "state",
        "invited", "started", "submitted", "min_responses", "team",
    ]  # fmt: skip
    assert (document["kind"], document["id"], document["state"], document["min_responses"]) == (
        "survey", survey_id, "open", 3,
    )  # fmt: skip
    assert document["team"]["kind"] == "team" and len(document["team"]["respondents"]) == 3


def test_anonymous_respondents_are_numbered_and_no_invite_is_shown_by_itself(client, surveys):
    log_in(client, surveys)
    survey_id, _ = survey_with_responses(client, surveys, 3)
    team = client.get(f"/admin/surveys/{survey_id}/team.json").json()
    assert sorted(r["respondent"] for r in team["respondents"]) == [
        "Respondent 1",
        "Respondent 2",
        "Respondent 3",
    ]
    page = client.get(f"/admin/surveys/{survey_id}").text
    assert re.findall(r"<td>(invited|started|submitted)</td><td class=\"num\">(\d+)</td>", page) == [
        ("submitted", "3")
    ]


def test_a_named_survey_shows_each_label_with_its_answers(client, surveys):
    log_in(client, surveys)
    survey, invites = surveys.create(
        "Leadership", "en", labels=["Head of marketing", "Head of support", "CEO"], named=True
    )
    for invite, answers in zip(invites, TEAM_ANSWERS, strict=False):
        Respondent(client, invite.link(ORIGIN)).complete(answers)
    team = client.get(f"/admin/surveys/{survey.id}/team.json").json()
    assert sorted(r["respondent"] for r in team["respondents"]) == [
        "CEO",
        "Head of marketing",
        "Head of support",
    ]
    assert "Head of support" in text(client.get(f"/admin/surveys/{survey.id}").text)


def test_the_team_report_in_the_page_and_as_downloads(client, surveys):
    log_in(client, surveys)
    survey_id, _ = survey_with_responses(client, surveys, 4)
    shown = client.get(f"/admin/surveys/{survey_id}/report")
    assert (
        shown.status_code == 200 and '<html lang="en">' in shown.text and "The consensus" in text(shown.text)
    )
    summary = text(client.get(f"/admin/surveys/{survey_id}").text)
    assert "Recommended:" in summary and "the team's overall score" in summary
    for fmt, kind in (("md", "text/markdown"), ("json", "application/json"), ("html", "text/html")):
        response = client.get(f"/admin/surveys/{survey_id}/team.{fmt}")
        assert response.status_code == 200 and response.headers["content-type"].startswith(kind)
        assert response.headers["content-disposition"] == f'attachment; filename="{survey_id}-team.{fmt}"'
    assert client.get(f"/admin/surveys/{survey_id}/team.md").text.startswith("# ")


def test_the_downloads_are_the_formats_this_machine_writes_and_a_pdf_is_a_pdf(surveys, monkeypatch):
    from orgcheck.report import formats

    monkeypatch.setattr(formats, "offered", lambda: ("md", "json", "html"))
    with client_of(surveys) as without:
        log_in(without, surveys)
        survey_id, _ = survey_with_responses(without, surveys, 3)
        page = without.get(f"/admin/surveys/{survey_id}").text
        assert "team.html" in page and "team.pdf" not in page and "PDF" not in text(page)
        assert without.get(f"/admin/surveys/{survey_id}/team.pdf").status_code == 404
    monkeypatch.undo()
    if "pdf" not in formats.offered():
        return  # no browser or no pdf extra here: the first half is what this machine shows
    with client_of(surveys) as client:
        log_in(client, surveys)
        page = client.get(f"/admin/surveys/{survey_id}").text
        assert f'href="/admin/surveys/{survey_id}/team.pdf" download>PDF</a>' in page
        response = client.get(f"/admin/surveys/{survey_id}/team.pdf")
        assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        assert response.headers["content-disposition"] == f'attachment; filename="{survey_id}-team.pdf"'


def test_the_export_is_the_answers_files_of_survey_export(client, surveys, tmp_path):
    log_in(client, surveys)
    survey_id, _ = survey_with_responses(client, surveys, 3)
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/admin/surveys/{survey_id}/export.zip").content))
    written = surveys.export(surveys.get(survey_id), tmp_path / "export")
    assert sorted(archive.namelist()) == [f"{survey_id}/{p.name}" for p in sorted(written)]
    for path in written:
        assert archive.read(f"{survey_id}/{path.name}") == path.read_bytes()
    assert "respondent: Respondent" in written[0].read_text(encoding="utf-8")


def test_orgcheck_team_over_the_export_gives_the_surveys_team_report(client, surveys, tmp_path, orgcheck):
    log_in(client, surveys)
    survey_id, _ = survey_with_responses(client, surveys, 4)
    folder = tmp_path / "answers"
    surveys.export(surveys.get(survey_id), folder)
    for fmt in ("md", "html"):
        by_files = orgcheck("team", str(folder), "--format", fmt, "--lang", "en")
        assert by_files.returncode == 0, by_files.stderr
        assert by_files.stdout.decode() == client.get(f"/admin/surveys/{survey_id}/team.{fmt}").text
    files = json.loads(orgcheck("team", str(folder), "--format", "json", "--lang", "en").stdout)
    assert files == client.get(f"/admin/surveys/{survey_id}/team.json").json()


def test_deleting_asks_first_then_removes_the_survey_and_every_response(client, surveys, tmp_path):
    page = log_in(client, surveys)
    survey_id, people = survey_with_responses(client, surveys, 3)
    confirm = client.get(f"/admin/surveys/{survey_id}/delete")
    assert confirm.status_code == 200 and "3 responses are removed for good" in text(confirm.text)
    deleted = post_form(client, f"/admin/surveys/{survey_id}/delete", [("csrf", csrf(page))])
    assert deleted.status_code == 303 and deleted.headers["location"] == "/admin"
    assert surveys.all() == [] and client.get(people[0].base).status_code == 404
    database = b"".join(p.read_bytes() for p in (tmp_path / "data").iterdir())
    assert b"social_team" not in database and b"awareness" not in database  # no answer left in the pages


def test_logging_out_ends_the_session(client, surveys):
    page = log_in(client, surveys)
    response = post_form(client, "/admin/logout", [("csrf", csrf(page))])
    assert response.status_code == 303
    assert client.get("/admin").status_code == 403


def test_an_admin_form_without_its_token_changes_nothing(client, surveys):
    log_in(client, surveys)
    survey, _ = surveys.create("Q4", "en", count=1)
    assert post_form(client, f"/admin/surveys/{survey.id}/close", []).status_code == 403
    assert post_form(client, f"/admin/surveys/{survey.id}/delete", [("csrf", "x")]).status_code == 403
    assert surveys.get(survey.id).state == "open"


def test_an_unknown_survey_is_a_404_for_the_admin(client, surveys):
    log_in(client, surveys)
    assert client.get("/admin/surveys/nope").status_code == 404


def test_a_company_wide_survey_is_assessed_over_the_cores_from_the_servers_threads(
    client, surveys, monkeypatch
):
    """250 responses: the records come from a process pool, started by a fresh server process
    (forkserver) since the app's threads must not be forked; the report equals the one made alone."""
    from orgcheck.engine import batch
    from orgcheck.store.surveys import ResponseRow
    from orgcheck.survey.surveys import Surveys
    from orgcheck.survey.tokens import digest

    log_in(client, surveys)
    count = batch.POOL_THRESHOLD + 50
    survey, invites = surveys.create("Company-wide", "en", count=count)
    when = "2026-12-01T09:00:00+00:00"
    for number, invite in enumerate(invites):
        answers = TEAM_ANSWERS[number % len(TEAM_ANSWERS)]
        surveys.store.save_response(ResponseRow(digest(invite.token), "en", answers, when, when, when))
    contexts = []
    real = batch._pool_context
    monkeypatch.setattr(batch, "_pool_context", lambda: contexts.append(real()) or contexts[-1])
    served = client.get(f"/admin/surveys/{survey.id}/team.json").json()
    assert len(served["respondents"]) == count
    assert [context.get_start_method() for context in contexts] == ["forkserver"]
    alone = Surveys(surveys.store, surveys.pack)
    assert [r.findings for r in alone.records(survey)] == [r.findings for r in surveys.records(survey)]
