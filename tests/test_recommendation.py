"""Which structure orgcheck recommends, and the responsibilities it proposes.

Product contract, section 5. The policy depends on company size, business
units, coordination, guidelines, regulation and how many departments take
part; every combination of those is checked (with and without a dedicated
person or team), each as a valid set of answers.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from conftest import DEPARTMENTS

from orgcheck.engine.assess import assess
from orgcheck.questionnaire.flow import answer_set

SIZES = ("1-9", "10-49", "50-249", "250-999", "1000+")
SMALL = ("1-9", "10-49")
LARGE = ("250-999", "1000+")
UNITS = ("single", "multiple")
COORDINATION = ("whoever_wants", "informal", "regular", "governed")
TEAMS = ("none", "individual", "team")
HUB_STRUCTURES = {"hub_and_spoke", "multiple_hub_and_spoke", "cross_departmental"}

BASE = {
    "goals": ["awareness", "customers"],
    "goals_defined": "written",
    "inquiries": "daily",
    "budget": "campaign",
    "executive_sponsor": True,
}


def policy_answers(
    size: str,
    units: str,
    coordination: str,
    guidelines: bool,
    regulated: bool,
    n_departments: int,
    team: str = "none",
) -> dict[str, Any]:
    departments = list(DEPARTMENTS[:n_departments])
    values: dict[str, Any] = {
        **BASE,
        "company_size": size,
        "business_units": units,
        "coordination": coordination,
        "guidelines": guidelines,
        "regulated": regulated,
        "departments": departments,
        "dedicated_team": team,
        "lead": "marketing" if "marketing" in departments else "none",
    }
    if team == "team":
        values["team_size"] = 3
    if departments:
        values["editorial"] = [departments[0]]
    elif team != "none":
        values["editorial"] = ["social_team"]
    else:
        del values["coordination"]  # nobody involved: there is nobody to coordinate
    return values


def governed_setup(values: dict[str, Any]) -> bool:
    """Spec section 5, policy 3: a governed setup, and leadership ready to let go (A1)."""
    return (
        values.get("coordination") == "governed"
        and values["guidelines"]
        and len(values["departments"]) >= 5
        and not values["regulated"]
        and values["lead"] != "none"
        and values["executive_sponsor"]
        and values["goals_defined"] in ("written", "measured")
    )


def expected_structure(values: dict[str, Any]) -> str:
    if values["company_size"] in SMALL:
        return "holistic" if governed_setup(values) else "cross_departmental"
    if values["company_size"] in LARGE and values["business_units"] == "multiple":
        return "multiple_hub_and_spoke"
    return "hub_and_spoke"


CASES = list(itertools.product(SIZES, UNITS, COORDINATION, (False, True), (False, True), range(10), TEAMS))


@pytest.fixture(scope="module")
def every_case(pack: Any) -> dict[tuple[Any, ...], tuple[dict[str, Any], Any]]:
    """case -> (answers, assessment) for every combination the policy depends on."""
    results = {}
    for case in CASES:
        values = policy_answers(*case)
        results[case] = (values, assess(pack, answer_set(pack, values, language="en")))
    return results


def describe(values: dict[str, Any]) -> str:
    keys = ("company_size", "business_units", "coordination", "guidelines", "regulated")
    shown = ", ".join(f"{k}={values[k]}" for k in keys)
    return f"{shown}, {len(values['departments'])} departments, team={values['dedicated_team']}"


def failures(every_case: Any, check: Any) -> list[str]:
    """The cases where ``check(values, assessment)`` returns a complaint (first 10)."""
    found = []
    for values, result in every_case.values():
        problem = check(values, result)
        if problem:
            found.append(f"{describe(values)}: {problem}")
    return found[:10]


def fit_ids(result: Any) -> list[str]:
    return [f.id for f in result.fit]


# --- policy --------------------------------------------------------------------------------


def test_every_combination_is_covered(every_case: Any) -> None:
    assert len(every_case) == 5 * 2 * 4 * 2 * 2 * 10 * 3


def test_small_companies_get_cross_departmental_unless_already_governed(every_case: Any) -> None:
    def check(values: dict[str, Any], result: Any) -> str | None:
        if values["company_size"] not in SMALL:
            return None
        expected = "holistic" if governed_setup(values) else "cross_departmental"
        return None if result.recommendation.id == expected else result.recommendation.id

    assert failures(every_case, check) == []


def test_from_50_a_hub_coordinating_the_departments_fits_best(every_case: Any) -> None:
    def check(values: dict[str, Any], result: Any) -> str | None:
        if values["company_size"] in SMALL:
            return None
        return None if result.recommendation.id == expected_structure(values) else (result.recommendation.id)

    assert failures(every_case, check) == []


def test_from_250_with_several_units_each_unit_gets_a_hub(every_case: Any) -> None:
    def check(values: dict[str, Any], result: Any) -> str | None:
        large_multi = values["company_size"] in LARGE and values["business_units"] == "multiple"
        is_multi = result.recommendation.id == "multiple_hub_and_spoke"
        return None if large_multi == is_multi else result.recommendation.id

    assert failures(every_case, check) == []


def test_holistic_is_never_recommended_from_50_but_named_as_next_stage(every_case: Any) -> None:
    def check(values: dict[str, Any], result: Any) -> str | None:
        next_stage = result.next_stage.id if result.next_stage else None
        if values["company_size"] in SMALL:
            return None if next_stage is None else f"next stage {next_stage}"
        if result.recommendation.id == "holistic":
            return "holistic recommended"
        expected = "holistic" if governed_setup(values) else None
        return None if next_stage == expected else f"next stage {next_stage}"

    assert failures(every_case, check) == []


def test_a_central_team_always_ranks_below_hub_and_spoke(every_case: Any) -> None:
    def check(values: dict[str, Any], result: Any) -> str | None:
        order = fit_ids(result)
        return None if order.index("dedicated_team") > order.index("hub_and_spoke") else str(order)

    assert failures(every_case, check) == []


def test_marketing_led_and_decentralized_are_never_recommended_and_rank_last(
    every_case: Any,
) -> None:
    def check(values: dict[str, Any], result: Any) -> str | None:
        last = {f.id: f.status for f in result.fit[-2:]}
        if last != {"marketing_led": "never_recommended", "decentralized": "never_recommended"}:
            return str(fit_ids(result))
        if len(set(fit_ids(result))) != 7:
            return str(fit_ids(result))
        return None

    assert failures(every_case, check) == []


def test_regulation_rules_out_holistic_and_adds_legal_approval(every_case: Any) -> None:
    def check(values: dict[str, Any], result: Any) -> str | None:
        holistic = next(f for f in result.fit if f.id == "holistic")
        if not values["regulated"]:
            return None if holistic.status == "recommendable" else holistic.status
        if holistic.status != "ruled_out":
            return f"holistic is {holistic.status}"
        # Legal or compliance approves, at any size (under 10 an external adviser).
        roles = {r.unit: r.roles for r in result.responsibilities}.get("legal", ())
        return None if "approval" in roles else f"legal roles {roles}"

    assert failures(every_case, check) == []


def test_regulation_does_not_change_which_hub_structure_wins(every_case: Any) -> None:
    for size, units, coordination, guidelines, regulated, n, team in every_case:
        if regulated:
            continue
        winners = {
            every_case[(size, units, coordination, guidelines, flag, n, team)][1].recommendation.id
            for flag in (False, True)
        }
        if "holistic" in winners:
            continue  # small and governed: regulation rules holistic out (policy 2)
        assert len(winners) == 1, (size, units, coordination, guidelines, n, team, winners)
        assert winners <= HUB_STRUCTURES


def test_the_recommendation_is_the_best_fit_that_may_be_recommended(every_case: Any) -> None:
    def check(values: dict[str, Any], result: Any) -> str | None:
        if result.recommendation != result.fit[0] or result.recommendation.status != ("recommendable"):
            return str(fit_ids(result))
        scores = [f.score for f in result.fit if f.status == "recommendable"]
        return None if scores == sorted(scores, reverse=True) else str(scores)

    assert failures(every_case, check) == []


def test_spec_example_recommends_hub_and_spoke(assess_with: Any) -> None:
    result = assess_with()
    assert result.recommendation.id == "hub_and_spoke"
    assert result.next_stage is None


# --- recommended responsibilities --------------------------------------------------------


def roles_of(result: Any) -> dict[str, tuple[str, ...]]:
    return {r.unit: r.roles for r in result.responsibilities}


def test_hub_and_spoke_responsibilities_for_the_spec_example(assess_with: Any) -> None:
    """Today's lead keeps the final say and the voice of the brand; the hub coordinates;
    support answers the daily inquiries."""
    roles = roles_of(assess_with())
    assert roles["marketing"] == ("lead", "editorial")
    assert roles["social_team"] == ("coordination",)
    assert roles["support"] == ("editorial",)
    assert roles["management"] == ("sponsor",)
    assert roles["pr"] == ("contributor",)


def test_every_role_comes_with_its_reason(assess_with: Any) -> None:
    for responsibility in assess_with().responsibilities:
        assert responsibility.reasons
        assert all(reason.en and reason.de for reason in responsibility.reasons)


def test_without_a_lead_the_hub_takes_the_final_say(assess_with: Any) -> None:
    roles = roles_of(assess_with(lead="none"))
    assert roles["social_team"] == ("lead", "coordination")
    assert "lead" not in roles["marketing"]


def test_support_gets_no_editorial_work_where_no_questions_arrive(assess_with: Any) -> None:
    roles = roles_of(assess_with(inquiries="none"))
    assert "editorial" not in roles["support"]


def test_departments_involved_become_contributors(assess_with: Any) -> None:
    departments = ["marketing", "pr", "support", "sales", "it", "management"]
    roles = roles_of(assess_with(departments=departments))
    assert roles["marketing"] == ("lead", "editorial"), "today's lead keeps its job"
    for department in ("pr", "sales", "it", "management"):
        assert "contributor" in roles[department], department
    assert roles["support"] == ("editorial",), "support does the editorial care, not just helps"


@pytest.mark.parametrize(
    ("goal", "department"),
    [
        ("recruiting", "hr"),
        ("customers", "sales"),
        ("expertise", "product"),
        ("service", "support"),
    ],
)
def test_a_goal_gap_adds_its_department(assess_with: Any, goal: str, department: str) -> None:
    result = assess_with(goals=[goal], departments=["marketing", "pr"])
    fired = {f.id for f in result.findings} | {folded for f in result.findings for folded in f.folded}
    gap = "support-not-involved" if goal == "service" else f"goal-gap-{goal}"
    assert gap in fired
    assert department in roles_of(result)
    assert set(roles_of(result)[department]) & {"contributor", "editorial"}


def test_recruiting_without_hr_makes_hr_a_contributor(assess_with: Any) -> None:
    assert roles_of(assess_with(goals=["recruiting"]))["hr"] == ("contributor",)


def test_regulated_hub_and_spoke_gets_legal_approval(assess_with: Any) -> None:
    roles = roles_of(assess_with(regulated=True))
    assert "approval" in roles["legal"]


def test_unregulated_hub_and_spoke_needs_no_legal_approval(assess_with: Any) -> None:
    assert "legal" not in roles_of(assess_with())


def test_small_company_coordinator_is_todays_lead(assess_with: Any) -> None:
    result = assess_with(company_size="10-49")
    assert result.recommendation.id == "cross_departmental"
    roles = roles_of(result)
    assert roles["marketing"] == ("lead", "coordination", "editorial")
    assert roles["support"] == ("editorial",)
    assert roles["pr"] == ("contributor",)


def test_several_units_get_hubs_coordinating(assess_with: Any) -> None:
    result = assess_with(company_size="1000+", business_units="multiple")
    assert result.recommendation.id == "multiple_hub_and_spoke"
    roles = roles_of(result)
    assert roles["marketing"] == ("lead",), "today's lead keeps the final say; the units' hubs write"
    assert roles["social_team"] == ("coordination",), "the central team sets the shared standards"
    assert roles["hubs"] == ("coordination", "editorial")
    assert roles["support"] == ("editorial",)


def test_holistic_lets_all_employees_contribute(assess_with: Any) -> None:
    result = assess_with(
        company_size="10-49",
        coordination="governed",
        guidelines=True,
        departments=["marketing", "pr", "sales", "support", "product"],
    )
    assert result.recommendation.id == "holistic"
    assert roles_of(result)["all_employees"] == ("contributor",)
    assert roles_of(result)["marketing"] == ("lead", "coordination", "editorial"), (
        "today's lead, with no hub yet"
    )


def test_holistic_needs_leadership_ready_to_let_go(assess_with: Any) -> None:
    """A1: a governed setup is not enough without a lead, a sponsor and written goals."""
    governed = {
        "company_size": "10-49",
        "coordination": "governed",
        "guidelines": True,
        "departments": ["marketing", "pr", "sales", "support", "product"],
    }
    assert assess_with(**governed).recommendation.id == "holistic"
    for missing in ({"lead": "none"}, {"executive_sponsor": False}, {"goals_defined": "informal"}):
        assert assess_with(**governed, **missing).recommendation.id == "cross_departmental", missing


def test_responsibility_units_and_roles_are_from_the_contract(every_case: Any, pack: Any) -> None:
    units = {*pack.department_values, "social_team", "hubs", "all_employees", "agency"}
    roles = {"lead", "coordination", "editorial", "contributor", "approval", "sponsor"}

    def check(values: dict[str, Any], result: Any) -> str | None:
        for r in result.responsibilities:
            if r.unit not in units or not r.roles or not set(r.roles) <= roles:
                return str(r)
        if not any("lead" in r.roles for r in result.responsibilities):
            return "nobody leads"
        if not any("editorial" in r.roles for r in result.responsibilities):
            return "nobody does editorial work"
        return None

    assert failures(every_case, check) == []
