"""orgcheck survey ... in a terminal, and orgcheck serve's own messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from orgcheck.doors.main import main

from .conftest import TEAM_ANSWERS


@pytest.fixture
def survey_cli(tmp_path, orgcheck):
    data = tmp_path / "data"

    def run(*args: str, **kwargs):
        return orgcheck("survey", *args, "--data", str(data), **kwargs)

    return run


def test_new_prints_the_id_and_one_link_a_line_or_the_contracts_json(survey_cli):
    result = survey_cli("new", "Social media Q4 2026", "--invites", "3", "--lang", "en")
    lines = result.stdout.decode().splitlines()
    assert result.returncode == 0 and lines[0] == "social-media-q4-2026" and len(lines) == 4
    assert all(line.startswith("http://127.0.0.1:8765/s/") for line in lines[1:])
    document = json.loads(
        survey_cli(
            "new",
            "Social media Q4 2026",
            "--invites",
            "2",
            "--format",
            "json",
            "--base-url",
            "https://s.example",
        ).stdout
    )
    assert list(document) == ["id", "title", "invites"] and document["id"] == "social-media-q4-2026-2"
    assert [list(i) for i in document["invites"]] == [["link", "label"]] * 2
    assert (
        document["invites"][0]["link"].startswith("https://s.example/s/")
        and document["invites"][0]["label"] is None
    )


def test_labels_need_a_named_survey_and_name_each_invite(survey_cli, tmp_path):
    labels = tmp_path / "people.txt"
    labels.write_text("Head of marketing\n\nHead of support\n", encoding="utf-8")
    refused = survey_cli("new", "Leaders", "--labels", str(labels))
    assert refused.returncode == 2 and "--named" in refused.stderr.decode()
    named = json.loads(
        survey_cli("new", "Leaders", "--labels", str(labels), "--named", "--format", "json").stdout
    )
    assert [i["label"] for i in named["invites"]] == ["Head of marketing", "Head of support"]


def test_list_show_close_and_invites_say_the_state(survey_cli):
    survey_cli("new", "Q4", "--invites", "2")
    assert survey_cli("list").stdout.decode() == "q4\topen\t0/2 submitted, 0 started\tQ4\n"
    listed = json.loads(survey_cli("list", "--format", "json").stdout)
    assert listed == [
        {"id": "q4", "title": "Q4", "state": "open", "invited": 2, "started": 0, "submitted": 0}
    ]
    assert "state: open" in survey_cli("show", "q4").stdout.decode()
    assert survey_cli("invites", "q4", "--format", "csv").stdout.decode() == "state\ninvited\ninvited\n"
    added = survey_cli("invites", "q4", "--add", "2", "--format", "json")
    assert [row["state"] for row in json.loads(added.stdout)] == ["new", "new"]
    assert "state: closed" in survey_cli("close", "q4").stdout.decode()
    refused = survey_cli("invites", "q4", "--add", "1")
    assert refused.returncode == 2 and "closed" in refused.stderr.decode()


def test_an_unknown_survey_names_the_ones_there_are(survey_cli):
    survey_cli("new", "Social media Q4", "--invites", "1")
    result = survey_cli("show", "social-media-q5")
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "orgcheck: no survey 'social-media-q5' (did you mean 'social-media-q4'?); the surveys: social-media-q4\n"
    )


def test_delete_asks_on_a_terminal_and_without_one_needs_yes(survey_cli):
    survey_cli("new", "Q4", "--invites", "1")
    refused = survey_cli("delete", "q4")
    assert refused.returncode == 2 and "add --yes" in refused.stderr.decode()
    assert survey_cli("delete", "q4", "--yes").stdout.decode() == "deleted q4\n"
    assert survey_cli("list").stdout == b""


def test_export_needs_enough_responses_and_then_writes_files_team_reads(tmp_path, surveys, client, orgcheck):
    from .conftest import survey_with_responses

    survey, _ = surveys.create("Few", "en", count=2)
    data = str(tmp_path / "data")
    few = orgcheck("survey", "export", survey.id, "-o", str(tmp_path / "few"), "--data", data)
    assert few.returncode == 2 and "has 0 of the 3 responses" in few.stderr.decode()
    survey_id, _ = survey_with_responses(client, surveys, 3)
    result = orgcheck("survey", "export", survey_id, "-o", str(tmp_path / "out"), "--data", data)
    assert result.returncode == 0 and len(result.stdout.decode().splitlines()) == 3
    assert orgcheck("team", str(tmp_path / "out")).returncode == 0
    again = orgcheck("survey", "export", survey_id, "-o", str(tmp_path / "out"), "--data", data)
    assert again.returncode == 2 and "is not an empty folder" in again.stderr.decode()
    assert len(TEAM_ANSWERS) == 4


def test_admin_link_prints_a_one_time_link(survey_cli):
    link = survey_cli("admin-link", "--base-url", "https://s.example").stdout.decode().strip()
    assert link.startswith("https://s.example/admin/login/") and len(link.rsplit("/", 1)[1]) >= 32


def test_serve_without_its_extra_says_how_to_install_it(monkeypatch, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "starlette" else real(name, *a)
    )
    assert main(["serve"]) == 2
    assert capsys.readouterr().err == (
        "orgcheck: orgcheck serve needs the survey door's packages (starlette); "
        "install them with: pip install 'orgcheck[serve]'\n"
    )


def test_serve_refuses_a_threshold_under_three_and_a_port_in_use(tmp_path, orgcheck):
    low = orgcheck("serve", "--data", str(tmp_path), "--min-responses", "2")
    assert low.returncode == 2 and "at least 3" in low.stderr.decode()
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = orgcheck("serve", "--data", str(tmp_path), "--port", str(port))
    assert busy.returncode == 2
    assert busy.stderr.decode().startswith(f"orgcheck: cannot listen on 127.0.0.1:{port}: ")


def test_the_headless_path_imports_none_of_the_web_server(tmp_path):
    probe = (
        "import sys\n"
        "from orgcheck.doors.main import main\n"
        f"status = main(['--answers', {str(tmp_path / 'missing.yaml')!r}])\n"
        "main(['survey', 'list', '--data', " + repr(str(tmp_path)) + "])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'multipart', 'anyio')"
        " or m.startswith('orgcheck.doors.serve.') and not m.endswith('.command'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=os.environ
    )
    assert result.stdout.strip() == "[]", result.stderr


def test_backup_is_a_consistent_copy_that_opens_as_a_survey_database(survey_cli, tmp_path):
    survey_cli("new", "Q4", "--invites", "2")
    result = survey_cli("backup", "-o", str(tmp_path / "backup.sqlite3"))
    assert result.returncode == 0, result.stderr
    from orgcheck.store.surveys import SqliteStore

    copy = SqliteStore(tmp_path / "backup.sqlite3")
    assert copy.integrity() == "ok" and copy.progress("q4").invited == 2
    again = survey_cli("backup", "-o", str(tmp_path / "backup.sqlite3"))
    assert again.returncode == 2 and "exists already" in again.stderr.decode()
