"""orgcheck compare: progress between two assessments of one organisation."""

from __future__ import annotations

import json
import random
from typing import Any

from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_team import random_values, record_of

from orgcheck.answers.validate import is_asked
from orgcheck.engine.compare import PROBLEM_SEVERITIES, compare
from orgcheck.pack.conditions import leaves
from orgcheck.questionnaire.flow import open_options

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


# --- findings matched by cause ----------------------------------------------------------------


def rule_questions(pack: Any, finding_id: str) -> set[str]:
    """The questions a finding's rule (and its escalations) read: what can make it fire or not."""
    rule = pack.finding(finding_id)
    return {
        leaf.question
        for condition in (rule.when, *(e.when for e in rule.escalate))
        for leaf in leaves(condition)
    }


def carrier(side: Any, cause: str) -> str:
    """The id under which a rule that fired is reported: its own, or the finding that folded it in."""
    return next(f.id for f in side.findings if cause in f.causes)


def with_other_answers(pack: Any, values: dict[str, Any], kept: set[str], seed: int) -> dict[str, Any] | None:
    """``values`` with the answers outside ``kept`` chosen afresh at random (each valid given
    the answers before it, in the questionnaire's order), the answers to ``kept`` exactly as
    they were; None where that cannot be (a kept answer would no longer be asked)."""
    rng = random.Random(seed)
    fresh = random_values(pack, seed)
    result: dict[str, Any] = {}
    for question in pack.questions:
        if question.type == "text" or not is_asked(question, result):
            if question.id in kept and question.id in values:
                return None
            continue
        open_values = [o.value for o in open_options(pack, question, result)]

        def fits(value: Any, question: Any = question, open_values: list[Any] = open_values) -> bool:
            if question.type == "multi":
                return set(value) <= set(open_values) and len(value) >= (question.min_items or 0)
            return question.type != "single" or value in open_values

        if question.id in kept:
            if question.id not in values or not fits(values[question.id]):
                return None  # the other answers no longer allow it
            result[question.id] = values[question.id]
            continue
        tried = [fresh.get(question.id)] if rng.random() < 0.6 else []
        choices = [v for v in [*tried, values.get(question.id)] if v is not None and fits(v)]
        if choices:
            result[question.id] = choices[0]
        elif question.type == "multi" and not question.min_items:
            result[question.id] = []
        elif open_values:
            result[question.id] = (
                [rng.choice(open_values)] if question.type == "multi" else rng.choice(open_values)
            )
        else:
            return None
    return result


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
@given(seed=st.integers(0, 10**6), other=st.integers(0, 10**6))
def test_a_finding_whose_answers_did_not_change_is_still_open_whatever_else_changed(pack, seed, other):
    """For each rule that fired before, only answers it does not read change: it fires after
    too, perhaps under another id (folded into a finding that starts or stops firing, or no
    longer folded). Then it is still open, never resolved and new."""
    before_values = random_values(pack, seed)
    before = record_of(pack, before_values, "before.yaml")
    causes = [c for f in before.findings if f.severity in PROBLEM_SEVERITIES for c in sorted(f.causes)]
    for number, cause in enumerate(causes):
        after_values = with_other_answers(pack, before_values, rule_questions(pack, cause), other + number)
        if after_values is None:
            continue
        after = record_of(pack, after_values, "after.yaml")
        assert cause in after.causes  # its rule read the same answers
        result = compare(pack, before, after)
        then, now = carrier(before, cause), carrier(after, cause)
        assert now in result.still_open and now not in result.new, (cause, then, now)
        assert then not in result.resolved, (cause, then, now)
        if then != now:
            assert any(m.after == now and then in m.before and cause in m.shared for m in result.matched)


