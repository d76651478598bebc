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

from orgcheck.answers import format_value
from orgcheck.pack import SEVERITIES

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
        "medium",
        "marketing and PR without support",
        departments=["marketing", "pr"],
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
        "medium",
        "no inquiries, goal awareness only",
        inquiries="none",
        goals=["awareness"],
    ),
    fires("uncoordinated", "high", "whoever wants posts", coordination="whoever_wants"),
    fires("no-clear-owner", "high", "nobody has the final say", lead="none"),
    fires("no-goals", "medium", "no goals chosen", goals=[]),
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
    fires(
        "goal-gap-service",
        "medium",
        "service without support",
        goals=["service"],
        departments=["marketing", "pr"],
    ),
    fires(
        "goal-gap-dialogue",
        "medium",
        "dialogue without support or PR",
        goals=["dialogue"],
        departments=["marketing", "sales"],
    ),
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
    fires("regulated-without-approval", "high", "regulated without legal", regulated=True),
    fires("no-executive-sponsor", "medium", "250-999 without a sponsor", executive_sponsor=False),
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
    quiet("goal-gap-service", "service with support", goals=["service"]),
    quiet(
        "goal-gap-dialogue",
        "dialogue with support",
        goals=["dialogue"],
        departments=["marketing", "support"],
    ),
    quiet(
        "goal-gap-dialogue",
        "dialogue with PR",
        goals=["dialogue"],
        departments=["marketing", "pr"],
    ),
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
        "50-249 without a sponsor",
        company_size="50-249",
        executive_sponsor=False,
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
    quiet("strength-guidelines", "no guidelines (the spec example)"),
    quiet("strength-executive-sponsor", "no sponsor", executive_sponsor=False),
    quiet("strength-budget", "campaign money only (the spec example)"),
]


def fired(assessment: Any) -> dict[str, Any]:
    return {f.id: f for f in assessment.findings}


def case_ids(cases: list[Any]) -> set[str]:
    return {case.values[0] for case in cases}


# --- coverage of the contract ----------------------------------------------------------


def test_every_contract_finding_and_every_strength_has_a_firing_and_a_quiet_case(pack: Any) -> None:
    pack_strengths = {f.id for f in pack.findings if f.severity == "strength"}
    assert pack_strengths == set(STRENGTHS)
    assert case_ids(FIRES) == set(SPEC_FINDINGS) | set(STRENGTHS)
    assert case_ids(QUIET) == set(SPEC_FINDINGS) | set(STRENGTHS)


def test_every_contract_finding_is_in_the_pack(pack: Any) -> None:
    ids = {f.id for f in pack.findings}
    assert len(SPEC_FINDINGS) == 21
    assert set(SPEC_FINDINGS) <= ids
    assert ids - set(SPEC_FINDINGS) == set(STRENGTHS), "only strengths go beyond the contract"


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
        assert finding.action is not None, finding.id
        assert finding.action("de").strip() and finding.action("en").strip(), finding.id
        assert finding.owner in units, finding.id


# --- when each finding fires ------------------------------------------------------------


@pytest.mark.parametrize(("finding", "severity", "answers"), FIRES)
def test_finding_fires_with_its_severity(
    assess_with: Any, pack: Any, finding: str, severity: str, answers: dict[str, Any]
) -> None:
    result = fired(assess_with(**answers))
    assert finding in result, f"{finding} did not fire"
    hit = result[finding]
    assert hit.severity == severity
    assert hit.rule.sources, "a finding must cite its source"
    source_ids = {s.id for s in pack.sources}
    assert set(hit.rule.sources) <= source_ids
    assert hit.evidence, "a finding must show the answers that triggered it"


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


def test_marketing_only_is_a_high_finding(assess_with: Any) -> None:
    hit = fired(assess_with(departments=["marketing"]))["marketing-only"]
    assert hit.severity == "high"
    assert hit.evidence == ("departments = [marketing]",)


def test_nobody_involved_is_a_high_finding(assess_with: Any) -> None:
    assert fired(assess_with(**NOBODY))["no-involvement"].severity == "high"


# --- evidence -------------------------------------------------------------------------


def test_support_not_editorial_evidence_is_the_spec_example(assess_with: Any) -> None:
    hit = fired(assess_with())["support-not-editorial"]
    assert hit.severity == "high"
    assert list(hit.evidence) == ["editorial = [marketing]", "inquiries = daily"]
    assert hit.rule.sources == ("S1",)


def test_support_not_editorial_escalated_by_a_goal_names_the_goals(assess_with: Any) -> None:
    hit = fired(assess_with(inquiries="none", goals=["dialogue"]))["support-not-editorial"]
    assert list(hit.evidence) == ["editorial = [marketing]", "goals = [dialogue]"]


def test_support_not_editorial_at_medium_names_only_the_editorial_answer(assess_with: Any) -> None:
    hit = fired(assess_with(inquiries="occasional"))["support-not-editorial"]
    assert list(hit.evidence) == ["editorial = [marketing]"]


