"""The answer field for a question, chosen by the question's type.

single: a RadioSet; multi: a SelectionList; boolean: a RadioSet with yes and
no; integer: an Input with a range validator; text: a TextArea.

Each kind lives in its own module, imported when a question of that type is
first shown: the first question's screen then loads only what it shows.
"""

from __future__ import annotations

from ....pack.conditions import AnswerValue
from ....pack.model import Option, Question
from ....questionnaire.words import Words
from .answer_field import AnswerField


def answer_field(
    question: Question,
    options: list[Option],
    words: Words,
    value: AnswerValue | None,
    *,
    cursor_blink: bool = True,
) -> AnswerField:
    """The field for ``question``'s type, showing ``value`` (None: not answered yet)."""
    field_class = _field_class(question.type)
    return field_class(question, options, words, value, cursor_blink=cursor_blink)


def _field_class(kind: str) -> type[AnswerField]:
    if kind == "single":
        from .choice_fields import SingleField

        return SingleField
    if kind == "boolean":
        from .choice_fields import BooleanField

        return BooleanField
    if kind == "multi":
        from .multi_field import MultiField

        return MultiField
    if kind == "integer":
        from .entry_fields import IntegerField

        return IntegerField
    from .entry_fields import TextField

    return TextField


def preload() -> None:
    """Import every kind now (while the user reads), not when its first question shows."""
    for kind in ("single", "boolean", "multi", "integer", "text"):
        _field_class(kind)
