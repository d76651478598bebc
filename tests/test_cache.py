"""The pack cache and Jinja's bytecode cache cost start-up time at worst: never a run, never control.

Each test runs the real command against a cache folder that someone else planted, that is
damaged, full or read-only, and checks that the report is the one without a cache.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_orgcheck

EXAMPLE = EXAMPLES / "beispiel-gmbh.yaml"
NOBODY = 65534


def _report(**env: str) -> bytes:
    result = run_orgcheck("--answers", str(EXAMPLE), env={"ORGCHECK_CACHE_DIR": "", **env})
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def expected() -> bytes:
    return _report()


class _Planted:
    """A pickle that, once unpickled, creates ``marker``: proof that the cache ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def _as_someone_else(path: Path) -> None:
    """Make ``path`` a file the running user must not trust: another user's, or writable by all."""
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    else:
        path.chmod(0o666)


def _warm(cache: Path) -> list[Path]:
    """Run once so that every cache file exists; their paths."""
    result = run_orgcheck("--answers", str(EXAMPLE), env={"ORGCHECK_CACHE_DIR": str(cache)})
    assert result.returncode == 0, result.stderr
    files = sorted(p for p in cache.rglob("*") if p.is_file())
    assert any(p.parent == cache for p in files) and any(p.parent.name == "templates" for p in files)
    return files


def test_a_cache_planted_in_a_shared_folder_runs_no_code(tmp_path, expected):
    """ORGCHECK_CACHE_DIR=/tmp/shared (mode 1777): another user's files under the predictable names."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    marker = tmp_path / "planted-code-ran"
    for path in _warm(shared):
        if path.parent == shared:  # the pack and strings caches, under the old (pickle) and new name
            for name in (path.with_suffix(".pickle"), path.with_suffix(".json")):
                name.write_bytes(pickle.dumps(_Planted(marker)))
                _as_someone_else(name)
        else:  # Jinja's bytecode cache: its header, then the pickle Jinja unpickles first
            import jinja2.bccache

            path.write_bytes(jinja2.bccache.bc_magic + pickle.dumps(_Planted(marker)))
            _as_someone_else(path)
    result = run_orgcheck("--answers", str(EXAMPLE), env={"ORGCHECK_CACHE_DIR": str(shared)})
    assert not marker.exists(), "a planted cache file ran code"
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout == expected


def _shown_question(pack) -> str:
    return pack.questions[0].text.en  # in the answers table


def _shown_word(pack) -> str:
    from orgcheck.report.localizer import report_strings

    return report_strings()["summary"]["en"]  # a heading


@pytest.mark.parametrize(
    ("kind", "shown_text"), [("pack", _shown_question), ("strings-templates", _shown_word)]
)
def test_a_planted_cache_in_plain_json_is_not_believed(tmp_path, pack, kind, shown_text):
    """Data can lie too: someone else's well-formed cache file (the pack, the report's words)
    must not change the report."""
    import json

    english = ("--answers", str(EXAMPLE), "--lang", "en")
    without_cache = run_orgcheck(*english, env={"ORGCHECK_CACHE_DIR": ""}).stdout
    cache = tmp_path / "cache"
    (cache_file,) = (p for p in _warm(cache) if p.name.startswith(f"{kind}-"))
    text = cache_file.read_text(encoding="utf-8")
    shown = json.dumps(shown_text(pack), ensure_ascii=False)
    assert shown in text and shown.encode()[1:-1] in without_cache
    cache_file.write_text(text.replace(shown, '"PLANTED"'), encoding="utf-8")
    env = {"ORGCHECK_CACHE_DIR": str(cache)}
    own = run_orgcheck(*english, env=env)
    assert b"PLANTED" in own.stdout  # the user's own cache file is believed: the check below can fail
    _as_someone_else(cache_file)
    result = run_orgcheck(*english, env=env)
    assert result.returncode == 0 and result.stdout == without_cache


def test_a_damaged_cache_only_costs_time(tmp_path, expected):
    cache = tmp_path / "cache"
    import jinja2.bccache

    for path in _warm(cache):
        # Jinja's files keep their header, so Jinja goes on to unpickle the garbage.
        header = jinja2.bccache.bc_magic if path.parent.name == "templates" else b""
        path.write_bytes(header + b"\x80\x04garbage" + bytes(range(64)))
    result = run_orgcheck("--answers", str(EXAMPLE), env={"ORGCHECK_CACHE_DIR": str(cache)})
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout == expected
    again = run_orgcheck("--answers", str(EXAMPLE), env={"ORGCHECK_CACHE_DIR": str(cache)})
    assert again.stdout == expected  # and the cache was written anew


def test_a_cache_folder_that_is_a_file_only_costs_time(tmp_path, expected):
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder\n", encoding="utf-8")
    result = run_orgcheck("--answers", str(EXAMPLE), env={"ORGCHECK_CACHE_DIR": str(blocker)})
    assert result.returncode == 0 and result.stderr == b"" and result.stdout == expected


# The command with one file operation failing for every file it writes (only the caches here:
# the report goes to standard output).
FAILING = """
import errno, os, sys
def fail(*args, **kwargs):
    raise OSError(errno.{code}, os.strerror(errno.{code}))
