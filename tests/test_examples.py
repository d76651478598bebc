"""The committed example reports are exactly what the code produces today.

After a deliberate change to the pack, engine or templates, run
``python examples/regenerate.py`` and review the diff of the reports.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import EXAMPLES

from orgcheck.doors.main import main

_spec = importlib.util.spec_from_file_location("regenerate", EXAMPLES / "regenerate.py")
assert _spec and _spec.loader
regenerate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regenerate)

CASES = regenerate.all_outputs()


def test_there_are_examples_in_both_languages_and_sizes():
    texts = [answers.read_text(encoding="utf-8") for answers in EXAMPLES.glob("*.yaml")]
    assert len(texts) >= 3
    assert any("language: de" in t for t in texts) and any("language: en" in t for t in texts)
    assert len({line for t in texts for line in t.splitlines() if "company_size:" in line}) >= 3


def test_the_team_example_is_four_people_of_one_company_who_disagree():
    from orgcheck.answers.validate import load_answers
    from orgcheck.engine.assess import assess
    from orgcheck.engine.record import record
    from orgcheck.engine.team import team
    from orgcheck.pack.load import load_pack

    pack = load_pack()
    files = sorted((EXAMPLES / "team").glob("*.yaml"))
    records = [record(pack, assess(pack, load_answers(f, pack))) for f in files]
    assert len(records) == 4 and len({r.organisation for r in records}) == 1
    assert len({r.language for r in records}) == 2  # answered in German and in English
    assert len(team(pack, records).gaps) >= 5


@pytest.mark.parametrize(("target", "arguments"), CASES, ids=[c[0].name for c in CASES])
def test_the_committed_report_matches_the_code(tmp_path: Path, target: Path, arguments: list[str]):
    produced = tmp_path / target.name
    assert main([*arguments, "-o", str(produced)]) == 0
    assert target.exists(), f"{target.name} is missing: run python examples/regenerate.py"
    assert produced.read_bytes() == target.read_bytes(), (
        f"{target.name} is out of date: run python examples/regenerate.py and review the diff"
    )
