"""SIGTERM and SIGHUP as exceptions, so that a command stopped while writing leaves no half-written file."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like ctrl+c so that clean-up (``finally``) runs."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`Interrupted`, so a half-written file is removed."""

    def stop(number: int, frame: object) -> None:
        raise Interrupted(number)

    names = [name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {}
    try:
        for name in names:
            number = getattr(signal, name)
            previous[number] = signal.signal(number, stop)
    except ValueError:  # not the main thread: leave signals as they are
        pass
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
