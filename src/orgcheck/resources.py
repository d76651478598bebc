"""What this installation is: its version, and where its questionnaire pack and report templates are.

In a wheel they ship inside the package as ``orgcheck/_data/{questions,templates}``
(see ``force-include`` in pyproject.toml); in a source checkout or an editable
install they are read from the top of the repository, so edits show at once.
"""

from __future__ import annotations

from pathlib import Path

VERSION = "0.1.0"
PACKAGE = Path(__file__).resolve().parent  # the orgcheck package's folder
_REPO = PACKAGE.parent.parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def questions_dir() -> Path:
    return _first_existing(PACKAGE / "_data" / "questions", _REPO / "questions")


def templates_dir() -> Path:
    return _first_existing(PACKAGE / "_data" / "templates", _REPO / "reports" / "templates")
