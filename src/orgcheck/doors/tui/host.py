"""What the screens may ask of the app that shows them.

The screens are the app's children: they show what the app's session holds and
hand it what the user does (an answer, a place to go). They know the app only
by this protocol, so a screen does not import the app that imports it, and a
screen can be tested with any host.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.screen import Screen

    from ...engine.assess import Assessment
    from ...pack.model import Question
    from ...pack.questiontypes import RawInput
    from ...questionnaire.flow import Dropped
    from ...questionnaire.session import Answered, Place, Result, Session
    from ...questionnaire.words import Words


class Host(Protocol):
    session: Session
    words: Words
    assessment: Assessment | None  # of the answers as they are, once assessed
    edit_path: Path | None  # the answers file opened with --edit
    edit_problems: list[str]  # the ids of its answers that could not be used
    dropped: tuple[Dropped, ...]  # what the change before this screen took away (said on it)
    resumable: bool  # a draft with answers was found at start-up
    cursor_blink: bool

    def go(self, place: Place) -> None: ...

    def submit(
        self, question: Question, raw: RawInput, *, confirmed: bool = False, return_to_review: bool = False
    ) -> Answered:
        """Hand the input over; the answer is kept, what it dropped is said, the draft saved."""
        ...

    def keep(self, question: Question, raw: RawInput) -> None:
        """Keep the input where it is an answer (the user leaves the question another way)."""
        ...

    def show_result(self, assessment: Assessment) -> None: ...

    def set_names(self, organisation: str, respondent: str) -> None: ...

    def set_language(self, language: str) -> None: ...

    def action_start_over(self) -> None: ...

    def ask_save(self, kind: Result) -> None: ...

    def report_text(self, fmt: str) -> str: ...

    def question_screen(self, question: Question, *, return_to_review: bool = False) -> Screen[None]: ...

    def review_screen(self, highlight: str | None = None) -> Screen[None]: ...

    # The screen a user goes to next, built while they read this one (see kept.py).
    def compose_first_question_ahead(self) -> None: ...

    def compose_review_ahead(self) -> None: ...

    def compose_result_ahead(self) -> None: ...

    def compose_save_dialogs_ahead(self) -> None: ...
