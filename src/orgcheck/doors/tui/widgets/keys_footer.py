"""Textual's footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

# What the footer shows of a binding: key, description, enabled, tooltip.
Shown = tuple[tuple[str, str, bool, str], ...]


class KeysFooter(Footer):
    """The footer of every screen.

    Textual rebuilds its footer each time the focus moves or a screen resumes,
    and each rebuild restyles every key twice (its ``compact`` flag is set, then
    bound to the footer's): going from the review to a question rebuilt the same
    keys a dozen times. This footer skips a rebuild that would show what it
    shows already.
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: Shown | None = None

    def compose(self) -> ComposeResult:
        keys = list(super().compose())  # none until the screen's bindings are ready
        self._shown = shown(self.screen) if keys else None
        yield from keys

    async def recompose(self) -> None:
        if self._shown is not None and self.is_attached and shown(self.screen) == self._shown:
            return
        await super().recompose()


def shown(screen: Screen[object]) -> Shown:
    return tuple(
        (binding.key, binding.description, enabled, tooltip)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show
    )
