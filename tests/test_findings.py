"""The findings orgcheck raises: when each one fires, how severe it is, and what it cites.

Product contract, section 6. Each case starts from the spec's example answers
(``BASE_ANSWERS``: a company of 250-999 where marketing, PR and support take
part and marketing answers the comments) and changes as little as possible.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from orgcheck.engine.assess import choose_step
from orgcheck.pack.model import SEVERITIES
from orgcheck.report.document import machine_evidence

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "questionnaire.md"

# The 21 findings the contract requires (section 6), in the contract's order.
SPEC_FINDINGS = (
    "no-involvement",
    "marketing-only",
    "support-not-involved",
    "support-not-editorial",
    "uncoordinated",
    "no-clear-owner",
    "no-goals",
    "no-defined-goals",
    "goals-not-measured",
    "goal-gap-recruiting",
    "goal-gap-expertise",
    "goal-gap-customers",
    "goal-gap-service",
    "goal-gap-dialogue",
    "no-budget",
    "no-dedicated-resource",
    "isolated-team",
    "no-guidelines",
    "regulated-without-approval",
    "no-executive-sponsor",
    "service-differentiator",
)

# Findings the contract leaves room for ("at least"), beyond its table.
EXTRA_FINDINGS = (
    "several-units-small",
    "agency-answers-customers",
    "contradiction-governed-without-owner",
    "contradiction-measured-without-owner",
    "contradiction-team-of-one",
)

STRENGTHS = (
    "strength-cross-departmental",
    "strength-support-editorial",
    "strength-goals-measured",
    "strength-governed",
    "strength-guidelines",
    "strength-executive-sponsor",
    "strength-budget",
)

NOBODY = {"departments": [], "lead": "none", "drop": ["editorial"]}
SOCIAL_PERSON = {"dedicated_team": "individual", "lead": "social_team"}


def fires(finding: str, severity: str, label: str, **answers: Any) -> Any:
    return pytest.param(finding, severity, answers, id=f"{finding}: {label}")


def quiet(finding: str, label: str, **answers: Any) -> Any:
    return pytest.param(finding, answers, id=f"{finding}: {label}")


# (finding, expected severity, answers changed from BASE_ANSWERS)
FIRES = [
    fires("no-involvement", "high", "no department and no named person", **NOBODY),
    fires("marketing-only", "high", "only marketing takes part", departments=["marketing"]),
    fires(
        "support-not-involved",
        "high",
        "marketing and PR without support, inquiries daily",
        departments=["marketing", "pr"],
    ),
    fires(
        "support-not-involved",
        "medium",
        "marketing and PR without support, occasional inquiries",
        departments=["marketing", "pr"],
        inquiries="occasional",
    ),
    fires(
        "support-not-involved",
        "high",
        "without support, no inquiries but a dialogue goal",
        departments=["marketing", "pr"],
        inquiries="none",
        goals=["dialogue"],
    ),
    fires(
        "support-not-involved",
        "low",
        "without support, no inquiries and no such goal",
        departments=["marketing", "pr"],
        inquiries="none",
    ),
    fires("support-not-editorial", "high", "inquiries daily (the spec example)"),
    fires("support-not-editorial", "high", "many inquiries", inquiries="many"),
    fires(
        "support-not-editorial",
        "high",
        "goal dialogue, no inquiries",
        inquiries="none",
        goals=["dialogue"],
    ),
    fires(
        "support-not-editorial",
        "high",
        "goal service, occasional inquiries",
        inquiries="occasional",
        goals=["service"],
    ),
    fires(
        "support-not-editorial",
        "medium",
        "occasional inquiries, no dialogue or service goal",
        inquiries="occasional",
    ),
    fires(
        "support-not-editorial",
        "low",
        "no inquiries, goal awareness only",
        inquiries="none",
        goals=["awareness"],
    ),
    fires("uncoordinated", "high", "whoever wants posts", coordination="whoever_wants"),
    fires("no-clear-owner", "high", "nobody has the final say", lead="none"),
    fires("no-goals", "high", "no goals chosen (goals_defined is then not asked)", goals=[]),
    fires("no-defined-goals", "high", "goals not set down at all", goals_defined="none"),
    fires("goals-not-measured", "low", "goals agreed informally", goals_defined="informal"),
    fires("goals-not-measured", "low", "goals written but not measured", goals_defined="written"),
    fires("goal-gap-recruiting", "medium", "recruiting without HR", goals=["recruiting"]),
    fires(
        "goal-gap-expertise",
        "medium",
        "expertise without product or management",
        goals=["expertise"],
    ),
    fires("goal-gap-customers", "medium", "customers without sales (the spec example)"),
    fires("no-budget", "medium", "no extra money", budget="none"),
    fires("no-dedicated-resource", "medium", "250-999 without a person or team"),
    fires(
        "no-dedicated-resource",
        "high",
        "1000+ without a person or team",
        company_size="1000+",
    ),
    fires(
        "isolated-team",
        "medium",
        "a social media manager with marketing only",
        departments=["marketing"],
        editorial=["social_team"],
        **SOCIAL_PERSON,
    ),
    fires(
        "isolated-team",
        "medium",
        "a team and no department",
        departments=[],
        dedicated_team="team",
        team_size=4,
        lead="social_team",
        editorial=["social_team", "agency"],
    ),
    fires("no-guidelines", "medium", "three departments without guidelines"),
    fires("no-guidelines", "high", "regulated, three departments without guidelines", regulated=True),
    fires(
        "no-guidelines",
        "high",
        "regulated, two departments without guidelines",
        regulated=True,
        departments=["marketing", "support"],
    ),
    fires("regulated-without-approval", "high", "regulated without legal", regulated=True),
    fires("no-executive-sponsor", "medium", "250-999 without a sponsor", executive_sponsor=False),
    fires(
        "no-executive-sponsor",
        "medium",
        "50-249 without a sponsor",
        company_size="50-249",
        executive_sponsor=False,
    ),
    fires(
        "no-guidelines",
        "medium",
        "a named person and one department without guidelines",
        departments=["marketing", "support"],
        editorial=["social_team", "support"],
        **SOCIAL_PERSON,
    ),
    fires(
        "several-units-small",
        "low",
        "two brands at 50-249",
        company_size="50-249",
        business_units="multiple",
    ),
    fires(
        "no-executive-sponsor",
        "medium",
        "1000+ without a sponsor",
        company_size="1000+",
        executive_sponsor=False,
    ),
    fires(
        "service-differentiator",
        "info",
        "service goal and support answering",
        goals=["service"],
        editorial=["support"],
    ),
    fires("strength-cross-departmental", "strength", "three departments (the spec example)"),
    fires(
        "strength-support-editorial",
        "strength",
        "support answers comments",
        editorial=["support"],
    ),
    fires(
        "agency-answers-customers", "high", "an agency alone answers daily questions", editorial=["agency"]
    ),
    fires(
        "agency-answers-customers",
        "medium",
        "an agency alone answers, occasional questions",
        editorial=["agency"],
        inquiries="occasional",
    ),
    fires(
        "contradiction-governed-without-owner",
        "medium",
        "governed, but nobody has the final say",
        coordination="governed",
        lead="none",
    ),
    fires(
        "contradiction-measured-without-owner",
        "medium",
        "measured goals, but nobody has the final say",
        goals_defined="measured",
        lead="none",
    ),
    fires(
        "contradiction-team-of-one",
        "low",
        "a team of one person",
        dedicated_team="team",
        team_size=1,
        lead="social_team",
    ),
    fires("strength-goals-measured", "strength", "goals measured", goals_defined="measured"),
    fires("strength-governed", "strength", "governed coordination", coordination="governed"),
    fires("strength-guidelines", "strength", "written guidelines", guidelines=True),
    fires("strength-executive-sponsor", "strength", "a board sponsor (the spec example)"),
    fires("strength-budget", "strength", "a dedicated budget", budget="dedicated"),
]

# (finding, answers changed from BASE_ANSWERS): one change away from a case above.
QUIET = [
    quiet(
        "no-involvement",
        "a named person but no department",
        departments=[],
        editorial=["social_team"],
        **SOCIAL_PERSON,
    ),
    quiet(
        "no-involvement",
        "one department, no named person",
        departments=["hr"],
        lead="none",
        editorial=["hr"],
    ),
    quiet("marketing-only", "marketing and support", departments=["marketing", "support"]),
    quiet("marketing-only", "PR only", departments=["pr"], lead="pr", editorial=["pr"]),
    quiet("support-not-involved", "support takes part (the spec example)"),
    quiet("support-not-editorial", "support also answers", editorial=["marketing", "support"]),
    quiet("uncoordinated", "informal coordination (the spec example)"),
    quiet("no-clear-owner", "marketing has the final say (the spec example)"),
    quiet("no-goals", "one goal", goals=["awareness"]),
    quiet("no-defined-goals", "goals agreed informally", goals_defined="informal"),
    quiet("goals-not-measured", "goals measured", goals_defined="measured"),
    quiet("goals-not-measured", "no goals defined at all", goals_defined="none"),
    quiet(
        "goal-gap-recruiting",
        "recruiting with HR",
        goals=["recruiting"],
        departments=["marketing", "pr", "support", "hr"],
    ),
    quiet(
        "goal-gap-expertise",
        "expertise with product",
        goals=["expertise"],
        departments=["marketing", "pr", "support", "product"],
    ),
    quiet(
        "goal-gap-expertise",
        "expertise with management",
        goals=["expertise"],
        departments=["marketing", "pr", "support", "management"],
    ),
    quiet(
        "goal-gap-customers",
        "customers with sales",
        departments=["marketing", "pr", "support", "sales"],
    ),
    quiet(
        "goal-gap-service", "service, support answers", goals=["service"], editorial=["marketing", "support"]
    ),
    quiet(
        "goal-gap-service",
        "service under 10 employees without a support department",
        company_size="1-9",
        goals=["service"],
        departments=["marketing", "pr"],
    ),
    quiet(
        "goal-gap-dialogue",
        "dialogue, support answers",
        goals=["dialogue"],
        departments=["marketing", "support"],
        editorial=["support"],
    ),
    quiet(
        "goal-gap-dialogue",
        "dialogue, PR answers",
        goals=["dialogue"],
        departments=["marketing", "pr"],
        editorial=["pr"],
        lead="pr",
    ),
    quiet("goal-gap-recruiting", "recruiting under 10 employees", company_size="1-9", goals=["recruiting"]),
    quiet("goal-gap-expertise", "expertise under 10 employees", company_size="1-9", goals=["expertise"]),
    quiet("goal-gap-customers", "customers under 10 employees", company_size="1-9"),
    quiet("no-budget", "campaign budget (the spec example)"),
    quiet("no-dedicated-resource", "50-249 employees", company_size="50-249"),
    quiet("no-dedicated-resource", "a named person", dedicated_team="individual"),
    quiet(
        "no-dedicated-resource",
        "1000+ with a team",
        company_size="1000+",
        dedicated_team="team",
        team_size=6,
    ),
    quiet(
        "isolated-team",
        "a social media manager with two departments",
        departments=["marketing", "support"],
        editorial=["social_team"],
        **SOCIAL_PERSON,
    ),
    quiet("isolated-team", "marketing only, but no named person", departments=["marketing"]),
    quiet("no-guidelines", "guidelines written", guidelines=True),
    quiet("no-guidelines", "only two departments", departments=["marketing", "support"]),
    quiet("no-guidelines", "regulated with guidelines", regulated=True, guidelines=True),
    quiet(
        "regulated-without-approval",
        "regulated with legal",
        regulated=True,
        departments=["marketing", "pr", "support", "legal"],
    ),
    quiet("regulated-without-approval", "not regulated (the spec example)"),
    quiet(
        "no-executive-sponsor",
        "10-49 without a sponsor",
        company_size="10-49",
        executive_sponsor=False,
    ),
    quiet("several-units-small", "two brands at 250-999", business_units="multiple"),
    quiet("several-units-small", "one presence at 50-249", company_size="50-249"),
    quiet(
        "support-not-involved",
        "no support department under 10 employees",
        company_size="1-9",
        departments=["marketing", "pr"],
    ),
    quiet("no-executive-sponsor", "a sponsor (the spec example)"),
    quiet(
        "service-differentiator",
        "service goal, marketing answers",
        goals=["service"],
        editorial=["marketing"],
    ),
    quiet(
        "service-differentiator",
        "support answers, no service goal",
        goals=["customers"],
        editorial=["support"],
    ),
    quiet(
        "strength-cross-departmental",
        "two departments",
        departments=["marketing", "support"],
    ),
    quiet("strength-support-editorial", "marketing answers (the spec example)"),
    quiet("strength-goals-measured", "goals only written (the spec example)"),
    quiet("strength-governed", "regular coordination", coordination="regular"),
    quiet(
        "agency-answers-customers", "the agency writes beside marketing", editorial=["marketing", "agency"]
    ),
    quiet(
        "contradiction-governed-without-owner",
        "governed with an owner",
        coordination="governed",
    ),
    quiet(
        "contradiction-measured-without-owner",
        "measured goals with an owner",
        goals_defined="measured",
    ),
    quiet(
        "contradiction-team-of-one",
        "a team of two",
        dedicated_team="team",
        team_size=2,
        lead="social_team",
    ),
    quiet("strength-guidelines", "no guidelines (the spec example)"),
    quiet("strength-executive-sponsor", "no sponsor", executive_sponsor=False),
    quiet("strength-budget", "campaign money only (the spec example)"),
]


def folded(finding: str, keeper: str, label: str, **answers: Any) -> Any:
    return pytest.param(finding, keeper, answers, id=f"{finding} into {keeper}: {label}")


# One root cause, one finding (spec section 6): (finding, the one it folds into, answers).
FOLDED = [
    folded(
        "goal-gap-service",
        "support-not-editorial",
        "service goal, support does not answer",
        goals=["service"],
    ),
    folded(
        "goal-gap-dialogue",
        "support-not-editorial",
        "dialogue goal, support does not answer",
        goals=["dialogue"],
    ),
    folded(
        "goal-gap-dialogue",
        "support-not-involved",
        "dialogue goal, no support",
        goals=["dialogue"],
        departments=["marketing", "sales"],
    ),
    folded("support-not-involved", "marketing-only", "marketing alone", departments=["marketing"]),
    folded(
        "goal-gap-dialogue",
        "marketing-only",
        "marketing alone, dialogue goal",
        departments=["marketing"],
        goals=["dialogue"],
    ),
    folded(
        "goal-gap-dialogue",
        "support-not-involved",
        "dialogue goal, only a named person answers",
        goals=["dialogue"],
        departments=[],
        editorial=["social_team"],
        **SOCIAL_PERSON,
    ),
    folded("no-clear-owner", "no-involvement", "nobody involved", **NOBODY),
    folded("goal-gap-customers", "no-involvement", "nobody involved, customers a goal", **NOBODY),
]


def fired(assessment: Any) -> dict[str, Any]:
    """Every finding that fired, by id; one folded into another maps to the one that kept it."""
    kept = {f.id: f for f in assessment.findings}
    return {**{folded: f for f in assessment.findings for folded in f.folded}, **kept}


def reported(assessment: Any) -> dict[str, Any]:
    """The findings the report shows (folded ones only inside their keeper)."""
    return {f.id: f for f in assessment.findings}


def case_ids(cases: list[Any]) -> set[str]:
    return {case.values[0] for case in cases}


# --- coverage of the contract ----------------------------------------------------------


def test_every_contract_finding_and_every_strength_has_a_firing_and_a_quiet_case(pack: Any) -> None:
    pack_strengths = {f.id for f in pack.findings if f.severity == "strength"}
    assert pack_strengths == set(STRENGTHS)
    every = set(SPEC_FINDINGS) | set(EXTRA_FINDINGS) | set(STRENGTHS)
    assert case_ids(FIRES) | {case.values[0] for case in FOLDED} == every
    assert case_ids(QUIET) == every


def test_every_contract_finding_is_in_the_pack(pack: Any) -> None:
    ids = {f.id for f in pack.findings}
    assert len(SPEC_FINDINGS) == 21
    assert set(SPEC_FINDINGS) <= ids
    assert ids - set(SPEC_FINDINGS) == set(STRENGTHS) | set(EXTRA_FINDINGS)


def _spec_table() -> list[tuple[str, str | None, set[str]]]:
    """(id, severity named by the contract or None, sources cited) from section 6."""
    if not SPEC.is_file():
        pytest.skip(f"product contract not found at {SPEC}")
    text = SPEC.read_text(encoding="utf-8")
    section = text.split("## 6.", 1)[1].split("## 7.", 1)[0]
    rows = []
    for line in section.splitlines():
        match = re.match(r"\|\s*`([a-z-]+)`\s*(?:\((\w+)\))?\s*\|.*\|(.*)\|\s*$", line)
        if match:
            finding, severity, cites = match.groups()
            rows.append((finding, severity, set(re.findall(r"\b(S1|S2|A1)\b", cites))))
    return rows


def test_the_contract_table_lists_exactly_these_findings() -> None:
    assert [row[0] for row in _spec_table()] == list(SPEC_FINDINGS)


def test_every_finding_in_the_contract_table_exists_in_the_pack(pack: Any) -> None:
    ids = {f.id for f in pack.findings}
    missing = [finding for finding, _, _ in _spec_table() if finding not in ids]
    assert missing == []


def test_severities_named_by_the_contract_are_the_packs(pack: Any) -> None:
    for finding, severity, _ in _spec_table():
        if severity is not None:
            assert pack.finding(finding).severity == severity, finding


def test_each_finding_cites_the_sources_the_contract_names(pack: Any) -> None:
    for finding, _, cites in _spec_table():
        assert cites, finding
        assert cites <= set(pack.finding(finding).sources), finding


def test_every_finding_explains_why_and_every_gap_says_what_to_do(pack: Any) -> None:
    units = set(pack.units) | {"@coordinator"}
    for finding in pack.findings:
        assert finding.sources, finding.id
        assert finding.why("de").strip() and finding.why("en").strip(), finding.id
        if finding.severity == "strength":
            continue
        assert finding.actions, finding.id
        for step in finding.actions:
            assert step.text("de").strip() and step.text("en").strip(), finding.id
            assert step.owner in units, finding.id


# --- when each finding fires ------------------------------------------------------------


@pytest.mark.parametrize(("finding", "severity", "answers"), FIRES)
def test_finding_fires_with_its_severity(
    assess_with: Any, pack: Any, finding: str, severity: str, answers: dict[str, Any]
) -> None:
    result = reported(assess_with(**answers))
    assert finding in result, f"{finding} did not fire on its own"
    hit = result[finding]
    assert hit.severity == severity
    assert hit.rule.sources, "a finding must cite its source"
    source_ids = {s.id for s in pack.sources}
    assert set(hit.rule.sources) <= source_ids
    assert hit.evidence, "a finding must show the answers that triggered it"


@pytest.mark.parametrize(("finding", "keeper", "answers"), FOLDED)
def test_a_finding_restating_a_root_cause_is_folded_into_it(
    assess_with: Any, pack: Any, finding: str, keeper: str, answers: dict[str, Any]
) -> None:
    result = assess_with(**answers)
    shown = reported(result)
    assert finding not in shown, "one root cause, one finding"
    assert finding in shown[keeper].folded
    assert SEVERITIES.index(shown[keeper].severity) <= SEVERITIES.index(pack.finding(finding).severity)


@pytest.mark.parametrize(("finding", "answers"), QUIET)
def test_finding_stays_quiet_after_a_minimal_change(
    assess_with: Any, finding: str, answers: dict[str, Any]
) -> None:
    assert finding not in fired(assess_with(**answers))


def test_the_spec_example_raises_exactly_these_findings(assess_with: Any) -> None:
    result = assess_with()
    assert [(f.id, f.severity) for f in result.findings] == [
        ("support-not-editorial", "high"),
        ("goal-gap-customers", "medium"),
        ("no-dedicated-resource", "medium"),
        ("no-guidelines", "medium"),
        ("goals-not-measured", "low"),
        ("strength-cross-departmental", "strength"),
        ("strength-executive-sponsor", "strength"),
    ]


def test_marketing_only_is_a_high_finding_that_carries_the_missing_support(assess_with: Any) -> None:
    result = assess_with(departments=["marketing"])
    hit = reported(result)["marketing-only"]
    assert hit.severity == "high"
    assert hit.folded == ("support-not-involved",)
    values = result.answers.values
    assert [machine_evidence(q, values) for q in hit.evidence] == [
        "company_size = 250-999",
        "departments = [marketing]",
        "inquiries = daily",
    ]


def test_nobody_involved_is_a_high_finding(assess_with: Any) -> None:
    assert fired(assess_with(**NOBODY))["no-involvement"].severity == "high"


# --- evidence -------------------------------------------------------------------------


def evidence_of(result: Any, finding: str) -> list[str]:
    return [machine_evidence(q, result.answers.values) for q in reported(result)[finding].evidence]


def test_support_not_editorial_evidence_is_the_spec_example(assess_with: Any) -> None:
    result = assess_with()
    assert reported(result)["support-not-editorial"].severity == "high"
    assert evidence_of(result, "support-not-editorial") == [
        "company_size = 250-999",
        "departments = [marketing, pr, support]",
        "editorial = [marketing]",
        "inquiries = daily",
    ]


def test_support_not_editorial_escalated_by_a_goal_names_the_goals(assess_with: Any) -> None:
    result = assess_with(inquiries="none", goals=["dialogue"])
    assert evidence_of(result, "support-not-editorial") == [
        "company_size = 250-999",
        "departments = [marketing, pr, support]",
        "editorial = [marketing]",
        "goals = [dialogue]",
    ]
    assert reported(result)["support-not-editorial"].folded == ("goal-gap-dialogue",)


def test_support_not_editorial_at_medium_names_the_occasional_inquiries(assess_with: Any) -> None:
    result = assess_with(inquiries="occasional")
    assert reported(result)["support-not-editorial"].severity == "medium"
    assert evidence_of(result, "support-not-editorial")[-1] == "inquiries = occasional"


def test_support_not_editorial_at_low_does_not_name_inquiries_or_goals(assess_with: Any) -> None:
    result = assess_with(inquiries="none", goals=["awareness"])
    evidence = evidence_of(result, "support-not-editorial")
    assert not [line for line in evidence if line.startswith(("goals", "inquiries"))]


def test_no_guidelines_when_regulated_names_the_regulation(assess_with: Any) -> None:
    result = assess_with(regulated=True)
    assert evidence_of(result, "no-guidelines") == [
        "regulated = true",
        "departments = [marketing, pr, support]",
        "guidelines = false",
    ]


def test_no_dedicated_resource_at_1000_plus_names_size_and_team(assess_with: Any) -> None:
    result = assess_with(company_size="1000+")
    assert evidence_of(result, "no-dedicated-resource") == ["company_size = 1000+", "dedicated_team = none"]


def test_the_report_shows_evidence_as_answers_in_words(pack: Any, assess_with: Any) -> None:
    from orgcheck.report.localizer import Localizer, report_strings

    result = assess_with(lead="none")
    hit = reported(result)["no-clear-owner"]
    english = Localizer(pack, "en", report_strings()).evidence(hit, result.answers.values)
    german = Localizer(pack, "de", report_strings()).evidence(hit, result.answers.values)
    assert english == ["Final say: Nobody in particular"]
    assert german == ["Letztes Wort: Niemand ausdrücklich"]


@pytest.mark.parametrize(("finding", "severity", "answers"), FIRES)
def test_evidence_quotes_the_answers_given(
    assess_with: Any, pack: Any, finding: str, severity: str, answers: dict[str, Any]
) -> None:
    result = assess_with(**answers)
    values = result.answers.values
    question_ids = {q.id for q in pack.questions}
    order = [q.id for q in pack.questions]
    for hit in result.findings:
        assert len(set(hit.evidence)) == len(hit.evidence), hit.id
        assert list(hit.evidence) == sorted(hit.evidence, key=order.index), "in questionnaire order"
        for question in hit.evidence:
            assert question in question_ids, question
            assert question in values, f"{hit.id} cites {question}, which was not asked"


# --- order --------------------------------------------------------------------------


def test_findings_are_ordered_by_severity(assess_with: Any) -> None:
    result = assess_with(
        coordination="whoever_wants",
        goals=["service", "recruiting"],
        goals_defined="informal",
        editorial=["support"],
        budget="dedicated",
    )
    severities = [f.severity for f in result.findings]
    assert set(severities) == set(SEVERITIES), "this case should show every severity"
    assert severities == sorted(severities, key=SEVERITIES.index)


@pytest.mark.parametrize(("finding", "severity", "answers"), FIRES)
def test_findings_keep_severity_order_then_pack_order(
    assess_with: Any, pack: Any, finding: str, severity: str, answers: dict[str, Any]
) -> None:
    pack_order = [f.id for f in pack.findings]
    result = assess_with(**answers)
    keys = [(SEVERITIES.index(f.severity), pack_order.index(f.id)) for f in result.findings]
    assert keys == sorted(keys)


# --- actions ----------------------------------------------------------------------------

ACTION_SCENARIOS = [
    pytest.param({}, id="spec example"),
    pytest.param({"lead": "none", "budget": "none", "goals": []}, id="no owner, budget or goals"),
    pytest.param({"company_size": "10-49", "lead": "none"}, id="small company without owner"),
    pytest.param(
        {"company_size": "1000+", "business_units": "multiple", "executive_sponsor": False},
        id="large with several units",
    ),
    pytest.param({"regulated": True, "coordination": "whoever_wants"}, id="regulated, uncoordinated"),
    pytest.param(
        {
            "company_size": "10-49",
            "coordination": "governed",
            "guidelines": True,
            "departments": ["marketing", "pr", "sales", "support", "product"],
            "lead": "none",
            "goals_defined": "none",
        },
        id="small and governed, but no lead and no goals",
    ),
    pytest.param(dict(NOBODY, company_size="1-9"), id="nobody involved"),
    pytest.param(
        {
            "dedicated_team": "team",
            "team_size": 3,
            "lead": "social_team",
            "departments": ["marketing"],
            "editorial": ["social_team"],
            "goals": ["dialogue", "expertise", "recruiting", "service"],
        },
        id="isolated team with goal gaps",
    ),
]


@pytest.mark.parametrize("answers", ACTION_SCENARIOS)
def test_first_action_is_the_recommended_structures_first_step_for_todays_setup(
    assess_with: Any, answers: dict[str, Any]
) -> None:
    """The step towards the structure is in the plan, after the steps for urgent findings only."""
    result = assess_with(**answers)
    expected = choose_step(result.recommendation.structure.first_steps, result.answers)
    first = next(a for a in result.actions if a.asks == expected.asks)
    assert first.finding is None
    before = result.actions[: first.priority - 1]
    assert all(a.severity == "high" for a in before), [(a.asks, a.severity) for a in before]
    assert [a.priority for a in result.actions] == list(range(1, len(result.actions) + 1))


@pytest.mark.parametrize("answers", ACTION_SCENARIOS)
def test_every_finding_that_needs_doing_is_answered_by_exactly_one_step(
    assess_with: Any, answers: dict[str, Any]
) -> None:
    """A step answers its own finding, those the first step addresses, and later findings
    that ask for the same thing; the findings' own steps follow their severity order."""
    result = assess_with(**answers)
    for finding in result.findings:
        answering = [a for a in result.actions if finding.id in a.covers]
        assert len(answering) == (1 if finding.rule.actions else 0), finding.id
    own = [a.finding for a in result.actions if a.finding]
    order = [f.id for f in result.findings]
    assert own == sorted(own, key=order.index)


