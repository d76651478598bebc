"""The draft file: where it is, which questionnaire holds it, and replacing it atomically.

One file per questionnaire in the user's data directory: ``draft.yaml`` for
the first, ``draft-2.yaml`` for a second one running at the same time (each
questionnaire claims its draft with a lock file naming its process, so two
never share one). Each file is replaced atomically, so a reader sees one whole
draft or another. What is in it is the questionnaire's (orgcheck.questionnaire.draft).
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

from .. import yamlio
from ..errors import Location, OrgcheckError, Problem, reason
from .files import write_atomic
from .places import data_dir

DRAFT_KEY = "draft"


MAX_DRAFTS = 20  # questionnaires open at once, more than anyone runs


class DraftStore:
    """Reads, writes and removes the draft; never raises to the screens but from save().

    The draft must be a regular file: a FIFO or a device in its place would
    block or swallow the answers, so it is neither read nor written (a notice
    says why once). Without a data folder (no home) there is no draft.
    """

    def __init__(self, directory: Path | None = None, key: str = DRAFT_KEY) -> None:
        directory = directory or data_dir()
        self.key = key
        self.path = directory / f"{key}.yaml" if directory is not None else None
        self._lock: Path | None = None
        self._lock_on_save = False

    @classmethod
    def claim(cls, directory: Path | None = None) -> DraftStore:
        """The first draft no other running questionnaire holds, locked for this one.

        Without a folder, or where the lock cannot be written, the plain draft is
        used unlocked (its problem() says why, if it cannot be kept at all).
        """
        directory = directory or data_dir()
        if directory is None:
            return cls(None)
        if not directory.is_dir():
            # Nothing to share yet; the folder is made (and the draft locked) on the first save.
            store = cls(directory)
            store._lock_on_save = True
            return store
        for number in range(1, MAX_DRAFTS + 1):
            store = cls(directory, DRAFT_KEY if number == 1 else f"{DRAFT_KEY}-{number}")
            held = store._take_lock()
            if held is None:
                return cls(directory)  # cannot lock here: behave as before locks existed
            if held:
                return store
        return cls(directory)

    def _take_lock(self) -> bool | None:
        """True if this process now holds the draft, False if a live one does, None if unknowable."""
        assert self.path is not None
        lock = self.path.with_suffix(".lock")
        for _ in range(2):  # a second try after removing a dead process's lock
            try:
                descriptor = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                if _holder_alive(lock):
                    return False
                with contextlib.suppress(OSError):
                    lock.unlink()
                continue
            except OSError:
                return None
            with os.fdopen(descriptor, "w") as handle:
                handle.write(str(os.getpid()))
            self._lock = lock
            return True
        return False

    def release(self) -> None:
        """Let another questionnaire have this draft (at exit)."""
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self._lock.unlink()
            self._lock = None

    def exists(self) -> bool:
        return self.path is not None and self._kind() == "file"

    def _kind(self) -> str:
        """'file', 'none' or 'other'; an unreadable folder (OSError) propagates."""
        assert self.path is not None
        try:
            mode = os.stat(self.path).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return "none"
        return "file" if stat.S_ISREG(mode) else "other"

    def problem(self) -> str | None:
        """Why the draft cannot be kept, or None."""
        if self.path is None:
            return "no home folder to keep it in; set ORGCHECK_DATA_DIR"
        try:
            kind = self._kind()
        except OSError as exc:
            return f"{self.path}: {exc.strerror or exc}; set ORGCHECK_DATA_DIR to a folder of yours"
        if kind == "other":
            return f"{self.path}: is not a regular file; move it away or set ORGCHECK_DATA_DIR"
        return None

    def read(self) -> str | None:
        """The draft's text, or None where there is none (or it cannot be kept: problem()).

        Read as an answers file is (size limit, UTF-8 only); raises OrgcheckError
        for a draft that cannot be read as text.
        """
        if self.problem() is not None or not self.exists():
            return None
        assert self.path is not None
        return yamlio.read_text(self.path)

    def save(self, text: str) -> None:
        """Write the draft atomically; raises OrgcheckError if it cannot."""
        problem = self.problem()
        if problem is not None or self.path is None:
            raise OrgcheckError(problem or "no draft")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OrgcheckError(
                Problem(reason(exc), Location(str(self.path.parent)), de=reason(exc, "de"))
            ) from None
        if self._lock_on_save:
            self._lock_on_save = False
            self._take_lock()
        write_atomic(self.path, text)

    def delete(self) -> None:
        if self.exists():
            with contextlib.suppress(OSError):
                self.path.unlink()  # type: ignore[union-attr]

    def set_aside(self) -> Path | None:
        """Move an unreadable draft out of the way (``draft.yaml.corrupt-<time>``); where it went."""
        assert self.path is not None
        target = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(self.path, target)
        except OSError:
            return None
        return target


def _holder_alive(lock: Path) -> bool:
    """Whether the process named in a lock file still runs (an unreadable lock counts as held)."""
    try:
        pid = int(lock.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return True
    if pid == os.getpid():
        # Left by an earlier questionnaire in this process (tests); a door that runs
        # several at once in one process keys their drafts itself.
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. PermissionError: it exists, under another user
        return True
    return True
