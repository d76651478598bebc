"""A cache of the validated questionnaire pack, so start-up skips pydantic.

Validating the pack (pydantic plus cross-checks) costs about as much as the
rest of a headless run together. The result depends only on the pack files and
the code that reads them, so it is kept under a key that hashes exactly those
bytes. The checked strings files (the report's words, the TUI's) are kept the
same way (``read_plain``/``write_plain``): reading them from YAML costs the
questionnaire's start-up PyYAML's import and some 10 ms of parsing.

A cache may only ever cost start-up time, never a run and never control:

* The pack is stored as JSON of plain values, rebuilt only into the pack's own
  record types: reading it cannot run code (a pickle could).
* A cache file is read only if it is a regular file (not a link) that belongs
  to the user running orgcheck and that nobody else may write. The key is
  predictable, so in a shared folder (``ORGCHECK_CACHE_DIR`` pointing at /tmp)
  someone else's file under that name is ignored, not trusted. The same holds
  for Jinja's bytecode cache, which *is* code.
* Any problem reading or writing (damaged, full, read-only, missing) means
  "no cache": the pack is validated as usual and nothing is reported.

Where: see :mod:`orgcheck.places`; created private to the user (0700), files 0600.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any, BinaryIO

from . import __version__, places
from .errors import OrgcheckError
from .files import write_atomic

FORMAT = 2  # 1 was a pickle
_CODE = ("pack.py", "conditions.py", "packcache.py")
# Any of these means "no cache": a damaged, foreign or unwritable file is a miss.
_CACHE_FAILURES = (OSError, OrgcheckError, ValueError, TypeError, KeyError, IndexError, RecursionError)


def key(sources: dict[str, str], code: tuple[str, ...] = _CODE) -> str:
    """The cache key of ``sources`` as read by ``code`` (files relative to the package)."""
    digest = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version}".encode())
    here = Path(__file__).parent
    for name in code:
        with contextlib.suppress(OSError):
            digest.update((here / name).read_bytes())
    _hash_sources(digest, sources)
    return digest.hexdigest()[:32]


def fingerprint(sources: dict[str, str]) -> str:
    """The pack's identity as reports state it: a hash of the pack files' texts alone.

    Unlike :func:`key`, it leaves out orgcheck's code and the Python version, so
    the same questions, rules and weights give the same fingerprint everywhere
    (and a committed report stays byte-identical on another machine).
    """
    digest = hashlib.sha256()
    _hash_sources(digest, sources)
    return digest.hexdigest()[:16]


def _hash_sources(digest: Any, sources: dict[str, str]) -> None:
    for name, text in sorted(sources.items()):
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


def read(cache_key: str) -> Any | None:
    """The pack cached under ``cache_key``, or None."""
    data = read_plain("pack", cache_key)
    try:
        return None if data is None else _decode(data)
    except _CACHE_FAILURES:
        return None


def write(cache_key: str, pack: Any) -> None:
    with contextlib.suppress(*_CACHE_FAILURES):
        write_plain("pack", cache_key, _encode(pack))


def read_plain(kind: str, cache_key: str) -> Any | None:
    """The JSON value cached as ``kind`` under ``cache_key``, or None."""
    path = _path(cache_key, kind)
    if path is None:
        return None
    try:
        with open_trusted(path) as handle:
            return json.load(handle)
    except _CACHE_FAILURES:
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
            if old != path and old.suffix in (".json", ".pickle") and old.stat().st_uid == _uid():
                old.unlink(missing_ok=True)
    except _CACHE_FAILURES:
        pass  # a read-only or full cache directory only costs start-up time


def _private_dir(directory: Path) -> None:
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)


# --- the pack as plain JSON ---------------------------------------------------------
#
# Records (NamedTuples) become {"r": name, "v": [fields]}, the Pack {"pack": [fields]},
# tuples JSON arrays, lists {"l": [...]}, mappings {"m": [[key, value], ...]}, dates
# {"d": "YYYY-MM-DD"} (a source's reprints are dated).
# Only the pack's own record types can come back out.


def _records() -> dict[str, type]:
    from . import conditions, pack

    found = {}
    for module in (pack, conditions):
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, tuple) and hasattr(value, "_fields"):
                found[name] = value
    return found


def _encode(value: Any) -> Any:
    from .pack import Pack

    if isinstance(value, Pack):
        return {"pack": [_encode(getattr(value, name)) for name in _pack_fields()]}
    if isinstance(value, tuple):
        items = [_encode(item) for item in value]
        return {"r": type(value).__name__, "v": items} if hasattr(value, "_fields") else items
    if isinstance(value, list):
        return {"l": [_encode(item) for item in value]}
    if isinstance(value, dict):
        return {"m": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decode(data: Any) -> Any:
    from .pack import Pack

    records = _records()

    def build(value: Any) -> Any:
        if isinstance(value, list):
            return tuple(build(item) for item in value)
        if isinstance(value, dict):
            if "r" in value:
                return records[value["r"]](*build(value["v"]))
            if "l" in value:
                return [build(item) for item in value["l"]]
            if "m" in value:
                return {build(k): build(v) for k, v in value["m"]}
            if "d" in value:
                return dt.date.fromisoformat(value["d"])
            raise ValueError("not a cached pack")
        return value

    if not isinstance(data, dict) or not isinstance(data.get("pack"), list):
        raise ValueError("not a cached pack")
    return Pack(**dict(zip(_pack_fields(), build(data["pack"]), strict=True)))


def _pack_fields() -> list[str]:
    import dataclasses

    from .pack import Pack

    return [f.name for f in dataclasses.fields(Pack) if f.init]


# --- Jinja's bytecode cache ----------------------------------------------------------


def template_cache() -> Any | None:
    """A Jinja2 bytecode cache in the same place, or None."""
    directory = places.cache_dir()
    if directory is None:
        return None
    try:
        _private_dir(directory / "templates")
    except OSError:
        return None
    return _bytecode_cache(directory / "templates")


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
            with contextlib.suppress(*_CACHE_FAILURES):
                write_atomic(self._file(bucket), bucket.bytecode_to_string(), private=True)

    return TrustedBytecodeCache()