@pytest.mark.parametrize("answers", ACTION_SCENARIOS)
def test_action_owners_are_departments_or_named_units(
    assess_with: Any, pack: Any, answers: dict[str, Any]
) -> None:
    allowed = {*pack.department_values, "social_team", "hubs", "all_employees", "agency"}
    for action in assess_with(**answers).actions:
        assert action.owner in allowed


def test_spec_example_action_plan(assess_with: Any) -> None:
    result = assess_with()
    assert result.recommendation.id == "hub_and_spoke"
    assert [(a.priority, a.owner, a.asks, a.finding) for a in result.actions] == [
        (1, "support", "support-answers", "support-not-editorial"),  # urgent: daily questions
        (2, "management", "appoint-hub", None),
        # sales takes no part: the lead agrees it with whoever handles offers and orders
        (3, "marketing", "involve-sales", "goal-gap-customers"),
        # the hub is still to be set up: today's lead does it until then
        (4, "marketing", "write-guidelines", "no-guidelines"),
        (5, "marketing", "measure-goals", "goals-not-measured"),
    ]
    assert result.actions[1].covers == ("no-dedicated-resource",)


def test_setting_up_the_hub_covers_the_missing_owner(assess_with: Any) -> None:
    result = assess_with(lead="none")
    assert result.recommendation.id == "hub_and_spoke"
    assert "no-clear-owner" in reported(result)
    assert result.actions[0].asks == "appoint-hub"
    assert {"no-clear-owner", "no-dedicated-resource"} <= set(result.actions[0].covers)
    assert "no-clear-owner" not in {a.finding for a in result.actions}


