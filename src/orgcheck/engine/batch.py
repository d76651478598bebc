"""Many answers files in, one assessment record per file out, as a stream.

Each file is read by the fast path (:mod:`orgcheck.fastyaml`) and validated in
full; a file that fails either is read again by the careful reader, whose
problems carry file:line:col. Only records (ids and numbers) come back, never
reports, so ten thousand files cost little memory. From
:data:`POOL_THRESHOLD` files on, the work is spread over the machine's cores.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..answers.batch import read_answers
from ..errors import OrgcheckError, Problem
from ..pack.model import Pack
from .assess import score
from .record import FindingRecord, FitRecord, Record, record

# Below this a process pool costs more to start than it saves.
POOL_THRESHOLD = 200


_CHUNK = 64


Outcome = Record | list[Problem]


def assess_file(path: Path, pack: Pack) -> Outcome:
    """The record of one file, or its problems."""
    try:
        return record(pack, score(pack, read_answers(path, pack)))
    except OrgcheckError as error:
        return error.problems


def assess_files(paths: Sequence[Path], pack: Pack) -> Iterator[tuple[Path, Outcome]]:
    """Each file's record or problems, in the order given."""
    if len(paths) < POOL_THRESHOLD or (os.cpu_count() or 1) < 2:
        for path in paths:
            yield path, assess_file(path, pack)
        return
    # fork hands the pack to the workers without pickling it; elsewhere it is pickled once each.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    workers = min(os.cpu_count() or 2, 4)
    # Frozen while the workers fork, so they inherit the pack outside the collector's reach: it
    # neither walks those objects after every few files nor copies their pages by touching them.
    freeze = gc.get_freeze_count() == 0  # never undo the freeze of a program that embeds orgcheck
    if freeze:
        gc.freeze()
    try:
        pool = context.Pool(workers, initializer=_worker_start, initargs=(pack,))
    finally:
        if freeze:
            gc.unfreeze()
    with pool, _collector_paused():
        outcomes = pool.imap(_assess_in_worker, paths, chunksize=_CHUNK)
        for path, sent in zip(paths, outcomes, strict=True):
            yield path, _unpacked(sent)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while records pile up in this process.

    Records hold no cycles, so its passes find nothing; yet over 10,000 records
    (some 400,000 objects) they cost half this process's time. Objects are still
    freed as usual, and a cycle made meanwhile is collected once it is back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_worker_pack: Pack | None = None


# Where a record's nested records sit; everything else in it is a builtin value.
_FIT, _FINDINGS = Record._fields.index("fit"), Record._fields.index("findings")


def _assess_in_worker(path: Path) -> Any:
    assert _worker_pack is not None
    return _packed(assess_file(path, _worker_pack))


def _packed(outcome: Outcome) -> Any:
    """A record as plain tuples for the way back. A NamedTuple pickles through a Python
    call per object (a record holds a dozen); plain tuples pickle in C, six times faster."""
    if isinstance(outcome, list):
        return outcome
    fields: list[Any] = list(outcome)
    fields[_FIT] = tuple(map(tuple, outcome.fit))
    fields[_FINDINGS] = tuple(map(tuple, outcome.findings))
    return tuple(fields)


def _unpacked(sent: Any) -> Outcome:
    if isinstance(sent, list):
        return sent
    fields: list[Any] = list(sent)
    fields[_FIT] = tuple(map(FitRecord._make, fields[_FIT]))
    fields[_FINDINGS] = tuple(map(FindingRecord._make, fields[_FINDINGS]))
    return Record._make(fields)


def _worker_start(pack: Pack) -> None:
    global _worker_pack
    _worker_pack = pack
    # ctrl+c and SIGTERM are the parent's to handle: it stops the pool and says so once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
