"""A cache of the validated questionnaire pack, so start-up skips pydantic.

Validating the pack (pydantic plus cross-checks) costs about as much as the
rest of a headless run together. The result depends only on the pack files and
the code that reads them, so it is pickled under a key that hashes exactly
those bytes. Any problem reading or writing the cache means "no cache": the
pack is validated as usual and nothing is reported.

Where: ``$ORGCHECK_CACHE_DIR`` (empty: no cache), else ``$XDG_CACHE_HOME/orgcheck``,
else ``~/.cache/orgcheck``; created private to the user (0700). Like any cache in
a user's home it trusts that user's own files.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import __version__

FORMAT = 1
_CODE = ("pack.py", "conditions.py", "packcache.py")


def cache_dir() -> Path | None:
    configured = os.environ.get("ORGCHECK_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    if base:
        return Path(base) / "orgcheck"
    return Path.home() / ".cache" / "orgcheck"


def key(sources: dict[str, str]) -> str:
    digest = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version}".encode())
    here = Path(__file__).parent
    for name in _CODE:
        with contextlib.suppress(OSError):
            digest.update((here / name).read_bytes())
    for name, text in sorted(sources.items()):
        digest.update(f"\0{name}\0".encode())
        digest.update(text.encode())
    return digest.hexdigest()[:32]


def _path(cache_key: str) -> Path | None:
    directory = cache_dir()
    return directory / f"pack-{cache_key}.pickle" if directory else None


def read(cache_key: str) -> Any | None:
    from .pack import Pack

    path = _path(cache_key)
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            pack = pickle.load(handle)
    except Exception:  # a missing, stale or damaged cache is just a miss
        return None
    return pack if isinstance(pack, Pack) else None


def write(cache_key: str, pack: Any) -> None:
    path = _path(cache_key)
    if path is None:
        return
    temporary = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".pack.", delete=False) as handle:
            temporary = handle.name
            pickle.dump(pack, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
        for old in path.parent.glob("pack-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full cache directory only costs start-up time
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def template_cache() -> Any | None:
    """A Jinja2 bytecode cache in the same place, or None."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        (directory / "templates").mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    import jinja2

    return jinja2.FileSystemBytecodeCache(str(directory / "templates"))
