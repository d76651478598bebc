"""Reading a YAML file safely, and the document it gives: values plus where each came from.

Reading (``read_text``) and the :class:`Document` need no YAML parser; parsing is
:mod:`orgcheck.yamlio.compose`'s (PyYAML), which the package imports on the first
``parse``.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Location, OrgcheckError, Problem

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


def read_text(path: Path, *, label: str | None = None, limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file with errors a user understands."""
    name = label or str(path)
    try:
        with open(path, "rb") as handle:
            # Read what the file holds: read(limit + 1) would allocate the limit for every file.
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(min(size, limit) + 1)
            if len(data) > size:  # not a regular file, or it grew: read on, up to the limit
                data += handle.read(limit + 1 - len(data))
    except FileNotFoundError:
        raise OrgcheckError(Problem("no such file", Location(name), de="Datei nicht gefunden")) from None
    except (IsADirectoryError, PermissionError) as exc:
        # Checked only on failure: a stat before every open is a tenth of reading a small file.
        if isinstance(exc, IsADirectoryError) or path.is_dir():  # Windows refuses a folder with EACCES
            raise OrgcheckError(
                Problem("is a directory, not a file", Location(name), de="ist ein Ordner, keine Datei")
            ) from None
        raise OrgcheckError(
            Problem(
                "cannot read the file: permission denied",
                Location(name),
                de="Datei nicht lesbar: keine Berechtigung",
            )
        ) from None
    except OSError as exc:
        raise OrgcheckError(
            Problem(
                f"cannot read the file: {exc.strerror}",
                Location(name),
                de=f"Datei nicht lesbar: {exc.strerror}",
            )
        ) from None
    if len(data) > limit:
        raise OrgcheckError(
            Problem(
                f"file is larger than {limit:,} bytes; an answers file is a few kB",
                Location(name),
                de=f"die Datei ist größer als {limit:,} Bytes; eine Antwortdatei hat wenige kB".replace(
                    ",", "."
                ),
            )
        )
    return decode_utf8(data, name)


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
