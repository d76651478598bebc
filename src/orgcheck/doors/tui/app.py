"""The interactive questionnaire: ``orgcheck`` without arguments.

The App holds one :class:`Session` (the answers so far) and moves between the
screens; it scores nothing itself. Answers go through ``orgcheck.flow`` (what
is asked, what a change drops), results through the engine, and files through
the same functions the headless command uses, so a saved answers file gives
the saved report byte for byte with ``orgcheck --answers``.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import gc
import signal
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hits, Provider
from textual.screen import ModalScreen, Screen
from textual.system_commands import SystemCommandsProvider
from textual.timer import Timer

from ...errors import EXIT_FAILURE, EXIT_USAGE, OrgcheckError, print_error, say
from ...languages import locale_language
from ...pack.load import load_pack
from ...pack.model import Pack, Question
from ...pack.questiontypes import RawInput
from ...questionnaire.draft import load_draft, load_edit
from ...questionnaire.session import RESULTS, Answered, Place, Result, Session, result_formats
from ...questionnaire.words import Words
from ...report import formats as report_formats
from ...store.drafts import DraftStore
from ...textsafe import one_line
from .kept import KeptScreen, composing
from .screens.base import AHEAD_DELAY, OrgcheckScreen, localize_bindings
from .screens.confirm import ConfirmDialog
from .screens.question import QuestionScreen
from .screens.welcome import WelcomeScreen

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ...engine.assess import Assessment
    from .screens.result import ResultScreen
    from .screens.review import ReviewScreen
    from .screens.save import SaveDialog

DRAFT_DELAY = 0.5  # seconds of no typing before the organisation's name goes to the draft
PRELOAD_DELAY = 0.8  # seconds after start-up, when nobody has answered anything yet
# Seconds on a screen before collecting garbage. Python's own full collections took
# 25-65 ms each and fell into every third or fourth screen change; one made while
# the user reads leaves too little garbage for another during the next changes.
TIDY_DELAY = 1.0
SHUTDOWN_WAIT = 2.0  # seconds at most for a screen being built ahead, when quitting
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class OrgcheckCommands(SystemCommandsProvider):
    """The palette's commands in the app's order (orgcheck's first), not alphabetically."""

    async def discover(self) -> Hits:
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)


