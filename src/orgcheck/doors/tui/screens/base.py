"""What every screen shares: the app, its words, and key hints in the current language."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode
from textual.screen import Screen

from ....questionnaire.words import Words

if TYPE_CHECKING:
    from ..host import Host

# Seconds after a screen mounts before the app builds the screen it leads to: it
# has shown by then, and nobody has read it yet (kept.py).
AHEAD_DELAY = 0.3

# The footer's key hints, by action; the words are in strings.yaml.
KEY_WORDS = {
    "next": "key_next",
    "back": "key_back",
    "review": "key_review",
    "result": "key_result",
    "start": "key_start",
    "save_report": "key_save_report",
    "save_answers": "key_save_answers",
    "quit": "key_quit",
    "command_palette": "key_commands",
}


def localize_bindings(node: DOMNode, words: Words) -> None:
    """Give ``node``'s key bindings descriptions in the current language."""
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [
            replace(b, description=words(KEY_WORDS[b.action])) if b.action in KEY_WORDS else b
            for b in bindings
        ]


class OrgcheckScreen(Screen[None]):
    """A full screen of the questionnaire."""

    # Each screen focuses its own widget in on_mount; Textual's auto-focus would
    # first focus the scrolling container and re-style everything in it twice.
    AUTO_FOCUS = ""

    def __init__(self) -> None:
        super().__init__()
        self.language = self.words.language  # the app keeps a screen while its language holds
        localize_bindings(self, self.words)

    @property
    def orgcheck(self) -> Host:
        """The app, as far as a screen may use it (host.py)."""
        return cast("Host", self.app)

    @property
    def words(self) -> Words:
        return self.orgcheck.words

    def keep_answer(self) -> None:
        """Save whatever the user changed here but has not confirmed yet (before quitting)."""

    def relocalized(self) -> Screen[None]:
        """A fresh copy of this screen in the app's (new) language."""
        raise NotImplementedError