def test_no_guidelines_when_regulated_names_the_regulation(assess_with: Any) -> None:
    hit = fired(assess_with(regulated=True))["no-guidelines"]
    assert list(hit.evidence) == [
        "guidelines = false",
        "departments = [marketing, pr, support]",
        "regulated = true",
    ]


def test_no_dedicated_resource_at_1000_plus_names_size_and_team(assess_with: Any) -> None:
    hit = fired(assess_with(company_size="1000+"))["no-dedicated-resource"]
    assert list(hit.evidence) == ["company_size = 1000+", "dedicated_team = none"]


@pytest.mark.parametrize(("finding", "severity", "answers"), FIRES)
def test_evidence_quotes_the_answers_given(
    assess_with: Any, pack: Any, finding: str, severity: str, answers: dict[str, Any]
) -> None:
    result = assess_with(**answers)
    values = result.answers.values
    question_ids = {q.id for q in pack.questions}
    for hit in result.findings:
        assert len(set(hit.evidence)) == len(hit.evidence), hit.id
        for line in hit.evidence:
            question, _, value = line.partition(" = ")
            assert question in question_ids, line
            assert question in values, line
            assert value == format_value(values[question]), line


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
        id="small and governed",
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
def test_first_action_is_the_recommended_structures_first_step(
    assess_with: Any, answers: dict[str, Any]
) -> None:
    result = assess_with(**answers)
    first = result.actions[0]
    assert first.priority == 1
    assert first.finding is None
    assert first.text == result.recommendation.structure.first_step
    assert [a.priority for a in result.actions] == list(range(1, len(result.actions) + 1))


@pytest.mark.parametrize("answers", ACTION_SCENARIOS)
def test_every_gap_with_an_action_appears_once_with_its_owner(
    assess_with: Any, pack: Any, answers: dict[str, Any]
) -> None:
    """Except where the first step, or a broader finding's action, already does the work."""
    result = assess_with(**answers)
    covered = set(result.recommendation.structure.first_step_addresses)
    covered |= {c for f in result.findings if f.rule.action for c in f.rule.covers_actions_of}
    coordinator = next(r.unit for r in result.responsibilities if "coordination" in r.roles)
    expected = [
        (f.id, coordinator if f.rule.owner == "@coordinator" else f.rule.owner)
        for f in result.findings
        if f.rule.action is not None and f.id not in covered
    ]
    actual = [(a.finding, a.owner) for a in result.actions[1:]]
    assert actual == expected, "finding actions follow the findings' order, once each"
    for action in result.actions[1:]:
        assert action.text == pack.finding(action.finding).action


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
    assert [(a.priority, a.owner, a.finding) for a in result.actions] == [
        (1, "management", None),
        (2, "support", "support-not-editorial"),
        (3, "sales", "goal-gap-customers"),
        (4, "social_team", "no-guidelines"),
        (5, "social_team", "goals-not-measured"),
    ]


def test_naming_the_hub_covers_the_missing_owner(assess_with: Any) -> None:
    result = assess_with(lead="none")
    assert result.recommendation.id == "hub_and_spoke"
    assert "no-clear-owner" in fired(result)
    assert "no-clear-owner" not in {a.finding for a in result.actions}
    assert "no-dedicated-resource" not in {a.finding for a in result.actions}


def test_missing_owner_is_an_action_for_management_where_the_first_step_does_not_cover_it(
    assess_with: Any,
) -> None:
    result = assess_with(
        company_size="10-49",
        coordination="governed",
        guidelines=True,
        departments=["marketing", "pr", "sales", "support", "product"],
        lead="none",
    )
    assert result.recommendation.id == "holistic"
    owners = {a.finding: a.owner for a in result.actions}
    assert owners["no-clear-owner"] == "management"


def test_marketing_only_action_covers_bringing_in_support(assess_with: Any) -> None:
    result = assess_with(departments=["marketing"], goals=["dialogue"])
    assert {"marketing-only", "support-not-involved", "support-not-editorial"} <= set(fired(result))
    planned = {a.finding: a.owner for a in result.actions}
    assert planned["marketing-only"] == "marketing"
    assert "support-not-involved" not in planned
    assert "support-not-editorial" not in planned
    assert "goal-gap-dialogue" in planned


def test_involving_support_covers_its_editorial_work(assess_with: Any) -> None:
    result = assess_with(departments=["marketing", "pr"])
    assert {"support-not-involved", "support-not-editorial"} <= set(fired(result))
    planned = {a.finding: a.owner for a in result.actions}
    assert planned["support-not-involved"] == "support"
    assert "support-not-editorial" not in planned


def test_strengths_have_no_action(assess_with: Any) -> None:
    result = assess_with(budget="dedicated", guidelines=True, coordination="governed")
    strengths = {f.id for f in result.findings if f.severity == "strength"}
    assert strengths
    assert strengths.isdisjoint({a.finding for a in result.actions})
