"""The rules every finding and action follows, for any valid answers (spec section 6, end).

Each rule is a property over answer sets generated question by question, as
the questionnaire asks them (``test_fuzz.valid_values``), not a list of
examples: one root cause, one finding; owners that exist; no action asking for
an owner who exists; no two actions asking for the same thing; severities that
do not rank the absence of support below support that does not answer; and a
recommendation policy that holds whatever else is answered.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from test_fuzz import PACK, valid_values

from orgcheck.engine.assess import Assessment, assess
from orgcheck.pack.model import SEVERITIES
from orgcheck.questionnaire import flow

RULES = settings(
    max_examples=400,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
# Steps that ask to put somebody in charge.
APPOINTING = {"appoint-owner", "appoint-hub"}


def assessed(values: dict[str, Any]) -> Assessment:
    return assess(PACK, flow.answer_set(PACK, values))


def rank(severity: str) -> int:
    """Higher is more severe."""
    return len(SEVERITIES) - SEVERITIES.index(severity)  # type: ignore[arg-type]


@RULES
@given(values=valid_values())
def test_one_root_cause_one_finding(values: dict[str, Any]) -> None:
    """No finding is reported beside one that folds it; the keeper carries its evidence and severity."""
    assessment = assessed(values)
    reported = {f.id for f in assessment.findings}
    for finding in assessment.findings:
        assert not reported & set(finding.rule.folds), f"{finding.id} stands beside what it folds"
        for folded_id in finding.folded:
            folded = PACK.finding(folded_id)
            assert folded_id not in reported
            assert rank(finding.severity) >= rank(folded.severity)
    assert not {"support-not-involved", "support-not-editorial"} <= reported


@RULES
@given(values=valid_values())
def test_no_two_actions_ask_for_the_same_thing(values: dict[str, Any]) -> None:
    assessment = assessed(values)
    asks = [a.asks for a in assessment.actions]
    assert len(asks) == len(set(asks)), asks
    texts = [a.text.en for a in assessment.actions]
    assert len(texts) == len(set(texts))


@RULES
@given(values=valid_values())
def test_no_action_appoints_an_owner_who_exists(values: dict[str, Any]) -> None:
    """With a lead and a dedicated person or team, nobody is asked to name an owner or a hub."""
    assessment = assessed(values)
    if values["lead"] != "none" and values["dedicated_team"] != "none":
        assert not {a.asks for a in assessment.actions} & APPOINTING


@RULES
@given(values=valid_values())
def test_under_ten_employees_every_owner_exists(values: dict[str, Any]) -> None:
    assessment = assessed(values)
    if values["company_size"] != "1-9":
        return
    existing = {"management", *values["departments"]}
    if values["dedicated_team"] != "none":
        existing.add("social_team")
    for action in assessment.actions:
        assert action.owner in existing, (action.owner, action.text.en)
    for responsibility in assessment.responsibilities:
        if responsibility.unit == "legal" and responsibility.roles == ("approval",):
            continue  # approval by legal or compliance stays, as an external adviser (policy 2)
        assert responsibility.unit in existing | {"all_employees", "agency"}, responsibility


@RULES
@given(values=valid_values())
def test_every_finding_that_needs_doing_has_an_action_in_the_plan(values: dict[str, Any]) -> None:
    assessment = assessed(values)
    covered = {f for action in assessment.actions for f in action.covers}
    for finding in assessment.findings:
        if finding.rule.actions:
            assert finding.id in covered, finding.id


@RULES
@given(values=valid_values())
def test_absence_of_support_is_never_less_severe_than_support_not_answering(values: dict[str, Any]) -> None:
    """Take an answer set where support takes part but does not answer; remove support altogether."""
    if "support" not in values["departments"] or "support" in values.get("editorial", ["support"]):
        return
    present = {f.id: f.severity for f in assessed(values).findings}
    absent_values = {**values, "departments": [d for d in values["departments"] if d != "support"]}
    if absent_values["lead"] == "support":
        absent_values["lead"] = "none"
    absent_values["editorial"] = [u for u in values["editorial"] if u != "support"]
    if not absent_values["departments"] and values["dedicated_team"] == "none":
        return  # nobody left: no-involvement, a different root cause
    if not absent_values["editorial"]:
        absent_values["editorial"] = absent_values["departments"][:1] or ["social_team"]
    absent = {f.id: f.severity for f in assessed(absent_values).findings}
    before = present.get("support-not-editorial")
    if before is None:  # folded into another finding (marketing-only cannot be: support is there)
        return
    after = absent.get("support-not-involved") or next(
        (severity for fid, severity in absent.items() if fid in ("marketing-only", "no-involvement")), None
    )
    assert after is not None and rank(after) >= rank(before), (before, after)


@RULES
@given(values=valid_values())
def test_the_recommendation_policy_holds_for_any_answers(values: dict[str, Any]) -> None:
    """Spec section 5, for every answer set, not only the policy grid of test_recommendation."""
    assessment = assessed(values)
    recommended = assessment.recommendation.id
    size = values["company_size"]
    assert recommended not in ("decentralized", "marketing_led")
    if values["regulated"]:
        assert recommended != "holistic"
        assert any("approval" in r.roles for r in assessment.responsibilities)
    if size in ("50-249", "250-999", "1000+"):
        assert recommended != "holistic"
        expected = (
            "multiple_hub_and_spoke"
            if size != "50-249" and values["business_units"] == "multiple"
            else "hub_and_spoke"
        )
        assert recommended == expected
    else:
        assert recommended in ("cross_departmental", "holistic")
        if recommended == "holistic":  # A1: guidelines, training and trust, and leadership ready to let go
            assert values["guidelines"] and not values["regulated"]
            assert values["lead"] != "none" and values["executive_sponsor"]
            assert values.get("goals_defined") in ("written", "measured")
    fit = {f.id: f.score for f in assessment.fit}
    if values["departments"]:
        assert fit["dedicated_team"] < fit["cross_departmental"]
        assert fit["dedicated_team"] < fit["hub_and_spoke"] or size in ("1-9", "10-49")


@RULES
@given(values=valid_values())
def test_support_answers_only_where_customer_questions_arrive(values: dict[str, Any]) -> None:
    """S1: support is often best suited because it talks to customers; with no customer contact
    and support not writing today, the recommended setup does not hand it the editorial work."""
    contact = values["inquiries"] != "none" or {"dialogue", "service"} & set(values["goals"])
    writes_today = "support" in values.get("editorial", [])
    roles = {r.unit: r.roles for r in assessed(values).responsibilities}
    if not contact and not writes_today:
        assert "editorial" not in roles.get("support", ())


@RULES
@given(values=valid_values())
def test_todays_lead_keeps_the_final_say_in_the_hub_structures(values: dict[str, Any]) -> None:
    assessment = assessed(values)
    lead = values["lead"]
    if lead == "none" or assessment.recommendation.id not in ("hub_and_spoke", "cross_departmental"):
        return
    if values["company_size"] == "1-9" and lead not in values["departments"] and lead != "social_team":
        return
    roles = {r.unit: r.roles for r in assessment.responsibilities}
    assert "lead" in roles.get(lead, ()), (lead, roles)
