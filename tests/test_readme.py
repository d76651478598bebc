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


def test_the_error_examples_are_what_orgcheck_prints(orgcheck, tmp_path):
    """Each `$ orgcheck ...` in a console block and the line it prints (the file says
    `language: de`: without --lang its messages are German)."""
    answers = tmp_path / "answers.yaml"
    text = (EXAMPLES / "beispiel-gmbh.yaml").read_text(encoding="utf-8")
    answers.write_text(text.replace("[marketing, pr, support]", "[markting, pr, support]"), encoding="utf-8")
    lines = [line for block in _blocks("console") for line in block.splitlines()]
    examples = [(lines[i][2:], lines[i + 1]) for i in range(len(lines) - 1) if lines[i].startswith("$ ")]
    assert len(examples) >= 2
    for command, shown in examples:
        result = orgcheck(*command.split()[1:], cwd=tmp_path)
        assert result.stderr.decode().strip() == shown, command
