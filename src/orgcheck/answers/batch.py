"""Many answers files: the files a folder holds, and each read the fast way where it can be."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from .. import yamlio
from ..errors import Location, OrgcheckError, Problem
from ..pack.model import Pack
from ..yamlio import fast
from ..yamlio.source import kind_of, not_readable
from .validate import AnswerSet, validate_document
from .write import ANSWERS_SUFFIXES


def expand(paths: Sequence[str]) -> tuple[list[Path], list[Problem]]:
    """Files as given, folders as their ``*.yaml`` and ``*.yml`` (not recursive), each once;
    and the problems of the folders: one without answers files, an entry that is not one.

    A folder's entries are taken as a shell's ``*.yaml *.yml`` takes them: not the hidden ones
    (an editor's ``.#anna.yaml`` lock, macOS' ``._anna.yaml``). Each entry taken must be an
    answers file: a link to nothing, a loop of links, a folder, a pipe or a device under such
    a name is a bad file like any other (named, and nothing is written), never skipped.
    """
    files: dict[str, Path] = {}  # real path -> the path as the user will see it
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            files.setdefault(os.path.realpath(path), path)
            continue
        real = os.path.realpath(path)
        with os.scandir(path) as entries:  # the entries know their type: no stat per file
            found = sorted((e for e in entries if _answers_name(e.name)), key=lambda e: e.name)
        if not found:
            problems.append(
                Problem(
                    "a folder without answers files (*.yaml, *.yml)",
                    Location(given),
                    de="ein Ordner ohne Antwortdateien (*.yaml, *.yml)",
                )
            )
        for entry in found:
            problem = _not_an_answers_file(entry, path / entry.name)
            if problem is not None:
                problems.append(problem)
            else:
                files.setdefault(os.path.join(real, entry.name), path / entry.name)
    return list(files.values()), problems


def _answers_name(name: str) -> bool:
    return name.lower().endswith(ANSWERS_SUFFIXES) and not name.startswith(".")


def _not_an_answers_file(entry: os.DirEntry[str], shown: Path) -> Problem | None:
    """Why a folder's entry named like an answers file is none, or None for a file."""
    if entry.is_file(follow_symlinks=False):  # from the folder listing: no stat
        return None
    try:
        mode = os.stat(entry.path).st_mode  # through links
    except OSError as exc:  # a link to nothing, a loop of links
        return not_readable(Path(entry.path), str(shown), exc)
    if stat.S_ISREG(mode):
        return None
    kind, kind_de = kind_of(mode)
    return Problem(
        f"is {kind}, not an answers file; every *.yaml and *.yml in a folder must be one "
        "(rename it, or name the files you mean)",
        Location(str(shown)),
        de=f"ist {kind_de}, keine Antwortdatei; jede *.yaml und *.yml in einem Ordner muss eine sein "
        "(benennen Sie sie um, oder nennen Sie die gemeinten Dateien einzeln)",
    )


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
