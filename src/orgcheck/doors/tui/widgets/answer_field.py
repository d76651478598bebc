"""The input for one question: what every kind of field shares (see fields.py for the kinds).

Each field only reads back what the user put in (``raw``); what that is as an
answer is the question type's to say (``parse``, through the session), so the
terminal and the browser cannot judge an input differently. Enter chooses and
goes on (``AnswerField.Submitted``); in the free-text field enter is a new
line, so ctrl+n goes on there.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from ....pack.conditions import AnswerValue
from ....pack.model import Option, Question
from ....pack.questiontypes import RawInput
from ....questionnaire.words import Words


class AnswerField(Vertical):
    """Base class: compose the widget, read its value, focus it."""

    class Submitted(Message):
        """The user pressed enter on the answer: go to the next question."""

        def __init__(self, field: AnswerField) -> None:
            super().__init__()
            self.field = field  # the question screen shows one field at a time, then the next

    class Changed(Message):
        """The user changed the answer (a message about the old one may no longer hold)."""

        def __init__(self, field: AnswerField) -> None:
            super().__init__()
            self.field = field

    class Ready(Message):
        """The field is mounted: its input can take the focus."""

        def __init__(self, field: AnswerField) -> None:
            super().__init__()
            self.field = field

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
        self.confirmed = False  # the input's confirmation has been shown (asked once)

    def on_mount(self) -> None:
        self.post_message(self.Ready(self))

    def raw(self) -> RawInput:
        """What the user put in: the option chosen, the options ticked, the text typed."""
        raise NotImplementedError

    def changed(self) -> None:
        self.touched = True
        self.post_message(self.Changed(self))

    @property
    def input_widget(self) -> Widget:
        return self.query_one(".answer-input")

    def focus_input(self) -> None:
        self.input_widget.focus()

    def option_label(self, option: Option) -> Content:
        label = Content(self.words.text(option.label))
        if option.help is None:
            return label
        # A sentence after the label: its help starts with a capital in both languages
        # ("Informally when needed – Ad hoc" read wrong after a dash).
        return Content.assemble(label, (". " + self.words.text(option.help), "dim"))
