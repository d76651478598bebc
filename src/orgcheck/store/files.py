"""Writing a file so that nothing a user has is lost or replaced by something else.

One writer for every file orgcheck writes (reports, saved answers, the draft,
the caches). What ``path`` is decides how:

* a regular file, or nothing yet: a temporary file next to it, then a rename,
  so an existing file is never left half-written; it keeps its mode and owner;
* a symbolic link: the file it points to is replaced that way and the link
  stays a link; a link to nothing is refused;
* a character device or a FIFO (``/dev/null``, ``/dev/stdout``, a named pipe):
  written into, as a shell's ``>`` does; never replaced by a regular file;
* a directory, a block device, a socket: refused.

Every failure is an :class:`OrgcheckError` naming the path and what to do;
on a signal or any other exception the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import signal
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..errors import Location, OrgcheckError, Problem

# What to do about an error, by errno; the rest get ADVICE_OTHER.
ADVICE = {
    errno.ENOSPC: "free some space or write elsewhere",
    errno.EDQUOT: "free some space or write elsewhere",
    errno.EACCES: "choose a folder you may write to",
    errno.EPERM: "choose a folder you may write to",
    errno.EROFS: "choose a folder on a writable disk",
    errno.ENAMETOOLONG: "choose a shorter name",
    errno.ELOOP: "the path has a loop of symbolic links; give the file itself",
}
ADVICE_OTHER = "choose another path"
ADVICE_DE = {
    errno.ENOSPC: "schaffen Sie Platz oder speichern Sie woanders",
    errno.EDQUOT: "schaffen Sie Platz oder speichern Sie woanders",
    errno.EACCES: "wählen Sie einen Ordner, in den Sie schreiben dürfen",
    errno.EPERM: "wählen Sie einen Ordner, in den Sie schreiben dürfen",
    errno.EROFS: "wählen Sie einen Ordner auf einem beschreibbaren Laufwerk",
    errno.ENAMETOOLONG: "wählen Sie einen kürzeren Namen",
    errno.ELOOP: "der Pfad enthält eine Schleife aus symbolischen Links; geben Sie die Datei selbst an",
}
ADVICE_OTHER_DE = "wählen Sie einen anderen Pfad"
_SIGNALS = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}


def advice(error: OSError, language: str = "en") -> str:
    if language == "de":
        return ADVICE_DE.get(error.errno or 0, ADVICE_OTHER_DE)
    return ADVICE.get(error.errno or 0, ADVICE_OTHER)


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, private: bool = False) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` as the module docstring says.

    ``private`` (the caches, possibly in a folder others can write to): the name
    itself is replaced, whatever it is, by a file of the running user with mode
    0600. A link planted there is never followed, so it cannot make orgcheck
    overwrite the file it points to, and nothing of an old file is kept.
    """
    shown = os.fspath(path)
    where = Location(shown)
    content = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if private:
            _replace(Path(shown), content, keep=False)
            return
        destination = _destination(shown)
        if destination is None:
            _write_into(shown, content)
        else:
            _replace(destination, content, keep=True)
    except OrgcheckError:
        raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OrgcheckError(
            Problem(
                f"cannot write the file: {reason}; nothing was changed; {advice(exc)}",
                where,
                de=f"Datei nicht geschrieben: {reason}; nichts wurde verändert; {advice(exc, 'de')}",
            )
        ) from None


def _destination(shown: str) -> Path | None:
    """The regular file to replace (it may not exist yet), or None to write into ``shown`` itself."""
    where = Location(shown)
    path = Path(shown)
    if shown.endswith(("/", os.sep)) and not path.is_dir():
        raise OrgcheckError(
            Problem(
                f"names a folder (it ends in '/') and there is none; give a file name like {shown}report.md",
                where,
                de="nennt einen Ordner (endet auf '/'), den es nicht gibt; "
                f"geben Sie einen Dateinamen an, etwa {shown}bericht.md",
            )
        )
    try:
        status = os.stat(shown)
    except FileNotFoundError:
        if os.path.islink(shown):
            raise OrgcheckError(
                Problem(
                    f"is a symbolic link to '{os.readlink(shown)}', which does not exist; give a file",
                    where,
                    de=f"ist ein symbolischer Link auf '{os.readlink(shown)}', das es nicht gibt; "
                    "geben Sie eine Datei an",
                )
            ) from None
        directory = path.parent
        if not directory.is_dir():
            raise OrgcheckError(
                Problem(
                    f"cannot write: directory '{directory}' does not exist",
                    where,
                    de=f"kann nicht schreiben: den Ordner '{directory}' gibt es nicht",
                )
            ) from None
        return path
    kind = status.st_mode
    if stat.S_ISDIR(kind):
        raise OrgcheckError(
            Problem(
                "is a directory; give a file name", where, de="ist ein Ordner; geben Sie einen Dateinamen an"
            )
        )
    if stat.S_ISCHR(kind) or stat.S_ISFIFO(kind):
        return None
    if not stat.S_ISREG(kind):
        what = "a block device" if stat.S_ISBLK(kind) else "a socket" if stat.S_ISSOCK(kind) else "not a file"
        was = (
            "ein Blockgerät" if stat.S_ISBLK(kind) else "ein Socket" if stat.S_ISSOCK(kind) else "keine Datei"
        )
        raise OrgcheckError(
            Problem(f"is {what}; give a file name", where, de=f"ist {was}; geben Sie einen Dateinamen an")
        )
    if os.path.islink(shown):
        real = Path(os.path.realpath(shown))
        if not (real.is_file() and os.path.samefile(real, shown)):
            raise OrgcheckError(
                Problem(
                    "is a symbolic link that cannot be followed; give the file itself",
                    where,
                    de="ist ein symbolischer Link, dem nicht gefolgt werden kann; "
                    "geben Sie die Datei selbst an",
                )
            )
        return real
    return path


