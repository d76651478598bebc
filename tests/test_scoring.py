"""Scores move the way the advice says, and the output depends only on the answers.

Product contract, sections 6-8: cross-departmental work, support in editorial
care, defined goals and coordination each raise the score; the order of
answers in a list changes nothing; the same answers give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from conftest import DEPARTMENTS, STRUCTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgcheck.engine.assess import assess
from orgcheck.pack.model import ROLES
from orgcheck.questionnaire.flow import answer_set
from orgcheck.report.rendering import render

DAY = dt.date(2026, 11, 22)
DIMENSIONS = ["breadth", "editorial", "goals", "alignment", "coordination", "resources"]
GOALS = ["awareness", "expertise", "dialogue", "recruiting", "customers", "service"]
# Each goal and a department that serves it (spec section 6, goal gaps; S1, S2).
GOAL_DEPARTMENT = {
    "awareness": "marketing",
    "expertise": "product",
    "dialogue": "pr",
    "recruiting": "hr",
    "customers": "sales",
    "service": "support",
}
JSON_KEYS = {
    "schema_version",
    "organisation",
    "language",
    "score",
    "recommendation",
    "findings",
    "actions",
    "responsibilities",
}


def dimension(assessment: Any, dimension_id: str) -> int:
    return next(d.score for d in assessment.dimensions if d.id == dimension_id)


def finding_ids(assessment: Any) -> set[str]:
    return {f.id for f in assessment.findings}


# --- direction of the scores ---------------------------------------------------------


def test_cross_departmental_scores_higher_than_marketing_only(assess_with: Any) -> None:
    alone = assess_with(departments=["marketing"])
    shared = assess_with(departments=["marketing", "pr", "sales"])
    assert "marketing-only" in finding_ids(alone)
    assert "marketing-only" not in finding_ids(shared)
    assert dimension(shared, "breadth") > dimension(alone, "breadth")
    assert shared.overall > alone.overall


def test_each_further_department_never_lowers_breadth(assess_with: Any) -> None:
    scores = [
        dimension(assess_with(departments=DEPARTMENTS[:n]), "breadth") for n in range(1, len(DEPARTMENTS) + 1)
    ]
    assert scores == sorted(scores)
    assert scores[-1] > scores[0]


def test_support_in_editorial_raises_the_score_and_clears_the_finding(assess_with: Any) -> None:
    before = assess_with(departments=["marketing", "pr", "support"], editorial=["marketing"])
    after = assess_with(departments=["marketing", "pr", "support"], editorial=["marketing", "support"])
    assert "support-not-editorial" in finding_ids(before)
    assert "support-not-editorial" not in finding_ids(after)
    assert dimension(after, "editorial") > dimension(before, "editorial")
    assert after.overall > before.overall


def test_support_in_editorial_of_the_spec_example_raises_the_score(assess_with: Any) -> None:
    before = assess_with()
    after = assess_with(editorial=["marketing", "support"])
    assert "support-not-editorial" not in finding_ids(after)
    assert dimension(after, "editorial") > dimension(before, "editorial")
    assert after.overall > before.overall


def test_defining_goals_raises_goals_and_overall_step_by_step(assess_with: Any) -> None:
    steps = [assess_with(goals_defined=level) for level in ("none", "informal", "written", "measured")]
    goals = [dimension(a, "goals") for a in steps]
    overall = [a.overall for a in steps]
    assert goals == sorted(set(goals)), f"goals must rise strictly: {goals}"
    assert overall == sorted(overall) and overall[-1] > overall[0], overall


def test_coordinating_raises_coordination_step_by_step(assess_with: Any) -> None:
    levels = ("whoever_wants", "informal", "regular", "governed")
    steps = [assess_with(coordination=level) for level in levels]
    scores = [dimension(a, "coordination") for a in steps]
    overall = [a.overall for a in steps]
    assert scores == sorted(set(scores)), f"coordination must rise strictly: {scores}"
    assert overall == sorted(overall) and overall[-1] > overall[0], overall


@pytest.mark.parametrize(
    ("question", "worse", "better", "dimension_id"),
    [
        ("lead", "none", "marketing", "coordination"),
        ("guidelines", False, True, "coordination"),
        ("executive_sponsor", False, True, "coordination"),
        ("budget", "none", "campaign", "resources"),
        ("budget", "campaign", "dedicated", "resources"),
    ],
)
def test_better_answers_raise_their_dimension_and_overall(
    assess_with: Any, question: str, worse: Any, better: Any, dimension_id: str
) -> None:
    low = assess_with(**{question: worse})
    high = assess_with(**{question: better})
    assert dimension(high, dimension_id) > dimension(low, dimension_id)
    assert high.overall > low.overall


def test_a_team_raises_resources_for_a_large_company(assess_with: Any) -> None:
    none = assess_with(company_size="1000+")
    person = assess_with(company_size="1000+", dedicated_team="individual")
    team = assess_with(company_size="1000+", dedicated_team="team", team_size=5)
    scores = [dimension(a, "resources") for a in (none, person, team)]
    assert scores == sorted(set(scores))


# --- alignment -----------------------------------------------------------------------


@pytest.mark.parametrize("goal", GOALS)
def test_a_goal_with_its_department_is_aligned(assess_with: Any, goal: str) -> None:
    without = assess_with(goals=[goal], departments=["it"], lead="it", editorial=["it"])
    department = GOAL_DEPARTMENT[goal]
    # Dialogue and service need the department answering, not only taking part.
    with_it = assess_with(
        goals=[goal], departments=["it", department], lead="it", editorial=["it", department]
    )
    assert dimension(without, "alignment") == 0
    assert dimension(with_it, "alignment") == 100


@pytest.mark.parametrize("goal", GOALS)
def test_each_goal_given_its_department_raises_alignment(assess_with: Any, goal: str) -> None:
    base = dict(goals=GOALS, lead="it")
    before = assess_with(departments=["it"], editorial=["it"], **base)
    department = GOAL_DEPARTMENT[goal]
    after = assess_with(departments=["it", department], editorial=["it", department], **base)
    assert dimension(after, "alignment") > dimension(before, "alignment")
    assert after.overall > before.overall


def test_alignment_rises_with_every_goal_covered(assess_with: Any) -> None:
    departments = ["it"]
    scores = []
    for goal in GOALS:
        departments = [*departments, GOAL_DEPARTMENT[goal]]
        result = assess_with(goals=GOALS, departments=departments, lead="it", editorial=departments)
        scores.append(dimension(result, "alignment"))
    assert scores == sorted(set(scores))
    assert scores[-1] == 100


def test_no_goals_means_no_alignment_and_a_finding(assess_with: Any) -> None:
    result = assess_with(goals=[])
    assert dimension(result, "alignment") == 0
    assert "no-goals" in finding_ids(result)


# --- shape -------------------------------------------------------------------------


def test_dimensions_are_the_six_of_the_contract(assess_with: Any) -> None:
    assert [d.id for d in assess_with().dimensions] == DIMENSIONS


def test_spec_example_scores(assess_with: Any) -> None:
    result = assess_with()
    assert {d.id: d.score for d in result.dimensions} == {
        "breadth": 78,
        "editorial": 25,
        "goals": 70,
        "alignment": 50,
        "coordination": 50,
        "resources": 28,  # a campaign budget; no named person or team at 250-999
    }
    assert result.deduction == 8  # one urgent finding: support does not answer the daily questions
    assert result.overall == 43


@pytest.mark.parametrize(
    "answers",
    [
        {},
        {"departments": [], "lead": "none", "drop": ["editorial"], "goals": [], "budget": "none"},
        {
            "departments": DEPARTMENTS,
            "editorial": ["support", "marketing"],
            "goals": GOALS,
            "goals_defined": "measured",
            "coordination": "governed",
            "guidelines": True,
            "budget": "dedicated",
            "dedicated_team": "team",
            "team_size": 8,
        },
    ],
    ids=["spec example", "worst", "best"],
)
def test_scores_are_integers_from_0_to_100(assess_with: Any, answers: dict[str, Any]) -> None:
    result = assess_with(**answers)
    assert type(result.overall) is int and 0 <= result.overall <= 100
    for d in result.dimensions:
        assert type(d.score) is int and 0 <= d.score <= 100, d.id


def test_doing_everything_the_sources_advise_scores_100(assess_with: Any) -> None:
    result = assess_with(
        departments=DEPARTMENTS,
        editorial=["support", "marketing"],
        goals=GOALS,
        goals_defined="measured",
        coordination="governed",
        guidelines=True,
        budget="dedicated",
        dedicated_team="team",
        team_size=8,
    )
    assert result.overall == 100


# --- order of answers and determinism -------------------------------------------------------


def test_list_order_in_the_answers_changes_nothing(pack: Any, assess_with: Any, answers_of: Any) -> None:
    plain = dict(
        departments=["marketing", "pr", "support", "hr"],
        editorial=["marketing", "support", "agency"],
        goals=["awareness", "recruiting", "service"],
    )
    shuffled = dict(
        departments=["hr", "support", "marketing", "pr"],
        editorial=["agency", "support", "marketing"],
        goals=["service", "awareness", "recruiting"],
    )
    first, second = assess_with(**plain), assess_with(**shuffled)
    assert first == second
    for fmt in ("md", "json"):
        for language in ("en", "de"):
            assert render(fmt, pack, first, language, DAY) == render(fmt, pack, second, language, DAY)


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_same_answers_give_byte_identical_output(pack: Any, answers_of: Any, fmt: str) -> None:
    outputs = [
        render(fmt, pack, assess(pack, answers_of()), language, DAY).encode("utf-8")
        for language in ("en", "en", "de", "de")
    ]
    assert outputs[0] == outputs[1]
    assert outputs[2] == outputs[3]


def test_json_of_the_spec_example_has_the_section_7_shape(pack: Any, answers_of: Any) -> None:
    result = assess(pack, answers_of())
    document = json.loads(render("json", pack, result, "en", DAY))
    assert set(document) >= JSON_KEYS
    assert document["score"]["overall"] == result.overall
    assert list(document["score"]["dimensions"]) == DIMENSIONS
    assert document["recommendation"]["structure"] == "hub_and_spoke"
    assert len(document["recommendation"]["fit"]) == 7
    finding = next(f for f in document["findings"] if f["id"] == "support-not-editorial")
    assert finding["severity"] == "high"
    assert finding["evidence"] == [
        "company_size = 250-999",
        "departments = [marketing, pr, support]",
        "editorial = [marketing]",
        "inquiries = daily",
    ]
    assert finding["folded"] == []
    assert finding["sources"] == ["S1"]
    support = next(r for r in document["responsibilities"] if r["unit"] == "support")
    assert support["roles"] == ["editorial"]
    assert support["why"].startswith("Answers customers' questions")
    assert document["actions"][0]["priority"] == 1


# --- properties over every valid set of answers ------------------------------------------------


@st.composite
def valid_answers(draw: Any) -> dict[str, Any]:
    """Any complete, valid answers (spec section 4, with its cross-field rules)."""
    departments = draw(st.lists(st.sampled_from(DEPARTMENTS), unique=True))
    dedicated_team = draw(st.sampled_from(["none", "individual", "team"]))
    social = ["social_team"] if dedicated_team != "none" else []
    values: dict[str, Any] = {
        "company_size": draw(st.sampled_from(["1-9", "10-49", "50-249", "250-999", "1000+"])),
        "business_units": draw(st.sampled_from(["single", "multiple"])),
        "regulated": draw(st.booleans()),
        "departments": departments,
        "dedicated_team": dedicated_team,
        "lead": draw(st.sampled_from(["none", *departments, *social])),
        "coordination": draw(st.sampled_from(["whoever_wants", "informal", "regular", "governed"])),
        "goals": draw(st.lists(st.sampled_from(GOALS), unique=True)),
        "budget": draw(st.sampled_from(["none", "campaign", "dedicated"])),
        "inquiries": draw(st.sampled_from(["none", "occasional", "daily", "many"])),
        "guidelines": draw(st.booleans()),
        "executive_sponsor": draw(st.booleans()),
    }
    if dedicated_team == "team":
        values["team_size"] = draw(st.integers(min_value=1, max_value=500))
    if values["goals"]:  # with no goals there is nothing to define
        values["goals_defined"] = draw(st.sampled_from(["none", "informal", "written", "measured"]))
    if not departments and dedicated_team == "none":  # nobody to coordinate
        del values["coordination"]
    if departments or dedicated_team != "none":
        editors = [*departments, *social, "agency"]
        values["editorial"] = draw(st.lists(st.sampled_from(editors), min_size=1, unique=True))
    if draw(st.booleans()):
        values["notes"] = draw(
            st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=80)
        )
    return values


def expected_recommendation(values: dict[str, Any]) -> str:
    """Spec section 5, policies 3 and 4."""
    if values["company_size"] in ("1-9", "10-49"):
        governed = (
            values.get("coordination") == "governed"
            and values["guidelines"]
            and len(values["departments"]) >= 5
            and not values["regulated"]
            and values["lead"] != "none"  # leadership ready to let go (A1)
            and values["executive_sponsor"]
            and values.get("goals_defined") in ("written", "measured")
        )
        return "holistic" if governed else "cross_departmental"
    if values["company_size"] in ("250-999", "1000+") and values["business_units"] == "multiple":
        return "multiple_hub_and_spoke"
    return "hub_and_spoke"


PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(values=valid_answers())
def test_any_valid_answers_give_a_sound_assessment(pack: Any, values: dict[str, Any]) -> None:
    result = assess(pack, answer_set(pack, values, language="en"))

    assert type(result.overall) is int and 0 <= result.overall <= 100
    assert [d.id for d in result.dimensions] == DIMENSIONS
    assert all(type(d.score) is int and 0 <= d.score <= 100 for d in result.dimensions)

    fit = [f.id for f in result.fit]
    assert sorted(fit) == sorted(STRUCTURES), "fit lists all seven structures exactly once"
    assert fit[-2:] in (["marketing_led", "decentralized"], ["decentralized", "marketing_led"])
    assert result.recommendation.id not in {"decentralized", "marketing_led"}
    assert result.recommendation.status == "recommendable"
    assert result.recommendation == result.fit[0]
    assert all(0 <= f.score <= 100 for f in result.fit)
    assert result.recommendation.id == expected_recommendation(values)
    assert fit.index("dedicated_team") > fit.index("hub_and_spoke")

    holistic = next(f for f in result.fit if f.id == "holistic")
    if values["regulated"]:
        assert holistic.status == "ruled_out"
        assert result.recommendation.id != "holistic"
        legal = [r for r in result.responsibilities if r.unit == "legal"]
        assert legal and "approval" in legal[0].roles
    else:
        assert holistic.status == "recommendable"

    units = {*pack.department_values, "social_team", "hubs", "all_employees", "agency"}
    assert all(r.unit in units and r.roles and set(r.roles) <= set(ROLES) for r in result.responsibilities)
    assert len({r.unit for r in result.responsibilities}) == len(result.responsibilities)
    assert [a.priority for a in result.actions] == list(range(1, len(result.actions) + 1))
    assert all(a.owner in units for a in result.actions)


@PROPERTY_SETTINGS
@given(values=valid_answers(), language=st.sampled_from(["en", "de"]))
def test_any_valid_answers_render_to_markdown_and_json(
    pack: Any, values: dict[str, Any], language: str
) -> None:
    result = assess(pack, answer_set(pack, values, language=language))
    markdown = render("md", pack, result, language, DAY)
    assert markdown.strip()
    document = json.loads(render("json", pack, result, language, DAY))
    assert set(document) >= JSON_KEYS
    assert document["schema_version"] == 1
    assert document["language"] == language
    assert document["score"]["overall"] == result.overall
    assert list(document["score"]["dimensions"]) == DIMENSIONS
    assert document["recommendation"]["structure"] == result.recommendation.id
    assert [f["structure"] for f in document["recommendation"]["fit"]] == [f.id for f in result.fit]
    assert [f["id"] for f in document["findings"]] == [f.id for f in result.findings]
    assert all(f["sources"] and f["evidence"] for f in document["findings"])
    assert [a["priority"] for a in document["actions"]] == list(range(1, len(result.actions) + 1))


@settings(max_examples=100, deadline=None)
@given(values=valid_answers(), data=st.data())
def test_any_reordering_of_list_answers_gives_the_same_json(
    pack: Any, values: dict[str, Any], data: Any
) -> None:
    shuffled = {
        key: data.draw(st.permutations(value)) if isinstance(value, list) else value
        for key, value in values.items()
    }
    one = assess(pack, answer_set(pack, values, language="en"))
    other = assess(pack, answer_set(pack, shuffled, language="en"))
    assert render("json", pack, one, "en", DAY) == render("json", pack, other, "en", DAY)
