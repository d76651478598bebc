"""The respondent's pages: ``/s/<token>`` and what follows from it.

Each page is one place of the questionnaire (the welcome, a question, the
review, the thanks); which comes next is the Session's to say, exactly as in
the terminal. Every answer is stored before the page that acknowledges it is
sent (a POST answers with a redirect only once the store has it on disk).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ...errors import OrgcheckError
from ...languages import LANGUAGES
from ...pack.model import Question
from ...questionnaire.flow import Dropped, open_options
from ...questionnaire.session import Place, Session
from ...survey.surveys import Invitation
from ...textsafe import one_line
from .security import document_headers

if TYPE_CHECKING:
    from .door import Door

UNPROCESSABLE = 422  # the form came back with an answer that is not one yet


def _base(token: str) -> str:
    return f"/s/{token}"


def place_url(token: str, place: Place, dropped: tuple[Dropped, ...] = ()) -> str:
    """Where a Place is, for this respondent."""
    query: dict[str, str] = {}
    if place.screen == "question":
        assert place.question is not None
        path = f"{_base(token)}/q/{place.question.id}"
        if place.return_to_review:
            query["review"] = "1"
    elif place.screen == "review":
        path = f"{_base(token)}/review"
    elif place.screen == "welcome":
        path = _base(token)
    else:
        path = f"{_base(token)}/thanks"
    if dropped:
        query["dropped"] = _pack_dropped(dropped)
    return (
        path
        + (f"?{urlencode(query)}" if query else "")
        + (f"#row-{place.highlight}" if place.screen == "review" and place.highlight else "")
    )


def _pack_dropped(dropped: tuple[Dropped, ...]) -> str:
    """What a change dropped, carried through the redirect to the page that says so."""
    data = json.dumps([list(item) for item in dropped], separators=(",", ":"))
    return base64.urlsafe_b64encode(data.encode("utf-8")).decode("ascii").rstrip("=")


def _unpack_dropped(door: Door, text: str | None) -> list[Dropped]:
    """The notices of a redirect; anything that is not what _pack_dropped makes is ignored."""
    if not text or len(text) > 4000:
        return []
    try:
        items = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        dropped = [Dropped(*item) for item in items]
    except (ValueError, TypeError):
        return []
    questions = {q.id for q in door.pack.questions}
    return [d for d in dropped if d.question in questions and isinstance(d.whole, bool)][:10]


# --- the pages ----------------------------------------------------------------------------


def respondent(door: Door, request: Request, form: FormData | None, token: str, page: str) -> Response:
    """Every respondent page: the token's invite, the checks, then the page itself."""
    invitation = door.surveys.invitation(token)
    if invitation is None:  # wrong, ended or closed: one answer for every reason
        return door.not_found(request)
    if form is not None and not door.form_allowed(request, form, f"invite:{invitation.token_hash}"):
        return door.forbidden(invitation.survey.language)
    language = _language(request, form, invitation)
    session = door.surveys.session(invitation, language)
    if invitation.submitted and page == "thanks":
        return _thanks(door, token, language)
    if invitation.submitted and page != "report":
        return RedirectResponse(f"{_base(token)}/thanks", 303)
    if page == "report":
        return _own_report(door, invitation, token, language)
    if page == "welcome" and form is not None:
        return _begin(door, invitation, session, token)
    if page == "welcome":
        return _welcome(door, request, invitation, session, token)
    if page == "review":
        if form is not None:
            return _review_post(door, invitation, session, token, form)
        return _review(door, request, invitation, session, token)
    if page == "thanks":
        return RedirectResponse(place_url(token, session.resume()), 303)
    question = _asked(session, page)
    if question is None:  # not asked (any more): where the questionnaire goes on
        return RedirectResponse(place_url(token, session.resume()), 303)
    if form is not None:
        return _answer(door, invitation, session, token, question, form)
    dropped = _unpack_dropped(door, request.query_params.get("dropped"))
    notices = [door.pages.words[language].dropped(item) for item in dropped]
    review = request.query_params.get("review") == "1"
    return _question(door, invitation, session, token, question, review=review, notices=notices)


def _language(request: Request, form: FormData | None, invitation: Invitation) -> str:
    for candidate in (request.query_params.get("lang"), form.get("lang") if form is not None else None):
        if candidate in LANGUAGES:
            return str(candidate)
    if invitation.response is not None:
        return invitation.response.language
    return invitation.survey.language


