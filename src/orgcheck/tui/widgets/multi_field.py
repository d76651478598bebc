"""Multiple choice: a SelectionList where space ticks and enter goes on."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from ...conditions import AnswerValue
from .answer_field import AnswerField


class ChoiceList(SelectionList[str]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Next", show=False)]

    class Done(Message):
        pass

    def action_submit(self) -> None:
        self.post_message(self.Done())


class MultiField(AnswerField):
    def on_mount(self) -> None:
        # An empty list is a valid answer ("nobody", "no goals") but also what
        # pressing enter without ticking gives: say so once before going on.
        self._empty_confirmed = self.initial == []

    def needs_confirmation(self) -> str | None:
        if self.query_one(ChoiceList).selected or self._empty_confirmed or self.question.min_items:
            return None
        self._empty_confirmed = True
        return self.words("confirm_empty")

    def compose(self) -> ComposeResult:
        chosen = self.initial if isinstance(self.initial, list) else []
        yield ChoiceList(
            *(Selection(self.option_label(o), o.value, o.value in chosen) for o in self.options),
            classes="answer-input",
        )

    def read(self) -> tuple[AnswerValue | None, str | None]:
        selected = set(self.query_one(ChoiceList).selected)
        value = [o.value for o in self.options if o.value in selected]  # in the pack's order
        if len(value) < self.question.min_items:
            return None, self.words("error_choose_one")
        return value, None

    def on_selection_list_selected_changed(self) -> None:
        self.touched = True

    def on_choice_list_done(self, event: ChoiceList.Done) -> None:
        event.stop()
        self.post_message(self.Submitted())
