"""What every screen shares: the app, its words, and its keys in the current language."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from ....questionnaire.words import Words
from ..keys import KeysInLanguage

if TYPE_CHECKING:
    from ..host import Host

# Seconds after a screen mounts before the app builds the screen it leads to: it
# has shown by then, and nobody has read it yet (kept.py).
AHEAD_DELAY = 0.3


class OrgcheckScreen(KeysInLanguage[None]):
    """A full screen of the questionnaire, its keys in the user's language (keys.py)."""

    # Each screen focuses its own widget in on_mount; Textual's auto-focus would
    # first focus the scrolling container and re-style everything in it twice.
    AUTO_FOCUS = ""

    def __init__(self) -> None:
        super().__init__()
        self.language = self.words.language  # the app keeps a screen while its language holds

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
