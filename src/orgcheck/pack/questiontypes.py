"""What a question's type means for its answer: one object per type.

``single``, ``multi``, ``boolean``, ``integer`` and ``text`` each know the
Python value an answer of theirs has (``accepts``), the limits a value must
keep (``within_limits``: a number's range, a text's length, a list's minimum),
how raw input from a door's field becomes an answer (``parse``), the words for
what may be given (``allowed``), the JSON Schema fragment (``schema``), a
sample value (``example``), the values a condition may compare with
(``values``) and the condition operators that apply (``operators``).

The answers file's validator, its example and schema, the draft, the pack's
cross-check and every door's fields ask these objects, so a rule such as "a
team of 1 to 500" is stated once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .conditions import AnswerValue
    from .model import Question

# What a door reads from a question's field: the option chosen (or None), the options
# ticked, yes/no (True/False, or "true"/"false" from a form), the text typed.
RawInput = str | bool | Sequence[str] | None
# A whole number as typed: digits only (int() would also take "1_000" and other scripts' digits).
_TYPED_NUMBER = re.compile(r"[+-]?[0-9]+")


class Refusal(NamedTuple):
    """Why input is not an answer (yet), in words of the questionnaire: a key of
    ``orgcheck/questionnaire/strings.yaml`` and the values that fill it in."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def fill(self) -> dict[str, object]:
        return dict(self.values)


class Parsed(NamedTuple):
    """Raw input read as an answer: the value (None: no answer), or why it is none."""

    value: AnswerValue | None = None
    refusal: Refusal | None = None  # not an answer: say this beside the field
    # An answer to confirm once before it is taken (ticking nothing means "none").
    confirm: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None


# Words of the ``allowed`` text, by language (the answers file's example uses them).
_WORDS = {
    "en": {
        "whole_number": "a whole number from {minimum} to {maximum}",
        "free_text": "free text, at most {maximum} characters",
        "list_of": "a list of: {values}",
        "may_be_empty": " (may be empty: [])",
    },
    "de": {
        "whole_number": "eine ganze Zahl von {minimum} bis {maximum}",
        "free_text": "freier Text, höchstens {maximum} Zeichen",
        "list_of": "eine Liste aus: {values}",
        "may_be_empty": " (darf leer sein: [])",
    },
}


class QuestionType:
    """The base: an answer of any value, no limits, no operators but 'answered'."""

    name = ""
    operators: frozenset[str] = frozenset({"answered"})

    def accepts(self, value: object) -> bool:
        """Whether ``value`` has this type's Python type (options and limits aside)."""
        raise NotImplementedError

    def within_limits(self, question: Question, value: Any) -> bool:
        """Whether a value of the right type keeps the question's limits."""
        return True

    def parse(self, question: Question, raw: RawInput, options: Sequence[str] | None = None) -> Parsed:
        """What a door's field gave, as an answer; ``options``: the values open now (None: all)."""
        raise NotImplementedError

    def allowed(self, question: Question, language: str) -> str:
        """What may be given, for a person reading the answers file."""
        return " | ".join(str(v) for v in question.values)

    def schema(self, question: Question) -> dict[str, Any]:
        raise NotImplementedError

    def example(self, question: Question) -> Any:
        return question.values[0]

    def values(self, question: Question) -> list[Any] | None:
        """The values a condition may compare an answer with; None: any of the type."""
        return list(question.values)


class SingleChoice(QuestionType):
    name = "single"
    operators = frozenset({"equals", "in", "answered"})

    def accepts(self, value: object) -> bool:
        return isinstance(value, str)

    def schema(self, question: Question) -> dict[str, Any]:
        return {"enum": [str(v) for v in question.values]}

    def parse(self, question: Question, raw: RawInput, options: Sequence[str] | None = None) -> Parsed:
        if raw is None or raw == "":
            return Parsed(refusal=Refusal("error_choose")) if question.required else Parsed()
        if not isinstance(raw, str) or raw not in _open(question, options):
            return Parsed(refusal=Refusal("error_not_open"))
        return Parsed(raw)


