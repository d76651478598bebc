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


# --- issue 21: advice that fits the answers at every size --------------------------------


def _existing(values: dict[str, Any]) -> set[str]:
    """The units a company has today: the management, the departments answered, the social
    media person or team where there is one, and the agency where it writes."""
    units = {"management", *values["departments"]}
    if values["dedicated_team"] != "none":
        units.add("social_team")
    if "agency" in values.get("editorial", []):
        units.add("agency")
    return units


@RULES
@given(values=valid_values())
def test_no_action_owner_is_a_unit_the_answers_did_not_name_at_any_size(values: dict[str, Any]) -> None:
    """Point 2: an action goes to whoever exists; its wording then fits that owner, so every
    alternative that holds is owned by an existing unit or by whoever coordinates."""
    assessment = assessed(values)
    existing = _existing(values)
    for action in assessment.actions:
        assert action.owner in existing, (action.owner, action.text.en)
    answers = assessment.answers
    steps = [*assessment.recommendation.structure.first_steps]
    steps += [s for f in assessment.findings for s in f.rule.actions]
    for step in steps:
        holds = step.when is None or PACK.holds(step.when, answers.values)
        if holds and step.owner in PACK.department_values:
            assert step.owner in existing, (step.owner, step.text.en)


@RULES
@given(values=valid_values())
def test_no_two_actions_ask_for_any_of_the_same_things(values: dict[str, Any]) -> None:
    """Point 6: no two steps ask for the same calendar, register or approval rules."""
    assessment = assessed(values)
    requested = []
    for action in assessment.actions:
        steps = [*assessment.recommendation.structure.first_steps]
        steps += [s for f in PACK.findings for s in f.actions]
        if assessment.next_stage and assessment.next_stage.structure.next_stage_step:
            steps.append(assessment.next_stage.structure.next_stage_step)
        step = next(s for s in steps if s.text == action.text and s.asks == action.asks)
        requested.append(step.requests)
    for i, first in enumerate(requested):
        for second in requested[i + 1 :]:
            assert not first & second, (first, second, values)


@RULES
@given(values=valid_values())
def test_no_step_coordinates_with_departments_where_none_take_part(values: dict[str, Any]) -> None:
    if values["departments"]:
        return
    for action in assessed(values).actions:
        assert "departments involved" not in action.text.en, action.text.en
        assert "beteiligten Abteilung" not in action.text.de, action.text.de


@RULES
@given(values=valid_values())
def test_a_unit_said_to_take_part_already_does(values: dict[str, Any]) -> None:
    """Point 1: the responsibility table says 'already takes part' only of a unit that does."""
    for responsibility in assessed(values).responsibilities:
        if any("already takes part" in reason.en for reason in responsibility.reasons):
            assert responsibility.unit in values["departments"], responsibility


@RULES
@given(values=valid_values())
def test_no_sentence_states_what_the_answers_contradict(values: dict[str, Any]) -> None:
    """Point 1: nobody who writes is told they get no answer where no inquiries arrive; nobody
    speaks without rules where nobody speaks; a firm under 10 hears of no works council or of
    departments deciding for themselves."""
    assessment = assessed(values)
    why = {f.id: f.rule.why for f in assessment.findings}
    nobody = not values["departments"] and values["dedicated_team"] == "none"
    if "no-involvement" in why and values["inquiries"] == "none":
        assert "get no answer" not in why["no-involvement"].en
    if "no-guidelines" in why and nobody:
        assert "without written rules" not in why["no-guidelines"].en
        assert assessment.findings_of("low") and "no-guidelines" in {
            f.id for f in assessment.findings_of("low")
        }
    if values["company_size"] == "1-9":
        for action in assessment.actions:
            assert "works" not in action.text.en and "Betriebsrat" not in action.text.de, action.text.en
        if "no-guidelines" in why:
            assert "each department decides" not in why["no-guidelines"].en


@RULES
@given(values=valid_values())
def test_a_contradiction_takes_away_the_strength_and_the_points_it_undermines(values: dict[str, Any]) -> None:
    """Point 3: a strength that a fired contradiction undermines is not reported, and no criterion
    that names the contradiction in void_if is met."""
    assessment = assessed(values)
    shown = {f.id for f in assessment.findings}
    for finding in assessment.findings:
        assert not set(finding.rule.undermines) & shown, finding.id
    for dimension, rules in zip(assessment.dimensions, PACK.dimensions, strict=True):
        for result, criterion in zip(dimension.criteria, rules.criteria, strict=True):
            if set(criterion.void_if) & shown:
                assert not result.met, result.label.en


@RULES
@given(values=valid_values())
def test_the_contradictions_the_questions_allow_are_named(values: dict[str, Any]) -> None:
    shown = {f.id for f in assessed(values).findings}
    no_lead = values["lead"] == "none"
    assert ("contradiction-governed-without-owner" in shown) == (
        no_lead and values.get("coordination") == "governed"
    )
    assert ("contradiction-measured-without-owner" in shown) == (
        no_lead and values.get("goals_defined") == "measured"
    )
    assert ("contradiction-team-of-one" in shown) == (values.get("team_size") == 1)
    if "contradiction-governed-without-owner" in shown:
        assert "strength-governed" not in shown
    if "contradiction-measured-without-owner" in shown:
        assert "strength-goals-measured" not in shown


@RULES
@given(values=valid_values())
def test_answering_many_inquiries_a_day_takes_a_rota(values: dict[str, Any]) -> None:
    """Point 7: the advice for inquiries 'many' is not the advice for 'daily'."""
    answering = {"support-answers", "involve-support", "answer-in-house"}
    for action in assessed(values).actions:
        if action.asks in answering and action.finding is not None:
            if values["inquiries"] == "many":
                assert "rota" in action.text.en and "Dienstplan" in action.text.de, action.text.en
            else:
                assert "rota" not in action.text.en, action.text.en


@RULES
@given(values=valid_values())
def test_an_agency_that_answers_everything_is_a_finding_and_answering_moves_in_house(
    values: dict[str, Any],
) -> None:
    """Point 4: dialogue and service belong in the company (S1); the agency produces."""
    assessment = assessed(values)
    if values.get("editorial") != ["agency"]:
        assert "agency-answers-customers" not in {f.id for f in assessment.findings}
        return
    assert "agency-answers-customers" in {f.id for f in assessment.findings}
    roles = {r.unit: r.roles for r in assessment.responsibilities}
    assert "editorial" not in roles.get("agency", ())
    assert any("editorial" in r for u, r in roles.items() if u != "agency")


@RULES
@given(values=valid_values())
def test_nobody_backs_itself(values: dict[str, Any]) -> None:
    for responsibility in assessed(values).responsibilities:
        assert not {"lead", "sponsor"} <= set(responsibility.roles), responsibility


@RULES
@given(values=valid_values())
def test_in_a_small_firm_management_counts_for_awareness_and_customers(values: dict[str, Any]) -> None:
    """Point 5: under 50 employees the management does the marketing and the selling."""
    if values["company_size"] not in ("10-49",) or "management" not in values["departments"]:
        return
    assessment = assessed(values)
    alignment = next(d for d in assessment.dimensions if d.id == "alignment")
    for result in alignment.criteria:
        if result.applies and result.label.en.startswith(("Awareness", "Customers")):
            assert result.met, result.label.en
    assert "goal-gap-customers" not in {f.id for f in assessment.findings}
