"""The welcome: what orgcheck does, language, organisation, and start (or resume)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, RadioSet, Static

from ....answers.validate import MAX_NAME_LENGTH
from ....languages import LANGUAGE_NAMES, LANGUAGES
from ....questionnaire.session import Place
from ....textsafe import one_line
from ..widgets.header import Header
from ..widgets.keys_footer import KeysFooter
from ..widgets.marks import MarkedRadioButton
from .base import AHEAD_DELAY, OrgcheckScreen


class WelcomeScreen(OrgcheckScreen):
    CSS_PATH = "welcome.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+n", "start", "Start")]

    def __init__(self, *, focus: str | None = None) -> None:
        super().__init__()
        self.initial_focus = focus

    def compose(self) -> ComposeResult:
        app = self.orgcheck
        words = self.words
        session = app.session
        yield Header(show_clock=False)
        with VerticalScroll(id="body", can_focus=False):  # tab goes between the fields
            yield Static(words("welcome_heading"), id="heading")
            yield Static(words("welcome_body", questions=session.most_questions()), id="intro")
            # The names before the language: tab from Start wraps to the first field, and a
            # name typed into the language choice would switch the language at its first space.
            with Horizontal(id="names"):
                for field in ("organisation", "respondent"):
                    with Vertical():
                        yield Label(words(f"{field}_label"), classes="field-label")
                        yield Input(
                            one_line(getattr(session, field)),
                            placeholder=words(f"{field}_placeholder"),
                            max_length=MAX_NAME_LENGTH,
                            id=field,
                        )
            with Horizontal(id="language-row"):
                yield Label(words("language"), id="language-label")
                with RadioSet(id="language"):
                    for language in LANGUAGES:
                        yield MarkedRadioButton(LANGUAGE_NAMES[language], value=language == session.language)
            if app.edit_path is not None:
                yield Static(Content(self._edit_notice()), id="notice")
            elif app.resumable:
                yield Static(self._draft_notice(), id="notice")
            with Horizontal(id="buttons"):
                if app.resumable:
                    yield Button(words("resume"), id="resume", variant="primary")
                    yield Button(words("start_over"), id="start-over")
                else:
                    yield Button(words("start"), id="start", variant="primary")
                # A complete --edit file goes straight to the review; a complete draft's
                # "Resume" already does, so it gets no second button for the same thing.
                if not app.resumable and session.values and session.resume_point() is None:
                    yield Button(words("review"), id="review")
        yield KeysFooter()

    def _edit_notice(self) -> str:
        app, words = self.orgcheck, self.words
        assert app.edit_path is not None
        loaded = words("edit_loaded", file=one_line(str(app.edit_path)))
        if not app.edit_problems:
            return loaded
        return f"{loaded} {words('edit_problems', questions=one_line(words.questions(app.edit_problems)))}"

    def _draft_notice(self) -> str:
        session = self.orgcheck.session
        if session.resume_point() is None:  # only optional questions (the notes) may be open
            return self.words("draft_complete")
        asked = session.asked()
        answered = sum(q.id in session.values for q in asked)
        return self.words("draft_found", answered=answered, total=session.position(asked[-1])[1])

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = self.orgcheck.cursor_blink
        # The organisation's name first: it is what people type first, and Enter in it
        # starts (or resumes) as the button would. On the button, the name typed was lost.
        self.query_one(f"#{self.initial_focus or 'organisation'}").focus()
        self.set_timer(AHEAD_DELAY, self.orgcheck.compose_first_question_ahead)

    @on(RadioSet.Changed, "#language")
    def switch_language(self, event: RadioSet.Changed) -> None:
        language = LANGUAGES[event.index]
        if language != self.orgcheck.session.language:
            self.orgcheck.set_language(language)

    @on(Input.Changed)
    def keep_names(self) -> None:
        organisation = self.query_one("#organisation", Input).value
        respondent = self.query_one("#respondent", Input).value
        self.orgcheck.set_names(organisation, respondent)

    @on(Input.Submitted)
    @on(Button.Pressed, "#start, #resume")
    def action_start(self) -> None:
        session = self.orgcheck.session
        self.orgcheck.go(session.resume() if self.orgcheck.resumable else session.start())

    @on(Button.Pressed, "#review")
    def review(self) -> None:
        self.orgcheck.go(Place("review"))

    @on(Button.Pressed, "#start-over")
    def start_over(self) -> None:
        self.orgcheck.action_start_over()

    def relocalized(self) -> WelcomeScreen:
        focused = self.focused.id if self.focused is not None else None
        return WelcomeScreen(focus=focused)
