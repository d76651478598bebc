"""Surveys, their invites and responses, as both survey doors use them.

A survey is a title, a language and a list of invites; each invite is a link
(``/s/<token>``) for one respondent. A respondent's answers are kept as they
go, in the answers file's types, and become an answers file once submitted:
what :meth:`Surveys.export` writes is exactly what the team report is made of,
so ``orgcheck team`` over the export gives the survey's team report.

Anonymity: unless a survey is ``named``, respondents are "Respondent 1..n" in
the order of a random key drawn for each invite, which says nothing about who
answered or when; the team report and everything in it (its gaps, its
downloads, the export) appears only from :data:`MIN_RESPONSES` responses on.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .. import yamlio
from ..answers.validate import MAX_NAME_LENGTH, AnswerSet, validate_document
from ..answers.write import dump_answers
from ..engine.batch import assess_documents
from ..engine.record import Record
from ..engine.team import Team, team
from ..errors import OrgcheckError, Problem, did_you_mean
from ..languages import LANGUAGES
from ..pack.model import Pack
from ..questionnaire.draft import draft_from_mapping
from ..questionnaire.session import Session
from ..store.surveys import InviteRow, Progress, ResponseRow, SurveyRow, SurveyStore
from ..textsafe import one_line, slug
from .tokens import digest, form_token, form_token_valid, looks_like_token, new_token

# The team report and its downloads appear only from this many responses on; never fewer.
MIN_RESPONSES = 3
MAX_INVITES = 10_000  # at once: a company-wide survey, not a typo of 10**9
MAX_TITLE_LENGTH = MAX_NAME_LENGTH
ADMIN_LINK_LIFETIME = dt.timedelta(hours=24)
ADMIN_SESSION_LIFETIME = dt.timedelta(hours=12)
# How an anonymous respondent is named, in the survey's language.
RESPONDENT_NAME = {"en": "Respondent {number}", "de": "Person {number}"}


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class NewInvite(NamedTuple):
    """An invite as it is made: the only time its token is known."""

    token: str
    label: str | None

    def link(self, base_url: str) -> str:
        return invite_link(base_url, self.token)


class Invitation(NamedTuple):
    """A respondent's invite, looked up by the token in their link."""

    token_hash: str
    invite: InviteRow
    survey: SurveyRow
    response: ResponseRow | None

    @property
    def submitted(self) -> bool:
        return self.response is not None and self.response.submitted is not None


class Respondent(NamedTuple):
    """A submitted response as the team report and the export have it."""

    file: str  # respondent-01.yaml
    answers: AnswerSet


def invite_state(response: ResponseRow | None) -> str:
    """invited, started or submitted."""
    return "submitted" if response and response.submitted else "started" if response else "invited"


def invite_link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/s/{token}"


def read_labels(text: str, where: str) -> list[str]:
    """One label a line (blank lines skipped), each at most MAX_NAME_LENGTH characters."""
    labels = [one_line(line) for line in text.splitlines() if line.strip()]
    too_long = [label for label in labels if len(label) > MAX_NAME_LENGTH]
    if too_long:
        raise OrgcheckError(
            Problem(
                f"{where}: a label is {len(too_long[0])} characters long; at most {MAX_NAME_LENGTH}",
                de=f"{where}: eine Bezeichnung ist {len(too_long[0])} Zeichen lang; "
                f"höchstens {MAX_NAME_LENGTH}",
            )
        )
    if not labels:
        raise OrgcheckError(
            Problem(f"{where}: no labels (one a line)", de=f"{where}: keine Bezeichnungen (eine je Zeile)")
        )
    return labels


