"""The rules engine: answers in, an :class:`Assessment` out.

Pure functions of the pack and the answers; no I/O, no terminal, no Textual.
Findings collect (every rule that holds fires, with the evaluation trace as
evidence); dimensions score the share of criteria met; every structure gets a
fit and the reasons for it, and the ranking follows the policy flags in
``structures.yaml``; the action plan and the responsibility table follow from
the recommendation and the findings.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from .answers import AnswerSet, format_value
from .conditions import Answers, Condition, evaluate
from .pack import ROLES, SEVERITIES, Dimension, Finding, Pack, Role, Severity, Structure, Text

Status = Literal["recommendable", "ruled_out", "never_recommended"]
_STATUS_ORDER: dict[Status, int] = {"recommendable": 0, "ruled_out": 1, "never_recommended": 2}
# A unit with any role but sponsor already has its job; it is not also listed
# as a contributor (a board member who sponsors may still contribute posts).
_ROLES_BESIDE_CONTRIBUTOR = {"sponsor"}


class FiredFinding(NamedTuple):
    rule: Finding
    severity: Severity
    evidence: tuple[str, ...]  # "question = value", from the evaluation trace

    @property
    def id(self) -> str:
        return self.rule.id


class CriterionResult(NamedTuple):
    label: Text
    points: int
    met: bool
    applies: bool


class DimensionScore(NamedTuple):
    id: str
    name: Text
    description: Text
    weight: int
    score: int  # 0..100
    criteria: tuple[CriterionResult, ...]


class Reason(NamedTuple):
    delta: int
    text: Text


class StructureFit(NamedTuple):
    structure: Structure
    score: int  # 0..100
    status: Status
    reasons: tuple[Reason, ...]  # every adjustment that applied, in pack order
    status_reason: Text | None = None

    @property
    def id(self) -> str:
        return self.structure.id

    @property
    def main_reason(self) -> Text:
        """The one sentence that explains this fit best."""
        if self.status_reason is not None:
            return self.status_reason
        if self.reasons:
            return max(self.reasons, key=lambda r: abs(r.delta)).text
        return self.structure.summary


class Action(NamedTuple):
    priority: int
    owner: str
    text: Text
    finding: str | None  # the finding it answers; None for the recommendation's first step
    severity: Severity | None


class Responsibility(NamedTuple):
    unit: str
    roles: tuple[Role, ...]


class Assessment(NamedTuple):
    answers: AnswerSet
    findings: tuple[FiredFinding, ...]  # by severity, then pack order
    dimensions: tuple[DimensionScore, ...]
    overall: int
    fit: tuple[StructureFit, ...]  # best first
    recommendation: StructureFit
    next_stage: StructureFit | None
    actions: tuple[Action, ...]
    responsibilities: tuple[Responsibility, ...]

    def findings_of(self, severity: Severity) -> list[FiredFinding]:
        return [f for f in self.findings if f.severity == severity]


def assess(pack: Pack, answers: AnswerSet) -> Assessment:
    values = answers.values
    findings = _findings(pack, answers)
    dimensions = tuple(_dimension(d, values) for d in pack.dimensions)
    overall = _round_ratio(sum(d.score * d.weight for d in dimensions), sum(d.weight for d in dimensions))
    fit = _rank(pack, answers)
    recommendation = next(f for f in fit if f.status == "recommendable")
    next_stage = next(
        (
            f
            for f in fit
            if f.structure.next_stage_when is not None
            and f is not recommendation
            and evaluate(f.structure.next_stage_when, values)[0]
        ),
        None,
    )
    responsibilities = _responsibilities(pack, recommendation.structure, answers, findings)
    actions = _actions(recommendation.structure, findings, responsibilities, answers, pack)
    return Assessment(
        answers=answers,
        findings=findings,
        dimensions=dimensions,
        overall=overall,
        fit=fit,
        recommendation=recommendation,
        next_stage=next_stage,
        actions=actions,
        responsibilities=responsibilities,
    )


def _round_ratio(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up, in integers (no float surprises)."""
    return (2 * numerator + denominator) // (2 * denominator) if denominator else 0


def _evidence(condition: Condition, answers: AnswerSet) -> tuple[bool, list[str]]:
    held, trace = evaluate(condition, answers.values)
    return held, [
        f"{q} = {format_value(answers.values[q])}" if q in answers.values else f"{q}: not asked"
        for q in trace
    ]


def _findings(pack: Pack, answers: AnswerSet) -> tuple[FiredFinding, ...]:
    fired = []
    for rule in pack.findings:
        held, evidence = _evidence(rule.when, answers)
        if not held:
            continue
        severity = rule.severity
        for escalation in rule.escalate:
            raised, more = _evidence(escalation.when, answers)
            if raised and SEVERITIES.index(escalation.severity) < SEVERITIES.index(severity):
                severity = escalation.severity
                evidence += [e for e in more if e not in evidence]
        fired.append(FiredFinding(rule=rule, severity=severity, evidence=tuple(evidence)))
    fired.sort(key=lambda f: SEVERITIES.index(f.severity))  # stable: pack order within a severity
    return tuple(fired)


