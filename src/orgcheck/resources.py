"""Where the questionnaire pack and the report templates are.

In a wheel they ship inside the package as ``orgcheck/_data/{questions,templates}``
(see ``force-include`` in pyproject.toml); in a source checkout or an editable
install they are read from the top of the repository, so edits show at once.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent.parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def questions_dir() -> Path:
    return _first_existing(_PACKAGE / "_data" / "questions", _REPO / "questions")


def templates_dir() -> Path:
    return _first_existing(_PACKAGE / "_data" / "templates", _REPO / "reports" / "templates")
