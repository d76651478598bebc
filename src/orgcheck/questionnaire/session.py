"""The questionnaire's state: the answers so far and where they lead.

No Textual here: any front door (the terminal questionnaire today, a browser
later) drives a Session and shows what it returns. Which questions are asked,
which options are open and what a change drops are the pipeline's rules
(``orgcheck.flow``); this keeps the values, the metadata, the draft and the
saved results in step. Results are written with the functions the headless
command uses, so a saved answers file gives the saved report byte for byte.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..answers.validate import AnswerSet, default_date
from ..answers.write import ANSWERS_SUFFIXES, dump_answers
from ..engine.assess import Assessment, assess
from ..pack.conditions import AnswerValue
from ..pack.model import Pack, Question, Text
from ..report import formats as report_formats
from ..store.drafts import DraftStore
from .draft import Draft
from .flow import Dropped, answer_set, asked_questions, counted_questions, missing, prune

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


# German letters a file name spells out rather than drops (NFKD would make ü a plain u).
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


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
    spelled = unicodedata.normalize("NFC", organisation).translate(_SPELLED_OUT)
    ascii_name = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")
    stem = "-".join(part for part in ("orgcheck", kind, slug, date.isoformat()) if part)
    return Path(stem + suffix(fmt))
