"""The team survey's storage: surveys, their invites and responses, and the admin's sessions.

One small interface (:class:`SurveyStore`) with one implementation here,
SQLite in the data directory, so that a server database (PostgreSQL) can take
its place for several hosts without the survey code changing.

SQLite as a server's store:

* WAL, so readers never wait for the writer, with ``synchronous=FULL``: a
  write is on the disk (the WAL fsynced) before it returns, so an answer the
  server has acknowledged survives kill -9 and a power cut. WAL needs a local
  disk (its shared memory does not work over NFS or SMB).
* One connection per thread (a connection is not to be shared between
  threads), each with ``busy_timeout`` so that workers wait for each other's
  writes instead of failing.
* Writes in ``BEGIN IMMEDIATE`` transactions: Python's implicit transactions
  begin deferred and upgrade to a write lock on the first write, where a
  concurrent writer makes them fail with SQLITE_BUSY at once, whatever the
  timeout.
* A schema version (``PRAGMA user_version``) with migrations, applied when a
  store is opened.
* Backups with ``VACUUM INTO`` (:meth:`SqliteStore.backup`), never a copy of
  the live file (a copy taken mid-write is torn, and misses the WAL).

What is kept is the answers, the surveys' settings and timestamps; no IP
address, no user agent. Tokens are kept only as their SHA-256 hashes.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from ..errors import Location, OrgcheckError, Problem
from .files import advice

DATABASE_NAME = "orgcheck-surveys.sqlite3"
BUSY_TIMEOUT_MS = 10_000

# Each entry takes the schema from the version before it to its own number (its index + 1).
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE surveys (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        organisation TEXT,
        language TEXT NOT NULL,
        named INTEGER NOT NULL,
        min_responses INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
        created TEXT NOT NULL,
        closed TEXT
    );
    CREATE TABLE invites (
        token_hash TEXT PRIMARY KEY,
        survey TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
        label TEXT,
        shuffle TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE INDEX invites_by_survey ON invites (survey);
    CREATE TABLE responses (
        token_hash TEXT PRIMARY KEY REFERENCES invites (token_hash) ON DELETE CASCADE,
        language TEXT NOT NULL,
        answers TEXT NOT NULL,
        started TEXT NOT NULL,
        updated TEXT NOT NULL,
        submitted TEXT
    );
    CREATE TABLE admin_links (token_hash TEXT PRIMARY KEY, expires TEXT NOT NULL);
    CREATE TABLE admin_sessions (session_hash TEXT PRIMARY KEY, expires TEXT NOT NULL);
    """,
)


class SurveyRow(NamedTuple):
    id: str
    title: str
    organisation: str | None
    language: str
    named: bool
    min_responses: int
    state: str  # open | closed
    created: str  # ISO 8601, UTC
    closed: str | None


class InviteRow(NamedTuple):
    token_hash: str
    survey: str
    label: str | None
    shuffle: str  # a random key: respondents are numbered in its order, which says nothing of time
    created: str


class ResponseRow(NamedTuple):
    token_hash: str
    language: str
    answers: dict[str, Any]  # question id -> answer, in the answers file's types
    started: str
    updated: str
    submitted: str | None


class Progress(NamedTuple):
    invited: int
    started: int
    submitted: int


class SurveyStore(Protocol):
    """What the survey needs of its storage; every write is durable when it returns."""

    @property
    def location(self) -> str:
        """Where the answers are kept, for the admin (a file, a database server)."""
        ...

    def backup(self, target: Path) -> None:
        """A consistent copy, taken while in use."""
        ...

    def secret(self) -> bytes: ...

    def add_survey(self, survey: SurveyRow, invites: Sequence[InviteRow]) -> None: ...

    def add_invites(self, invites: Sequence[InviteRow]) -> None: ...

    def surveys(self) -> list[SurveyRow]: ...

    def survey(self, survey_id: str) -> SurveyRow | None: ...

    def close_survey(self, survey_id: str, when: str) -> None: ...

    def delete_survey(self, survey_id: str) -> None: ...

    def invite(self, token_hash: str) -> InviteRow | None: ...

    def invites(self, survey_id: str) -> list[tuple[InviteRow, ResponseRow | None]]: ...

    def progress(self, survey_id: str) -> Progress: ...

    def response(self, token_hash: str) -> ResponseRow | None: ...

    def save_response(self, response: ResponseRow) -> None:
        """Insert or replace the response of its token (the same save twice changes nothing)."""
        ...

    def submitted(self, survey_id: str) -> list[tuple[InviteRow, ResponseRow]]:
        """The submitted responses, in the invites' shuffled order."""
        ...

    def add_admin_link(self, token_hash: str, expires: str) -> None: ...

    def take_admin_link(self, token_hash: str, now: str) -> bool:
        """Use up a one-time admin link: True once, if it exists and has not expired."""
        ...

    def add_admin_session(self, session_hash: str, expires: str) -> None: ...

    def admin_session_valid(self, session_hash: str, now: str) -> bool: ...

    def end_admin_session(self, session_hash: str) -> None: ...


