"""Cache files that can only ever cost start-up time, never a run and never control.

What is cached (the checked pack, the checked strings files, Jinja's bytecode)
depends only on some files and the code that reads them, so it is kept under a
key that hashes exactly those bytes (:func:`key`).

* A cache file is read only if it is a regular file (not a link) that belongs
  to the user running orgcheck and that nobody else may write. The key is
  predictable, so in a shared folder (``ORGCHECK_CACHE_DIR`` pointing at /tmp)
  someone else's file under that name is ignored, not trusted. The same holds
  for Jinja's bytecode cache, which *is* code.
* No entry of the cache folder is trusted that orgcheck did not make for this
  user: the ``templates`` folder of Jinja's bytecode is used only if it is a
  real folder (not a link) of this user that nobody else may write to, so
  another user's link there cannot have bytecode written where it points; an
  old cache file is removed only if it is this user's regular file (not a link).
* Any problem reading or writing (damaged, full, read-only, missing) means
  "no cache": the caller computes the value as usual and nothing is reported.

Where: see :mod:`orgcheck.store.places`; created private to the user (0700), files 0600.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import OrgcheckError
from ..resources import PACKAGE, VERSION
from . import places
from .files import write_atomic

FORMAT = 2  # of every cache file; 1 was a pickle

# Any of these means "no cache": a damaged, foreign or unwritable file is a miss.
CACHE_FAILURES = (OSError, OrgcheckError, ValueError, TypeError, KeyError, IndexError, RecursionError)


def key(parts: dict[str, str], code: tuple[str, ...]) -> str:
    """The cache key of ``parts`` (file name -> text) as read by ``code`` (files relative to the package)."""
    digest = hashlib.sha256(f"{FORMAT}|{VERSION}|{sys.version}".encode())
    for name in code:
        with contextlib.suppress(OSError):
            digest.update((PACKAGE / name).read_bytes())
    hash_texts(digest, parts)
    return digest.hexdigest()[:32]


def hash_texts(digest: Any, parts: dict[str, str]) -> None:
    """Feed named texts into ``digest``, in an order of their own (the names')."""
    for name, text in sorted(parts.items()):
        digest.update(f"\0{name}\0".encode())
        digest.update(text.encode())


def _path(cache_key: str, kind: str = "pack") -> Path | None:
    directory = places.cache_dir()
    return directory / f"{kind}-{cache_key}.json" if directory else None


def open_trusted(path: Path) -> BinaryIO:
    """``path`` opened for reading if it is a regular file of ours that only we may write.

    Checked on the open file (not the name), so the answer is about what is read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    handle = os.fdopen(descriptor, "rb")
    status = os.fstat(descriptor)
    mine = status.st_uid == _uid()
    if not (stat.S_ISREG(status.st_mode) and mine and not status.st_mode & 0o022):
        handle.close()
        raise PermissionError(f"{path}: not a private file of this user; ignored")
    return handle


def _uid() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else 0  # Windows has no owners to compare


def read_plain(kind: str, cache_key: str) -> Any | None:
    """The JSON value cached as ``kind`` under ``cache_key``, or None."""
    path = _path(cache_key, kind)
    if path is None:
        return None
    try:
        with open_trusted(path) as handle:
            return json.load(handle)
    except CACHE_FAILURES:
        return None


def write_plain(kind: str, cache_key: str, value: Any) -> None:
    """Cache a JSON value as ``kind``, replacing what was cached as ``kind`` before."""
    path = _path(cache_key, kind)
    if path is None:
        return
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        _private_dir(path.parent)
        write_atomic(path, text, private=True)
        for old in path.parent.glob(f"{kind}-*"):
            if old != path and old.suffix in (".json", ".pickle") and _ours(old.lstat(), stat.S_ISREG):
                old.unlink(missing_ok=True)
    except CACHE_FAILURES:
        pass  # a read-only or full cache directory only costs start-up time


def _private_dir(directory: Path) -> None:
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)


def _ours(status: os.stat_result, kind: Any) -> bool:
    """Whether what ``status`` (an lstat: links are not followed) describes is a ``kind``
    (stat.S_ISREG, stat.S_ISDIR) of this user that nobody else may write to."""
    return bool(kind(status.st_mode)) and status.st_uid == _uid() and not status.st_mode & 0o022


def template_cache() -> Any | None:
    """A Jinja2 bytecode cache in the same place, or None: bytecode is code, so its folder
    must be this user's own (made by orgcheck, or as if), never a link or another's folder."""
    directory = places.cache_dir()
    if directory is None:
        return None
    templates = directory / "templates"
    try:
        _private_dir(directory)
        with contextlib.suppress(FileExistsError):
            templates.mkdir(mode=0o700)
        if not _ours(os.lstat(templates), stat.S_ISDIR):
            return None
    except OSError:
        return None
    return _bytecode_cache(templates)


def _bytecode_cache(directory: Path) -> Any:
    import jinja2

    class TrustedBytecodeCache(jinja2.BytecodeCache):
        """Jinja's file cache, reading only our own private files and never failing a render."""

        def _file(self, bucket: jinja2.bccache.Bucket) -> Path:
            return directory / f"__jinja2_{bucket.key}.cache"

        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            try:
                with open_trusted(self._file(bucket)) as handle:
                    bucket.load_bytecode(handle)
            except Exception:  # damaged, foreign or gone: compile the template instead
                bucket.reset()

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            with contextlib.suppress(*CACHE_FAILURES):
                write_atomic(self._file(bucket), bucket.bytecode_to_string(), private=True)

    return TrustedBytecodeCache()