def test_a_team_that_already_leads_is_not_told_to_name_a_hub(assess_with: Any) -> None:
    result = assess_with(dedicated_team="team", team_size=12, lead="social_team", coordination="regular")
    formalise = next(a for a in result.actions if a.asks == "formalise-spokes")
    assert formalise.owner == "social_team"
    assert not {"appoint-hub", "appoint-owner"} & {a.asks for a in result.actions}


def test_a_team_without_the_final_say_is_given_it(assess_with: Any) -> None:
    result = assess_with(dedicated_team="individual", lead="none", editorial=["social_team"])
    first = result.actions[0]
    assert first.asks == "appoint-owner"
    assert "no-clear-owner" in first.covers


def test_the_next_stage_gets_a_step_of_its_own(assess_with: Any) -> None:
    result = assess_with(
        coordination="governed",
        guidelines=True,
        departments=["marketing", "pr", "sales", "support", "product"],
        editorial=["marketing", "support"],
        dedicated_team="team",
        team_size=4,
        lead="social_team",
    )
    assert result.next_stage is not None and result.next_stage.id == "holistic"
    assert result.actions[-1].asks == "pilot-everyone-speaks"
    assert result.actions[-1].finding is None


def test_marketing_only_action_covers_bringing_in_support(assess_with: Any) -> None:
    result = assess_with(departments=["marketing"], goals=["dialogue"])
    shown = reported(result)
    assert "marketing-only" in shown
    assert {"support-not-involved", "goal-gap-dialogue"} <= set(shown["marketing-only"].folded)
    planned = {a.finding: a for a in result.actions if a.finding}
    assert planned["marketing-only"].owner == "marketing"
    assert planned["marketing-only"].asks == "involve-support"
    assert not {"support-not-involved", "goal-gap-dialogue"} & set(planned)


