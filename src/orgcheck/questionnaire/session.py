"""The questionnaire's state: the answers so far, and the steps between the places a door shows.

No Textual here: every door (the terminal's questionnaire, the browser's survey)
drives a Session and shows what it returns. A door reads raw input from its
field and hands it over (``submit``, ``keep``); the question's type turns it
into an answer or says why not (:meth:`orgcheck.pack.questiontypes.QuestionType.parse`),
and the session says where to go next (a :class:`Place`): the next question,
an open one, the review, the result. Which questions are asked, which options
are open and what a change drops are the flow's rules (:mod:`orgcheck.questionnaire.flow`).
Results are written with the functions the headless command uses, so a saved
answers file gives the saved report byte for byte.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

from ..answers.validate import AnswerSet, default_date
from ..answers.write import ANSWERS_SUFFIXES, dump_answers
from ..engine.assess import Assessment, assess
from ..pack.conditions import AnswerValue
from ..pack.model import Pack, Question, Text
from ..pack.questiontypes import Parsed, RawInput, Refusal, question_type
from ..report import formats as report_formats
from ..store.drafts import DraftStore
from ..textsafe import slug
from .draft import Draft
from .flow import Dropped, answer_set, asked_questions, counted_questions, missing, open_options, prune

Result = Literal["report", "answers"]
RESULTS: tuple[Result, ...] = ("report", "answers")
ANSWERS_FORMAT = "yaml"  # the one format answers are saved in


def result_formats(kind: Result) -> tuple[str, ...]:
    """What a result can be saved as, the default first: the report's come from the registry."""
    return report_formats.names() if kind == "report" else (ANSWERS_FORMAT,)


def suffix(fmt: str) -> str:
    """The suffix a format's file gets: the answers' or a report format's (the registry's)."""
    return ANSWERS_SUFFIXES[0] if fmt == ANSWERS_FORMAT else report_formats.FORMATS[fmt].suffix


def format_label(fmt: str) -> str:
    return "YAML" if fmt == ANSWERS_FORMAT else report_formats.FORMATS[fmt].label


def suffix_fits(fmt: str, name_suffix: str) -> bool:
    """Whether a file named with ``name_suffix`` is read as ``fmt`` (case ignored)."""
    if fmt == ANSWERS_FORMAT:
        return name_suffix.lower() in ANSWERS_SUFFIXES
    return name_suffix.lower() == report_formats.FORMATS[fmt].suffix


class Place(NamedTuple):
    """Where a door goes: the welcome, a question, the review or the result."""

    screen: Literal["welcome", "question", "review", "result"]
    question: Question | None = None  # on "question"
    # A question opened from the review goes back there when answered (or left).
    return_to_review: bool = False
    highlight: str | None = None  # on "review": the row to put the cursor on
    # On "review" instead of "result": the required questions still open (the first highlighted).
    missing: tuple[Question, ...] = ()


class Answered(NamedTuple):
    """What came of the input a door handed over for a question."""

    place: Place | None = None  # where to go; None: stay on the question
    refusal: Refusal | None = None  # why the input is no answer (yet): the field says it
    confirming: bool = False  # the refusal asks to confirm: the same input again is taken
    dropped: tuple[Dropped, ...] = ()  # later answers the change made impossible
    changed: bool = False  # the answers are no longer what they were


