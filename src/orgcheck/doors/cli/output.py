"""Where a command's report goes: standard output, or a file written atomically.

``-o -`` is standard output, as for most tools (a file named ``-`` is ``-o ./-``).
"""

from __future__ import annotations

import sys

from ...errors import OrgcheckError, Problem
from ...report import formats
from ...store.files import write_atomic
from ..stdout import write_stdout

__all__ = ["STANDARD_STREAM", "emit", "writable", "write_stdout"]

STANDARD_STREAM = "-"  # as -o: standard output; as the answers file: standard input


def writable(fmt: str, output: str | None) -> formats.Format:
    """The format, once it is sure it can be written where it goes: its extra installed (the
    error names ``output``), and a binary one (PDF) never onto a terminal. Asked before any
    work, since printing a PDF takes a browser and a second."""
    to_stdout = output is None or output == STANDARD_STREAM
    entry = formats.require(fmt, None if to_stdout else output)
    if entry.binary and to_stdout and sys.stdout is not None and sys.stdout.isatty():
        raise OrgcheckError(
            Problem(
                f"a {entry.label} is not shown on a terminal; write it with -o report{entry.suffix}, "
                "or pipe it",
                de=f"ein {entry.label} wird nicht im Terminal gezeigt; schreiben Sie es mit "
                f"-o bericht{entry.suffix} oder leiten Sie es weiter",
            )
        )
    return entry


def emit(output: str | None, content: str | bytes) -> None:
    """To standard output (no ``-o``, or ``-o -``), or atomically to ``output``."""
    if output is None or output == STANDARD_STREAM:
        write_stdout(content)
    else:
        write_atomic(output, content)
