"""Many answers files: the files a folder holds, and each read the fast way where it can be."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .. import yamlio
from ..errors import Location, OrgcheckError, Problem
from ..pack.model import Pack
from ..yamlio import fast
from .validate import AnswerSet, validate_document
from .write import ANSWERS_SUFFIXES


def expand(paths: Sequence[str]) -> list[Path]:
    """Files as given, folders as their ``*.yaml`` and ``*.yml`` (not recursive), each once."""
    files: dict[str, Path] = {}  # real path -> the path as the user will see it
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            files.setdefault(os.path.realpath(path), path)
            continue
        real = os.path.realpath(path)
        with os.scandir(path) as entries:  # the entries know their type: no stat per file
            found = sorted(
                e.name for e in entries if e.name.lower().endswith(ANSWERS_SUFFIXES) and e.is_file()
            )
        if not found:
            problems.append(Problem("a folder without answers files (*.yaml, *.yml)", Location(given)))
        for name in found:
            files.setdefault(os.path.join(real, name), path / name)
    if problems:
        raise OrgcheckError(problems)
    return list(files.values())


def read_answers(path: Path, pack: Pack) -> AnswerSet:
    """An answers file, read the fast way when it is plain and valid, else carefully."""
    name = str(path)
    text = yamlio.read_text(path, label=name)
    document = fast.parse_plain(text, name)
    if document is not None:
        try:
            return validate_document(document, pack)
        except OrgcheckError:
            pass  # the careful reader finds the same problems, with their positions
    return validate_document(yamlio.parse(text, name), pack)
