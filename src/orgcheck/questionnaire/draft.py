"""The draft: answers saved after every change, so nothing is lost.

The file is the store's (:class:`orgcheck.store.drafts.DraftStore`); what is in
it is this module's. It holds partial answers, which ``answer_set`` would
refuse, so it is read leniently: what does not fit the pack is dropped, and a
file that cannot be read at all is set aside as ``draft.yaml.corrupt-<time>``
instead of stopping the questionnaire.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import yamlio
from ..answers.write import answers_yaml
from ..errors import OrgcheckError
from ..languages import LANGUAGES
from ..pack.conditions import AnswerValue
from ..pack.model import Pack
from ..pack.questiontypes import question_type
from ..store.drafts import DraftStore
from .flow import prune


@dataclass
class Draft:
    """What the questionnaire keeps between runs."""

    values: dict[str, AnswerValue] = field(default_factory=dict)
    language: str | None = None
    organisation: str = ""
    respondent: str = ""
    date: dt.date | None = None  # only where an edited answers file fixed it

    def to_yaml(self) -> str:
        # The answers file's writer: free text reads back exactly as typed.
        meta = {
            "language": self.language,
            "organisation": self.organisation,
            "respondent": self.respondent,
            "date": self.date,
        }
        return answers_yaml(
            "orgcheck: unfinished questionnaire, resumed by running 'orgcheck'", meta, self.values
        )


def load_draft(store: DraftStore, pack: Pack) -> tuple[Draft | None, Path | None]:
    """The draft in ``store``, or None; and where a corrupt one was moved to, if it was."""
    try:  # the answers file's reader: no alias bombs, size limit, duplicate keys refused
        text = store.read()
        if text is None:
            return None, None
        assert store.path is not None
        data = yamlio.parse(text, str(store.path)).value
    except OrgcheckError:
        return None, store.set_aside()
    if not isinstance(data, dict) or not isinstance(data.get("answers", {}), dict):
        return None, store.set_aside()
    return draft_from_mapping(pack, data), None


def draft_from_mapping(pack: Pack, data: dict[str, Any]) -> Draft:
    """A Draft from loosely typed data: unknown questions and ill-typed values are dropped."""
    raw = data.get("answers") or {}
    # Of the type the question's field can show; options are pruned below, limits are asked again.
    values = {q.id: raw[q.id] for q in pack.questions if q.id in raw and question_type(q).accepts(raw[q.id])}
    values, _ = prune(pack, values)
    language = data.get("language")
    date = data.get("date")
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            date = None
    return Draft(
        values=values,
        language=language if language in LANGUAGES else None,
        organisation=_text(data.get("organisation")),
        respondent=_text(data.get("respondent")),
        date=date if isinstance(date, dt.date) and not isinstance(date, dt.datetime) else None,
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def load_edit(pack: Pack, path: Path) -> tuple[Draft, list[str]]:
    """An answers file to edit, and the answers in it that could not be used.

    A valid file is taken as it is. One with mistakes (say, half filled in) is
    read leniently so the questionnaire can complete it: missing answers are
    simply asked, and the question ids whose answers had to be dropped are
    returned to show. A file that cannot be read as YAML raises OrgcheckError.
    """
    from ..answers.validate import load_answers

    try:
        answers = load_answers(path, pack)
    except OrgcheckError:
        document = yamlio.load(path)
        if not isinstance(document.value, dict):
            raise
        draft = draft_from_mapping(pack, document.value)
        given = document.value.get("answers")
        dropped = [str(key) for key in given if key not in draft.values] if isinstance(given, dict) else []
        return draft, dropped
    draft = Draft(
        values=dict(answers.values),
        language=answers.language,
        organisation=answers.organisation or "",
        respondent=answers.respondent or "",
        date=answers.date,
    )
    return draft, []
