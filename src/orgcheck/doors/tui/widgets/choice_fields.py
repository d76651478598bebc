"""Single choice and yes/no: a RadioSet where enter chooses and goes on."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widgets import RadioSet

from ....pack.questiontypes import RawInput
from .answer_field import AnswerField
from .marks import MarkedRadioButton


class WrappingRadioButton(MarkedRadioButton):
    """A radio button whose long label wraps under itself instead of ending in an ellipsis.

    Textual's ToggleButton is one line high whatever its width, so "Governed:
    defined roles, calendar and escalation paths" lost its end at 60 columns.
    Continuation lines are indented under the label, as in the multiple choice.
    """

    GUTTER = 4  # the button (3 cells) and the space after it

    def _label_lines(self, width: int) -> list[Content]:
        return self._label.wrap(max(width - self.GUTTER - 1, 8))  # one cell of padding at the end

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._label_lines(width)) if self._label else 1

    def render(self) -> Content:
        label_style = self.get_visual_style("toggle--label")
        lines = self._label_lines(self.content_region.width or self.size.width)
        indent = " " * (self.GUTTER - 1)
        rows = [
            Content.assemble(
                self._button if number == 0 else indent, line.pad(1, 1).stylize_before(label_style)
            )
            for number, line in enumerate(lines)
        ]
        return Content("\n").join(rows)


class ChoiceSet(RadioSet):
    """A RadioSet where enter chooses the highlighted option and goes on (space only chooses)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "choose", "Choose", show=False)]

    class Chosen(Message):
        pass

    def on_mount(self) -> None:
        # Start on the answer given, not on the first option; RadioSet's own mount
        # handler (which runs after this one) picks the first, so wait for it.
        self.call_later(self._highlight_pressed)

    def _highlight_pressed(self) -> None:
        if self.pressed_button is not None:
            self._selected = self.pressed_index

    def action_choose(self) -> None:
        self.action_toggle_button()
        self.post_message(self.Chosen())


class _RadioField(AnswerField):
    def choices(self) -> list[tuple[str | bool, Content]]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        self._values = [value for value, _ in self.choices()]
        yield ChoiceSet(
            *(WrappingRadioButton(label, value=value == self.initial) for value, label in self.choices()),
            classes="answer-input",
        )

    def raw(self) -> RawInput:
        buttons = list(self.query(WrappingRadioButton))
        chosen = next((i for i, button in enumerate(buttons) if button.value), None)
        return None if chosen is None else self._values[chosen]

    def on_radio_set_changed(self) -> None:
        self.changed()

    def on_choice_set_chosen(self, event: ChoiceSet.Chosen) -> None:
        event.stop()
        self.post_message(self.Submitted(self))


class SingleField(_RadioField):
    def choices(self) -> list[tuple[str | bool, Content]]:
        return [(o.value, self.option_label(o)) for o in self.options]


class BooleanField(_RadioField):
    def choices(self) -> list[tuple[str | bool, Content]]:
        return [(value, Content(label)) for value, label in self.words.yes_no()]