def test_sales_joining_a_marketing_only_setup_leaves_support_still_open_not_new(pack, answers_of):
    """Before: marketing alone (which folds in 'support is not involved'). After: sales joins,
    support still is not there. Marketing is no longer alone, but the support gap is not new."""
    alone = dict(answers_of(departments=["marketing"], editorial=["marketing"], lead="marketing").values)
    with_sales = {**alone, "departments": ["marketing", "sales"]}
    before, after = record_of(pack, alone, "q1.yaml"), record_of(pack, with_sales, "q4.yaml")
    assert "marketing-only" in before.finding_ids and "support-not-involved" in after.finding_ids
    result = compare(pack, before, after)
    assert "support-not-involved" in result.still_open
    assert "support-not-involved" not in result.new and "marketing-only" not in result.resolved
    assert result.matched[0]._asdict() == {
        "after": "support-not-involved",
        "before": ("marketing-only",),
        "shared": ("support-not-involved",),
    }
    backwards = compare(pack, after, before)  # and the other way round: still open, not resolved
    assert "marketing-only" in backwards.still_open and "support-not-involved" not in backwards.resolved


def test_a_new_finding_names_the_changed_answers_that_brought_it_in(pack, answers_of):
    """Appointing a social media manager makes the missing guidelines count: new, because of
    the appointment, while the answer on guidelines stayed the same."""
    base = dict(
        answers_of(departments=["marketing", "support"], dedicated_team="none", guidelines=False).values
    )
    before = record_of(pack, base, "q1.yaml")
    after = record_of(pack, {**base, "dedicated_team": "individual"}, "q4.yaml")
    result = compare(pack, before, after)
    assert "no-guidelines" in result.new
    assert dict(result.new_because)["no-guidelines"] == ("dedicated_team",)


def test_the_report_says_what_a_finding_continues_and_what_brought_a_new_one_in(pack, answers_of):
    from orgcheck.report.many import render_comparison

    alone = dict(answers_of(departments=["marketing"], editorial=["marketing"], lead="marketing").values)
    with_sales = {**alone, "departments": ["marketing", "sales"], "dedicated_team": "individual"}
    result = compare(pack, record_of(pack, alone, "q1.yaml"), record_of(pack, with_sales, "q4.yaml"))
    text = render_comparison("md", pack, result, "en")
    assert (
        "- Customer or citizen service is not involved (reported before as “Marketing runs social media on its own”)"
        in text
    )
    assert "- No social media guidelines for employees (new through the changed answers on “Departments involved” and “Dedicated person or team”; unchanged: “Employees” and “Written guidelines”)" in text  # fmt: skip
    german = render_comparison("md", pack, result, "de")
    assert "(vorher gemeldet als „Das Marketing betreut Social Media allein“)" in german
    document = json.loads(render_comparison("json", pack, result, "en"))
    assert document["findings_matched"] == [
        {"after": "support-not-involved", "before": ["marketing-only"], "shared": ["support-not-involved"]}
    ]
    assert document["findings_new_because"]["no-guidelines"] == ["departments", "dedicated_team"]


# --- a comparison that reads as something it is not (issue 22) ------------------------------------


def test_files_given_in_reverse_date_order_are_compared_as_given_with_a_warning(orgcheck, tmp_path):
    later, earlier = str(PROGRESS / "2026-q4.yaml"), str(PROGRESS / "2026-q1.yaml")
    result = orgcheck("compare", later, earlier, "--lang", "en", "-o", str(tmp_path / "p.md"))
    assert result.returncode == 0
    stderr = result.stderr.decode()
    assert stderr.startswith(
        f"orgcheck: warning: “{earlier}” (AFTER) is dated 2 March 2026, earlier than “{later}” (BEFORE, 20 November 2026): this report runs backwards"
    )
    assert f"compare them the other way round: “{earlier}” first, then “{later}”." in stderr
    text = (tmp_path / "p.md").read_text(encoding="utf-8")
    assert "**Warning:** “2026-q1.yaml” (AFTER) is dated 2 March 2026" in text.split("## Summary")[0]
    assert "| Overall score | 79 | 4 | -75 |" in text  # as given: the arguments say which is before
    document = json.loads(orgcheck("compare", later, earlier, "--format", "json").stdout)
    assert document["warnings"] == [{"id": "dates-reversed", "before": "2026-11-20", "after": "2026-03-02"}]
    assert document["before"]["file"] == "2026-q4.yaml"
    german = orgcheck("compare", later, earlier, "--lang", "de")
    assert german.stderr.decode().startswith(
        f"orgcheck: Warnung: „{earlier}“ (NACHHER) ist auf den 2. März 2026 datiert"
    )
    assert "**Achtung:** „2026-q1.yaml“ (NACHHER)" in german.stdout.decode()