def test_the_smallest_companies_get_owners_they_have(assess_with: Any) -> None:
    """A bakery of four is not told to ask its head of support, sales or legal."""
    result = assess_with(
        company_size="1-9",
        departments=["management"],
        lead="management",
        editorial=["management"],
        regulated=True,
        goals=["customers", "recruiting"],
        budget="none",
    )
    assert {a.owner for a in result.actions} == {"management"}
    # approval stays with legal or compliance: an external adviser in a firm this small;
    # the management leads and so does not also back itself as sponsor
    assert {r.unit: r.roles for r in result.responsibilities} == {
        "management": ("lead", "coordination", "editorial"),
        "legal": ("approval",),
    }


def test_strengths_have_no_action(assess_with: Any) -> None:
    result = assess_with(budget="dedicated", guidelines=True, coordination="governed")
    strengths = {f.id for f in result.findings if f.severity == "strength"}
    assert strengths
    assert strengths.isdisjoint({a.finding for a in result.actions})


# --- the rules at the end of section 6, by example --------------------------------------
# (tests/test_advice_rules.py checks the same rules over generated answer sets)

# Findings that report support missing from customer contact, and those that fold them in.
SUPPORT_GAPS = {
    "support-not-involved",
    "support-not-editorial",
    "goal-gap-service",
    "goal-gap-dialogue",
    "marketing-only",
    "no-involvement",
}
APPOINTING = {"appoint-owner", "appoint-hub"}


