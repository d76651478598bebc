"""Running a user's own report template: sandboxed, and bounded in time, memory and output.

A custom template is code somebody else may have written. Jinja's immutable
sandbox keeps it away from Python (no ``__class__``, no changing the data);
what the sandbox does not bound is how long it runs and how much it makes:
``{{ 7 ** (10**8) }}`` runs for minutes, ``'x' * 10**9`` takes a gigabyte, a
macro that calls itself ends in RecursionError. So:

* ``*`` and ``**`` are checked before they run (a number of more than
  MAX_NUMBER_DIGITS digits, a text or list longer than MAX_OUTPUT_CHARS);
* where the system can fork, the template runs in a child process limited to
  SECONDS of wall-clock time and MEMORY_BYTES of extra memory, so nothing it
  does (a loop, doubling a text) can hang or exhaust the machine. A process
  with other threads (a server) is not forked, since the child would inherit
  locks those threads hold, never to be released; it starts a fresh
  interpreter instead (multiprocessing's "spawn": slower, same limits);
* the output is cut off at MAX_OUTPUT_CHARS characters;
* every error, whatever its kind, becomes one located message.

The README ("Custom templates") states these limits.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import Location, OrgcheckError, Problem

SECONDS = 10
MEMORY_BYTES = 512 * 1024 * 1024
MAX_OUTPUT_CHARS = 10_000_000
MAX_NUMBER_DIGITS = 10_000


def render(
    template_path: Path,
    source: str,
    context: dict[str, Any],
    *,
    filters: Mapping[str, Callable[..., Any]] | None = None,
    autoescape: bool = False,
) -> str:
    """The template rendered with ``context``, or OrgcheckError naming the template line.

    ``filters`` and ``autoescape`` are the report formats' escaping (orgcheck.report.formats).
    """
    options = Options(dict(filters or {}), autoescape, _limits())
    if not hasattr(os, "fork"):  # Windows: the operator checks and the output limit only
        return _outcome(_render(template_path, source, context, options))
    if threading.active_count() > 1:
        return _outcome(_in_spawned(template_path, source, context, options))
    return _outcome(_in_child(template_path, source, context, options))


class Options(NamedTuple):
    filters: dict[str, Callable[..., Any]]
    autoescape: bool
    # The limits as the caller runs with them, for a spawned child: it imports this module
    # afresh and would otherwise know only the defaults.
    limits: dict[str, int]


def _limits() -> dict[str, int]:
    return {
        "SECONDS": SECONDS,
        "MEMORY_BYTES": MEMORY_BYTES,
        "MAX_OUTPUT_CHARS": MAX_OUTPUT_CHARS,
        "MAX_NUMBER_DIGITS": MAX_NUMBER_DIGITS,
    }


def _outcome(result: dict[str, Any]) -> str:
    if "text" in result:
        return str(result["text"])
    where = Location(result["file"], result["line"])
    raise OrgcheckError(Problem(result["message"], where, de=result.get("de") or result["message"]))


# --- in a child process -------------------------------------------------------------


def _in_child(template_path: Path, source: str, context: dict[str, Any], options: Options) -> dict[str, Any]:
    name = str(template_path)
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, send the outcome, and never return into the caller
        status = 1
        try:
            os.close(reading)
            _limit_resources()
            data = json.dumps(_render(template_path, source, context, options)).encode("utf-8")
            with os.fdopen(writing, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    chunks: list[bytes] = []
    deadline = time.monotonic() + SECONDS
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([reading], [], [], left)[0]:
                return _failure(name, *_too_slow())
            chunk = os.read(reading, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(reading)
        _end(pid)
    try:
        return dict(json.loads(b"".join(chunks)))
    except ValueError:
        return _failure(name, *_too_big())


def _in_spawned(
    template_path: Path, source: str, context: dict[str, Any], options: Options
) -> dict[str, Any]:
    """As :func:`_in_child`, in a fresh interpreter: safe from a process with threads."""
    import multiprocessing

    name = str(template_path)
    spawn = multiprocessing.get_context("spawn")
    reading, writing = spawn.Pipe(duplex=False)
    child = spawn.Process(
        target=_spawned, args=(writing, template_path, source, context, options), daemon=True
    )
    child.start()
    writing.close()
    try:
        if not reading.poll(SECONDS):
            return _failure(name, *_too_slow())
        data = reading.recv_bytes()
    except EOFError:  # it died before it answered
        data = b""
    finally:
        reading.close()
        child.kill()
        child.join()
    try:
        return dict(json.loads(data))
    except ValueError:
        return _failure(name, *_too_big())


def _spawned(
    writing: Any, template_path: Path, source: str, context: dict[str, Any], options: Options
) -> None:
    """The spawned child: render within the caller's limits and send the outcome."""
    globals().update(options.limits)
    _limit_resources()
    writing.send_bytes(json.dumps(_render(template_path, source, context, options)).encode("utf-8"))
    writing.close()


def _limit_resources() -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - every system with fork has it
        return
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    used = _address_space()
    if used is not None:
        limit = used + MEMORY_BYTES
        if hard == resource.RLIM_INFINITY or limit < hard:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    if cpu_hard == resource.RLIM_INFINITY or cpu_hard > SECONDS + 1:
        resource.setrlimit(resource.RLIMIT_CPU, (SECONDS + 1, cpu_hard))


