"""The input for one question, chosen by the question's type.

single: a RadioSet; multi: a SelectionList; boolean: a RadioSet with yes and
no; integer: an Input with a range validator; text: a TextArea. Each field
reads back a value in the answers file's types, or says why it cannot. Enter
chooses and goes on (``AnswerField.Submitted``); in the free-text field enter
is a new line, so ctrl+n goes on there.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.validation import Integer
from textual.widget import Widget
from textual.widgets import Input, RadioButton, RadioSet, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from ...conditions import AnswerValue
from ...pack import Option, Question
from ..words import Words


class AnswerField(Vertical):
    """Base class: compose the widget, read its value, focus it."""

    class Submitted(Message):
        """The user pressed enter on the answer: go to the next question."""

    def __init__(
        self,
        question: Question,
        options: list[Option],
        words: Words,
        value: AnswerValue | None,
        *,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__(classes="answer-field")
        self.question = question
        self.options = options
        self.words = words
        self.initial = value
        self.cursor_blink = cursor_blink
        self.touched = False  # changed by the user since the screen opened

    def read(self) -> tuple[AnswerValue | None, str | None]:
        """(value, None), or (None, why it is not a valid answer yet). None value: no answer."""
        raise NotImplementedError

    @property
    def input_widget(self) -> Widget:
        return self.query_one(".answer-input")

    def focus_input(self) -> None:
        self.input_widget.focus()

    @on(RadioSet.Changed)
    @on(SelectionList.SelectedChanged)
    @on(Input.Changed)
    @on(TextArea.Changed)
    def _touched(self) -> None:
        self.touched = True

    def option_label(self, option: Option) -> Content:
        label = Content(self.words.text(option.label))
        if option.help is None:
            return label
        return Content.assemble(label, (" – " + self.words.text(option.help), "dim"))


class ChoiceSet(RadioSet):
    """A RadioSet where enter chooses the highlighted option and goes on."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "choose", "Choose", show=False)]

    class Chosen(Message):
        pass

    def on_mount(self) -> None:
        if self.pressed_button is not None:  # start on the answer given, not on the first option
            self._selected = self.pressed_index

    def action_choose(self) -> None:
        self.action_toggle_button()
        self.post_message(self.Chosen())


class ChoiceList(SelectionList[str]):
    """A SelectionList where space ticks and enter goes on."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Next", show=False)]

    class Done(Message):
        pass

    def action_submit(self) -> None:
        self.post_message(self.Done())


class _RadioField(AnswerField):
    def choices(self) -> list[tuple[AnswerValue, Content]]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        self._values = [value for value, _ in self.choices()]
        yield ChoiceSet(
            *(RadioButton(label, value=value == self.initial) for value, label in self.choices()),
            classes="answer-input",
        )

    def read(self) -> tuple[AnswerValue | None, str | None]:
        buttons = list(self.query(RadioButton))
        chosen = next((i for i, button in enumerate(buttons) if button.value), None)
        if chosen is None:
            return None, (self.words("error_choose") if self.question.required else None)
        return self._values[chosen], None

    def on_choice_set_chosen(self, event: ChoiceSet.Chosen) -> None:
        event.stop()
        self.post_message(self.Submitted())


class SingleField(_RadioField):
    def choices(self) -> list[tuple[AnswerValue, Content]]:
        return [(o.value, self.option_label(o)) for o in self.options]


class BooleanField(_RadioField):
    def choices(self) -> list[tuple[AnswerValue, Content]]:
        return [(True, Content(self.words("option_yes"))), (False, Content(self.words("option_no")))]


class MultiField(AnswerField):
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

    def on_choice_list_done(self, event: ChoiceList.Done) -> None:
        event.stop()
        self.post_message(self.Submitted())


class IntegerField(AnswerField):
    def compose(self) -> ComposeResult:
        message = self.words("error_number", minimum=self.question.minimum, maximum=self.question.maximum)
        yield Input(
            value="" if self.initial is None else str(self.initial),
            type="integer",
            validators=[Integer(self.question.minimum, self.question.maximum, failure_description=message)],
            validate_on=["submitted"],
            classes="answer-input",
        )

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.cursor_blink

    def read(self) -> tuple[AnswerValue | None, str | None]:
        field = self.query_one(Input)
        result = field.validate(field.value)
        if not field.value.strip() or (result is not None and not result.is_valid):
            return None, self.words(
                "error_number", minimum=self.question.minimum, maximum=self.question.maximum
            )
        return int(field.value), None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted())


class TextField(AnswerField):
    def compose(self) -> ComposeResult:
        yield TextArea(
            self.initial if isinstance(self.initial, str) else "",
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


FIELDS: dict[str, type[AnswerField]] = {
    "single": SingleField,
    "multi": MultiField,
    "boolean": BooleanField,
    "integer": IntegerField,
    "text": TextField,
}


def answer_field(
    question: Question,
    options: list[Option],
    words: Words,
    value: AnswerValue | None,
    *,
    cursor_blink: bool = True,
) -> AnswerField:
    """The field for ``question``'s type, showing ``value`` (None: not answered yet)."""
    return FIELDS[question.type](question, options, words, value, cursor_blink=cursor_blink)
