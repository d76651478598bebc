"""The survey store: SQLite as a server's store, durable, concurrent, migrated, private."""

from __future__ import annotations

import sqlite3
import stat
import threading

import pytest

from orgcheck.errors import OrgcheckError
from orgcheck.store.surveys import DATABASE_NAME, MIGRATIONS, ResponseRow, SqliteStore, open_store
from orgcheck.survey.surveys import Surveys
from orgcheck.survey.tokens import digest


def test_the_database_is_wal_with_full_sync_a_timeout_and_its_schema_version(tmp_path):
    store = open_store(tmp_path / "data")
    connection = store._connection()
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert connection.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version() == len(MIGRATIONS)
    assert stat.S_IMODE((tmp_path / "data" / DATABASE_NAME).stat().st_mode) == 0o600  # the answers
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


def test_a_database_of_a_newer_orgcheck_is_refused_with_what_to_do(tmp_path):
    open_store(tmp_path)
    raw = sqlite3.connect(tmp_path / DATABASE_NAME)
    raw.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    raw.close()
    with pytest.raises(OrgcheckError, match="newer orgcheck"):
        open_store(tmp_path)


def test_opening_again_migrates_nothing_twice(tmp_path, pack):
    surveys = Surveys(open_store(tmp_path), pack)
    surveys.create("Q4", "en", count=2)
    again = Surveys(open_store(tmp_path), pack)
    assert [s.id for s in again.all()] == ["q4"] and again.progress("q4").invited == 2


def test_saving_a_response_twice_is_one_response(tmp_path, pack):
    surveys = Surveys(open_store(tmp_path), pack)
    _, (invite,) = surveys.create("Q4", "en", count=1)
    row = ResponseRow(digest(invite.token), "en", {"company_size": "1-9"}, "t0", "t0", None)
    surveys.store.save_response(row)
    surveys.store.save_response(row)
    surveys.store.save_response(row._replace(answers={"company_size": "10-49"}, updated="t1"))
    assert surveys.progress("q4").started == 1
    assert surveys.store.response(row.token_hash).answers == {"company_size": "10-49"}
    assert surveys.store.response(row.token_hash).started == "t0"


def test_writers_in_many_threads_wait_for_each_other_instead_of_failing(tmp_path, pack):
    surveys = Surveys(open_store(tmp_path), pack)
    _, invites = surveys.create("Q4", "en", count=40)
    failures: list[BaseException] = []

    def answer(index: int) -> None:
        try:
            for round_ in range(10):
                row = ResponseRow(digest(invites[index].token), "en", {"round": round_}, "t", "t", None)
                surveys.store.save_response(row)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=answer, args=(i,)) for i in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert surveys.progress("q4").started == 40
    assert all(r.answers == {"round": 9} for _, r in surveys.store.invites("q4") if r)


def test_a_backup_is_a_consistent_copy_taken_while_in_use(tmp_path, pack):
    surveys = Surveys(open_store(tmp_path / "live"), pack)
    surveys.create("Q4", "en", count=3)
    store = surveys.store
    assert isinstance(store, SqliteStore)
    store.backup(tmp_path / "backup.sqlite3")
    copy = SqliteStore(tmp_path / "backup.sqlite3")
    assert copy.integrity() == "ok" and copy.progress("q4").invited == 3


def test_one_time_admin_links_work_once_and_expire(tmp_path, pack):
    clock = ["2026-12-07T10:00:00+00:00"]
    surveys = Surveys(open_store(tmp_path), pack, now=lambda: clock[0])
    token = surveys.new_admin_link("http://x").rsplit("/", 1)[1]
    expired = surveys.new_admin_link("http://x").rsplit("/", 1)[1]
    session = surveys.log_in(token)
    assert session is not None and surveys.admin_session(session)
    assert surveys.log_in(token) is None  # used up
    clock[0] = "2026-12-08T10:00:01+00:00"  # a day and a second later
    assert surveys.log_in(expired) is None
    assert not surveys.admin_session(session)  # sessions end too
    assert surveys.log_in("not a token") is None and not surveys.admin_session(None)


def test_a_database_that_cannot_be_made_says_where_and_what_to_do(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OrgcheckError) as error:
        open_store(blocker / "data")
    assert "cannot open the survey database" in str(error.value) and "--data DIR" in str(error.value)