def _dimension(dimension: Dimension, values: Answers) -> DimensionScore:
    results = []
    for criterion in dimension.criteria:
        applies = criterion.applies is None or evaluate(criterion.applies, values)[0]
        met = applies and evaluate(criterion.when, values)[0]
        results.append(CriterionResult(criterion.label, criterion.points, met, applies))
    possible = sum(r.points for r in results if r.applies)
    earned = sum(r.points for r in results if r.met)
    return DimensionScore(
        id=dimension.id,
        name=dimension.name,
        description=dimension.description,
        weight=dimension.weight,
        score=_round_ratio(100 * earned, possible),
        criteria=tuple(results),
    )


def _fit(structure: Structure, answers: AnswerSet) -> StructureFit:
    values = answers.values
    reasons = tuple(Reason(a.delta, a.reason) for a in structure.adjustments if evaluate(a.when, values)[0])
    score = max(0, min(100, structure.base + sum(r.delta for r in reasons)))
    status: Status = "recommendable"
    status_reason = None
    if structure.never_recommended:
        status, status_reason = "never_recommended", structure.never_recommended_reason
    elif structure.ruled_out_when is not None and evaluate(structure.ruled_out_when, values)[0]:
        status, status_reason = "ruled_out", structure.ruled_out_reason
    return StructureFit(structure, score, status, reasons, status_reason)


def _rank(pack: Pack, answers: AnswerSet) -> tuple[StructureFit, ...]:
    fits = [_fit(s, answers) for s in pack.structures]
    order = {s.id: i for i, s in enumerate(pack.structures)}
    return tuple(sorted(fits, key=lambda f: (_STATUS_ORDER[f.status], -f.score, order[f.id])))


def coordinator_unit(pack: Pack, answers: AnswerSet) -> str:
    """Who coordinates where a structure names one coordinator rather than a hub.

    Today's lead if there is one; else marketing if it takes part (S1: it is
    involved almost everywhere); else the first department involved; else the
    executive management, who must then name someone.
    """
    lead = answers.values.get("lead")
    if isinstance(lead, str) and lead != "none":
        return lead
    departments = answers.values.get("departments") or []
    assert isinstance(departments, list)
    if "marketing" in departments:
        return "marketing"
    return departments[0] if departments else "management"


def _responsibilities(
    pack: Pack, structure: Structure, answers: AnswerSet, findings: tuple[FiredFinding, ...]
) -> tuple[Responsibility, ...]:
    roles: dict[str, set[Role]] = {}
    contributor_rows: list[Role] = []
    for row in structure.responsibilities:
        if row.when is not None and not evaluate(row.when, answers.values)[0]:
            continue
        if row.unit == "@contributors":
            contributor_rows.extend(row.roles)
            continue
        unit = coordinator_unit(pack, answers) if row.unit == "@coordinator" else row.unit
        roles.setdefault(unit, set()).update(row.roles)
    if contributor_rows:
        departments = answers.values.get("departments") or []
        assert isinstance(departments, list)
        wanted = set(departments) | {u for f in findings for u in f.rule.adds_units}
        for unit in wanted:
            if not roles.get(unit, set()) - _ROLES_BESIDE_CONTRIBUTOR:
                roles.setdefault(unit, set()).update(contributor_rows)
    unit_order = {u: i for i, u in enumerate(pack.units)}

    def key(item: tuple[str, set[Role]]) -> tuple[int, int]:
        unit, unit_roles = item
        return min(ROLES.index(r) for r in unit_roles), unit_order[unit]

    return tuple(
        Responsibility(unit, tuple(r for r in ROLES if r in unit_roles))
        for unit, unit_roles in sorted(roles.items(), key=key)
    )


def _actions(
    structure: Structure,
    findings: tuple[FiredFinding, ...],
    responsibilities: tuple[Responsibility, ...],
    answers: AnswerSet,
    pack: Pack,
) -> tuple[Action, ...]:
    """The recommendation's first step, then each finding's action by severity.

    An action that the first step or another fired finding's action already
    carries out is not repeated (``first_step_addresses``, ``covers_actions_of``).
    """
    coordinator = next(
        (r.unit for r in responsibilities if "coordination" in r.roles),
        coordinator_unit(pack, answers),
    )

    def owner(unit: str) -> str:
        return coordinator if unit == "@coordinator" else unit

    planned: list[tuple[str, Text, str | None, Severity | None]] = [
        (owner(structure.first_step_owner), structure.first_step, None, None)
    ]
    covered = set(structure.first_step_addresses)
    covered.update(c for f in findings if f.rule.action is not None for c in f.rule.covers_actions_of)
    for finding in findings:
        if finding.id in covered:
            continue
        if finding.rule.action is not None and finding.rule.owner is not None:
            planned.append((owner(finding.rule.owner), finding.rule.action, finding.id, finding.severity))
    return tuple(
        Action(priority=index, owner=unit, text=text, finding=finding_id, severity=severity)
        for index, (unit, text, finding_id, severity) in enumerate(planned, start=1)
    )