def _write_into(shown: str, content: bytes) -> None:
    """Write into a device or a pipe, as ``>`` does (no O_CREAT: never make a regular file here)."""
    descriptor = os.open(shown, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def _replace(destination: Path, content: bytes, *, keep: bool) -> None:
    """Replace ``destination`` by a new file; ``keep``: with the old file's mode and owner."""
    old: os.stat_result | None = None
    if keep:
        with contextlib.suppress(FileNotFoundError):
            old = os.stat(destination)
    temporary = None
    try:
        with _signals_held():  # the name is known before a signal can stop us
            # A new file gets 0666 less the umask, as any program's would: the system applies
            # the umask itself. (Reading it with os.umask would change it for a moment, for
            # every thread of a server.) The caches' files are the user's alone.
            descriptor, temporary = _create_temporary(destination, 0o666 if keep else 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if old is not None:
            os.chmod(temporary, stat.S_IMODE(old.st_mode))
            if hasattr(os, "geteuid") and os.geteuid() == 0 and old.st_uid != 0:
                with contextlib.suppress(OSError):  # root saving a user's file leaves it theirs
                    os.chown(temporary, old.st_uid, old.st_gid)
        elif not keep:
            os.chmod(temporary, 0o600)  # whatever the umask lets through, never more
        os.replace(temporary, destination)
        temporary = None
    finally:  # also on KeyboardInterrupt and the signals the command turns into exceptions
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back while the temporary file is made (delivered after)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _create_temporary(destination: Path, mode: int) -> tuple[int, str]:
    """A new file next to ``destination`` (``.name.<random>.tmp``), open for writing, and its name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = os.path.join(destination.parent, f".{destination.name[:40]}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(name, flags, mode), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", str(destination.parent))


def write_folder(folder: str | os.PathLike[str], files: Mapping[str, str | bytes]) -> list[Path]:
    """A new folder holding ``files`` (name -> content), all of them or none.

    ``folder`` must not exist yet, or be empty. The files are written into a
    hidden folder beside it, flushed to the disk together (one sync, not one
    fsync a file: an export of 10,000 answers files takes seconds, not minutes)
    and the folder renamed into place, so nobody ever sees half an export.
    """
    target = Path(folder)
    where = Location(str(target))
    try:
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise OrgcheckError(
                Problem(
                    "exists and is not an empty folder; give a new or an empty folder",
                    where,
                    de="gibt es schon, und es ist kein leerer Ordner; "
                    "geben Sie einen neuen oder leeren Ordner an",
                )
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        staging: Path | None = _new_folder_beside(target)
    except OrgcheckError:
        raise
    except OSError as exc:
        raise _write_problem(exc, where) from None
    try:
        assert staging is not None
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            with os.fdopen(os.open(staging / name, flags, 0o666), "wb") as handle:  # 0666 less the umask
                handle.write(data)
        if hasattr(os, "sync"):
            os.sync()
        os.replace(staging, target)
        staging = None
    except OSError as exc:
        raise _write_problem(exc, where) from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return [target / name for name in files]


def _new_folder_beside(target: Path) -> Path:
    """A new hidden folder next to ``target``, with the mode the system's umask gives a folder."""
    for _ in range(100):
        candidate = target.parent / f".{target.name[:40]}.{secrets.token_hex(6)}.tmp"
        try:
            os.mkdir(candidate, 0o777)
            return candidate
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary folder", str(target.parent))


def _write_problem(exc: OSError, where: Location) -> OrgcheckError:
    reason = exc.strerror or str(exc)
    return OrgcheckError(
        Problem(
            f"cannot write the folder: {reason}; nothing was written; {advice(exc)}",
            where,
            de=f"Ordner nicht geschrieben: {reason}; nichts wurde geschrieben; {advice(exc, 'de')}",
        )
    )
