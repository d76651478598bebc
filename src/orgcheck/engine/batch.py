"""Many answers in, one assessment record each out, as a stream: files, or answers a survey stored.

Each file is read by the fast path (:mod:`orgcheck.yamlio.fast`) and validated in
full; a file that fails either is read again by the careful reader, whose
problems carry file:line:col. A survey's answers are validated as an answers
file would be. Only records (ids and numbers) come back, never reports, so ten
thousand cost little memory. From :data:`POOL_THRESHOLD` on, the work is spread
over the machine's cores.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
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


def assess_document(item: tuple[str, dict[str, Any]], pack: Pack) -> Outcome:
    """The record of answers given as an answers file's content (``(file name, mapping)``)."""
    from .. import yamlio
    from ..answers.validate import validate_document

    file, value = item
    try:
        return record(pack, score(pack, validate_document(yamlio.Document(value=value, file=file), pack)))
    except OrgcheckError as error:
        return error.problems


def assess_files(paths: Sequence[Path], pack: Pack) -> Iterator[tuple[Path, Outcome]]:
    """Each file's record or problems, in the order given."""
    yield from zip(paths, _outcomes(paths, pack, assess_file), strict=True)


def assess_documents(items: Sequence[tuple[str, dict[str, Any]]], pack: Pack) -> Iterator[Outcome]:
    """Each answers file's content's record or problems, in the order given (a survey's)."""
    yield from _outcomes(items, pack, assess_document)


def _outcomes(
    items: Sequence[Any], pack: Pack, assess_one: Callable[[Any, Pack], Outcome]
) -> Iterator[Outcome]:
    if len(items) < POOL_THRESHOLD or (os.cpu_count() or 1) < 2:
        for item in items:
            yield assess_one(item, pack)
        return
    context = _pool_context()
    workers = min(os.cpu_count() or 2, 4)
    # Frozen while the workers fork, so they inherit the pack outside the collector's reach: it
    # neither walks those objects after every few files nor copies their pages by touching them.
    freeze = context.get_start_method() == "fork" and gc.get_freeze_count() == 0  # never undo another's
    if freeze:
        gc.freeze()
    try:
        pool = context.Pool(workers, initializer=_worker_start, initargs=(pack, assess_one))
    finally:
        if freeze:
            gc.unfreeze()
    with pool, _collector_paused():
        for sent in pool.imap(_assess_in_worker, items, chunksize=_CHUNK):
            yield _unpacked(sent)


def _pool_context() -> Any:
    """fork where it is safe: it hands the pack to the workers without pickling it. Not beside
    other threads (a server's): the child would inherit the locks they hold, never released; a
    fresh server process forks the workers then (the pack is pickled once for each)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


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
_worker_assess: Callable[[Any, Pack], Outcome] | None = None


# Where a record's nested records sit; everything else in it is a builtin value.
_FIT, _FINDINGS = Record._fields.index("fit"), Record._fields.index("findings")


def _assess_in_worker(item: Any) -> Any:
    assert _worker_pack is not None and _worker_assess is not None
    return _packed(_worker_assess(item, _worker_pack))


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


def _worker_start(pack: Pack, assess_one: Callable[[Any, Pack], Outcome]) -> None:
    global _worker_pack, _worker_assess
    _worker_pack, _worker_assess = pack, assess_one
    # ctrl+c and SIGTERM are the parent's to handle: it stops the pool and says so once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
