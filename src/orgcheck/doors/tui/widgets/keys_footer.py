"""Textual's footer, fitted to the terminal's width and rebuilt only when what it shows changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

# What the footer shows of a binding: key, description, enabled, tooltip.
Shown = tuple[tuple[str, str, bool, str], ...]


class Key(NamedTuple):
    """A key as the footer shows it."""

    action: str
    display: str  # "Strg+N"
    description: str
    palette: bool  # the command palette's, docked on the right


class KeysFooter(Footer):
    """The footer of every screen.

    Its keys fit the width: spaced as Textual spaces them where there is room,
    closer together where not, and without the keys the screen names as spare
    (``FOOTER_SPARE``, the least needed first) where even that is too wide; in
    German, "Strg+N Weiter" takes three cells more than ``^n Weiter`` did.

    Textual rebuilds its footer each time the focus moves or a screen resumes,
    and each rebuild restyles every key twice (its ``compact`` flag is set, then
    bound to the footer's): going from the review to a question rebuilt the same
    keys a dozen times. This footer skips a rebuild that would show what it
    shows already.
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[Shown, int] | None = None

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())  # none until the screen's bindings are ready
        if not widgets:
            self._shown = None
            return
        width = self.app.size.width
        keys = [_key(widget) for widget in widgets]
        kept, compact = fitting(keys, width, getattr(self.screen, "FOOTER_SPARE", ()))
        self.compact = compact
        self._shown = (shown(self.screen), width)
        yield from (widget for widget, key in zip(widgets, keys, strict=True) if key in kept)

    async def recompose(self) -> None:
        if (
            self._shown is not None
            and self.is_attached
            and (shown(self.screen), self.app.size.width) == self._shown
        ):
            return
        await super().recompose()

    def on_resize(self) -> None:
        if self._shown is not None and self._shown[1] != self.app.size.width:
            self.refresh(recompose=True)


def _key(widget: Widget) -> Key:
    return Key(
        getattr(widget, "action", ""),
        getattr(widget, "key_display", ""),
        getattr(widget, "description", ""),
        widget.has_class("-command-palette"),
    )


def fitting(keys: Sequence[Key], width: int, spare: Sequence[str]) -> tuple[list[Key], bool]:
    """The keys to show in ``width`` cells and whether compactly: all if they fit, else
    compact, else compact without the spare keys, one after the other."""
    kept = list(keys)
    for compact in (False, True):
        if footer_width(kept, compact=compact) <= width:
            return kept, compact
    for action in spare:
        kept = [key for key in kept if key.action != action]
        if footer_width(kept, compact=True) <= width:
            break
    return kept, True


def footer_width(keys: Sequence[Key], *, compact: bool) -> int:
    """The cells Textual's footer takes for ``keys`` (its DEFAULT_CSS, Textual 8.2)."""
    # " key description " apart; compact "key description" and a space after it. The
    # palette's key, docked right, has a border before it and (not compact) a space after.
    width = 0
    for key in keys:
        width += cell_len(key.display) + cell_len(key.description) + (2 if compact else 3)
        if key.palette:
            width += 1 if compact else 2
    return width


def shown(screen: Screen[object]) -> Shown:
    return tuple(
        (binding.key, binding.description, enabled, tooltip)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show
    )