def test_two_organisations_are_a_comparison_not_one_organisations_progress(orgcheck, tmp_path):
    other = (
        (PROGRESS / "2026-q4.yaml")
        .read_text(encoding="utf-8")
        .replace("Kessler Haustechnik GmbH", "Nordlicht Reisen GmbH")
    )
    (tmp_path / "other.yaml").write_text(other, encoding="utf-8")
    files = [str(PROGRESS / "2026-q1.yaml"), str(tmp_path / "other.yaml")]
    result = orgcheck("compare", *files, "--lang", "en")
    text = result.stdout.decode()
    assert result.returncode == 0
    assert text.startswith("# Comparison: Kessler Haustechnik GmbH and Nordlicht Reisen GmbH (")
    assert "**Warning:** The two files describe different organisations" in text
    assert "warning: The two files describe different organisations" in result.stderr.decode()
    html = orgcheck("compare", *files, "--format", "html", "--lang", "de").stdout.decode()
    assert '<p class="warning intro" role="note"><strong>Achtung:</strong> Die beiden Dateien' in html
    assert "<title>Vergleich: Kessler Haustechnik GmbH und Nordlicht Reisen GmbH</title>" in html
    document = json.loads(orgcheck("compare", *files, "--format", "json").stdout)
    assert document["warnings"] == [
        {
            "id": "different-organisations",
            "before": "Kessler Haustechnik GmbH",
            "after": "Nordlicht Reisen GmbH",
        }
    ]


def test_the_same_organisation_in_order_or_undated_gets_no_warning(orgcheck, tmp_path, pack, answers_of):
    result = orgcheck("compare", str(PROGRESS / "2026-q1.yaml"), str(PROGRESS / "2026-q4.yaml"))
    assert result.returncode == 0 and result.stderr == b""
    assert (
        json.loads(
            orgcheck(
                "compare", str(PROGRESS / "2026-q1.yaml"), str(PROGRESS / "2026-q4.yaml"), "--format", "json"
            ).stdout
        )["warnings"]
        == []
    )
    values = dict(answers_of().values)
    for name, organisation in (("a.yaml", "Kessler  haustechnik GmbH"), ("b.yaml", None)):
        document = {"answers": values, **({"organisation": organisation} if organisation else {})}
        (tmp_path / name).write_text(json.dumps(document), encoding="utf-8")  # JSON is YAML
    spaced = orgcheck("compare", str(PROGRESS / "2026-q4.yaml"), str(tmp_path / "a.yaml"))
    assert spaced.returncode == 0 and spaced.stderr == b""  # case and spacing are no other name; no date
    unnamed = orgcheck("compare", str(tmp_path / "b.yaml"), str(PROGRESS / "2026-q1.yaml"))
    assert unnamed.returncode == 0 and unnamed.stderr == b""


def test_control_and_bidi_characters_in_file_names_do_not_reach_the_comparison_json(orgcheck, tmp_path):
    source = (PROGRESS / "2026-q1.yaml").read_text(encoding="utf-8")
    names = ["q1\u202e.yaml", "q4\x1b[2J.yaml"]
    for name in names:
        (tmp_path / name).write_text(source, encoding="utf-8")
    result = orgcheck("compare", *(str(tmp_path / n) for n in names), "--format", "json")
    document = json.loads(result.stdout)
    assert (document["before"]["file"], document["after"]["file"]) == ("q1.yaml", "q4.yaml")
