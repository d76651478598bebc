"""The footer is rebuilt only when the keys it shows change (widgets/keys_footer.py)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button
from textual.widgets._footer import FooterKey  # not exported; what the footer is made of

from orgcheck.doors.tui.widgets.keys_footer import KeysFooter


class Keys(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next", "Next"),
        Binding("ctrl+b", "back", "Back"),
    ]
    back_greyed = False

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield KeysFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "back" and self.back_greyed else True


def described(app: Keys) -> list[tuple[str, bool]]:
    return [(key.description, key.has_class("-disabled")) for key in app.screen.query(FooterKey)]


async def test_the_footer_keeps_its_keys_while_they_stay_the_same_and_follows_a_change():
    app = Keys()
    async with app.run_test() as pilot:
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        assert described(app)[:2] == [("Next", False), ("Back", False)]
        await pilot.press("tab")  # the focus moves: Textual would rebuild the footer
        await pilot.pause()
        assert list(app.screen.query(FooterKey)) == keys  # the same widgets: not rebuilt
        app.back_greyed = True  # a key is disabled: shown so
        app.refresh_bindings()
        await pilot.pause()
        assert described(app)[:2] == [("Next", False), ("Back", True)]
