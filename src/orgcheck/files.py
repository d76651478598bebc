"""Writing files so that an existing one is never replaced by a partial one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import Location, OrgcheckError, Problem


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` via a temporary file and a rename.

    On any failure the temporary file is removed and whatever was at ``path``
    before is left as it was.
    """
    where = Location(str(path))
    if path.is_dir():
        raise OrgcheckError(Problem("is a directory; give a file name", where))
    directory = path.parent
    if not directory.is_dir():
        raise OrgcheckError(Problem(f"cannot write: directory '{directory}' does not exist", where))
    data = text.encode("utf-8")
    handle = None
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, kept on success
            dir=directory, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(handle.name, path.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                os.chmod(handle.name, 0o666 & ~_umask())
        os.replace(handle.name, path)
    except OSError as exc:
        if handle is not None:
            handle.close()
            with contextlib.suppress(OSError):
                os.unlink(handle.name)
        reason = exc.strerror or str(exc)
        raise OrgcheckError(Problem(f"cannot write the file: {reason}; nothing was changed", where)) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