def _asked(session: Session, question_id: str) -> Question | None:
    return next((q for q in session.asked() if q.id == question_id), None)


def _frame(door: Door, invitation: Invitation, language: str, title: str) -> dict[str, Any]:
    words = door.pages.words[language]
    survey = invitation.survey
    cover = survey.title if not survey.organisation else f"{survey.organisation}: {survey.title}"
    return {"title": f"{title} – {survey.title}", "kicker": words("survey_label"), "cover": cover}


def _other_language(request: Request, language: str) -> str:
    other = next(code for code in LANGUAGES if code != language)
    return f"{request.url.path}?{urlencode({'lang': other})}"


def _welcome(door: Door, request: Request, invitation: Invitation, session: Session, token: str) -> Response:
    words = door.pages.words[session.language]
    survey = invitation.survey
    privacy = (
        words("named_note")
        if survey.named
        else words("anonymous_note", minimum=door.surveys.min_responses(survey))
    )
    html = door.pages.render(
        "welcome",
        session.language,
        **_frame(door, invitation, session.language, words("welcome_heading")),
        questions=session.most_questions(),
        privacy=privacy,
        action=_base(token),
        csrf=door.surveys.form_token(f"invite:{invitation.token_hash}"),
        resuming=invitation.response is not None,
        other_language_href=_other_language(request, session.language),
    )
    return HTMLResponse(html)


def _begin(door: Door, invitation: Invitation, session: Session, token: str) -> Response:
    door.surveys.start(invitation, session)
    place = session.resume() if invitation.response is not None else session.start()
    return RedirectResponse(place_url(token, place), 303)


def _question(
    door: Door,
    invitation: Invitation,
    session: Session,
    token: str,
    question: Question,
    *,
    review: bool,
    notices: Sequence[str] = (),
    raw: Any = None,
    error: str | None = None,
    confirming: bool = False,
    status: int = 200,
) -> Response:
    language = session.language
    words = door.pages.words[language]
    number, total = session.position(question)
    progress = words("progress", number=number, total=total)
    shown = raw if error is not None else session.values.get(question.id)
    html = door.pages.render(
        "question",
        language,
        **_frame(door, invitation, language, words.text(question.text)),
        section=words.text(session.section_title(question)),
        progress_text=progress,
        number=number,
        total=total,
        notices=notices,
        q=_field(door, session, question, shown),
        error=error,
        review=review,
        confirming=confirming,
        action=f"{_base(token)}/q/{question.id}",
        csrf=door.surveys.form_token(f"invite:{invitation.token_hash}"),
    )
    return HTMLResponse(html, status_code=status)


def _field(door: Door, session: Session, question: Question, shown: Any) -> dict[str, Any]:
    """What the question's field shows: its options (those open) and what is chosen or typed."""
    words = door.pages.words[session.language]
    field: dict[str, Any] = {
        "id": question.id,
        "kind": question.type,
        "text": words.text(question.text),
        "help": words.text(question.help),
        "hint": "",
        "options": [],
        "typed": "",
        "max_length": question.max_length or 0,
    }
    if question.type == "boolean":
        chosen = {"true": True, "false": False}.get(shown, shown) if isinstance(shown, str) else shown
        field["options"] = [
            {"value": "true", "label": words("option_yes"), "help": None, "chosen": chosen is True},
            {"value": "false", "label": words("option_no"), "help": None, "chosen": chosen is False},
        ]
    elif question.type in ("single", "multi"):
        picked = set(shown) if isinstance(shown, (list, tuple)) else {shown}
        field["options"] = [
            {
                "value": option.value,
                "label": words.text(option.label),
                "help": words.text(option.help) if option.help else None,
                "chosen": option.value in picked,
            }
            for option in open_options(door.pack, question, session.values)
        ]
        if question.type == "multi":
            field["hint"] = words("hint_web_multi")
    elif question.type == "integer":
        field["typed"] = "" if shown is None else str(shown)
        field["hint"] = words("hint_web_integer", minimum=question.minimum, maximum=question.maximum)
    else:
        field["typed"] = shown if isinstance(shown, str) else ""
        field["hint"] = words("hint_web_text", maximum=question.max_length)
    return field


