"""The admin's pages: ``/admin`` after the one-time link, surveys, invites, the team report.

Logged in by a one-time link traded for a session cookie (HttpOnly; SameSite=Lax,
as Strict drops the cookie on the redirect that follows a link clicked in a mail
or a terminal; Secure where the public address is https). Nothing here ties an
answer to an invite unless the survey is named.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ...errors import OrgcheckError
from ...languages import LANGUAGE_NAMES, LANGUAGES
from ...report.document import SCHEMA_VERSION
from ...store.surveys import SurveyRow
from ...survey.surveys import MAX_INVITES, MAX_TITLE_LENGTH, NewInvite, invite_state, read_labels
from ...survey.tokens import digest
from ...textsafe import one_line
from .security import document_headers

if TYPE_CHECKING:
    from .door import Door

COOKIE = "orgcheck_admin"
UNPROCESSABLE = 422
DOWNLOADS = {
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
}


def log_in(door: Door, request: Request, token: str) -> Response:
    session = door.surveys.log_in(token)
    language = door.settings.language
    if session is None:
        words = door.pages.words[language]
        return door.message(language, words("login_heading"), [words("login_used"), words("login_body")], 403)
    response = RedirectResponse("/admin", 303)
    response.set_cookie(
        COOKIE,
        session,
        httponly=True,
        samesite="lax",
        secure=door.settings.secure_cookies,
        path="/",
        max_age=12 * 3600,
    )
    return response


def admin(
    door: Door, request: Request, form: FormData | None, page: str, survey_id: str | None = None
) -> Response:
    """Every admin page: the session, the form's checks, then the page."""
    session = request.cookies.get(COOKIE)
    language = door.settings.language
    words = door.pages.words[language]
    if not door.surveys.admin_session(session):
        return door.message(language, words("login_heading"), [words("login_body")], 403)
    assert session is not None
    scope = f"admin:{digest(session)}"
    if form is not None and not door.form_allowed(request, form, scope):
        return door.forbidden(language)
    context = {"csrf": door.surveys.form_token(scope)}
    if page == "logout":
        response = RedirectResponse("/admin", 303)
        door.surveys.store.end_admin_session(digest(session))
        response.delete_cookie(COOKIE, path="/")
        return response
    if page == "index":
        return _index(door, context) if form is None else _create(door, context, form)
    survey = door.surveys.store.survey(survey_id or "")
    if survey is None:
        return door.not_found(request)
    if page == "survey":
        return _survey(door, context, survey)
    if page == "invites":
        return _add_invites(door, context, survey, form)
    if page == "close":
        door.surveys.close(survey.id)
        return RedirectResponse(f"/admin/surveys/{survey.id}", 303)
    if page == "delete":
        if form is None:
            return _delete_page(door, context, survey)
        door.surveys.delete(survey.id)
        return RedirectResponse("/admin", 303)
    if page == "json":
        return _document(door, survey)
    return _report(door, survey, page)


def _frame(door: Door, heading: str) -> dict[str, Any]:
    words = door.pages.words[door.settings.language]
    return {"title": f"{heading} – orgcheck", "kicker": "orgcheck", "cover": words("admin_cover")}


# --- all surveys, and a new one -------------------------------------------------------


def _index(
    door: Door,
    context: dict[str, Any],
    form: dict[str, Any] | None = None,
    errors: tuple[str, ...] = (),
    status: int = 200,
) -> Response:
    language = door.settings.language
    words = door.pages.words[language]
    rows = []
    for survey in door.surveys.all():
        progress = door.surveys.progress(survey.id)
        state = words(f"state_{survey.state}")
        rows.append({"id": survey.id, "title": survey.title, "state": state, **progress._asdict()})
    values = form or {
        "title": "",
        "organisation": "",
        "language": language,
        "invites": "10",
        "named": False,
        "labels": "",
        "min_responses": str(door.surveys.floor),
    }
    html = door.pages.render(
        "admin_index",
        language,
        **_frame(door, words("surveys_heading")),
        **context,
        surveys=rows,
        form=values,
        errors=errors,
        languages=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        max_title=MAX_TITLE_LENGTH,
        floor=door.surveys.floor,
    )
    return HTMLResponse(html, status_code=status)