def support_gap_severity(result: Any) -> str | None:
    """The severity of the finding that reports the support gap, if one does."""
    severities = [f.severity for f in result.findings if SUPPORT_GAPS & {f.id, *f.folded}]
    return min(severities, key=SEVERITIES.index) if severities else None


def at_least_as_severe(severity: str | None, than: str | None) -> bool:
    if than is None:
        return True
    return severity is not None and SEVERITIES.index(severity) <= SEVERITIES.index(than)


def ladder(inquiries: str, goals: list[str]) -> str:
    """Issue 7: the severity ladder both support findings share."""
    if inquiries in ("daily", "many") or {"dialogue", "service"} & set(goals):
        return "high"
    return "medium" if inquiries == "occasional" else "low"


@pytest.mark.parametrize("company_size", ["10-49", "250-999"])
@pytest.mark.parametrize("inquiries", ["none", "occasional", "daily", "many"])
@pytest.mark.parametrize("goals", [["awareness"], ["dialogue"], ["service"]], ids=str)
def test_support_absent_is_at_least_as_severe_as_support_not_answering(
    assess_with: Any, company_size: str, inquiries: str, goals: list[str]
) -> None:
    common = dict(company_size=company_size, inquiries=inquiries, goals=goals, editorial=["marketing"])
    present = reported(assess_with(departments=["marketing", "pr", "support"], **common))
    absent = reported(assess_with(departments=["marketing", "pr"], **common))
    expected = ladder(inquiries, goals)
    assert present["support-not-editorial"].severity == expected
    assert absent["support-not-involved"].severity == expected


