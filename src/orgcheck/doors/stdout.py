"""Standard output that says when it cannot be written (``> /dev/full``, ``>&-``): the
report, the example, the schema, and --help and --version, for every door's parser."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TextIO

from ..errors import OrgcheckError, Problem, reason
from ..store.files import advice

# What is written to standard output, for the message when it cannot be: (en, de, whether
# -o FILE is the way out).
WHAT_IS_WRITTEN = {
    "report": ("the report", "der Bericht", True),
    "example": ("the example", "die Vorlage", False),
    "schema": ("the schema", "das Schema", False),
    "help": ("the text", "der Text", False),  # --help, --version
}


def write_stdout(content: str | bytes, stream: TextIO | None = None, what: str = "report") -> None:
    """``content`` (text as UTF-8, or a binary report) to standard output; an OrgcheckError
    if it cannot be written."""
    stream = stream or sys.stdout
    noun, noun_de, to_file = WHAT_IS_WRITTEN[what]
    if stream is None:  # closed when Python started (`>&-`)
        raise OrgcheckError(
            Problem(
                f"standard output is closed; write {noun} with -o FILE"
                if to_file
                else f"standard output is closed; {noun} cannot be shown",
                de="die Standardausgabe ist geschlossen; schreiben Sie den Bericht mit -o DATEI"
                if to_file
                else f"die Standardausgabe ist geschlossen; {noun_de} kann nicht gezeigt werden",
            )
        )
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
        elsewhere, elsewhere_de = (
            (", or write it with -o FILE", " oder mit -o DATEI") if to_file else ("",) * 2
        )
        raise OrgcheckError(
            Problem(
                f"standard output: cannot write {noun}: {reason(exc)}; {advice(exc)}{elsewhere}",
                de=f"Standardausgabe: {noun_de} kann nicht geschrieben werden: {reason(exc, 'de')}; "
                f"{advice(exc, 'de')}{elsewhere_de}",
            )
        ) from None
