"""Where a command's text goes: standard output, or a file written atomically.

``-o -`` is standard output, as for most tools (a file named ``-`` is ``-o ./-``).
"""

from __future__ import annotations

from ...store.files import write_atomic
from ..stdout import write_stdout

__all__ = ["STANDARD_STREAM", "emit", "write_stdout"]

STANDARD_STREAM = "-"  # as -o: standard output; as the answers file: standard input


def emit(output: str | None, text: str) -> None:
    """To standard output (no ``-o``, or ``-o -``), or atomically to ``output``."""
    if output is None or output == STANDARD_STREAM:
        write_stdout(text)
    else:
        write_atomic(output, text)