def test_support_is_not_missed_where_only_a_dedicated_team_takes_part(assess_with: Any) -> None:
    team_only = dict(
        dedicated_team="team", team_size=5, lead="social_team", editorial=["social_team"], inquiries="many"
    )
    with_support = assess_with(departments=["support"], **team_only)
    without = assess_with(departments=[], **team_only)
    assert reported(with_support)["support-not-editorial"].severity == "high"
    assert "support-not-involved" in fired(without)
    assert at_least_as_severe(support_gap_severity(without), than=support_gap_severity(with_support))


def test_under_ten_employees_support_findings_stay_away_whether_support_exists_or_not(
    assess_with: Any,
) -> None:
    """Under 10, whoever serves customers answers: no support finding either way (found as a
    strict xfail: goal-gap-service fired for present-but-silent support, nothing for absent)."""
    common = dict(company_size="1-9", goals=["service"], editorial=["marketing"])
    present = assess_with(departments=["marketing", "pr", "support"], **common)
    absent = assess_with(departments=["marketing", "pr"], **common)
    assert support_gap_severity(present) is None
    assert support_gap_severity(absent) is None


def every_scenario() -> list[Any]:
    """The action scenarios and every firing case's answers."""
    return [*ACTION_SCENARIOS, *(pytest.param(case.values[2], id=case.id) for case in FIRES)]


