"""The README tells the truth: its commands are the ones CI runs, its excerpt is a real report."""

from __future__ import annotations

import re

from conftest import EXAMPLES, REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_ci_runs_the_readmes_test_command():
    test_command = next(line for block in _blocks("sh") for line in block.splitlines() if "pytest" in line)
    assert test_command in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_the_report_excerpt_is_from_the_committed_example():
    report = (EXAMPLES / "northwind-studio.md").read_text(encoding="utf-8")
    excerpt = _blocks("markdown")[0]
    lines = [line for line in excerpt.splitlines() if line.strip()]
    assert len(lines) >= 6
    for line in lines:
        quoted = line.split(" ... ")[0].removesuffix(" ...")
        assert quoted in report, line


def test_the_error_example_is_what_orgcheck_prints(orgcheck, tmp_path):
    shown = next(
        line for block in _blocks("console") for line in block.splitlines() if line.startswith("orgcheck:")
    )
    answers = tmp_path / "answers.yaml"
    text = (EXAMPLES / "beispiel-gmbh.yaml").read_text(encoding="utf-8")
    answers.write_text(text.replace("[marketing, pr, support]", "[markting, pr, support]"), encoding="utf-8")
    result = orgcheck("--answers", "answers.yaml", cwd=tmp_path)
    assert result.stderr.decode().strip() == shown