def _raw(question: Question, form: FormData) -> Any:
    """What the form holds for the question, as a field reads it (a list for a multiple choice)."""
    if question.type == "multi":
        return [str(v) for v in form.getlist(question.id)]
    value = form.get(question.id)
    return value if value is None or isinstance(value, str) else None


def _answer(
    door: Door, invitation: Invitation, session: Session, token: str, question: Question, form: FormData
) -> Response:
    review = form.get("review") == "1"
    raw = _raw(question, form)
    if form.get("go") == "back":
        answered = session.keep(question, raw)
        if answered.changed:
            door.surveys.save(invitation, session)
        place = session.back_from(question, return_to_review=review)
        return RedirectResponse(place_url(token, place, answered.dropped), 303)
    answered = session.submit(question, raw, confirmed=form.get("confirmed") == "1", return_to_review=review)
    if answered.place is None:
        assert answered.refusal is not None
        words = door.pages.words[session.language]
        return _question(
            door,
            invitation,
            session,
            token,
            question,
            review=review,
            raw=raw,
            error=words.refusal(answered.refusal),
            confirming=answered.confirming,
            status=UNPROCESSABLE,
        )
    door.surveys.save(invitation, session)  # on disk before the redirect acknowledges it
    return RedirectResponse(place_url(token, answered.place, answered.dropped), 303)


def _review(
    door: Door,
    request: Request | None,
    invitation: Invitation,
    session: Session,
    token: str,
    *,
    error: str | None = None,
    highlight: str | None = None,
    status: int = 200,
) -> Response:
    language = session.language
    words = door.pages.words[language]
    missing = {q.id for q in session.missing()}
    sections: list[dict[str, Any]] = []
    for question in session.asked():
        title = words.text(session.section_title(question))
        if not sections or sections[-1]["title"] != title:
            sections.append({"title": title, "rows": []})
        if question.id in session.values:
            value = session.values[question.id]
            answer = one_line(str(value)) if question.type == "text" else words.answer(question.id, value)
        else:
            answer = words("not_answered") if question.required else words("no_notes")
        sections[-1]["rows"].append(
            {
                "id": question.id,
                "question": words.text(question.text),
                "answer": answer,
                "open": question.id in missing,
                "highlight": question.id == highlight,
                "href": place_url(token, session.change(question.id)),
            }
        )
    html = door.pages.render(
        "review",
        language,
        **_frame(door, invitation, language, words("review_title")),
        sections=sections,
        error=error,
        action=f"{_base(token)}/review",
        csrf=door.surveys.form_token(f"invite:{invitation.token_hash}"),
    )
    return HTMLResponse(html, status_code=status)


def _review_post(
    door: Door, invitation: Invitation, session: Session, token: str, form: FormData
) -> Response:
    if form.get("go") == "back":
        return RedirectResponse(place_url(token, session.back_from_review()), 303)
    place = session.to_result()
    words = door.pages.words[session.language]
    if place.missing:
        return _review(
            door,
            None,
            invitation,
            session,
            token,
            error=words.missing(place.missing),
            highlight=place.highlight,
            status=UNPROCESSABLE,
        )
    try:
        door.surveys.submit(invitation, session)
    except OrgcheckError as error:  # the flow keeps answers valid; should it not, say so here
        message = "; ".join(one_line(p.text(session.language)) for p in error.problems)
        return _review(door, None, invitation, session, token, error=message, status=UNPROCESSABLE)
    return RedirectResponse(f"{_base(token)}/thanks", 303)


def _thanks(door: Door, token: str, language: str) -> Response:
    invitation = door.surveys.invitation(token)
    assert invitation is not None
    words = door.pages.words[language]
    html = door.pages.render(
        "thanks",
        language,
        **_frame(door, invitation, language, words("thanks_heading")),
        report_href=f"{_base(token)}/report?{urlencode({'lang': language})}",
    )
    return HTMLResponse(html)


def _own_report(door: Door, invitation: Invitation, token: str, language: str) -> Response:
    if not invitation.submitted:
        return RedirectResponse(_base(token), 303)
    from ...engine.assess import assess
    from ...report.rendering import render
    from ...report.view import report_date

    assessment = assess(door.pack, door.surveys.own_answers(invitation))
    html = render("html", door.pack, assessment, language, report_date(assessment))
    return HTMLResponse(html, headers=document_headers())
