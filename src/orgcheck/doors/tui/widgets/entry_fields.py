"""Typed answers: a whole number in an Input (digits only), free text in a TextArea."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from ....pack.questiontypes import RawInput
from ....textsafe import strip_control
from .answer_field import AnswerField


class IntegerField(AnswerField):
    def compose(self) -> ComposeResult:
        yield Input(
            value="" if self.initial is None else str(self.initial),
            type="integer",  # digits only; the range is the question type's rule (read)
            classes="answer-input",
        )

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.cursor_blink

    def raw(self) -> RawInput:
        return self.query_one(Input).value

    def on_input_changed(self) -> None:
        self.changed()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self))


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

    def raw(self) -> RawInput:
        return self.query_one(TextArea).text

    def on_text_area_changed(self) -> None:
        self.changed()