def _address_space() -> int | None:
    """The process's virtual size now (Linux); elsewhere None and no memory limit."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _end(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _too_slow() -> tuple[str, str]:
    return (
        f"ran longer than {SECONDS} seconds; a template has at most that",
        f"lief länger als {SECONDS} Sekunden; eine Vorlage hat höchstens so lange",
    )


def _too_big() -> tuple[str, str]:
    return (
        f"stopped: it needed more than {MEMORY_BYTES // 2**20} MB of memory or was killed",
        f"angehalten: sie brauchte mehr als {MEMORY_BYTES // 2**20} MB Speicher oder wurde beendet",
    )


def _failure(name: str, message: str, de: str) -> dict[str, Any]:
    return {"message": f"template: {message}", "de": f"Vorlage: {de}", "file": name, "line": None}


# --- the rendering itself ------------------------------------------------------------


def _environment(directory: Path, options: Options) -> Any:
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedEnvironment(ImmutableSandboxedEnvironment):
        # Checked before they run: these two make huge values from small ones in one step.
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and _whole(left) and _whole(right) and abs(left) > 1 and right > 0:
                digits = right * len(str(abs(left)))
                if digits > MAX_NUMBER_DIGITS:
                    raise _Bounded(
                        f"{left} ** {right} has more than {MAX_NUMBER_DIGITS:,} digits",
                        f"{left} ** {right} hat mehr als {MAX_NUMBER_DIGITS:,} Stellen".replace(",", "."),
                    )
            if operator == "*":
                for sequence, times in ((left, right), (right, left)):
                    repeated = isinstance(sequence, (str, list, tuple)) and _whole(times)
                    if repeated and len(sequence) * times > MAX_OUTPUT_CHARS:
                        raise _Bounded(
                            f"repeating {len(sequence):,} items {times:,} times makes more than "
                            f"{MAX_OUTPUT_CHARS:,}",
                            f"{len(sequence):,} Elemente {times:,}-mal wiederholt ergibt mehr als "
                            f"{MAX_OUTPUT_CHARS:,}".replace(",", "."),
                        )
            return super().call_binop(context, operator, left, right)

    environment = BoundedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=options.autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        loader=jinja2.FileSystemLoader(directory),  # for {% include %} of neighbours
    )
    environment.filters.update(options.filters)
    return environment


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _render(template_path: Path, source: str, context: dict[str, Any], options: Options) -> dict[str, Any]:
    """{"text": ...} or a located failure; never raises."""
    import jinja2

    name = str(template_path)
    try:
        template = _environment(template_path.parent, options).from_string(source)
        template.filename = name
        parts: list[str] = []
        size = 0
        for part in template.generate(context):
            size += len(part)
            if size > MAX_OUTPUT_CHARS:
                raise _TooLong
            parts.append(part)
        return {"text": "".join(parts)}
    except jinja2.TemplateSyntaxError as error:
        return {
            "message": f"template syntax: {error.message}",
            "de": f"Vorlage, Syntax: {error.message}",  # Jinja's own words are English
            "file": error.filename or name,
            "line": error.lineno,
        }
    except Exception as error:  # every kind: a filter given the wrong type (AttributeError) too
        message, de = _message(error)
        return {"message": message, "de": de, "file": name, "line": _template_line(error, name)}


def _message(error: Exception) -> tuple[str, str]:
    """What went wrong, in English and German (what Jinja itself says stays English)."""
    import jinja2
    from jinja2.sandbox import SecurityError

    if isinstance(error, _Bounded):
        return f"refused: {error}", f"abgelehnt: {error.de}"
    if isinstance(error, SecurityError):
        return f"refused: {error}", f"abgelehnt: {error}"
    if isinstance(error, jinja2.TemplateError):
        return f"template: {error.message}", f"Vorlage: {error.message}"
    if isinstance(error, _TooLong):
        most = f"{MAX_OUTPUT_CHARS:,}"
        return (
            f"template: the output is longer than {most} characters",
            f"Vorlage: die Ausgabe ist länger als {most.replace(',', '.')} Zeichen",
        )
    if isinstance(error, RecursionError):
        return (
            "template: it includes, imports or calls itself without end",
            "Vorlage: sie bindet sich selbst ein, importiert oder ruft sich auf, ohne Ende",
        )
    if isinstance(error, MemoryError):
        megabytes = MEMORY_BYTES // 2**20
        return (
            f"template: it needs more than {megabytes} MB of memory",
            f"Vorlage: sie braucht mehr als {megabytes} MB Speicher",
        )
    return f"template: {error}", f"Vorlage: {error}"


class _TooLong(Exception):
    pass


class _Bounded(Exception):
    """A value too large to make, refused before it is made; in English and German."""

    def __init__(self, message: str, de: str) -> None:
        super().__init__(message)
        self.de = de


def _template_line(error: BaseException, name: str) -> int | None:
    """The template line an error happened on (Jinja keeps it in the traceback)."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == name:
            line = frame.lineno
    return line