class Surveys:
    """The surveys in one store, for the pack in use."""

    def __init__(
        self,
        store: SurveyStore,
        pack: Pack,
        *,
        min_responses: int = MIN_RESPONSES,
        now: Callable[[], str] = utc_now,
    ) -> None:
        self.store = store
        self.pack = pack
        self.floor = max(min_responses, MIN_RESPONSES)  # the server's: never fewer than 3
        self.now = now
        self._secret: bytes | None = None
        self._records: dict[tuple[str, str | None], Record] = {}  # of submitted responses, by (token, when)

    @property
    def secret(self) -> bytes:
        if self._secret is None:
            self._secret = self.store.secret()
        return self._secret

    # --- the admin's side ----------------------------------------------------------------

    def create(
        self,
        title: str,
        language: str,
        *,
        count: int | None = None,
        labels: Sequence[str] | None = None,
        named: bool = False,
        organisation: str | None = None,
        min_responses: int = MIN_RESPONSES,
    ) -> tuple[SurveyRow, list[NewInvite]]:
        """A new open survey and its invites (``count`` of them, or one per label)."""
        title = one_line(title)
        if not title:
            raise OrgcheckError(Problem("a survey needs a title", de="eine Umfrage braucht einen Titel"))
        if len(title) > MAX_TITLE_LENGTH:
            raise OrgcheckError(
                Problem(
                    f"the title is {len(title)} characters long; at most {MAX_TITLE_LENGTH}",
                    de=f"der Titel ist {len(title)} Zeichen lang; höchstens {MAX_TITLE_LENGTH}",
                )
            )
        if language not in LANGUAGES:
            raise OrgcheckError(
                Problem(
                    f"language '{language}' is not one of: {', '.join(LANGUAGES)}",
                    de=f"die Sprache '{language}' ist keine von: {', '.join(LANGUAGES)}",
                )
            )
        organisation = one_line(organisation or "")[:MAX_NAME_LENGTH] or None
        survey = SurveyRow(
            id=self._new_id(title),
            title=title,
            organisation=organisation,
            language=language,
            named=named,
            min_responses=max(min_responses, self.floor),
            state="open",
            created=self.now(),
            closed=None,
        )
        new, rows = self._invites(survey, count, labels)
        self.store.add_survey(survey, rows)
        return survey, new

    def add_invites(
        self, survey_id: str, count: int | None = None, labels: Sequence[str] | None = None
    ) -> list[NewInvite]:
        survey = self.get(survey_id)
        if survey.state != "open":
            raise OrgcheckError(
                Problem(
                    f"survey '{survey.id}' is closed; it takes no more invites",
                    de=f"die Umfrage '{survey.id}' ist geschlossen; sie nimmt keine Einladungen mehr an",
                )
            )
        new, rows = self._invites(survey, count, labels)
        self.store.add_invites(rows)
        return new

    def _invites(
        self, survey: SurveyRow, count: int | None, labels: Sequence[str] | None
    ) -> tuple[list[NewInvite], list[InviteRow]]:
        if labels and not survey.named:
            raise OrgcheckError(
                Problem(
                    "labels name the respondents, which only a named survey may (--named); "
                    "for an anonymous one give a number of invites",
                    de="Bezeichnungen benennen die Befragten, was nur eine namentliche Umfrage darf "
                    "(--named); für eine anonyme geben Sie eine Anzahl Einladungen an",
                )
            )
        wanted: list[str | None] = list(labels) if labels else [None] * (count or 0)
        if not 1 <= len(wanted) <= MAX_INVITES:
            raise OrgcheckError(
                Problem(
                    f"give from 1 to {MAX_INVITES:,} invites, not {len(wanted):,}",
                    de=f"geben Sie 1 bis {MAX_INVITES:,} Einladungen an, nicht {len(wanted):,}".replace(
                        ",", "."
                    ),
                )
            )
        created = self.now()
        new = [NewInvite(new_token(), label) for label in wanted]
        rows = [InviteRow(digest(i.token), survey.id, i.label, secrets.token_hex(8), created) for i in new]
        return new, rows

    def _new_id(self, title: str) -> str:
        base = slug(title) or "survey"
        taken = {s.id for s in self.store.surveys()}
        number = 1
        candidate = base
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def all(self) -> list[SurveyRow]:
        return self.store.surveys()

    def get(self, survey_id: str) -> SurveyRow:
        """The survey, or an error that names the ones there are."""
        survey = self.store.survey(survey_id)
        if survey is None:
            known = [s.id for s in self.store.surveys()]
            hint = did_you_mean(survey_id, known)
            hint_de = did_you_mean(survey_id, known, "de")
            listed = ", ".join(known) if known else "none yet"
            raise OrgcheckError(
                Problem(
                    f"no survey '{one_line(survey_id)}'{hint}; the surveys: {listed}",
                    de=f"keine Umfrage '{one_line(survey_id)}'{hint_de}; die Umfragen: "
                    + (", ".join(known) if known else "noch keine"),
                )
            )
        return survey

    def progress(self, survey_id: str) -> Progress:
        return self.store.progress(survey_id)

    def close(self, survey_id: str) -> SurveyRow:
        self.store.close_survey(self.get(survey_id).id, self.now())
        return self.get(survey_id)

    def delete(self, survey_id: str) -> None:
        self.store.delete_survey(self.get(survey_id).id)

    def min_responses(self, survey: SurveyRow) -> int:
        return max(survey.min_responses, self.floor)

    def ready(self, survey: SurveyRow) -> bool:
        """Whether enough responses are in for the team report (anonymity)."""
        return self.progress(survey.id).submitted >= self.min_responses(survey)

    def _documents(self, survey: SurveyRow) -> list[tuple[ResponseRow, str, dict[str, Any]]]:
        """Every submitted response as an answers file's content, numbered in the shuffled order:
        (the response, its file name, the content)."""
        submitted = self.store.submitted(survey.id)
        width = max(2, len(str(len(submitted))))
        documents = []
        for number, (invite, response) in enumerate(submitted, start=1):
            name = invite.label if survey.named and invite.label else self._anonymous(survey, number)
            assert response.submitted is not None
            value: dict[str, Any] = {
                "respondent": name,
                "language": response.language,
                "date": response.submitted[:10],
                "answers": response.answers,
            }
            if survey.organisation:
                value["organisation"] = survey.organisation
            documents.append((response, f"respondent-{number:0{width}d}.yaml", value))
        return documents

    def respondents(self, survey: SurveyRow) -> list[Respondent]:
        """Every submitted response as an answers file would be, numbered in the shuffled order."""
        return [
            Respondent(file, validate_document(yamlio.Document(value=value, file=file), self.pack))
            for _, file, value in self._documents(survey)
        ]

    @staticmethod
    def _anonymous(survey: SurveyRow, number: int) -> str:
        return RESPONDENT_NAME.get(survey.language, RESPONDENT_NAME["en"]).format(number=number)

    def records(self, survey: SurveyRow) -> list[Record]:
        """Each submitted response's record, as ``orgcheck team`` makes it of the exported file.

        A submitted response never changes, so its record is kept: a new response costs
        one assessment, not one for everybody (10,000 take seconds, over every core).
        """
        documents = self._documents(survey)
        new = [
            (key, file, value)
            for key, file, value in ((_key(r), f, v) for r, f, v in documents)
            if key not in self._records
        ]
        for (key, _, _), outcome in zip(
            new, assess_documents([(f, v) for _, f, v in new], self.pack), strict=True
        ):
            if isinstance(outcome, list):  # stored before a change of the pack made it invalid
                raise OrgcheckError(outcome)
            self._records[key] = outcome
        # The number (file name, "Respondent n") follows the order of what is in now.
        return [
            self._records[_key(response)]._replace(file=file, respondent=value["respondent"])
            for response, file, value in documents
        ]

    def team(self, survey: SurveyRow) -> Team | None:
        """The team assessment, or None while fewer than min_responses are in."""
        if not self.ready(survey):
            return None
        return team(self.pack, self.records(survey))

    def export(self, survey: SurveyRow, folder: Path) -> list[Path]:
        """One answers file per submitted response, in a new (or empty) ``folder``: all or none.

        Refused below min_responses, as the team report is: the files are the answers.
        """
        from ..store.files import write_folder

        if not self.ready(survey):
            raise OrgcheckError(self.not_ready(survey))
        files = {r.file: dump_answers(r.answers, self.pack) for r in self.respondents(survey)}
        return write_folder(folder, files)

    def not_ready(self, survey: SurveyRow) -> Problem:
        have, need = self.progress(survey.id).submitted, self.min_responses(survey)
        return Problem(
            f"survey '{survey.id}' has {have} of the {need} responses the team report needs "
            "(so that no answer can be traced to a person)",
            de=f"die Umfrage '{survey.id}' hat {have} der {need} Antworten, die der Teambericht braucht "
            "(damit keine Antwort einer Person zuzuordnen ist)",
        )

    # --- admin links and sessions -------------------------------------------------------

    def new_admin_link(self, base_url: str) -> str:
        """A one-time link that logs the admin in (valid for ADMIN_LINK_LIFETIME)."""
        token = new_token()
        self.store.add_admin_link(digest(token), _later(self.now(), ADMIN_LINK_LIFETIME))
        return f"{base_url.rstrip('/')}/admin/login/{token}"

    def log_in(self, token: str) -> str | None:
        """Trade a one-time admin link's token for a session id (None if used up or unknown)."""
        if not looks_like_token(token) or not self.store.take_admin_link(digest(token), self.now()):
            return None
        session = new_token()
        self.store.add_admin_session(digest(session), _later(self.now(), ADMIN_SESSION_LIFETIME))
        return session

    def admin_session(self, session: str | None) -> bool:
        return bool(
            session
            and looks_like_token(session)
            and self.store.admin_session_valid(digest(session), self.now())
        )

    def form_token(self, scope: str) -> str:
        return form_token(self.secret, scope)

    def form_token_valid(self, scope: str, given: str | None) -> bool:
        return form_token_valid(self.secret, scope, given)

    # --- the respondent's side -------------------------------------------------------------

    def invitation(self, token: str) -> Invitation | None:
        """The invite of a link's token; None for one that is wrong, ended or of a closed survey."""
        if not looks_like_token(token):
            return None
        token_hash = digest(token)
        invite = self.store.invite(token_hash)
        survey = self.store.survey(invite.survey) if invite is not None else None
        if invite is None or survey is None or survey.state != "open":
            return None
        return Invitation(token_hash, invite, survey, self.store.response(token_hash))

    def session(self, invitation: Invitation, language: str | None = None) -> Session:
        """The respondent's questionnaire as they left it (what no longer fits the pack dropped)."""
        response = invitation.response
        stored = response.answers if response is not None else {}
        chosen = language or (response.language if response is not None else invitation.survey.language)
        draft = draft_from_mapping(self.pack, {"answers": stored})
        return Session(self.pack, chosen, values=draft.values)

    def start(self, invitation: Invitation, session: Session) -> None:
        """The respondent has begun (counted as started), with nothing answered yet."""
        if invitation.response is None:
            self.save(invitation, session)

    def save(self, invitation: Invitation, session: Session, *, submitted: str | None = None) -> None:
        """Keep the answers as they are now; stored before this returns."""
        now = self.now()
        started = invitation.response.started if invitation.response is not None else now
        self.store.save_response(
            ResponseRow(
                invitation.token_hash, session.language, dict(session.values), started, now, submitted
            )
        )

    def submit(self, invitation: Invitation, session: Session) -> None:
        """Submit complete answers (validated as an answers file would be; raises OrgcheckError)."""
        session.answer_set()
        self.save(invitation, session, submitted=self.now())

    def own_answers(self, invitation: Invitation) -> AnswerSet:
        """The respondent's submitted answers, for their own report."""
        response = invitation.response
        assert response is not None and response.submitted is not None
        document: dict[str, Any] = {
            "language": response.language,
            "date": response.submitted[:10],
            "answers": response.answers,
        }
        if invitation.survey.organisation:
            document["organisation"] = invitation.survey.organisation
        return validate_document(yamlio.Document(value=document, file="<survey>"), self.pack)


def _key(response: ResponseRow) -> tuple[str, str | None]:
    return response.token_hash, response.submitted


def _later(now: str, span: dt.timedelta) -> str:
    return (dt.datetime.fromisoformat(now) + span).isoformat()


def open_surveys(data: Path | None = None, *, min_responses: int = MIN_RESPONSES) -> Surveys:
    """The surveys in the folder ``data`` (default: orgcheck's data folder), for the pack in use."""
    from ..pack.load import load_pack
    from ..store.places import data_dir
    from ..store.surveys import open_store

    folder = data if data is not None else data_dir()
    if folder is None:
        raise OrgcheckError(
            Problem(
                "there is no home folder for the survey database; give --data DIR",
                de="es gibt keinen Home-Ordner für die Umfrage-Datenbank; geben Sie --data ORDNER an",
            )
        )
    return Surveys(open_store(folder), load_pack(), min_responses=min_responses)
