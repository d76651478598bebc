"""The questionnaire as a flow: what is asked, what may be chosen, what is missing.

The interactive questionnaire (``orgcheck.tui``) asks one question at a time
and lets people go back and change answers; these functions are the rules it
follows, kept here so that the TUI never decides anything the headless
validator would decide differently. Values are plain ``{question id: answer}``
dicts in the answers file's types (str, list[str], bool, int).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, NamedTuple

from .. import yamlio
from ..answers.validate import AnswerSet, is_asked, option_problem, validate_document
from ..pack.conditions import AnswerValue, leaves
from ..pack.model import Option, Pack, Question

__all__ = [
    "Dropped",
    "answer_set",
    "asked_questions",
    "counted_questions",
    "is_asked",
    "missing",
    "open_options",
    "prune",
]


class Dropped(NamedTuple):
    """An answer removed because an earlier answer changed."""

    question: str
    value: AnswerValue  # the value (or, for a list, the items) that was dropped
    whole: bool  # True if nothing of the answer is left
    asked: bool = True  # False if the question is no longer asked at all


def asked_questions(pack: Pack, values: Mapping[str, AnswerValue]) -> list[Question]:
    """The questions asked given ``values``, in order (a question's condition looks only backwards)."""
    return [q for q in pack.questions if is_asked(q, values)]


def counted_questions(pack: Pack, values: Mapping[str, AnswerValue]) -> list[Question]:
    """The questions to count in "question 5 of 16": those asked, and those not yet decided.

    A question whose condition looks at a question still unanswered is counted
    as asked, so the total never grows while someone goes forward; it only
    shrinks when an answer rules a question out.
    """
    counted: list[Question] = []
    for question in pack.questions:
        if question.when is not None and not is_asked(question, values):
            waits_on = {leaf.question for leaf in leaves(question.when)}
            counted_ids = {q.id for q in counted}
            if not any(q in counted_ids and q not in values for q in waits_on):
                continue
        counted.append(question)
    return counted


def open_options(pack: Pack, question: Question, values: Mapping[str, AnswerValue]) -> list[Option]:
    """The options that may be chosen for ``question`` given the earlier answers."""
    return [o for o in question.options if option_problem(pack, question, o.value, values) is None]


def prune(pack: Pack, values: Mapping[str, AnswerValue]) -> tuple[dict[str, AnswerValue], list[Dropped]]:
    """Drop answers that earlier answers made impossible; return what is left and what went."""
    kept: dict[str, AnswerValue] = {}
    dropped: list[Dropped] = []
    for question in pack.questions:
        if question.id not in values:
            continue
        value = values[question.id]
        if not is_asked(question, kept):
            dropped.append(Dropped(question.id, value, True, asked=False))
            continue
        if question.type in ("single", "multi"):
            allowed = {o.value for o in open_options(pack, question, kept)}
            if isinstance(value, list):
                gone = [v for v in value if v not in allowed]
                if gone:
                    value = [v for v in value if v in allowed]
                    emptied = len(value) < question.min_items
                    dropped.append(Dropped(question.id, gone, emptied))
                    if emptied:
                        continue
            elif value not in allowed:
                dropped.append(Dropped(question.id, value, True))
                continue
        kept[question.id] = value
    return kept, dropped


def missing(pack: Pack, values: Mapping[str, AnswerValue]) -> list[Question]:
    """Required questions that are asked but not answered."""
    return [q for q in asked_questions(pack, values) if q.required and q.id not in values]


def answer_set(
    pack: Pack,
    values: Mapping[str, AnswerValue],
    *,
    organisation: str | None = None,
    respondent: str | None = None,
    language: str | None = None,
    date: dt.date | None = None,
) -> AnswerSet:
    """Validate ``values`` exactly as an answers file would be (raises OrgcheckError)."""
    data: dict[str, Any] = {
        key: value
        for key, value in (
            ("organisation", organisation),
            ("respondent", respondent),
            ("language", language),
            ("date", date),
        )
        if value is not None
    }
    data["answers"] = dict(values)
    return validate_document(yamlio.Document(value=data, file="<questionnaire>"), pack)
