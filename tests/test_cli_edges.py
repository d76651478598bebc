"""What reaches the terminal from the command line itself (issue 8, items 8, 9 and 10)."""

from __future__ import annotations

import subprocess
import sys

from conftest import EXAMPLES

EXAMPLE = EXAMPLES / "beispiel-gmbh.yaml"


def test_an_unknown_argument_with_an_escape_sequence_is_shown_escaped_on_one_line(orgcheck):
    result = orgcheck("--\x1b]52;c;aGk=\x07")  # OSC 52 would write to the clipboard
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "orgcheck: unrecognized arguments: --\\x1b]52;c;aGk=\\x07; see 'orgcheck --help'\n"
    )


def test_an_empty_answers_path_is_not_the_current_directory(orgcheck):
    result = orgcheck("--answers", "")
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "orgcheck: argument --answers: an empty path; give a file name; see 'orgcheck --help'\n"
    )


def test_a_huge_source_date_epoch_is_not_echoed_whole(orgcheck, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("date: 2026-11-22\n", ""), encoding="utf-8"
    )
    result = orgcheck("--answers", str(answers), env={"SOURCE_DATE_EPOCH": "9" * 5000})
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "orgcheck: SOURCE_DATE_EPOCH must be a Unix timestamp in whole seconds, not '" + "9" * 40 + "…'\n"
    )


def test_the_questionnaire_without_a_terminal_says_what_to_do_and_exits(tmp_path):
    """`orgcheck < /dev/null > out` drew escape codes into the file and never ended."""
    out = tmp_path / "out"
    with out.open("wb") as stdout:
        result = subprocess.run(
            [sys.executable, "-m", "orgcheck"],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=30,
        )
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "orgcheck: the questionnaire needs a terminal (standard input and output); without one, "
        "use 'orgcheck --answers FILE' (an answers file to fill in: 'orgcheck --example')\n"
    )
    assert out.read_bytes() == b""
