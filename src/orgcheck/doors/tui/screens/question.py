"""One question: section, question, why it is asked (with the figure), the answer, progress."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Label, ProgressBar, Static

from ....pack.model import Question
from ....questionnaire.flow import open_options
from ....questionnaire.session import Place
from ..widgets.answer_field import AnswerField
from ..widgets.fields import answer_field
from ..widgets.header import Header
from ..widgets.keys_footer import KeysFooter
from .base import AHEAD_DELAY, OrgcheckScreen

SHORT_HEIGHT = 24
NARROW_WIDTH = 70
HINTS = {
    "single": "hint_single",
    "boolean": "hint_single",
    "multi": "hint_multi",
    "integer": "hint_integer",
    "text": "hint_text",
}


class QuestionScreen(OrgcheckScreen):
    CSS_PATH = "question.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next", "Next"),
        Binding("escape", "back", "Back"),
        Binding("ctrl+b", "back", "Back", show=False),
        Binding("ctrl+r", "review", "Review"),
    ]
    # Left out of the footer where it is too narrow (60 columns in German); the palette
    # and the keys panel still name it.
    FOOTER_SPARE = ("review",)

    def __init__(self, question: Question, *, return_to_review: bool = False) -> None:
        super().__init__()
        self.question = question
        self.return_to_review = return_to_review
        self._typed_ahead: list[events.Key] = []  # while the field is not ready for them
        self._field_coming = True  # until the field has the focus
        self._texts_shown = self._texts()
        self._field_inputs = self._inputs()
        self._field = self._new_field()

    def compose(self) -> ComposeResult:
        words = self.words
        texts = self._texts_shown
        yield Header(show_clock=False)
        with VerticalScroll(id="body"):
            with Horizontal(id="progress-row"):
                yield Label(texts["section"], id="section")
                yield Label(texts["progress-text"], id="progress-text")
                bar = ProgressBar(show_eta=False, show_percentage=False, id="progress")
                bar.update(**self._progress())
                yield bar
            yield Static(texts["question"], id="question")
            yield Static(texts["help"], id="help")
            yield self._dropped_notice()
            yield self._field
            yield Static(texts["hint"], id="hint")
        # Outside the scrolling body: a long message never pushes Back/Next off the screen.
        yield Static("", id="error")
        with Horizontal(id="buttons"):
            yield Button(words("back"), id="back", compact=True)
            yield Button(words("next"), id="next", variant="primary", compact=True)
        yield KeysFooter()

    def _texts(self) -> dict[str, Content | str]:
        """The texts about the question, by widget id."""
        session, words, question = self.orgcheck.session, self.words, self.question
        where = self._progress()
        return {
            "section": Content(words.text(session.section_title(question))),
            "progress-text": words("progress", number=where["progress"], total=where["total"]),
            "question": Content(words.text(question.text)),
            "help": Content(words.text(question.help)),
            "hint": words(HINTS[question.type]),
        }

    def _dropped_notice(self) -> Static:
        text = self._dropped_text()
        notice = Static(text, id="dropped")
        notice.display = bool(text.plain)
        return notice

    def _dropped_text(self) -> Content:
        """What the change before this screen took away, this question's first (it is to be
        answered again, with the options just below)."""
        dropped = sorted(self.orgcheck.dropped, key=lambda item: item.question != self.question.id)
        return Content("\n".join(self.words.dropped(item) for item in dropped))

    def _progress(self) -> dict[str, int]:
        """For the bar: the question's number, of how many."""
        number, total = self.orgcheck.session.position(self.question)
        return {"progress": number, "total": total}

    def _inputs(self) -> tuple[object, ...]:
        """What the answer field shows: the question, the options open, the answer."""
        session, question = self.orgcheck.session, self.question
        options = open_options(session.pack, question, session.values)
        return (question.id, tuple(option.value for option in options), repr(session.values.get(question.id)))

    def _new_field(self) -> AnswerField:
        session = self.orgcheck.session
        return answer_field(
            self.question,
            open_options(session.pack, self.question, session.values),
            self.words,
            session.values.get(self.question.id),
            cursor_blink=self.orgcheck.cursor_blink,
        )

    def show(self, question: Question, *, return_to_review: bool = False) -> None:
        """Show ``question`` here: its texts and a new answer field, the rest as it is.

        The app keeps one question screen: moving on this way redraws a few
        widgets instead of composing and styling a whole screen anew. What is
        shown already stays: the screen built ahead for the first question
        (OrgcheckApp.compose_first_question_ahead) is shown as it is.
        """
        self.question = question
        self.return_to_review = return_to_review
        texts = self._texts()
        for widget_id, text in texts.items():
            if text != self._texts_shown[widget_id]:
                self.query_one(f"#{widget_id}", Static).update(text)
        self._texts_shown = texts
        self.query_one("#progress", ProgressBar).update(**self._progress())
        self.show_error("")
        self._show_dropped()
        inputs = self._inputs()
        if inputs == self._field_inputs and not self.field.touched:
            self._focus_field()
            return
        self._field_inputs = inputs
        old, self._field = self._field, self._new_field()
        self._field_coming = True
        # Nothing focused until the new field is: Textual would give the focus to the
        # scrolling body meanwhile, and each move re-styles all of it (some 9 ms).
        self.set_focus(None)
        old.remove()
        self.query_one("#body").mount(self._field, before=self.query_one("#hint"))  # then Ready

    def on_mount(self) -> None:
        # Sized for the terminal before the first paint, not restyled after it.
        self._fit(self.app.size.width, self.app.size.height)
        self.set_timer(AHEAD_DELAY, self.orgcheck.compose_review_ahead)

    @on(AnswerField.Ready)
    def _field_ready(self, event: AnswerField.Ready) -> None:
        if event.field is self.field:
            self._focus_field()

    def on_key(self, event: events.Key) -> None:
        """Keep what is typed while the new question's field is still being mounted.

        It has no focus for those few milliseconds (more on a busy machine), and the
        first letters of a note typed at once went nowhere. Only characters are kept:
        an enter meant for the question before does not answer this one.
        """
        if self._field_coming and event.is_printable:
            self._typed_ahead.append(events.Key(event.key, event.character))
            event.stop()
            event.prevent_default()

    def _focus_field(self) -> None:
        self.field.focus_input()
        self._field_coming = False
        typed, self._typed_ahead = self._typed_ahead, []
        for key in typed:  # after the focus (both go through the app's queue, in order)
            self.app.post_message(key)
        # Focusing a long list scrolls it into view and the question off the top at
        # 60x20; the question comes first (the highlighted option is just below it).
        self.call_after_refresh(self.query_one("#body").scroll_home, animate=False)

    def on_resize(self) -> None:
        self._fit(self.size.width, self.size.height)

    def _fit(self, width: int, height: int) -> None:
        # Small terminals: drop spacing, the field's border and some of the
        # progress bar before anything has to scroll.
        self.set_class(height < SHORT_HEIGHT, "-short")
        self.set_class(width < NARROW_WIDTH, "-narrow")

    @property
    def field(self) -> AnswerField:
        return self._field

    @property
    def ready(self) -> bool:
        """False while a new question's field is still being mounted; going on then does nothing."""
        return self._field.is_mounted

    def _show_dropped(self) -> None:
        notice, text = self.query_one("#dropped", Static), self._dropped_text()
        if text.plain or notice.display:
            notice.update(text)
            notice.display = bool(text.plain)

    def show_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        if not message and not error.display:
            return
        error.update(Content(message))
        error.display = bool(message)

    @on(AnswerField.Changed)
    def recheck(self, event: AnswerField.Changed) -> None:
        """Take a message away once the answer it was about has been fixed."""
        if event.field is not self.field:  # the field of the question before
            return
        shown = self.query_one("#error", Static).display
        if shown and self.orgcheck.session.parse(self.question, self.field.raw()).ok:
            self.show_error("")

    # --- moving on ------------------------------------------------------------------

    @on(AnswerField.Submitted)
    def submitted(self, event: AnswerField.Submitted) -> None:
        if event.field is self.field:  # not a late enter from the question before
            self.action_next()

    @on(Button.Pressed, "#next")
    def action_next(self) -> None:
        if not self.ready:
            return
        field = self.field
        answered = self.orgcheck.submit(
            self.question, field.raw(), confirmed=field.confirmed, return_to_review=self.return_to_review
        )
        if answered.place is None:
            assert answered.refusal is not None
            field.confirmed = field.confirmed or answered.confirming  # asked once
            self.show_error(self.words.refusal(answered.refusal))
            field.focus_input()
            return
        self.orgcheck.go(answered.place)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.keep_answer()
        self.orgcheck.go(
            self.orgcheck.session.back_from(self.question, return_to_review=self.return_to_review)
        )

    def action_review(self) -> None:
        self.keep_answer()
        self.orgcheck.go(Place("review"))

    def keep_answer(self) -> None:
        if self.ready and self.field.touched:
            self.orgcheck.keep(self.question, self.field.raw())

    def relocalized(self) -> Screen[None]:
        """A question screen in the new language (the app's, as it keeps one)."""
        return self.orgcheck.question_screen(self.question, return_to_review=self.return_to_review)
