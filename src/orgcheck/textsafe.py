"""Making free text safe to show: in Markdown, in a table cell, on a terminal.

``organisation``, ``respondent`` and ``notes`` come from whoever wrote the
answers file; the report goes to people who did not. Nothing in them may
become a heading, link, image, HTML or a broken table, and no control
character or terminal escape sequence may pass.
"""

from __future__ import annotations

import re

# C0 and C1 control characters except tab and newline, DEL, and the Unicode
# bidi overrides that can make text read differently from what it is.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Everything visible() shows as an escape: all C0 and C1 controls, DEL, bidi and
# line/paragraph separators.
_VISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# ANSI/VT escape sequences (CSI, OSC, and two-character ESC sequences).
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# Markdown punctuation that can start markup inside a line. (Free text is never
# placed at the start of a line, so list and setext markers need no escape.)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&!{}$])")
# Words GFM would turn into links on its own: URLs, www. names, e-mail addresses.
_LINK_LIKE = re.compile(r"(?i)(?:[a-z][a-z0-9+.-]*:/|www\.|[^\s@]+@[^\s@]+\.)")


def visible(text: str) -> str:
    """Control characters shown as escapes (``\\x1b``, ``\\n``, ``\\u202e``), for messages.

    A message that echoes a bad value must show what is there: deleting the
    escape character would print "'none' is not an option (did you mean 'none'?)",
    and a raw newline could forge a second message line.
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        named = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
        if char in named:
            return named[char]
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _VISIBLE.sub(escape, text)


def strip_control(text: str) -> str:
    """Remove escape sequences and control characters; keep newlines and tabs."""
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def one_line(text: str) -> str:
    """Control characters removed and all white space folded to single spaces."""
    return " ".join(strip_control(text).split())


def markdown_inline(text: str) -> str:
    """Free text as literal inline Markdown, safe in a heading, paragraph or table cell.

    Punctuation that could start markup is backslash-escaped; a word that GFM
    would autolink is shown as code instead, where no link can form.
    """
    return " ".join(_word(word) for word in one_line(text).split(" ") if word)


def _word(word: str) -> str:
    if _LINK_LIKE.search(word):
        longest = max((len(run) for run in re.findall(r"`+", word)), default=0)
        fence = "`" * (longest + 1)
        return f"{fence} {word.replace('|', chr(92) + '|')} {fence}"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", word)


def markdown_literal_block(text: str) -> str:
    """Free text as a fenced block shown exactly as written (never interpreted)."""
    clean = strip_control(text).replace("\t", "    ").strip("\n")
    longest = max((len(run) for run in re.findall(r"`+|~+", clean)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{clean}\n{fence}"
