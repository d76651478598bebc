"""Where a command's report goes: standard output, or a file written atomically."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TextIO

from ...errors import OrgcheckError
from ...report import formats
from ...store.files import advice, write_atomic


def writable(fmt: str, output: str | None) -> formats.Format:
    """The format, once it is sure it can be written where it goes: its extra installed (the
    error names ``output``), and a binary one (PDF) never onto a terminal. Asked before any
    work, since printing a PDF takes a browser and a second."""
    entry = formats.require(fmt, output)
    if entry.binary and output is None and sys.stdout is not None and sys.stdout.isatty():
        raise OrgcheckError(
            f"a {entry.label} is not shown on a terminal; write it with -o report{entry.suffix}, or pipe it"
        )
    return entry


def emit(output: str | None, content: str | bytes) -> None:
    """To standard output, or atomically to ``output``."""
    if output is None:
        write_stdout(content)
    else:
        write_atomic(output, content)


def write_stdout(content: str | bytes, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    if stream is None:  # closed when Python started (`>&-`)
        raise OrgcheckError("standard output is closed; write the report with -o FILE")
    # Always UTF-8, whatever the terminal's locale says: the report has umlauts and bars.
    data = content.encode("utf-8") if isinstance(content, str) else content
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            buffer.write(data)
            buffer.flush()
        else:  # a text stream without bytes underneath (a test's StringIO): text only
            stream.write(data.decode("utf-8"))
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