class OrgcheckApp(App[int]):
    TITLE = "orgcheck"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {OrgcheckCommands}
    # The styles of the screens shown at start-up, up front: a screen whose .tcss
    # is new to the app makes Textual re-parse and re-style everything when it
    # opens. The later screens load theirs when they first open.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "screens/welcome.tcss", "screens/question.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        # ctrl+c quits too: the draft is saved after every answer, so nothing is lost.
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        *,
        language: str | None = None,
        edit: Path | None = None,
        data_dir: Path | None = None,
        output_dir: Path | None = None,
        date: dt.date | None = None,
        pack: Pack | None = None,
        cursor_blink: bool = True,
    ) -> None:
        """Everything injectable for tests; ``run()`` passes only language and edit."""
        super().__init__()
        self.pack = pack or load_pack()
        self.drafts = DraftStore.claim(data_dir)
        self.output_dir = output_dir or Path.cwd()
        self.cursor_blink = cursor_blink
        self.edit_path = edit
        draft = None
        problems: list[str] = []
        corrupt: Path | None = None
        if edit is not None:
            draft, problems = load_edit(self.pack, edit)
        else:
            draft, corrupt = load_draft(self.drafts, self.pack)
        chosen = language or (draft.language if draft else None) or locale_language() or "en"
        if draft is not None:
            self.session = Session.from_draft(self.pack, draft, chosen, self.drafts)
        else:
            self.session = Session(self.pack, chosen, drafts=self.drafts)
        if date is not None:
            self.session.date = date
        # A draft with answers is offered for resuming; an edited file is simply filled in.
        self.resumable = edit is None and draft is not None and bool(draft.values)
        self.words = Words(self.pack, chosen)
        self.notices: list[str] = []  # shown once the screen is up
        if problems:
            self.notices.append(self.words("edit_problems", file=str(edit), questions=", ".join(problems)))
        if corrupt is not None:
            self.notices.append(self.words("draft_corrupt", file=str(corrupt)))
        self.assessment: Assessment | None = None
        # One screen of each kind is kept and shown again, filled anew (see kept.py).
        self._kept_question: KeptScreen[QuestionScreen] = KeptScreen(self, "question")
        self._kept_review: KeptScreen[ReviewScreen] = KeptScreen(self, "review")
        self._kept_result: KeptScreen[ResultScreen] = KeptScreen(self, "result")
        self._kept_save: dict[Result, KeptScreen[SaveDialog]] = {
            kind: KeptScreen(self, f"save-{kind}") for kind in RESULTS
        }
        self._draft_warned = False
        draft_problem = self.drafts.problem()
        if draft_problem is not None:  # e.g. a FIFO or an unreadable folder: said once, here
            self._draft_warned = True
            self.notices.append(self.words("draft_unwritable", reason=draft_problem))
        self.crash: BaseException | None = None
        self.stopped_by: int | None = None
        self._draft_timer: Timer | None = None
        self._tidy_timer: Timer | None = None
        localize_bindings(self, self.words)

    # --- screens ----------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        # The welcome is Textual's first screen itself, not pushed over an empty default
        # one on mount: pushed, it was laid out three more times before it first showed
        # (some 40 ms of start-up). See _replace for what that asks of leaving it.
        return WelcomeScreen()

    def on_mount(self) -> None:
        self._catch_signals()
        self.set_timer(PRELOAD_DELAY, self._preload_later_screens)
        self._tidy_later()
        for notice in self.notices:
            self.notify(one_line(notice), severity="warning", markup=False, timeout=12)

    def _preload_later_screens(self) -> None:
        """Import what the later screens need while the user reads the welcome.

        Loaded on first use they cost the first review and result some 100-200 ms
        (TabbedContent, the Markdown viewer, their styles), the first question a
        field's module and the first draft PyYAML (some 20 ms). Start-up stays as
        fast as before.
        """
        import textual.widgets._markdown  # noqa: F401 - the report tab's viewer

        from ...yamlio import compose  # noqa: F401 - reading and writing the draft
        from .screens import confirm, result, review, save  # noqa: F401
        from .widgets import fields

        fields.preload()
        folder = Path(__file__).parent / "screens"
        # Their styles too: a screen whose .tcss is new re-styles the whole app when it opens.
        styles = sorted(folder.glob("*.tcss"))
        fresh = [path for path in styles if not self.stylesheet.has_source(str(path), "")]
        for path in fresh:
            self.stylesheet.read(path)
        if fresh:
            self.stylesheet.reparse()
            self.stylesheet.update(self)

    def _replace(self, screen: Screen[None]) -> None:
        """Show ``screen`` in place of the current one (dialogs on top are closed).

        The first screen stays at the bottom of the stack: Textual cannot switch away
        from an app's first screen (it has no result callback to pop), so the first
        screen after it is pushed over it and every later one replaces that.
        """
        while isinstance(self.screen, ModalScreen) and len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 1:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)
        self._tidy_later()

    def _tidy_later(self) -> None:
        """Collect garbage once this screen has been shown a while (see TIDY_DELAY)."""
        if self._tidy_timer is not None:
            self._tidy_timer.stop()
        self._tidy_timer = self.set_timer(TIDY_DELAY, gc.collect)

    def show_welcome(self, focus: str | None = None) -> None:
        self._replace(WelcomeScreen(focus=focus))

    def show_question(self, question: Question, *, return_to_review: bool = False) -> None:
        def again() -> None:
            self.show_question(question, return_to_review=return_to_review)

        if not self._kept_question.show_when_composed(self._in_language, again):
            self._replace(self.question_screen(question, return_to_review=return_to_review))

    def question_screen(self, question: Question, *, return_to_review: bool = False) -> QuestionScreen:
        """The question screen showing ``question``: one is kept and filled anew for each
        question, as composing a screen per question cost as much again. A new one
        after a change of language."""
        return self._kept_question.take(
            self._in_language,
            lambda kept: kept.show(question, return_to_review=return_to_review),
            lambda: QuestionScreen(question, return_to_review=return_to_review),
        )

    def show_review(self, highlight: str | None = None) -> None:
        """The review, with the cursor on ``highlight`` (the question just changed), if given."""
        if not self._kept_review.show_when_composed(self._in_language, lambda: self.show_review(highlight)):
            self._replace(self.review_screen(highlight))

    def review_screen(self, highlight: str | None = None) -> ReviewScreen:
        """The review of the answers as they are now: one is kept and filled anew."""
        from .screens.review import ReviewScreen

        return self._kept_review.take(
            self._in_language,
            lambda kept: kept.refill(highlight=highlight),
            lambda: ReviewScreen(highlight=highlight),
        )

    def show_result(self, assessment: Assessment) -> None:
        self._replace(self.result_screen(assessment))

    def result_screen(self, assessment: Assessment) -> ResultScreen:
        """The result screen for ``assessment``: one is kept while the answers stay the
        same, so going back to the review and on again does not build it anew."""
        from .screens.result import ResultScreen  # the Markdown viewer loads only here

        self.assessment = assessment
        return self._kept_result.take(
            lambda kept: kept.assessment is assessment, lambda _: None, lambda: ResultScreen(assessment)
        )

    def _showing(self, kind: type[Screen[None]]) -> bool:
        """Whether the screen shown is a ``kind``; never while quitting (no screen left, where
        ``self.screen`` raises): the screens built ahead are asked for by timers."""
        return bool(self.screen_stack) and isinstance(self.screen_stack[-1], kind)

    def _in_language(self, screen: OrgcheckScreen | SaveDialog) -> bool:
        return screen.language == self.session.language

    # --- the next screen, built while the user reads this one ----------------------------

    def compose_first_question_ahead(self) -> None:
        """On the welcome: build the question its first button leads to (start or resume)."""
        if not self._showing(WelcomeScreen):
            return
        question = self.session.resume_point() if self.resumable else self.session.first()
        if question is not None:
            self._kept_question.build_ahead(self._in_language, lambda: QuestionScreen(question))

    def compose_review_ahead(self) -> None:
        """Once there is a question screen: build the review (filled anew when shown)."""
        from .screens.review import ReviewScreen

        self._kept_review.build_ahead(self._in_language, ReviewScreen)

    def compose_result_ahead(self) -> None:
        """On the review of complete answers: build the result screen for them."""
        from .screens.result import ResultScreen
        from .screens.review import ReviewScreen

        if not self._showing(ReviewScreen) or self.session.missing():
            return
        try:
            assessment = self.assessment or self.session.assess()
        except OrgcheckError:  # the review says why when asked for the result
            return
        self.assessment = assessment
        self._kept_result.build_ahead(
            lambda kept: kept.assessment is assessment, lambda: ResultScreen(assessment)
        )

    def compose_save_dialogs_ahead(self) -> None:
        """On the result: build the save dialogs, one at a time (some 40 ms each)."""
        from .screens.result import ResultScreen

        if not self._showing(ResultScreen):
            return
        for kind in RESULTS:
            make = functools.partial(self._new_save_dialog, kind)
            if self._kept_save[kind].build_ahead(self._in_language, make):
                self.set_timer(AHEAD_DELAY, self.compose_save_dialogs_ahead)  # and then the next
                return

    def go(self, place: Place) -> None:
        """Show the place the session says comes next."""
        if place.screen == "welcome":
            self.show_welcome(focus=place.highlight)
        elif place.screen == "question":
            assert place.question is not None
            self.show_question(place.question, return_to_review=place.return_to_review)
        elif place.screen == "review":
            self.show_review(highlight=place.highlight)
        else:
            self.show_result(self.assessment or self.session.assess())

    # --- answers ------------------------------------------------------------------------

    def submit(
        self, question: Question, raw: RawInput, *, confirmed: bool = False, return_to_review: bool = False
    ) -> Answered:
        answered = self.session.submit(question, raw, confirmed=confirmed, return_to_review=return_to_review)
        self._taken(answered)
        return answered

    def keep(self, question: Question, raw: RawInput) -> None:
        self._taken(self.session.keep(question, raw))

    def _taken(self, answered: Answered) -> None:
        """Tell what a change made impossible, and save the draft."""
        for item in answered.dropped:
            self.notify(self.words.dropped(item), severity="warning", markup=False, timeout=10)
        if answered.changed:
            self._answers_changed()

    def set_names(self, organisation: str, respondent: str) -> None:
        if (organisation, respondent) != (self.session.organisation, self.session.respondent):
            self.session.organisation = organisation
            self.session.respondent = respondent
            # Typed a key at a time: write the draft once the typing pauses.
            self._answers_changed(save=False)
            if self._draft_timer is not None:
                self._draft_timer.stop()
            self._draft_timer = self.set_timer(DRAFT_DELAY, self.save_draft)

    def _answers_changed(self, *, save: bool = True) -> None:
        self.assessment = None
        self.session.answers_changed()
        if save:
            self.save_draft()

    def save_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        try:
            self.session.save_draft()
        except OrgcheckError as error:
            if not self._draft_warned:  # once: the answers stay in memory
                self._draft_warned = True
                reason = one_line(error.problems[0].text(self.words.language))
                self.notify(
                    self.words("draft_unwritable", reason=reason),
                    severity="warning",
                    markup=False,
                    timeout=12,
                )

    def action_start_over(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self.session.clear()
                self.resumable = False
                self.assessment = None
                self.show_welcome()

        words = self.words
        self.push_screen(
            ConfirmDialog(
                words("start_over_title"),
                words("start_over_body"),
                words("start_over"),
                words("cancel"),
                default_yes=False,
            ),
            confirmed,
        )

    # --- results ------------------------------------------------------------------------

    def report_text(self, fmt: str) -> str:
        """The report exactly as ``orgcheck --answers`` renders it for the same answers."""
        assert self.assessment is not None
        return self.session.result_text("report", fmt, self.assessment)

    def write_result(self, kind: Result, path: str | Path, fmt: str) -> Path:
        assert self.assessment is not None
        return self.session.write_result(kind, path, fmt, self.assessment)

    def ask_save(self, kind: Result) -> None:
        shown = self._kept_save[kind].screen
        if self.assessment is not None and (shown is None or shown not in self.screen_stack):
            self.push_screen(self.save_dialog(kind))  # (open already: asked again from the palette)

    def save_dialog(self, kind: Result) -> SaveDialog:
        """The dialog saving ``kind``, proposing its default file: one is kept for each."""
        default = self._default_path(kind)
        return self._kept_save[kind].take(
            self._in_language, lambda kept: kept.reset(default), lambda: self._new_save_dialog(kind)
        )

    def _new_save_dialog(self, kind: Result) -> SaveDialog:
        from .screens.save import SaveDialog

        return SaveDialog(
            self.words,
            self.words(f"save_{kind}_title"),
            self._default_path(kind),
            result_formats(kind),
            lambda path, fmt: self.write_result(kind, path, fmt),
            directory=self.output_dir,
            cursor_blink=self.cursor_blink,
        )

    def _default_path(self, kind: Result) -> Path:
        return self.session.default_path(kind, result_formats(kind)[0])

    # --- language, theme, quitting ------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Show everything in ``language``; the answers stay as they are."""
        screen = self._base_screen()
        if isinstance(screen, OrgcheckScreen):
            screen.keep_answer()
        self.session.language = language
        self.words = Words(self.pack, language)
        localize_bindings(self, self.words)
        if self.assessment is not None:
            self.assessment = self.session.assess()  # the report's language follows
        if isinstance(screen, OrgcheckScreen):
            self._replace(screen.relocalized())
        self.save_draft()

    def toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def _base_screen(self) -> Screen[object]:
        return next(s for s in reversed(self.screen_stack) if not isinstance(s, ModalScreen))

    def keep_everything(self) -> None:
        """Put what is on the screen (typed notes, names typed just now) into the draft."""
        with contextlib.suppress(Exception):  # also when a screen is what failed
            screen = self._base_screen()
            if isinstance(screen, OrgcheckScreen):
                screen.keep_answer()
        self.save_draft()

    # --- signals and crashes ------------------------------------------------------------

    def _catch_signals(self) -> None:
        """SIGTERM and SIGHUP end the questionnaire as ctrl+q does: draft kept, terminal restored."""
        loop = asyncio.get_running_loop()
        for number in STOP_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, self._stop_on_signal, number)

    def _stop_on_signal(self, number: int) -> None:
        self.stopped_by = number
        self.keep_everything()
        self.exit(return_code=128 + number)

    def _handle_exception(self, error: Exception) -> None:
        # Textual's hook for an unhandled exception; keep the answers before it shuts down.
        self.crash = error
        with contextlib.suppress(Exception):
            self.keep_everything()
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Textual would print the traceback with its locals on the terminal; run() writes it to
        # a file instead and says in one line where the answers are. (Textual is pinned.)
        self.bell()
        self._close_messages_no_wait()

    def exit(
        self, result: int | None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Quit, once no screen is being built ahead (some 100 ms at most).

        Torn down while it composed, a screen's mount handlers found their widgets
        gone (NoMatches): quitting at that moment ended on an internal error.
        """
        building = self._building()
        if building is not None:
            building.call_later(self.exit, result, return_code, message)  # runs once it has composed
            return
        super().exit(result, return_code, message)

    async def _shutdown(self) -> None:
        # The same wait where Textual tears down without exit(): at the end of a Pilot test.
        deadline = asyncio.get_running_loop().time() + SHUTDOWN_WAIT
        while self._building() is not None and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.01)
        await super()._shutdown()

    def _building(self) -> Screen[Any] | None:
        """The kept screen being built ahead now, if any."""
        kept: list[KeptScreen[Any]] = [self._kept_question, self._kept_review, self._kept_result]
        kept += self._kept_save.values()
        return next((k.screen for k in kept if k.screen is not None and composing(k.screen)), None)

    async def action_quit(self) -> None:
        screen = self._base_screen()
        if isinstance(screen, OrgcheckScreen):
            screen.keep_answer()
        if self._draft_timer is not None:  # names typed just now
            self.save_draft()
        if self.assessment is None or self.session.saved == set(RESULTS):
            self.exit(0)
            return
        if isinstance(self.screen, ConfirmDialog):
            self.exit(0)  # ctrl+q twice
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.exit(0)

        words = self.words
        # Neither result saved, or one of the two: say which is missing.
        body = {
            frozenset(): "quit_body",
            frozenset({"answers"}): "quit_body_answers_saved",
            frozenset({"report"}): "quit_body_report_saved",
        }[frozenset(self.session.saved)]
        self.push_screen(
            ConfirmDialog(words("quit_title"), words(body), words("quit"), words("stay"), default_yes=True),
            confirmed,
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        words = self.words
        other = "en" if self.session.language == "de" else "de"
        yield SystemCommand(
            words("cmd_language"), words("cmd_language_help"), lambda: self.set_language(other)
        )
        yield SystemCommand(words("cmd_theme"), words("cmd_theme_help"), self.toggle_theme)
        if self.assessment is not None:
            yield SystemCommand(
                words("save_report"),
                words(
                    "cmd_save_report_help",
                    formats=", ".join(
                        report_formats.FORMATS[name].label for name in report_formats.offered()
                    ),
                ),
                lambda: self.ask_save("report"),
            )
            yield SystemCommand(
                words("save_answers"), words("cmd_save_answers_help"), lambda: self.ask_save("answers")
            )
        if self.session.values:
            yield SystemCommand(words("review"), words("cmd_review_help"), self.show_review)
        yield SystemCommand(words("start_over"), words("cmd_start_over_help"), self.action_start_over)
        yield from super().get_system_commands(screen)


def run(edit: Path | None = None, language: str | None = None) -> int:
    """Start the questionnaire; the exit status for ``orgcheck``."""
    try:
        app = OrgcheckApp(language=language, edit=edit)
    except OrgcheckError as error:
        print_error(error, language or locale_language() or "en")
        return EXIT_USAGE
    # The modules, the pack and the words live as long as the process: frozen, they are
    # no longer scanned by every full collection while Textual builds its first screens
    # (that was a fifth of the time to the welcome; benchmarks/tui_startup.py).
    gc.freeze()
    try:
        app.run()
    finally:
        app.drafts.release()
    if app.crash is not None:
        say(f"the questionnaire stopped on an internal error; {_where_answers_are(app)}{_crash_file(app)}")
        return EXIT_FAILURE
    if app.stopped_by is not None:
        name = signal.Signals(app.stopped_by).name
        say(f"stopped by {name}; {_where_answers_are(app)}")
    return app.return_code or 0


def _where_answers_are(app: OrgcheckApp) -> str:
    if app.drafts.exists():
        return f"your answers are kept in {app.drafts.path}; run 'orgcheck' to go on"
    return f"your answers could not be kept ({app.drafts.problem() or 'no draft was written'})"


def _crash_file(app: OrgcheckApp) -> str:
    """The traceback, for a bug report, in a file next to the draft (not on the terminal)."""
    import tempfile
    import traceback

    assert app.crash is not None
    text = "".join(traceback.format_exception(app.crash))
    folder = app.drafts.path.parent if app.drafts.path is not None and app.drafts.exists() else None
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept for the user
            "w", encoding="utf-8", dir=folder, prefix="orgcheck-crash-", suffix=".txt", delete=False
        )
        with handle:
            handle.write(text)
    except OSError:
        return ""
    return f"; details for a bug report are in {handle.name}"