class SqliteStore:
    """The survey store in one SQLite file (see the module's docstring for how it stays safe)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._create(path)
        with self._write() as connection:
            self._migrate(connection)

    # --- connections and transactions ------------------------------------------------

    @staticmethod
    def _create(path: Path) -> None:
        """The folder (0700) and an empty file (0600) before SQLite opens it: answers are private."""
        where = Location(str(path))
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
            os.close(descriptor)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise OrgcheckError(
                Problem(
                    f"cannot open the survey database: {reason}; {advice(exc)} (--data DIR)",
                    where,
                    de=f"die Umfrage-Datenbank ist nicht zu öffnen: {reason}; "
                    f"{advice(exc, 'de')} (--data ORDNER)",
                )
            ) from None

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            # isolation_level=None: no implicit transactions; writes say BEGIN IMMEDIATE themselves.
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA foreign_keys = ON")
            self._local.connection = connection
        return connection

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def close(self) -> None:
        """Close this thread's connection (others close with their threads)."""
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    def _migrate(self, connection: sqlite3.Connection) -> None:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise OrgcheckError(
                Problem(
                    f"the survey database is of a newer orgcheck (schema {version}); update orgcheck",
                    Location(str(self.path)),
                    de=f"die Umfrage-Datenbank stammt von einem neueren orgcheck (Schema {version}); "
                    "aktualisieren Sie orgcheck",
                )
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in filter(str.strip, script.split(";")):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number}")

    @property
    def location(self) -> str:
        return str(self.path)

    def schema_version(self) -> int:
        return int(self._connection().execute("PRAGMA user_version").fetchone()[0])

    def integrity(self) -> str:
        """'ok', or what SQLite's integrity check found."""
        return "\n".join(row[0] for row in self._connection().execute("PRAGMA integrity_check"))

    def backup(self, target: Path) -> None:
        """A consistent copy of the whole database, taken while it is in use (VACUUM INTO)."""
        try:
            self._connection().execute("VACUUM INTO ?", (str(target),))
        except sqlite3.OperationalError as exc:
            raise OrgcheckError(
                Problem(
                    f"cannot write the backup: {exc}; choose a folder you may write to",
                    Location(str(target)),
                    de=f"die Sicherung ist nicht zu schreiben: {exc}; wählen Sie einen Ordner, "
                    "in den Sie schreiben dürfen",
                )
            ) from None

    # --- the interface -------------------------------------------------------------------

    def secret(self) -> bytes:
        """This store's secret, for the forms' CSRF tokens; made once, the same for every worker."""
        row = self._connection().execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()
        if row is None:
            with self._write() as connection:
                connection.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('secret', ?)", (os.urandom(32).hex(),)
                )
                row = connection.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()
        return bytes.fromhex(row[0])

    def add_survey(self, survey: SurveyRow, invites: Sequence[InviteRow]) -> None:
        with self._write() as connection:
            connection.execute("INSERT INTO surveys VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", survey)
            connection.executemany("INSERT INTO invites VALUES (?, ?, ?, ?, ?)", invites)

    def add_invites(self, invites: Sequence[InviteRow]) -> None:
        with self._write() as connection:
            connection.executemany("INSERT INTO invites VALUES (?, ?, ?, ?, ?)", invites)

    def surveys(self) -> list[SurveyRow]:
        rows = self._connection().execute("SELECT * FROM surveys ORDER BY created, id").fetchall()
        return [_survey(row) for row in rows]

    def survey(self, survey_id: str) -> SurveyRow | None:
        row = self._connection().execute("SELECT * FROM surveys WHERE id = ?", (survey_id,)).fetchone()
        return None if row is None else _survey(row)

    def close_survey(self, survey_id: str, when: str) -> None:
        with self._write() as connection:
            connection.execute(
                "UPDATE surveys SET state = 'closed', closed = ? WHERE id = ? AND state = 'open'",
                (when, survey_id),
            )

    def delete_survey(self, survey_id: str) -> None:
        """The survey, its invites and every response, for good (and their pages freed)."""
        with self._write() as connection:
            connection.execute("DELETE FROM surveys WHERE id = ?", (survey_id,))
        self._connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def invite(self, token_hash: str) -> InviteRow | None:
        row = (
            self._connection().execute("SELECT * FROM invites WHERE token_hash = ?", (token_hash,)).fetchone()
        )
        return None if row is None else InviteRow(*row)

    def invites(self, survey_id: str) -> list[tuple[InviteRow, ResponseRow | None]]:
        rows = self._connection().execute(
            "SELECT i.*, r.* FROM invites i LEFT JOIN responses r ON r.token_hash = i.token_hash "
            "WHERE i.survey = ? ORDER BY i.created, i.shuffle",
            (survey_id,),
        )
        width = len(InviteRow._fields)
        return [(InviteRow(*row[:width]), _response(row[width:]) if row[width] else None) for row in rows]

    def progress(self, survey_id: str) -> Progress:
        row = (
            self._connection()
            .execute(
                "SELECT COUNT(*), COUNT(r.token_hash), COUNT(r.submitted) FROM invites i "
                "LEFT JOIN responses r ON r.token_hash = i.token_hash WHERE i.survey = ?",
                (survey_id,),
            )
            .fetchone()
        )
        return Progress(*row)

    def response(self, token_hash: str) -> ResponseRow | None:
        row = (
            self._connection()
            .execute("SELECT * FROM responses WHERE token_hash = ?", (token_hash,))
            .fetchone()
        )
        return None if row is None else _response(row)

    def save_response(self, response: ResponseRow) -> None:
        with self._write() as connection:
            connection.execute(
                "INSERT INTO responses VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (token_hash) DO UPDATE SET "
                "language = excluded.language, answers = excluded.answers, updated = excluded.updated, "
                "submitted = excluded.submitted",
                (*response[:2], json.dumps(response.answers, ensure_ascii=False), *response[3:]),
            )

    def submitted(self, survey_id: str) -> list[tuple[InviteRow, ResponseRow]]:
        rows = self._connection().execute(
            "SELECT i.*, r.* FROM invites i JOIN responses r ON r.token_hash = i.token_hash "
            "WHERE i.survey = ? AND r.submitted IS NOT NULL ORDER BY i.shuffle",
            (survey_id,),
        )
        width = len(InviteRow._fields)
        return [(InviteRow(*row[:width]), _response(row[width:])) for row in rows]

    def add_admin_link(self, token_hash: str, expires: str) -> None:
        with self._write() as connection:
            connection.execute("INSERT INTO admin_links VALUES (?, ?)", (token_hash, expires))

    def take_admin_link(self, token_hash: str, now: str) -> bool:
        with self._write() as connection:
            connection.execute("DELETE FROM admin_links WHERE expires <= ?", (now,))
            taken = connection.execute("DELETE FROM admin_links WHERE token_hash = ?", (token_hash,))
            return taken.rowcount == 1

    def add_admin_session(self, session_hash: str, expires: str) -> None:
        with self._write() as connection:
            connection.execute("INSERT INTO admin_sessions VALUES (?, ?)", (session_hash, expires))

    def admin_session_valid(self, session_hash: str, now: str) -> bool:
        row = (
            self._connection()
            .execute(
                "SELECT 1 FROM admin_sessions WHERE session_hash = ? AND expires > ?", (session_hash, now)
            )
            .fetchone()
        )
        return row is not None

    def end_admin_session(self, session_hash: str) -> None:
        with self._write() as connection:
            connection.execute("DELETE FROM admin_sessions WHERE session_hash = ?", (session_hash,))


def _survey(row: Sequence[Any]) -> SurveyRow:
    fields = list(row)
    fields[4] = bool(fields[4])
    return SurveyRow(*fields)


def _response(row: Sequence[Any]) -> ResponseRow:
    fields = list(row)
    fields[2] = json.loads(fields[2])
    return ResponseRow(*fields)


def open_store(directory: Path) -> SqliteStore:
    """The survey store in ``directory`` (made if need be)."""
    return SqliteStore(directory / DATABASE_NAME)