@dataclass
class Session:
    pack: Pack
    language: str
    values: dict[str, AnswerValue] = field(default_factory=dict)
    organisation: str = ""
    respondent: str = ""
    date: dt.date | None = None  # fixed by an edited answers file (or a test); else default_date()
    drafts: DraftStore | None = field(default=None, repr=False, compare=False)
    saved: set[Result] = field(default_factory=set, compare=False)

    # --- where we are -----------------------------------------------------------------

    def asked(self) -> list[Question]:
        return asked_questions(self.pack, self.values)

    def position(self, question: Question) -> tuple[int, int]:
        """(number, total) for the progress line; the total never grows as answers come in."""
        counted = counted_questions(self.pack, self.values)
        ids = [q.id for q in counted]
        number = ids.index(question.id) + 1 if question.id in ids else len(ids)
        return number, len(counted)

    def most_questions(self) -> int:
        """How many questions there are at most (the welcome says so)."""
        return len(counted_questions(self.pack, {}))

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

    # --- steps between places -----------------------------------------------------------

    def start(self) -> Place:
        return Place("question", self.first())

    def resume(self) -> Place:
        """Where an unfinished questionnaire goes on: its first open question, else the review."""
        question = self.resume_point()
        return Place("review") if question is None else Place("question", question)

    def parse(self, question: Question, raw: RawInput) -> Parsed:
        """Raw input as an answer to ``question``, given the options the earlier answers leave open."""
        options = [option.value for option in open_options(self.pack, question, self.values)]
        return question_type(question).parse(question, raw, options)

    def submit(
        self, question: Question, raw: RawInput, *, confirmed: bool = False, return_to_review: bool = False
    ) -> Answered:
        """Take the input as the answer and go on, or say why not.

        ``confirmed``: the door has shown this input's confirmation already (an
        empty multiple choice is asked about once).
        """
        parsed = self.parse(question, raw)
        if parsed.refusal is not None:
            return Answered(refusal=parsed.refusal)
        if parsed.confirm is not None and not confirmed:
            return Answered(refusal=parsed.confirm, confirming=True)
        dropped, changed = self._take(question, parsed.value)
        return Answered(self._after(question, return_to_review), dropped=dropped, changed=changed)

    def keep(self, question: Question, raw: RawInput) -> Answered:
        """Take the input where it is an answer, going nowhere (leaving a question, quitting)."""
        parsed = self.parse(question, raw)
        if parsed.refusal is not None:
            return Answered()
        dropped, changed = self._take(question, parsed.value)
        return Answered(dropped=dropped, changed=changed)

    def _take(self, question: Question, value: AnswerValue | None) -> tuple[tuple[Dropped, ...], bool]:
        before = self.values.get(question.id)
        dropped = tuple(self.set_answer(question.id, value))
        changed = before != value or bool(dropped)
        if changed:
            self.answers_changed()
        return dropped, changed

    def _after(self, question: Question, return_to_review: bool) -> Place:
        """After an answer: the next question; at the end, or back to the review, first any
        question the answers still need."""
        following = self.after(question)
        if following is not None and not return_to_review:
            return Place("question", following)
        open_question = self.resume_point()
        if open_question is not None and open_question.id != question.id:
            return Place("question", open_question, return_to_review=True)
        return Place("review", highlight=question.id if return_to_review else None)

    def back_from(self, question: Question, *, return_to_review: bool = False) -> Place:
        """Back: to the review row the user came from, else the question before, else the welcome."""
        if return_to_review:
            return Place("review", highlight=question.id)
        previous = self.before(question)
        return Place("welcome") if previous is None else Place("question", previous)

    def change(self, question_id: str) -> Place:
        """A review row's change link: the question, and back to the review when answered."""
        return Place("question", self.pack.question(question_id), return_to_review=True)

    def to_result(self) -> Place:
        """The result, or the review with the questions still open."""
        still_open = tuple(self.missing())
        if still_open:
            return Place("review", highlight=still_open[0].id, missing=still_open)
        return Place("result")

    def back_from_review(self) -> Place:
        return Place("question", self.asked()[-1])

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

    def answers_changed(self) -> None:
        """What was saved no longer matches the answers."""
        self.saved.clear()

    def clear(self) -> None:
        """Start over: no answers, no draft."""
        self.values = {}
        self.organisation = ""
        self.respondent = ""
        self.date = None
        self.saved.clear()
        if self.drafts is not None:
            self.drafts.delete()

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

    def default_path(self, kind: Result, fmt: str) -> Path:
        """orgcheck-report-<organisation>-<date>.md (or -answers-...yaml), relative."""
        return default_path(kind, fmt, self.organisation, self.report_date())

    def result_text(self, kind: Result, fmt: str, assessment: Assessment) -> str:
        return result_text(kind, fmt, self.pack, assessment, self.language)

    def write_result(self, kind: Result, path: str | Path, fmt: str, assessment: Assessment) -> Path:
        """Write the report or the answers atomically; the full path written (raises OrgcheckError)."""
        from ..store.files import write_atomic

        write_atomic(path, self.result_text(kind, fmt, assessment))
        self.saved.add(kind)
        if self.saved == set(RESULTS):
            if self.drafts is not None:
                self.drafts.delete()  # both results are safe: the draft has done its job
        elif self.date is None:
            # Keep the date of what was saved, so the other file, saved after a
            # resume on a later day, still matches it.
            self.date = assessment.answers.date
            self.save_draft()
        return Path(path).resolve()

    # --- the draft ----------------------------------------------------------------------

    def save_draft(self) -> None:
        """Write the draft (raises OrgcheckError if it cannot be kept)."""
        if self.drafts is not None:
            self.drafts.save(self.to_draft().to_yaml())

    def to_draft(self) -> Draft:
        return Draft(
            values=dict(self.values),
            language=self.language,
            organisation=self.organisation,
            respondent=self.respondent,
            date=self.date,
        )

    @classmethod
    def from_draft(cls, pack: Pack, draft: Draft, language: str, drafts: DraftStore | None = None) -> Session:
        return cls(
            pack=pack,
            language=language,
            values=dict(draft.values),
            organisation=draft.organisation,
            respondent=draft.respondent,
            date=draft.date,
            drafts=drafts,
        )


def result_text(kind: Result, fmt: str, pack: Pack, assessment: Assessment, language: str) -> str:
    """The answers file, or the report exactly as ``orgcheck --answers`` renders it."""
    if kind == "answers":
        return dump_answers(assessment.answers, pack)
    from ..report.rendering import render
    from ..report.view import report_date

    return render(fmt, pack, assessment, language, report_date(assessment))


def default_path(kind: Result, fmt: str, organisation: str, date: dt.date) -> Path:
    """orgcheck-<kind>-<organisation as a slug>-<date>.<suffix>: 'Müller' becomes 'mueller'."""
    stem = "-".join(part for part in ("orgcheck", kind, slug(organisation), date.isoformat()) if part)
    return Path(stem + suffix(fmt))
