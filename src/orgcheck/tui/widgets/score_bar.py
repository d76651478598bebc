"""A labelled 0-100 score shown as a bar (styles in ../app.tcss)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, ProgressBar


class ScoreBar(Vertical):
    """``Breadth      ━━━━━━━━━━━━╸━━━━━━  78``; with the class ``stacked``, the label above the bar."""

    def __init__(self, label: str, score: int, *, classes: str = "") -> None:
        super().__init__(classes=f"score-bar {classes}".strip())
        self.label = label
        self.score = score

    def compose(self) -> ComposeResult:
        stacked = self.has_class("stacked")
        if stacked:
            yield Label(Content(self.label), classes="score-label")
        with Horizontal(classes="score-line"):
            if not stacked:
                yield Label(Content(self.label), classes="score-label")
            bar = ProgressBar(total=100, show_eta=False, show_percentage=False, classes="score-progress")
            bar.progress = self.score
            yield bar
            yield Label(f"{self.score:>3}", classes="score-number")