os.{call} = fail
from orgcheck.doors.main import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("call", "code"),
    [("fsync", "ENOSPC"), ("replace", "EROFS"), ("mkdir", "EROFS"), ("replace", "EACCES")],
)
def test_a_full_or_read_only_cache_only_costs_time(tmp_path, expected, call, code):
    cache = tmp_path / "cache"
    if call != "mkdir":
        (cache / "templates").mkdir(parents=True)
    result = subprocess.run(
        [sys.executable, "-c", FAILING.format(call=call, code=code), "--answers", str(EXAMPLE)],
        env={**os.environ, "ORGCHECK_CACHE_DIR": str(cache)},
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert result.stdout == expected
    assert not [p for p in cache.rglob("*") if p.is_file()]  # nothing half-written left


def test_the_cached_pack_is_the_validated_pack(tmp_path, monkeypatch):
    from orgcheck.pack import cache as packcache
    from orgcheck.pack.load import PACK_FILES, validate_pack
    from orgcheck.resources import questions_dir
    from orgcheck.yamlio.source import read_text

    monkeypatch.setenv("ORGCHECK_CACHE_DIR", str(tmp_path))
    sources = {name: read_text(questions_dir() / name) for name in PACK_FILES}
    pack = validate_pack(questions_dir(), sources)
    key = packcache.key(sources)
    packcache.write(key, pack)
    assert packcache.read(key) == pack
    (cached,) = tmp_path.glob("pack-*.json")
    assert cached.stat().st_mode & 0o777 == 0o600


def test_a_link_planted_under_a_cache_name_never_overwrites_what_it_points_to(tmp_path, expected):
    """A link at pack-<key>.json to someone's file: writing the cache must replace the link, not the file."""
    shared = tmp_path / "shared"
    cache_names = [p.relative_to(shared) for p in _warm(shared)]
    victim = tmp_path / "victim"
    victim.write_text("precious\n", encoding="utf-8")
    for name in cache_names:
        (shared / name).unlink()
        (shared / name).symlink_to(victim)
    result = run_orgcheck("--answers", str(EXAMPLE), env={"ORGCHECK_CACHE_DIR": str(shared)})
    assert result.returncode == 0 and result.stdout == expected
    assert victim.read_text(encoding="utf-8") == "precious\n"
    for name in cache_names:
        status = (shared / name).lstat()
        assert status.st_mode & 0o170777 == 0o100600 and status.st_uid == os.geteuid(), name


def _someone_elses(path: Path) -> None:
    """Make ``path`` (a link: not followed) belong to another user, or, not as root, writable by all."""
    if os.geteuid() == 0:
        os.lchown(path, NOBODY, NOBODY)


@pytest.mark.parametrize("whose", ["another user's", "the user's own"])
def test_a_templates_link_in_the_cache_folder_is_never_followed(tmp_path, expected, whose):
    """Was: in a shared 1777 cache folder another user's `templates` link was followed and
    Jinja's bytecode written where it pointed. No entry orgcheck did not make is trusted."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    elsewhere.chmod(0o777)
    (shared / "templates").symlink_to(elsewhere)
    if whose == "another user's":
        _someone_elses(shared / "templates")
        _someone_elses(elsewhere)
    result = run_orgcheck("--answers", str(EXAMPLE), env={"ORGCHECK_CACHE_DIR": str(shared)})
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout == expected
    assert list(elsewhere.iterdir()) == []
    assert (shared / "templates").is_symlink()  # left as it was


def test_another_users_templates_folder_in_the_cache_folder_is_not_used(tmp_path, expected):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    (shared / "templates").mkdir(mode=0o777)
    (shared / "templates").chmod(0o777)  # whatever the umask: writable by all
    result = run_orgcheck("--answers", str(EXAMPLE), env={"ORGCHECK_CACHE_DIR": str(shared)})
    assert result.returncode == 0 and result.stdout == expected
    assert list((shared / "templates").iterdir()) == []
