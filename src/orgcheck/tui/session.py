"""The questionnaire's state: the answers so far and where they lead.

No Textual here: the screens call these methods and show what they return.
Which questions are asked, which options are open and what a change drops
are the pipeline's rules (``orgcheck.flow``); this only keeps the values,
the metadata and the draft in step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..answers import AnswerSet, default_date
from ..conditions import AnswerValue
from ..engine import Assessment, assess
from ..flow import Dropped, answer_set, asked_questions, missing, prune
from ..pack import Pack, Question, Text
from .draft import Draft


@dataclass
class Session:
    pack: Pack
    language: str
    values: dict[str, AnswerValue] = field(default_factory=dict)
    organisation: str = ""
    respondent: str = ""
    date: dt.date | None = None  # fixed by an edited answers file (or a test); else default_date()

    # --- where we are -----------------------------------------------------------------

    def asked(self) -> list[Question]:
        return asked_questions(self.pack, self.values)

    def position(self, question: Question) -> tuple[int, int]:
        """(number, total) for the progress line: "7 of 15" counts only asked questions."""
        asked = self.asked()
        ids = [q.id for q in asked]
        number = ids.index(question.id) + 1 if question.id in ids else len(ids)
        return number, len(asked)

    def section_title(self, question: Question) -> Text:
        return next(s.title for s in self.pack.sections if s.id == question.section)

    def first(self) -> Question:
        return self.asked()[0]

    def after(self, question: Question) -> Question | None:
        """The next asked question after ``question``, or None at the end."""
        return self._neighbour(question, +1)

    def before(self, question: Question) -> Question | None:
        return self._neighbour(question, -1)

    def _neighbour(self, question: Question, step: int) -> Question | None:
        order = [q.id for q in self.pack.questions]
        asked = {q.id for q in self.asked()}
        index = order.index(question.id) + step
        while 0 <= index < len(order):
            if order[index] in asked:
                return self.pack.question(order[index])
            index += step
        return None

    def resume_point(self) -> Question | None:
        """The first required question still open, or None when all are answered."""
        open_questions = missing(self.pack, self.values)
        return open_questions[0] if open_questions else None

    def missing(self) -> list[Question]:
        return missing(self.pack, self.values)

    # --- changing answers -------------------------------------------------------------

    def set_answer(self, question_id: str, value: AnswerValue | None) -> list[Dropped]:
        """Set (or with None, clear) an answer and drop what it makes impossible."""
        values = dict(self.values)
        if value is None:
            values.pop(question_id, None)
        else:
            values[question_id] = value
        self.values, dropped = prune(self.pack, values)
        return dropped

    def clear(self) -> None:
        self.values = {}
        self.organisation = ""
        self.respondent = ""
        self.date = None

    # --- results ----------------------------------------------------------------------

    def report_date(self) -> dt.date:
        return self.date or default_date()

    def answer_set(self) -> AnswerSet:
        """The answers validated as an answers file would be (raises OrgcheckError)."""
        return answer_set(
            self.pack,
            self.values,
            organisation=self.organisation.strip() or None,
            respondent=self.respondent.strip() or None,
            language=self.language,
            date=self.report_date(),
        )

    def assess(self) -> Assessment:
        return assess(self.pack, self.answer_set())

    # --- the draft ----------------------------------------------------------------------

    def to_draft(self) -> Draft:
        return Draft(
            values=dict(self.values),
            language=self.language,
            organisation=self.organisation,
            respondent=self.respondent,
            date=self.date,
        )

    @classmethod
    def from_draft(cls, pack: Pack, draft: Draft, language: str) -> Session:
        return cls(
            pack=pack,
            language=language,
            values=dict(draft.values),
            organisation=draft.organisation,
            respondent=draft.respondent,
            date=draft.date,
        )
