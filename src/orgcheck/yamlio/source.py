"""Reading a YAML file safely, and the document it gives: values plus where each came from.

Reading (``read_text``) and the :class:`Document` need no YAML parser; parsing is
:mod:`orgcheck.yamlio.compose`'s (PyYAML), which the package imports on the first
``parse``.
"""

from __future__ import annotations

import datetime as _dt
import errno
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Location, OrgcheckError, Problem, message_language, reason, say
from ..textsafe import path_text

MAX_FILE_BYTES = 1_000_000
# The number forms a person writes; YAML 1.1 (PyYAML) also reads 1:00 as 60, 0x10 as 16,
# 010 as 8 and 1_000 as 1000, which nobody filling in a form means.
PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
NULL_WORDS = {"", "~", "null", "Null", "NULL"}
MAX_DIGITS = 1000

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """A YAML document as plain values, plus where each path starts."""

    value: Any
    file: str
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> Location:
        """The location of ``path``, or of its nearest ancestor that has one."""
        probe = tuple(path)
        while probe and probe not in self.positions:
            probe = probe[:-1]
        line, column = self.positions.get(probe, (1, 1))
        return Location(self.file, line, column)


# What is read, for the message about a file too large: (English, German).
WHAT_IS_READ = {
    "answers": ("an answers file", "eine Antwortdatei"),
    "template": ("a template", "eine Vorlage"),
}


