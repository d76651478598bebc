"""What orgcheck reads, as a user names it: file names that are not UTF-8, the entries of a
team's folder, pipes and devices (issue 22).

Each test runs the real command in a subprocess and checks its exit status, its one line
per problem and that nothing was written where nothing should be.
"""

from __future__ import annotations

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
    for command in (["team", str(tmp_path)], ["compare", str(tmp_path / NOT_UTF8), str(tmp_path / "ben.yaml")]):
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