class MultipleChoice(QuestionType):
    name = "multi"
    operators = frozenset(
        {"equals", "contains", "contains_any", "contains_all", "count_at_least", "count_at_most", "answered"}
    )

    def accepts(self, value: object) -> bool:
        return (
            isinstance(value, list)
            and all(isinstance(v, str) for v in value)
            and len(set(value)) == len(value)
        )

    def within_limits(self, question: Question, value: Any) -> bool:
        return len(value) >= question.min_items

    def allowed(self, question: Question, language: str) -> str:
        words = _WORDS[language]
        listed = words["list_of"].format(values=super().allowed(question, language))
        return listed + ("" if question.min_items else words["may_be_empty"])

    def parse(self, question: Question, raw: RawInput, options: Sequence[str] | None = None) -> Parsed:
        ticked = [] if raw is None else [raw] if isinstance(raw, str) else raw
        if isinstance(ticked, bool) or any(not isinstance(v, str) for v in ticked):
            return Parsed(refusal=Refusal("error_not_open"))
        allowed = _open(question, options)
        if any(v not in allowed for v in ticked):
            return Parsed(refusal=Refusal("error_not_open"))
        value = [v for v in question.values if v in ticked]  # in the pack's order, each once
        if not self.within_limits(question, value):
            return Parsed(refusal=Refusal("error_choose_one"))
        return Parsed(value, confirm=None if value else Refusal("confirm_empty"))

    def schema(self, question: Question) -> dict[str, Any]:
        return {
            "type": "array",
            "uniqueItems": True,
            "minItems": question.min_items,
            "items": {"enum": [str(v) for v in question.values]},
        }


class YesNo(QuestionType):
    name = "boolean"
    operators = frozenset({"equals", "answered"})

    def accepts(self, value: object) -> bool:
        return isinstance(value, bool)

    def allowed(self, question: Question, language: str) -> str:
        return "true | false"

    def parse(self, question: Question, raw: RawInput, options: Sequence[str] | None = None) -> Parsed:
        value = {"true": True, "false": False}.get(raw, raw) if isinstance(raw, str) else raw
        if isinstance(value, bool):
            return Parsed(value)
        if raw is None or raw == "":
            return Parsed(refusal=Refusal("error_choose")) if question.required else Parsed()
        return Parsed(refusal=Refusal("error_not_open"))

    def schema(self, question: Question) -> dict[str, Any]:
        return {"type": "boolean"}

    def example(self, question: Question) -> Any:
        return True

    def values(self, question: Question) -> list[Any] | None:
        return [True, False]


class WholeNumber(QuestionType):
    name = "integer"
    operators = frozenset({"equals", "at_least", "at_most", "answered"})

    def accepts(self, value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    def within_limits(self, question: Question, value: Any) -> bool:
        low, high = question.minimum, question.maximum
        return (low is None or value >= low) and (high is None or value <= high)

    def allowed(self, question: Question, language: str) -> str:
        return _WORDS[language]["whole_number"].format(minimum=question.minimum, maximum=question.maximum)

    def parse(self, question: Question, raw: RawInput, options: Sequence[str] | None = None) -> Parsed:
        text = raw.strip() if isinstance(raw, str) else ""
        if not text and not question.required:
            return Parsed()
        refusal = Refusal("error_number", (("minimum", question.minimum), ("maximum", question.maximum)))
        if not _TYPED_NUMBER.fullmatch(text):
            return Parsed(refusal=refusal)
        try:
            value = int(text)
        except ValueError:  # more digits than Python converts: out of any range
            return Parsed(refusal=refusal)
        return Parsed(value) if self.within_limits(question, value) else Parsed(refusal=refusal)

    def schema(self, question: Question) -> dict[str, Any]:
        return {"type": "integer", "minimum": question.minimum, "maximum": question.maximum}

    def example(self, question: Question) -> Any:
        return question.minimum

    def values(self, question: Question) -> list[Any] | None:
        return None


class FreeText(QuestionType):
    name = "text"
    operators = frozenset({"answered"})

    def accepts(self, value: object) -> bool:
        return isinstance(value, str)

    def within_limits(self, question: Question, value: Any) -> bool:
        return question.max_length is None or len(value) <= question.max_length

    def allowed(self, question: Question, language: str) -> str:
        return _WORDS[language]["free_text"].format(maximum=question.max_length)

    def parse(self, question: Question, raw: RawInput, options: Sequence[str] | None = None) -> Parsed:
        if raw is not None and not isinstance(raw, str):
            return Parsed(refusal=Refusal("error_not_open"))
        text = (raw or "").replace("\r\n", "\n")  # a browser's line breaks are \r\n
        if not self.within_limits(question, text):
            values = (("maximum", question.max_length), ("length", len(text)))
            return Parsed(refusal=Refusal("error_too_long", values))
        return Parsed(text if text.strip() else None)

    def schema(self, question: Question) -> dict[str, Any]:
        return {"type": "string", "maxLength": question.max_length}

    def example(self, question: Question) -> Any:
        return ""

    def values(self, question: Question) -> list[Any] | None:
        return []


def _open(question: Question, options: Sequence[str] | None) -> Sequence[str]:
    return question.values if options is None else options


TYPES: dict[str, QuestionType] = {
    kind.name: kind for kind in (SingleChoice(), MultipleChoice(), YesNo(), WholeNumber(), FreeText())
}


def question_type(question: Question) -> QuestionType:
    return TYPES[question.type]
