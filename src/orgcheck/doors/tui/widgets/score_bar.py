"""A labelled 0-100 score shown as a bar (styles in ../app.tcss).

One widget drawing text, not a row of Label, ProgressBar and Label: the result
shows a dozen of them, and composing those made opening the result slow.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

BAR_WIDTH = 22
# The part reached and the rest in characters of their own, not only in colours of their
# own: under NO_COLOR, or copied, a bar of 30 and one of 90 looked the same.
FILLED, EMPTY = "━", "╌"
LABEL_WIDTH = 30


class ScoreBar(Static):
    """``Breadth      ━━━━━━━━━━━━╸━━━━━━  78``; with the class ``stacked``, the label above the bar."""

    def __init__(self, label: str, score: int, *, classes: str = "") -> None:
        super().__init__(classes=f"score-bar {classes}".strip())
        self.label = label
        self.score = score

    def bar(self) -> Content:
        filled = round(self.score * BAR_WIDTH / 100)
        return Content.assemble(
            (FILLED * filled, "$accent"),
            (EMPTY * (BAR_WIDTH - filled), "$foreground-darken-3"),
            f" {self.score:>3}",
        )

    def render(self) -> Content:
        style = "bold $accent" if self.has_class("recommended") else ""
        label = Content.styled(self.label, style) if style else Content(self.label)
        if self.has_class("stacked"):
            return Content.assemble(label, "\n", self.bar())
        width = min(LABEL_WIDTH, max(self.size.width - BAR_WIDTH - 5, 8)) if self.size.width else LABEL_WIDTH
        label = label.truncate(width, ellipsis=True).pad_right(width - label.cell_length)
        return Content.assemble(label, " ", self.bar())