def _whole(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 7 else None


def field(form: FormData, name: str) -> str:
    """A form field's text ('' where it is missing or a file)."""
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _create(door: Door, context: dict[str, Any], form: FormData) -> Response:
    words = door.pages.words[door.settings.language]
    title, organisation, labels_text = (
        field(form, "title"),
        field(form, "organisation"),
        field(form, "labels"),
    )
    language = field(form, "language") if field(form, "language") in LANGUAGES else door.settings.language
    named = field(form, "named") == "1"
    values = {
        "title": title,
        "organisation": organisation,
        "language": language,
        "invites": field(form, "invites"),
        "named": named,
        "labels": labels_text,
        "min_responses": field(form, "min_responses"),
    }
    errors = []
    if not one_line(title):
        errors.append(words("error_title"))
    minimum = _whole(field(form, "min_responses"))
    if minimum is None or minimum < door.surveys.floor:
        errors.append(words("error_minimum", minimum=door.surveys.floor))
    labels = None
    count = None
    if named and labels_text.strip():
        try:
            labels = read_labels(labels_text, words("labels_label"))
        except OrgcheckError as error:
            errors.extend(p.text(door.settings.language) for p in error.problems)
    else:
        count = _whole(field(form, "invites"))
        if count is None or not 1 <= count <= MAX_INVITES:
            errors.append(words("error_invites", maximum=f"{MAX_INVITES:,}"))
    if not errors:
        try:
            survey, invites = door.surveys.create(
                title,
                language,
                count=count,
                labels=labels,
                named=named,
                organisation=organisation,
                min_responses=minimum or door.surveys.floor,
            )
        except OrgcheckError as error:
            errors.extend(p.text(door.settings.language) for p in error.problems)
        else:
            return _survey(door, context, survey, invites)
    return _index(door, context, values, tuple(errors), UNPROCESSABLE)


# --- one survey -----------------------------------------------------------------------


def _survey(
    door: Door,
    context: dict[str, Any],
    survey: SurveyRow,
    new: Sequence[NewInvite] = (),
    invite_error: str | None = None,
    status: int = 200,
) -> Response:
    language = door.settings.language
    words = door.pages.words[language]
    surveys = door.surveys
    progress = surveys.progress(survey.id)
    states = [(invite_state(response), invite.label) for invite, response in surveys.store.invites(survey.id)]
    if survey.named:
        invites = [
            {"label": label or "–", "state": words(f"invite_{state}"), "count": 1} for state, label in states
        ]
    else:  # only how many: a row per invite would say who has answered by the order links were sent
        counts = Counter(state for state, _ in states)
        invites = [
            {"label": "", "state": words(f"invite_{state}"), "count": counts[state]}
            for state in ("invited", "started", "submitted")
            if counts[state]
        ]
    team = door.team(survey)
    report = None
    if team is not None:
        consensus = team.consensus
        report = {
            "summary": words(
                "report_summary",
                structure=consensus.recommendation.structure.name(survey.language),
                score=consensus.overall,
            )
        }
    settings = " · ".join(
        [
            LANGUAGE_NAMES[survey.language],
            words("setting_named") if survey.named else words("setting_anonymous"),
            words("setting_minimum", minimum=surveys.min_responses(survey)),
            words(f"state_{survey.state}"),
        ]
    )
    html = door.pages.render(
        "admin_survey",
        language,
        **_frame(door, survey.title),
        **context,
        survey=survey,
        progress_line=words("progress_line", **progress._asdict()),
        settings=settings,
        links=[{"url": invite.link(door.base_url), "label": invite.label} for invite in new],
        invites=invites,
        report=report,
        waiting=words("report_waiting", need=surveys.min_responses(survey), have=progress.submitted),
        invite_error=invite_error,
    )
    return HTMLResponse(html, status_code=status)


def _add_invites(door: Door, context: dict[str, Any], survey: SurveyRow, form: FormData | None) -> Response:
    assert form is not None
    words = door.pages.words[door.settings.language]
    try:
        if survey.named:
            labels = read_labels(field(form, "labels"), words("labels_label"))
            added = door.surveys.add_invites(survey.id, labels=labels)
        else:
            count = _whole(field(form, "count"))
            if count is None or not 1 <= count <= MAX_INVITES:
                error = words("error_invites", maximum=f"{MAX_INVITES:,}")
                return _survey(door, context, survey, invite_error=error, status=UNPROCESSABLE)
            added = door.surveys.add_invites(survey.id, count=count)
    except OrgcheckError as error:
        message = "; ".join(p.text(door.settings.language) for p in error.problems)
        return _survey(door, context, survey, invite_error=message, status=UNPROCESSABLE)
    return _survey(door, context, survey, added)


def _delete_page(door: Door, context: dict[str, Any], survey: SurveyRow) -> Response:
    words = door.pages.words[door.settings.language]
    html = door.pages.render(
        "admin_delete",
        door.settings.language,
        **_frame(door, words("delete_heading", title=survey.title)),
        **context,
        survey=survey,
        count=door.surveys.progress(survey.id).started,
    )
    return HTMLResponse(html)


# --- what the survey gives ----------------------------------------------------------------


def _document(door: Door, survey: SurveyRow) -> Response:
    """``GET /admin/surveys/<id>.json`` (the contract's keys)."""
    progress = door.surveys.progress(survey.id)
    team = door.team(survey)
    document = {
        "schema_version": SCHEMA_VERSION,
        "kind": "survey",
        "id": survey.id,
        "title": survey.title,
        "language": survey.language,
        "state": survey.state,
        "invited": progress.invited,
        "started": progress.started,
        "submitted": progress.submitted,
        "min_responses": door.surveys.min_responses(survey),
        "team": json.loads(door.team_report(survey, "json")) if team is not None else None,
    }
    body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return Response(body, media_type="application/json")


def _report(door: Door, survey: SurveyRow, page: str) -> Response:
    """The team report in the page, as a download, or the export; none below min_responses."""
    if door.team(survey) is None:
        words = door.pages.words[door.settings.language]
        problem = door.surveys.not_ready(survey).text(door.settings.language)
        return door.message(door.settings.language, words("report_heading"), [problem], 403)
    if page == "report":
        return HTMLResponse(door.team_report(survey, "html"), headers=document_headers())
    if page == "export":
        return _export(door, survey)
    fmt = page.removeprefix("team.")
    headers = {"content-disposition": f'attachment; filename="{survey.id}-team.{fmt}"'}
    if fmt == "html":
        headers = document_headers(headers)
    return Response(door.team_report(survey, fmt), media_type=DOWNLOADS[fmt], headers=headers)


def _export(door: Door, survey: SurveyRow) -> Response:
    """The answers files of ``orgcheck survey export``, as one ZIP (same bytes for the same answers)."""
    from ...answers.write import dump_answers

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for respondent in door.surveys.respondents(survey):
            entry = zipfile.ZipInfo(f"{survey.id}/{respondent.file}", date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, dump_answers(respondent.answers, door.pack))
    headers = {"content-disposition": f'attachment; filename="{survey.id}-answers.zip"'}
    return Response(buffer.getvalue(), media_type="application/zip", headers=headers)
