"""Errors a user can act on.

Every problem with input (an answers file, the questionnaire pack, a template,
an output path) is raised as an :class:`OrgcheckError` and printed once, at the
edge (``cli`` or ``tui``), as ``file:line:col: what is wrong``. Never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from typing import NamedTuple

# Exit statuses of every front door (``orgcheck --help`` lists them).
EXIT_OK = 0
EXIT_FAILURE = 1  # orgcheck's own fault or the machine's
EXIT_USAGE = 2  # bad input or usage: the user can fix it
MAX_PROBLEMS_SHOWN = 50

# The language of the messages the running command prints: set once by the door that
# decided it (``with messages_in(language)``), per thread and task, never process-wide.
_LANGUAGE: ContextVar[str] = ContextVar("orgcheck_messages", default="en")


def message_language() -> str:
    """The language the messages are printed in (see :func:`messages_in`)."""
    return _LANGUAGE.get()


@contextlib.contextmanager
def messages_in(language: str) -> Iterator[None]:
    token = _LANGUAGE.set(language)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


# What the system's errors say, in German (os.strerror is English in every locale Python sets).
OS_REASONS_DE = {
    errno.ENOSPC: "kein Platz mehr auf dem Gerät",
    errno.EDQUOT: "Speicherplatz-Kontingent überschritten",
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "Vorgang nicht erlaubt",
    errno.EROFS: "Dateisystem nur lesbar",
    errno.ENAMETOOLONG: "Dateiname zu lang",
    errno.ELOOP: "zu viele Ebenen symbolischer Links",
    errno.ENOENT: "Datei oder Ordner nicht gefunden",
    errno.ENOTDIR: "ist kein Ordner",
    errno.EISDIR: "ist ein Ordner",
    errno.EIO: "Ein-/Ausgabefehler",
    errno.ENXIO: "kein solches Gerät oder keine solche Adresse",
    errno.EPIPE: "die Gegenseite hat die Pipe geschlossen",
    errno.EBADF: "ungültiger Dateideskriptor",
    errno.ETXTBSY: "Datei wird gerade benutzt",
    errno.EBUSY: "Gerät oder Ressource belegt",
    errno.EEXIST: "Datei existiert bereits",
    errno.EINVAL: "ungültiges Argument",
    errno.EFBIG: "Datei zu groß",
    errno.EMFILE: "zu viele offene Dateien",
    errno.ENODEV: "kein solches Gerät",
}


def reason(error: OSError, language: str = "en") -> str:
    """What went wrong, as the system says it (``No space left on device``), in ``language``."""
    if language == "de" and error.errno in OS_REASONS_DE:
        return OS_REASONS_DE[error.errno]
    return error.strerror or (os.strerror(error.errno) if error.errno else str(error))


class Location(NamedTuple):
    """Where in which file something is. Lines and columns count from 1.

    ``file`` is the path as given (to open it again); shown, a name's bytes that are not
    UTF-8 read ``\\xff`` (textsafe.path_text), so no message fails to print.
    """

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        from .textsafe import path_text

        parts = [path_text(self.file)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class Problem(NamedTuple):
    """One thing wrong with an input, with where it is; in German too where it has been said so."""

    message: str
    location: Location | None = None
    de: str | None = None  # the message in German; messages without one are shown in English

    def __str__(self) -> str:
        return self.text("en")

    def text(self, language: str) -> str:
        """The problem in ``language`` (English where no translation exists), after its location."""
        message = self.de if language == "de" and self.de else self.message
        return f"{self.location}: {message}" if self.location else message


class OrgcheckError(Exception):
    """One or more problems the user has to fix; exit status 2 at the CLI.

    ``language``: the one the input itself asked for (an answers file's ``language:``),
    where it was read before the problems were found; a door says them in it unless the
    user chose one (``--lang``).
    """

    def __init__(self, problems: list[Problem] | Problem | str, *, language: str | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = problems
        self.language = language
        super().__init__("\n".join(str(p) for p in problems))


def shorten(text: object, limit: int = 40) -> str:
    """Text echoed in a message, cut after ``limit`` characters."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


def did_you_mean(word: object, choices: list[str], language: str = "en") -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    import difflib

    matches = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    if not matches:
        return ""
    return f" (meinten Sie '{matches[0]}'?)" if language == "de" else f" (did you mean '{matches[0]}'?)"


def print_error(
    error: OrgcheckError, language: str = "en", *, limit: int | None = MAX_PROBLEMS_SHOWN
) -> None:
    """Each problem on its own line on stderr (the first ``limit``; None: every one),
    control characters shown as escapes."""
    shown = error.problems if limit is None else error.problems[:limit]
    for problem in shown:
        say(problem.text(language))
    hidden = len(error.problems) - len(shown)
    if hidden > 0:
        more = Problem(
            f"... and {hidden} more problems; fix these first",
            de=f"... und {hidden} weitere Probleme; beheben Sie zuerst diese",
        )
        say(more.text(language))


def say(message: str) -> None:
    """One line on standard error, invisible and control characters shown as escapes.

    Standard error may be closed or broken; then there is nobody to tell, and
    the exit status still says what happened.
    """
    from .textsafe import visible

    stream = sys.stderr
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):
        stream.write(visible(f"orgcheck: {message}") + "\n")
        stream.flush()