@pytest.mark.parametrize("answers", every_scenario())
def test_no_two_steps_ask_for_the_same_thing(assess_with: Any, answers: dict[str, Any]) -> None:
    actions = assess_with(**answers).actions
    asks = [a.asks for a in actions]
    assert len(asks) == len(set(asks)), asks
    texts = [a.text.en for a in actions]
    assert len(texts) == len(set(texts)), texts


@pytest.mark.parametrize("lead", ["marketing", "social_team"])
@pytest.mark.parametrize("dedicated_team", ["individual", "team"])
@pytest.mark.parametrize(
    "size",
    [
        {"company_size": "1-9"},
        {"company_size": "10-49"},
        {"company_size": "250-999"},
        {"company_size": "1000+", "business_units": "multiple"},
    ],
    ids=lambda size: "-".join(size.values()),
)
def test_nobody_is_asked_to_name_an_owner_who_exists(
    assess_with: Any, lead: str, dedicated_team: str, size: dict[str, str]
) -> None:
    team = {"team_size": 4} if dedicated_team == "team" else {}
    result = assess_with(lead=lead, dedicated_team=dedicated_team, **team, **size)
    assert not APPOINTING & {a.asks for a in result.actions}, [a.asks for a in result.actions]


@pytest.mark.parametrize(
    ("answers", "asks"),
    [
        pytest.param({}, "appoint-hub", id="a lead but no hub at 250-999 (the spec example)"),
        pytest.param(
            {"dedicated_team": "individual", "lead": "none"}, "appoint-owner", id="a person but no lead"
        ),
    ],
)
def test_an_owner_or_hub_that_is_missing_is_asked_for(
    assess_with: Any, answers: dict[str, Any], asks: str
) -> None:
    assert asks in {a.asks for a in assess_with(**answers).actions}


