"""Typed answers: a whole number in an Input with a range validator, free text in a TextArea."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.validation import Integer
from textual.widgets import Input, TextArea

from ...conditions import AnswerValue
from ...textsafe import strip_control
from .answer_field import AnswerField


class IntegerField(AnswerField):
    def compose(self) -> ComposeResult:
        yield Input(
            value="" if self.initial is None else str(self.initial),
            type="integer",
            validators=[
                Integer(
                    self.question.minimum, self.question.maximum, failure_description=self._range_message()
                )
            ],
            validate_on=["submitted"],
            classes="answer-input",
        )

    def _range_message(self) -> str:
        return self.words("error_number", minimum=self.question.minimum, maximum=self.question.maximum)

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.cursor_blink

    def read(self) -> tuple[AnswerValue | None, str | None]:
        field = self.query_one(Input)
        result = field.validate(field.value)
        if not field.value.strip() or (result is not None and not result.is_valid):
            return None, self._range_message()
        return int(field.value), None

    def on_input_changed(self) -> None:
        self.changed()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted())


class TextField(AnswerField):
    def compose(self) -> ComposeResult:
        yield TextArea(
            strip_control(self.initial) if isinstance(self.initial, str) else "",
            soft_wrap=True,
            show_line_numbers=False,
            classes="answer-input",
        )

    def on_mount(self) -> None:
        self.query_one(TextArea).cursor_blink = self.cursor_blink

    def read(self) -> tuple[AnswerValue | None, str | None]:
        text = self.query_one(TextArea).text
        limit = self.question.max_length
        if limit is not None and len(text) > limit:
            return None, self.words("error_too_long", maximum=limit, length=len(text))
        return (text if text.strip() else None), None

    def on_text_area_changed(self) -> None:
        self.changed()
