"""Writing reports never costs a user the file they had: atomic, with clear messages."""

from __future__ import annotations

import errno
import os

import pytest
from conftest import EXAMPLES

from orgcheck.cli import main
from orgcheck.errors import OrgcheckError
from orgcheck.files import write_atomic

EXAMPLE = EXAMPLES / "beispiel-gmbh.yaml"


def _fail_with(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


# Faults injected into writing a report (docs/reliability.md counts these).
FILE_FAULTS = [
    ("os.fsync", errno.ENOSPC, "No space left on device"),
    ("os.replace", errno.EACCES, "Permission denied"),
    ("os.replace", errno.EROFS, "Read-only file system"),
    ("tempfile.NamedTemporaryFile", errno.EACCES, "Permission denied"),
]


@pytest.mark.parametrize(("target", "code", "message"), FILE_FAULTS)
def test_a_failed_write_keeps_the_old_report_and_leaves_no_temporary_file(
    tmp_path, monkeypatch, capsys, target, code, message
):
    report = tmp_path / "report.md"
    report.write_text("the report from last week\n", encoding="utf-8")
    module, name = target.rsplit(".", 1)
    monkeypatch.setattr(f"orgcheck.files.{module}.{name}", _fail_with(code))
    status = main(["--answers", str(EXAMPLE), "-o", str(report)])
    stderr = capsys.readouterr().err
    assert status == 2
    assert stderr == f"orgcheck: {report}: cannot write the file: {message}; nothing was changed\n"
    assert report.read_text(encoding="utf-8") == "the report from last week\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_a_new_file_gets_the_usual_permissions_and_an_existing_one_keeps_its_own(tmp_path):
    fresh = tmp_path / "fresh.md"
    write_atomic(fresh, "x\n")
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    private = tmp_path / "private.md"
    private.write_text("old\n", encoding="utf-8")
    private.chmod(0o600)
    write_atomic(private, "new\n")
    assert private.stat().st_mode & 0o777 == 0o600
    assert private.read_text(encoding="utf-8") == "new\n"


def test_a_directory_as_output_is_refused(tmp_path):
    with pytest.raises(OrgcheckError, match="is a directory; give a file name"):
        write_atomic(tmp_path, "x")
