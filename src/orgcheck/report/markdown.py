"""Markdown's escaping and drawing, as filters of the Markdown template.

The view is plain text; these make it safe and readable in Markdown: free
text as literal inline text or a fenced block, scores as bars of block
characters, the benchmark charts as aligned lines. The output is tidied to
markdownlint's liking.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..textsafe import markdown_inline, markdown_literal_block

BAR_WIDTH = 20


def bar(value: float, width: int = BAR_WIDTH) -> str:
    """A bar of block characters, `value` in 0..100, that renders in any viewer."""
    filled = (int(value) * width * 2 + 100) // 200
    return "█" * filled + "░" * (width - filled)


def chart_line(row: dict[str, Any], label_width: int, marker_yes: str, marker_no: str) -> str:
    """One benchmark row: label padded to the chart's widest, bar, figure, and whether it is yours."""
    marker = marker_yes if row["yours"] else marker_no
    return f"{row['label']:<{label_width}}  {bar(row['percent'])} {row['figure']:>6}   {marker}".rstrip()


def tidy(markdown: str) -> str:
    """One blank line between blocks and one newline at the end (markdownlint MD012, MD047)."""
    lines = [line.rstrip() for line in markdown.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip("\n") + "\n"


FILTERS: dict[str, Callable[..., Any]] = {
    "md_inline": markdown_inline,
    "md_block": markdown_literal_block,
    "bar": bar,
    "chart_line": chart_line,
}
