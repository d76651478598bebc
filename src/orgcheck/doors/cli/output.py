"""Where a command's text goes: standard output, or a file written atomically."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TextIO

from ...errors import OrgcheckError
from ...store.files import advice, write_atomic


def emit(output: str | None, text: str) -> None:
    """To standard output, or atomically to ``output``."""
    if output is None:
        write_stdout(text)
    else:
        write_atomic(output, text)


def write_stdout(text: str, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    if stream is None:  # closed when Python started (`>&-`)
        raise OrgcheckError("standard output is closed; write the report with -o FILE")
    # Always UTF-8, whatever the terminal's locale says: the report has umlauts and bars.
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        else:
            stream.write(text)
            stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # e.g. `> /dev/full`
        # What could not be written would be tried again (and fail loudly) at exit.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        raise OrgcheckError(
            f"standard output: cannot write the report: {exc.strerror or exc}; {advice(exc)}, "
            "or write it with -o FILE"
        ) from None
