"""Textual's Header, safe on a screen torn down before it was ever shown."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual import widgets
from textual.widgets._header import HeaderTitle


class Header(widgets.Header):
    """The app's title bar; the same as Textual's, but it does not crash when torn down early.

    Textual's Header sets its title in callbacks that run once its message queue next
    runs empty. On a screen built ahead and never shown, that can be after its children
    were removed: when the screen is let go (orgcheck.tui.kept), or when the app quits
    while it is being built. Textual's callback then failed (NoMatches) and the app
    ended on an internal error; here it sets no title where there is none to set.
    """

    def watch(  # type: ignore[override]
        self, obj: Any, attribute_name: str, callback: Callable[[], Awaitable[None]], init: bool = True
    ) -> None:
        # Header watches only with its own set_title: an async callback without arguments.
        async def set_title_if_there() -> None:
            if self.query(HeaderTitle):
                await callback()

        super().watch(obj, attribute_name, set_title_if_there, init)
