"""The validated pack as a cache file, so start-up skips pydantic.

Validating the pack (pydantic plus cross-checks) costs about as much as the
rest of a headless run together. The result depends only on the pack files and
the code that reads them, so it is kept under a key that hashes exactly those
bytes (:func:`orgcheck.store.cache.key`), which also says who may be trusted.

The pack is stored as JSON of plain values, rebuilt only into the pack's own
record types: reading it cannot run code (a pickle could).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
from typing import Any

from ..store import cache as trusted
from . import conditions, model
from .model import Pack

# The code that turns the pack files into a Pack, relative to the package.
CODE = (
    "pack/model.py",
    "pack/load.py",
    "pack/cache.py",
    "pack/conditions.py",
    "pack/questiontypes.py",
    "yamlio/source.py",
    "yamlio/compose.py",
)


def key(sources: dict[str, str]) -> str:
    """The cache key of the pack files ``sources`` (name -> text)."""
    return trusted.key(sources, CODE)


def fingerprint(sources: dict[str, str]) -> str:
    """The pack's identity as reports state it: a hash of the pack files' texts alone.

    Unlike :func:`key`, it leaves out orgcheck's code and the Python version, so
    the same questions, rules and weights give the same fingerprint everywhere
    (and a committed report stays byte-identical on another machine).
    """
    digest = hashlib.sha256()
    trusted.hash_texts(digest, sources)
    return digest.hexdigest()[:16]


def read(cache_key: str) -> Any | None:
    """The pack cached under ``cache_key``, or None."""
    data = trusted.read_plain("pack", cache_key)
    try:
        return None if data is None else _decode(data)
    except trusted.CACHE_FAILURES:
        return None


def write(cache_key: str, pack: Any) -> None:
    with contextlib.suppress(*trusted.CACHE_FAILURES):
        trusted.write_plain("pack", cache_key, _encode(pack))


def _records() -> dict[str, type]:
    found = {}
    for module in (model, conditions):
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, tuple) and hasattr(value, "_fields"):
                found[name] = value
    return found


def _encode(value: Any) -> Any:
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
    return [f.name for f in dataclasses.fields(Pack) if f.init]