TINY = [
    pytest.param(
        {
            "departments": ["marketing"],
            "lead": "marketing",
            "goals": ["customers", "recruiting", "expertise", "service"],
        },
        id="marketing alone, every goal gap",
    ),
    pytest.param(
        {
            "departments": ["marketing", "pr"],
            "lead": "none",
            "coordination": "whoever_wants",
            "budget": "none",
        },
        id="marketing and PR, no owner, no budget",
    ),
    pytest.param(
        {
            "departments": ["pr", "hr"],
            "lead": "pr",
            "editorial": ["pr"],
            "regulated": True,
            "goals_defined": "none",
        },
        id="regulated without legal, goals not set down",
    ),
    pytest.param(
        {"departments": ["management"], "lead": "management", "editorial": ["agency"], "goals": ["dialogue"]},
        id="the owner and an agency",
    ),
    pytest.param(
        {
            "departments": ["marketing", "sales"],
            "lead": "marketing",
            "business_units": "multiple",
            "executive_sponsor": False,
        },
        id="two brands",
    ),
]


@pytest.mark.parametrize("answers", TINY)
def test_under_ten_employees_every_owner_is_management_or_a_department_answered(
    assess_with: Any, answers: dict[str, Any]
) -> None:
    answers = {"editorial": answers["departments"][:1], **answers}
    result = assess_with(company_size="1-9", **answers)
    existing = {"management", *answers["departments"]}
    assert {a.owner for a in result.actions} <= existing, [(a.owner, a.asks) for a in result.actions]
    # approval stays with legal or compliance where regulated: an external adviser (policy 2)
    external = {r.unit for r in result.responsibilities if r.roles == ("approval",) and r.unit == "legal"}
    assert {r.unit for r in result.responsibilities} - external <= existing | {"all_employees", "agency"}