def read_text(
    path: Path, *, label: str | None = None, limit: int = MAX_FILE_BYTES, what: str = "answers"
) -> str:
    """Read a UTF-8 text file with errors a user understands; ``what`` it is (WHAT_IS_READ)
    names it in the message about a file too large.

    A pipe (``<(...)``, a named pipe) is read to its end: its writer may come later, so it is
    waited for as ``cat`` waits (ctrl+c ends the wait), with a note on a terminal.
    """
    name = label or str(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise OrgcheckError(not_readable(path, name, exc)) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            if stat.S_ISDIR(status.st_mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
            if stat.S_ISFIFO(status.st_mode):
                _wait_for_a_writer(descriptor, name)
            os.set_blocking(descriptor, True)
        # Read what the file holds: reading limit + 1 would allocate the limit for every file.
        # A file that is not regular, or grew, is read on up to the limit.
        data = _read(descriptor, status.st_size + 1 if stat.S_ISREG(status.st_mode) else 0, limit + 1)
    except OSError as exc:
        raise OrgcheckError(not_readable(path, name, exc)) from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        noun, noun_de = WHAT_IS_READ[what]
        most, most_de = f"{limit:,}", f"{limit:,}".replace(",", ".")
        if stat.S_ISREG(status.st_mode):
            raise OrgcheckError(
                Problem(
                    f"file is larger than {most} bytes; {noun} is a few kB",
                    Location(name),
                    de=f"die Datei ist größer als {most_de} Bytes; {noun_de} hat wenige kB",
                )
            )
        kind, kind_de = kind_of(status.st_mode)
        raise OrgcheckError(
            Problem(
                f"is {kind} that gave more than {most} bytes (it may never end); {noun} is a few kB",
                Location(name),
                de=f"ist {kind_de} und lieferte mehr als {most_de} Bytes (vielleicht ohne Ende); "
                f"{noun_de} hat wenige kB",
            )
        )
    return decode_utf8(data, name)


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a named pipe never blocks; reading it may


def _read(descriptor: int, expected: int, most: int) -> bytes:
    """Up to ``most`` bytes, to the end; ``expected`` (what the file's size says) in one read."""
    chunks = []
    left = most
    while left > 0:
        chunk = os.read(descriptor, min(left, max(expected, 1 << 16)))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
        expected = 0
    return b"".join(chunks)


def _wait_for_a_writer(descriptor: int, name: str) -> None:
    """Until the named pipe has something to read (or its writer has gone): say so once on a
    terminal, where someone may wonder why nothing happens."""
    import select

    if select.select([descriptor], [], [], 0)[0]:
        return
    if sys.stderr is not None and sys.stderr.isatty():
        note = Problem(
            "waiting for something to be written into this pipe (ctrl+c stops)",
            Location(name),
            de="wartet darauf, dass etwas in diese Pipe geschrieben wird (Strg+C bricht ab)",
        )
        say(note.text(message_language()))
    # In turns, so that ctrl+c is never lost: a signal that comes just before select() blocks
    # is handled when the turn ends.
    while not select.select([descriptor], [], [], 1.0)[0]:
        pass


def kind_of(mode: int) -> tuple[str, str]:
    """What a file that is not a regular file is, in English and German, with its article."""
    if stat.S_ISDIR(mode):
        return "a folder", "ein Ordner"
    if stat.S_ISFIFO(mode):
        return "a pipe", "eine Pipe"
    if stat.S_ISCHR(mode):
        return "a character device", "ein zeichenorientiertes Gerät"
    if stat.S_ISBLK(mode):
        return "a block device", "ein Blockgerät"
    if stat.S_ISSOCK(mode):
        return "a socket", "ein Socket"
    return "not a file", "keine Datei"


def not_readable(path: Path, name: str, exc: OSError) -> Problem:
    """Why ``path`` cannot be read, from the error opening or reading it gave."""
    where = Location(name)
    if isinstance(exc, FileNotFoundError) and os.path.islink(path):
        target = path_text(os.readlink(path))
        return Problem(
            f"is a symbolic link to '{target}', which does not exist; "
            "give the file itself, or remove the link",
            where,
            de=f"ist ein symbolischer Link auf '{target}', das es nicht gibt; "
            "geben Sie die Datei selbst an oder entfernen Sie den Link",
        )
    if isinstance(exc, FileNotFoundError):
        return Problem("no such file", where, de="Datei nicht gefunden")
    if exc.errno == errno.ELOOP:
        return Problem(
            "is a loop of symbolic links; give the file itself, or remove the link",
            where,
            de="ist eine Schleife aus symbolischen Links; geben Sie die Datei selbst an "
            "oder entfernen Sie den Link",
        )
    # Checked only on failure: a stat before every open is a tenth of reading a small file.
    if isinstance(exc, IsADirectoryError) or (isinstance(exc, PermissionError) and path.is_dir()):
        # (Windows refuses to open a folder with EACCES.)
        return Problem("is a directory, not a file", where, de="ist ein Ordner, keine Datei")
    if isinstance(exc, PermissionError):
        return Problem(
            "cannot read the file: permission denied", where, de="Datei nicht lesbar: keine Berechtigung"
        )
    return Problem(
        f"cannot read the file: {reason(exc)}", where, de=f"Datei nicht lesbar: {reason(exc, 'de')}"
    )


def decode_utf8(data: bytes, name: str) -> str:
    """Decode UTF-8 (a leading byte-order mark is dropped); anything else is an error."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or _looks_like_utf32(data):
        raise OrgcheckError(
            Problem(
                "file is UTF-32; save it as UTF-8 (orgcheck reads UTF-8 only)",
                Location(name, 1, 1),
                de="die Datei ist UTF-32; speichern Sie sie als UTF-8 (orgcheck liest nur UTF-8)",
            )
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(data):
        raise OrgcheckError(
            Problem(
                "file is UTF-16; save it as UTF-8 (orgcheck reads UTF-8 only)",
                Location(name, 1, 1),
                de="die Datei ist UTF-16; speichern Sie sie als UTF-8 (orgcheck liest nur UTF-8)",
            )
        )
    if b"\x00" in data:
        raise OrgcheckError(
            Problem(
                "file is binary (it contains NUL bytes), not YAML text",
                Location(name),
                de="die Datei ist binär (sie enthält NUL-Bytes), kein YAML-Text",
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = line_and_column(data, exc.start)
        raise OrgcheckError(
            Problem(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
                Location(name, line, column),
                de=f"kein gültiges UTF-8 (Byte 0x{data[exc.start]:02x}); speichern Sie die Datei als UTF-8",
            )
        ) from None
    return text.removeprefix("\ufeff")


def line_and_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of the character at ``offset``."""
    newline = "\n" if isinstance(text, str) else b"\n"
    line = text.count(newline, 0, offset) + 1  # type: ignore[arg-type]
    return line, offset - (text.rfind(newline, 0, offset) + 1) + 1  # type: ignore[arg-type]


def _looks_like_utf32(data: bytes) -> bool:
    """UTF-32 text without a byte-order mark: three of every four bytes are NUL."""
    sample = data[:400]
    if len(sample) < 8:
        return False
    quarter = len(sample) // 4
    return any(
        all(sample[offset::4].count(0) >= 0.8 * quarter for offset in zero_bytes)
        for zero_bytes in ((1, 2, 3), (0, 1, 2))
    )


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 text without a byte-order mark: most of every other byte is NUL."""
    sample = data[:200]
    if len(sample) < 4:
        return False
    half = len(sample) // 2
    return any(sample[start::2].count(0) >= 0.8 * half for start in (0, 1))


def is_date(value: object) -> bool:
    return isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)
