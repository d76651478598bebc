"""What orgcheck reads, as a user names it: file names that are not UTF-8, the entries of a
team's folder, pipes and devices (issue 22).

Each test runs the real command in a subprocess and checks its exit status, its one line
per problem and that nothing was written where nothing should be.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys

import pytest
from conftest import EXAMPLES, run_orgcheck

ANNA = EXAMPLES / "beispiel-gmbh.yaml"
BEN = EXAMPLES / "northwind-studio.yaml"
# Legal on Linux and macOS' case-insensitive file systems refuse it; bytes, as a user's ls shows them.
NOT_UTF8 = os.fsdecode(b"bad\xff.yaml")

needs_byte_names = pytest.mark.skipif(
    sys.platform != "linux", reason="only Linux takes any byte in a file name"
)


def _traceback_free(result) -> str:
    err = result.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return err


# --- file names that are not UTF-8 (issue 22, point 1) ------------------------------------


@needs_byte_names
@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_a_file_name_that_is_not_utf8_is_named_as_ls_shows_it_in_team_and_compare(tmp_path, fmt):
    shutil.copy(ANNA, tmp_path / NOT_UTF8)
    shutil.copy(BEN, tmp_path / "ben.yaml")
    for command in (
        ["team", str(tmp_path)],
        ["compare", str(tmp_path / NOT_UTF8), str(tmp_path / "ben.yaml")],
    ):
        result = run_orgcheck(*command, "--format", fmt)
        _traceback_free(result)
        assert result.returncode == 0
        text = result.stdout.decode("utf-8")  # the report is UTF-8, whatever the name
        if fmt == "json":
            document = json.loads(text)
            sides = document.get("respondents") or [document["before"], document["after"]]
            assert "bad\\xff.yaml" in [side["file"] for side in sides]
        else:
            assert "bad" in text and "xff.yaml" in text


@needs_byte_names
def test_a_problem_in_a_file_whose_name_is_not_utf8_names_it_with_the_byte_escaped(tmp_path):
    (tmp_path / NOT_UTF8).write_text("answers: {company_size: huge}\n", encoding="utf-8")
    shutil.copy(BEN, tmp_path / "ben.yaml")
    for command in (
        ["--answers", str(tmp_path / NOT_UTF8)],
        ["team", str(tmp_path)],
        ["compare", str(tmp_path / NOT_UTF8), str(tmp_path / "ben.yaml")],
    ):
        result = run_orgcheck(*command, "-o", str(tmp_path / "out.md"))
        err = _traceback_free(result)
        assert result.returncode == 2
        assert f"orgcheck: {tmp_path}/bad\\xff.yaml:1:11: 'company_size': 'huge' is not an option" in err
        assert not (tmp_path / "out.md").exists()


# --- a team's folder (issue 22, point 2) ---------------------------------------------------


def _team_folder(tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    shutil.copy(ANNA, folder / "anna.yaml")
    shutil.copy(BEN, folder / "ben.yaml")
    return folder


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda entry: entry.symlink_to("carla.yaml"),
            "is a symbolic link to 'carla.yaml', which does not exist; give the file itself, or remove the link",
        ),
        (
            lambda entry: entry.symlink_to(entry.name),
            "is a loop of symbolic links; give the file itself, or remove the link",
        ),
        (
            lambda entry: os.mkfifo(entry),
            "is a pipe, not an answers file; every *.yaml and *.yml in a folder must be one "
            "(rename it, or name the files you mean)",
        ),
        (
            lambda entry: entry.mkdir(),
            "is a folder, not an answers file; every *.yaml and *.yml in a folder must be one "
            "(rename it, or name the files you mean)",
        ),
    ],
    ids=["link-to-nothing", "link-loop", "pipe", "folder"],
)
def test_an_entry_of_a_team_folder_that_is_no_file_is_a_bad_file_named_and_nothing_is_written(
    tmp_path, make, message
):
    """Was: a loop an internal error (exit 1), a link to nothing silently one person fewer."""
    folder = _team_folder(tmp_path)
    make(folder / "carla.yml")
    (folder / "anna.yaml").write_text("answers: {company_size: huge}\n", encoding="utf-8")
    result = run_orgcheck("team", str(folder), "-o", str(tmp_path / "team.md"))
    err = _traceback_free(result)
    assert result.returncode == 2
    assert f"orgcheck: {folder}/carla.yml: {message}\n" in err
    assert f"orgcheck: {folder}/anna.yaml:1:11: 'company_size'" in err  # and every other problem
    assert not (tmp_path / "team.md").exists()


def test_hidden_entries_of_a_team_folder_are_not_read_as_a_shell_would_not(tmp_path):
    """An editor's lock (.#anna.yaml, a link to nothing) or macOS' ._anna.yaml is no respondent."""
    folder = _team_folder(tmp_path)
    (folder / ".#anna.yaml").symlink_to("user@host.1234:1700000000")
    (folder / "._ben.yaml").write_bytes(b"\x00\x05\x16\x07 AppleDouble")
    result = run_orgcheck("team", str(folder), "--format", "json")
    assert result.returncode == 0, _traceback_free(result)
    assert [r["file"] for r in json.loads(result.stdout)["respondents"]] == ["anna.yaml", "ben.yaml"]


def test_the_rule_for_a_folders_entries_is_in_teams_help():
    text = " ".join(run_orgcheck("team", "--help").stdout.decode().split())
    assert "A folder's *.yaml and *.yml are read (not hidden ones, not its subfolders)" in text
    assert "a link to nothing, a folder or a pipe under such a name is an error" in text


# --- pipes and devices (issue 22, points 6 and 8) ----------------------------------------


def test_a_template_that_never_ends_is_named_as_a_template_and_a_device(tmp_path):
    """Was: '--template /dev/zero' said 'an answers file is a few kB'."""
    result = run_orgcheck("--answers", str(ANNA), "--template", "/dev/zero", "-o", str(tmp_path / "r.md"))
    assert result.returncode == 2
    assert _traceback_free(result) == (
        "orgcheck: /dev/zero: is a character device that gave more than 1,000,000 bytes "
        "(it may never end); a template is a few kB\n"
    )
    assert not (tmp_path / "r.md").exists()


def test_answers_from_a_process_substitution_are_read(tmp_path):
    """`orgcheck --answers <(...)`: the shell gives a pipe, which is read to its end."""
    if shutil.which("bash") is None:
        pytest.skip("needs bash for <(...)")
    import subprocess

    command = f"{sys.executable} -m orgcheck --answers <(cat {ANNA}) --format json"
    result = subprocess.run(["bash", "-c", command], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["organisation"] == "Beispiel GmbH"


def test_a_named_pipe_as_answers_waits_for_its_writer_and_ctrl_c_ends_the_wait(tmp_path):
    import signal
    import subprocess

    pipe = tmp_path / "answers.fifo"
    os.mkfifo(pipe)
    # ctrl+c as in a terminal (a shell's background job starts with SIGINT ignored).
    code = (
        "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "from orgcheck.doors.main import main; sys.exit(main(sys.argv[1:]))\n"
    )

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-c", code, "--answers", str(pipe), "-o", str(tmp_path / "r.md")],
            stderr=subprocess.PIPE,
        )

    reader = start()
    with open(pipe, "wb") as writer:  # opens once orgcheck has opened the pipe to read it
        writer.write(ANNA.read_bytes())
    assert reader.wait(timeout=60) == 0, reader.stderr.read() if reader.stderr else ""
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Verantwortung")
    (tmp_path / "r.md").unlink()

    waiting = start()
    try:
        _wait_until_it_has_opened(waiting.pid, pipe)
        waiting.send_signal(signal.SIGINT)
        _, err = waiting.communicate(timeout=60)
    finally:
        if waiting.poll() is None:
            waiting.kill()
            waiting.wait()
    assert waiting.returncode == 128 + signal.SIGINT
    assert err.decode() == "orgcheck: stopped by SIGINT; no file was changed\n"
    assert not (tmp_path / "r.md").exists()


def _wait_until_it_has_opened(pid: int, path) -> None:
    """Until process ``pid`` holds ``path`` open (what it does, read from /proc)."""
    import time

    if not os.path.isdir(f"/proc/{pid}/fd"):
        pytest.skip("needs /proc to see what the process has opened")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if any(os.readlink(f"/proc/{pid}/fd/{fd}") == str(path) for fd in os.listdir(f"/proc/{pid}/fd")):
                return
        time.sleep(0.01)
    pytest.fail(f"the process never opened {path}")
