"""Making free text safe to show: in Markdown, in a table cell, on a terminal.

``organisation``, ``respondent`` and ``notes`` come from whoever wrote the
answers file; the report goes to people who did not. Nothing in them may
become a heading, link, image, HTML or a broken table, and no control
character or terminal escape sequence may pass.
"""

from __future__ import annotations

import os
import re
import unicodedata

# C0 and C1 control characters except tab and newline, DEL, and the Unicode
# bidi overrides that can make text read differently from what it is.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Invisible format characters (Unicode category Cf): zero-width spaces and joiners, the
# word joiner, the byte-order mark, the soft hyphen, the Mongolian vowel separator, the
# Arabic letter mark, bidi controls, invisible operators, tag characters.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
# Of those, what free text keeps because a script needs it: the zero-width (non-)joiner
# (Persian, Arabic, Indic scripts, emoji) and the prepended number signs of Arabic and Syriac.
_MEANINGFUL_FORMAT = "\u200c\u200d\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
_INVISIBLE = re.compile(f"(?![{_MEANINGFUL_FORMAT}])[{_FORMAT}]")
# Bytes of a file name that are not UTF-8 (legal on Linux: bad\xff.yaml): Python keeps each as
# a lone surrogate, U+DC80 to U+DCFF for the byte 0x80 to 0xFF (PEP 383), which no output can
# encode. Any other lone surrogate is no character either.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Everything visible() shows as an escape: all C0 and C1 controls, DEL, line and
# paragraph separators, every invisible format character, and those surrogates.
_VISIBLE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029{_FORMAT}\\ud800-\\udfff]")
# ANSI/VT escape sequences (CSI, OSC, and two-character ESC sequences).
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# Markdown punctuation that can start markup inside a line. (Free text is never
# placed at the start of a line, so list and setext markers need no escape.)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&!{}$])")
# Words GFM would turn into links on its own: URLs, www. names, e-mail addresses.
_LINK_LIKE = re.compile(r"(?i)(?:[a-z][a-z0-9+.-]*:/|www\.|[^\s@]+@[^\s@]+\.)")


def visible(text: str) -> str:
    """Control and invisible characters shown as escapes (``\\x1b``, ``\\n``, ``\\u200b``), for messages.

    A message that echoes a bad value must show what is there: deleting the
    escape character, or printing a zero-width space raw, would print
    "'none' is not an option (did you mean 'none'?)", and a raw newline could
    forge a second message line.
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        named = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
        if char in named:
            return named[char]
        if _SURROGATE.match(char):
            return _undecodable(match)
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _VISIBLE.sub(escape, text)


def path_text(path: str | os.PathLike[str]) -> str:
    """A path as text that every output can take: each byte of its name that is not UTF-8
    shown as ``\\xff``, as ``ls -b`` shows it (the path itself, for opening, is unchanged)."""
    return _SURROGATE.sub(_undecodable, os.fspath(path))


def _undecodable(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def strip_control(text: str) -> str:
    """Remove escape sequences, control and invisible characters; keep newlines and tabs.

    What a script needs stays (joiners, Arabic marks): an organisation's name keeps its
    spelling, but nothing unseen can make two names that read the same differ. A file name's
    bytes that are not UTF-8 become ``\\xff`` (:func:`path_text`), so the text can be written.
    """
    return _INVISIBLE.sub("", _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", path_text(text))))


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


# German letters a name spells out rather than drops (NFKD would make ü a plain u).
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def slug(text: str, limit: int = 40) -> str:
    """ASCII letters, digits and dashes, for a file name or an id: 'Müller & Co' -> 'mueller-co'."""
    spelled = unicodedata.normalize("NFC", text).translate(_SPELLED_OUT)
    ascii_name = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:limit].strip("-")
