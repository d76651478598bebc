"""The committed example reports are exactly what the code produces today.

After a deliberate change to the pack, engine or templates, run
``python examples/regenerate.py`` and review the diff of the reports.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import EXAMPLES

from orgcheck.cli import main

_spec = importlib.util.spec_from_file_location("regenerate", EXAMPLES / "regenerate.py")
assert _spec and _spec.loader
regenerate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regenerate)

CASES = [
    (answers, target, extra)
    for answers in sorted(EXAMPLES.glob("*.yaml"))
    for target, extra in regenerate.outputs(answers)
]


def test_there_are_examples_in_both_languages_and_sizes():
    texts = [answers.read_text(encoding="utf-8") for answers in EXAMPLES.glob("*.yaml")]
    assert len(texts) >= 3
    assert any("language: de" in t for t in texts) and any("language: en" in t for t in texts)
    assert len({line for t in texts for line in t.splitlines() if "company_size:" in line}) >= 3


@pytest.mark.parametrize(("answers", "target", "extra"), CASES, ids=[c[1].name for c in CASES])
def test_the_committed_report_matches_the_code(tmp_path: Path, answers: Path, target: Path, extra: list[str]):
    produced = tmp_path / target.name
    assert main(["--answers", str(answers), "-o", str(produced), *extra]) == 0
    assert target.exists(), f"{target.name} is missing: run python examples/regenerate.py"
    assert produced.read_bytes() == target.read_bytes(), (
        f"{target.name} is out of date: run python examples/regenerate.py and review the diff"
    )
