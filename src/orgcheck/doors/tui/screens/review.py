"""Every answer on one screen; enter on one goes back to change it."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from ....errors import OrgcheckError
from ....questionnaire.session import Place
from ....textsafe import one_line
from ..widgets.header import Header
from ..widgets.keys_footer import KeysFooter
from .base import AHEAD_DELAY, OrgcheckScreen

NAMES_OPTION = "welcome"  # the row for organisation and respondent


def _row(question: str, answer: Content, option_id: str) -> Option:
    """A question in bold with its answer below it."""
    return Option(Content.assemble((question, "bold"), "\n", ("→ ", "bold"), answer), id=option_id)


class ReviewScreen(OrgcheckScreen):
    CSS_PATH = "review.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "result", "Result"),
        Binding("escape", "back", "Back"),
        Binding("ctrl+b", "back", "Back", show=False),
    ]

    def __init__(self, *, highlight: str | None = None) -> None:
        super().__init__()
        self.highlight = highlight

    def compose(self) -> ComposeResult:
        words = self.words
        yield Header(show_clock=False)
        with Vertical(id="body"):
            yield Static(words("review_title"), id="title")
            yield Static(words("review_hint"), id="hint")
            yield Static("", id="dropped")
            yield OptionList(*self._options(), id="answers")
            yield Static("", id="error")
            with Horizontal(id="buttons"):
                yield Button(words("back"), id="back", compact=True)
                yield Button(words("show_result"), id="result", variant="primary", compact=True)
        yield KeysFooter()

    def _options(self) -> list[Option]:
        session = self.orgcheck.session
        words = self.words
        names = " · ".join(one_line(n) for n in (session.organisation, session.respondent) if n.strip())
        options = [_row(words("review_names"), Content(names or words("no_notes")), NAMES_OPTION)]
        section = None
        for question in session.asked():
            if question.section != section:
                section = question.section
                title = words.text(session.section_title(question))
                options.append(Option(Content.styled(title, "bold underline"), disabled=True))
            if question.id in session.values:
                value = session.values[question.id]
                shown = one_line(str(value)) if question.type == "text" else words.answer(question.id, value)
                answer = Content(shown)
            elif question.required:
                answer = Content.styled(words("not_answered"), "bold reverse")
            else:
                answer = Content(words("no_notes"))
            options.append(_row(words.text(question.text), answer, question.id))
        return options

    def refill(self, *, highlight: str | None = None) -> None:
        """Show the answers as they are now, with the cursor on ``highlight`` if given.

        The app keeps one review and fills it anew each time it shows
        (kept.py); the rows are replaced only if an answer changed.
        """
        self.highlight = highlight
        options = self._options()
        answers = self.query_one(OptionList)
        if _shown(options) != _shown(answers.options):
            answers.set_options(options)
        self.query_one("#error", Static).display = False  # said about the answers before
        self._show_dropped()
        if self.is_current:  # asked for again while shown (from the palette): Textual resumes nothing
            self._shown()

    def on_mount(self) -> None:
        self._show_dropped()

    def _show_dropped(self) -> None:
        """What the change before this screen took away (a question no longer asked, say)."""
        text = "\n".join(self.words.dropped(item) for item in self.orgcheck.dropped)
        notice = self.query_one("#dropped", Static)
        notice.update(Content(text))
        notice.display = bool(text)

    def on_screen_resume(self) -> None:
        self._shown()

    def _shown(self) -> None:
        """The cursor where it belongs, and the result built while the user reads."""
        answers = self.query_one(OptionList)
        answers.focus()
        target = self.highlight or next((q.id for q in self.orgcheck.session.missing()), None)
        if target is not None:
            with contextlib.suppress(LookupError):
                answers.highlighted = answers.get_option_index(target)
        elif answers.highlighted is None:
            answers.highlighted = 0
        self.set_timer(AHEAD_DELAY, self.orgcheck.compose_result_ahead)

    @on(OptionList.OptionSelected)
    def change(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id
        if option_id == NAMES_OPTION:
            self.orgcheck.go(Place("welcome", highlight="organisation"))
        elif option_id is not None:
            self.orgcheck.go(self.orgcheck.session.change(option_id))

    @on(Button.Pressed, "#result")
    def action_result(self) -> None:
        session = self.orgcheck.session
        place = session.to_result()
        if place.missing:
            self.show_error(self.words.missing(place.missing))
            answers = self.query_one(OptionList)
            answers.highlighted = answers.get_option_index(place.missing[0].id)
            answers.focus()
            return
        try:
            # The answers have not changed since the last result: the same assessment, and
            # with it the result screen kept for it.
            assessment = self.orgcheck.assessment or session.assess()
        except OrgcheckError as error:  # should not happen: the flow keeps answers valid
            self.show_error("\n".join(one_line(str(p)) for p in error.problems))
            return
        self.orgcheck.show_result(assessment)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.orgcheck.go(self.orgcheck.session.back_from_review())

    def show_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.update(Content(message))
        error.display = True

    def relocalized(self) -> Screen[None]:
        """The review in the new language (the app's, as it keeps one)."""
        option = self.query_one(OptionList).highlighted_option
        return self.orgcheck.review_screen(highlight=option.id if option is not None else None)


def _shown(options: Sequence[Option]) -> list[tuple[str | None, str, bool]]:
    """What the rows show: their question, text (answers included) and whether they are headings."""
    return [(option.id, str(option.prompt), option.disabled) for option in options]
