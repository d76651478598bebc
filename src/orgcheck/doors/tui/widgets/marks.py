"""What is chosen, in characters as well as in colour.

Textual draws a radio button and a tick box the same whether chosen or not
(``▐●▌``, ``▐X▌``) and tells them apart by colour alone: under NO_COLOR, on a
monochrome terminal, for a screen reader or in a copied screen nobody could
tell what they had chosen. Here only a chosen button has its dot and only a
ticked box its cross.
"""

from __future__ import annotations

from textual.widgets import RadioButton

CHOSEN, NOT_CHOSEN = "●", " "  # inside a radio button
TICKED, NOT_TICKED = "X", " "  # inside a tick box


class MarkedRadioButton(RadioButton):
    """A radio button with a dot only when it is the one chosen."""

    @property  # Textual draws the button with whatever this is at the time
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return CHOSEN if self.value else NOT_CHOSEN
