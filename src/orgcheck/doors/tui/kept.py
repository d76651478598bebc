"""Screens the app builds once and shows again and again, filled anew each time.

Composing and styling a screen of this questionnaire costs 60-120 ms; showing
one that is ready about half that (benchmarks/tui_startup.py). So the app keeps
one screen of a kind installed (Textual keeps an installed screen it replaces)
and builds it while the user reads the screen before, not when it is asked for.

A kept screen is let go (uninstalled, and removed once it is hidden) when it no
longer fits: another language, or another assessment for the result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from textual.app import App
from textual.screen import Screen

S = TypeVar("S", bound=Screen[Any])


class KeptScreen(Generic[S]):
    """The app's one screen of a kind: ``take`` it to show it, ``build_ahead`` while another shows."""

    def __init__(self, app: App[Any], kind: str) -> None:
        self.app = app
        self.kind = kind  # for the installed screen's name
        self.screen: S | None = None

    def take(self, fits: Callable[[S], bool], fill: Callable[[S], None], make: Callable[[], S]) -> S:
        """The kept screen, ``fill``-ed for this showing, if it ``fits``; else a new one from ``make``.

        A new one is composed from what ``make`` gives it and needs no filling.
        """
        kept = self.screen
        if kept is not None and fits(kept) and kept.is_mounted:
            fill(kept)
            return kept
        if kept is not None:  # out of date, or still being composed ahead
            self.let_go()
        screen = self.screen = make()
        self.app.install_screen(screen, name=f"{self.kind}-{id(screen)}")
        return screen

    def build_ahead(self, fits: Callable[[S], bool], make: Callable[[], S]) -> bool:
        """Compose, style and lay out the screen now, unless one that fits is kept already
        (then False).

        This starts an installed screen as Textual does when it first shows one
        (``App._get_screen``), then lays it out for the terminal as it is: shown
        later, it is only painted (laid out again if the terminal was resized).
        Textual (pinned in pyproject.toml) has no public call for either;
        tests/tui/test_ahead.py fails if this stops working.
        """
        if self.screen is not None and fits(self.screen):
            return False
        screen = self.take(fits, lambda _: None, make)
        if not screen.is_running:
            self.app._register(self.app, screen)
            screen.call_later(_lay_out, screen)
        return True

    def show_when_composed(self, fits: Callable[[S], bool], show: Callable[[], None]) -> bool:
        """Call ``show`` once the kept screen has composed, if it fits and is composing now.

        A key pressed within the few ms a screen is being built ahead: shown as soon as
        it is, not built a second time. False if there is nothing to wait for.
        """
        kept = self.screen
        if kept is not None and fits(kept) and composing(kept):
            kept.call_later(show)
            return True
        return False

    def let_go(self) -> None:
        """Uninstall the kept screen, and remove it if it is not shown.

        Later, as it is not safe now: once the caller has replaced it (uninstalled,
        Textual removes a screen it replaces), and once it has been composed (removed
        while composing ahead, its widgets' mount handlers find their children gone).
        A screen handles its messages only after composing, so it is asked to do it.
        """
        screen, self.screen = self.screen, None
        if screen is None:
            return
        app = self.app
        later = screen.call_later if composing(screen) else app.call_next
        later(_let_go, app, screen, remove=screen not in app.screen_stack)


def _lay_out(screen: Screen[Any]) -> None:
    """Lay out a hidden screen: its first layout was a third of the time to show it."""
    if not screen.is_current:  # shown meanwhile: Textual has laid it out
        screen._refresh_layout(screen.app.size)


def _let_go(app: App[Any], screen: Screen[Any], *, remove: bool) -> None:
    if screen in app.screen_stack:  # still shown after all: it stays installed
        return
    app.uninstall_screen(screen)
    if remove:  # never shown: Textual removes only the screens it replaces
        screen.remove()


def composing(screen: Screen[Any]) -> bool:
    """Started (built ahead) but not composed yet."""
    return screen.is_attached and not screen.is_mounted
