"""orgcheck compare: progress between two assessments of one organisation."""

from __future__ import annotations

import json

from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_team import random_values, record_of

from orgcheck.engine.compare import compare

PROGRESS = EXAMPLES / "progress"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6))
def test_a_file_compared_with_itself_shows_no_change(pack, seed):
    same = record_of(pack, random_values(pack, seed), "a.yaml")
    result = compare(pack, same, same)
    assert result.overall_delta == 0 and all(delta == 0 for _, delta in result.dimension_deltas)
    assert result.resolved == result.new == result.answers_changed == ()
    assert not result.recommendation_changed


def test_resolved_new_and_still_open_findings_and_the_answers_that_changed(pack, answers_of):
    base = dict(answers_of().values)
    before = record_of(pack, {**base, "guidelines": False, "budget": "campaign"}, "q1.yaml")
    after = record_of(pack, {**base, "guidelines": True, "budget": "none"}, "q4.yaml")
    result = compare(pack, before, after)
    assert "no-guidelines" in result.resolved and "no-guidelines" not in result.still_open
    assert "no-budget" in result.new
    assert result.answers_changed == ("budget", "guidelines")
    assert result.overall_delta == after.overall - before.overall


def test_compare_json_has_the_contracts_keys_and_says_which_pack(orgcheck, tmp_path):
    result = orgcheck(
        "compare",
        str(PROGRESS / "2026-q1.yaml"),
        str(PROGRESS / "2026-q4.yaml"),
        "-o",
        str(tmp_path / "p.json"),
    )
    assert result.returncode == 0, result.stderr
    document = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert document["kind"] == "comparison"
    assert document["before"]["file"] == "2026-q1.yaml" and document["before"]["date"] == "2026-03-02"
    assert (
        document["delta"]["overall"]
        == document["after"]["score"]["overall"] - document["before"]["score"]["overall"]
    )
    assert set(document["findings"]) == {"resolved", "new", "still_open"}
    assert "departments" in document["answers_changed"]


def test_the_progress_report_says_both_files_were_assessed_with_the_pack_in_use(orgcheck):
    result = orgcheck(
        "compare", str(PROGRESS / "2026-q1.yaml"), str(PROGRESS / "2026-q4.yaml"), "--lang", "en"
    )
    text = result.stdout.decode()
    assert "assessed again with the questions, rules and weights in use today" in text
    assert "| Overall score | 4 | 79 | +75 |" in text


def test_problems_in_both_files_are_reported_before_anything_is_written(orgcheck, tmp_path):
    (tmp_path / "a.yaml").write_text("answers:\n  budget: lots\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("answers: [\n", encoding="utf-8")
    result = orgcheck(
        "compare", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "-o", str(tmp_path / "p.md")
    )
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert f"{tmp_path / 'a.yaml'}:2:3: 'budget': 'lots' is not an option" in stderr
    assert f"{tmp_path / 'b.yaml'}:" in stderr
    assert not (tmp_path / "p.md").exists()
