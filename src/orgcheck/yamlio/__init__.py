"""YAML in: reading a file safely, parsing it with positions, and a fast path for many files.

    source.py    reading a file (size, encoding) and the Document: values plus where each came from
    compose.py   parsing with PyYAML's events: positions, no duplicate keys, tags or alias bombs
    syntax.py    the parser's syntax errors in English and German, with a hint for common mistakes
    fast.py      libyaml's own loader for plain files, for thousands of answers files at a time

PyYAML is imported on the first ``parse``, not here: its import costs some 30 ms
(its reader compiles a large regular expression), which the questionnaire's
start-up does not need (the pack and the words come from the cache, and a
first-time user has no draft to read).
"""

from __future__ import annotations

from pathlib import Path

from .source import MAX_FILE_BYTES, Document, decode_utf8, is_date, read_text

__all__ = ["MAX_FILE_BYTES", "Document", "decode_utf8", "is_date", "load", "parse", "read_text"]


def parse(text: str, name: str) -> Document:
    """Compose ``text`` and turn it into a :class:`Document` (see :mod:`orgcheck.yamlio.compose`)."""
    from .compose import parse_document  # PyYAML loads here, on first use

    return parse_document(text, name)


def load(path: Path, *, label: str | None = None, limit: int = MAX_FILE_BYTES) -> Document:
    """Read and parse a YAML file."""
    name = label or str(path)
    return parse(read_text(path, label=name, limit=limit), name)
