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

from ..answers.validate import AnswerSet
from ..pack.conditions import Answers, evaluate, holds
from ..pack.model import (
    ROLES,
    SEVERITIES,
    Dimension,
    Finding,
    Pack,
    Role,
    Severity,
    Step,
    Structure,
    Text,
    Variant,
)

Status = Literal["recommendable", "ruled_out", "never_recommended"]
_STATUS_ORDER: dict[Status, int] = {"recommendable": 0, "ruled_out": 1, "never_recommended": 2}
# Each urgent (high) finding lowers the overall score: the dimensions measure how
# much of the advice is followed, and an urgent gap weighs more than its share of
# criteria (a consultant ranks "three urgent gaps" below "none" at any size).
URGENT_FINDING_DEDUCTION = 8
MAX_URGENT_DEDUCTION = 24
# A unit with any role but sponsor already has its job; it is not also listed
# as a contributor (a board member who sponsors may still contribute posts).
_ROLES_BESIDE_CONTRIBUTOR = {"sponsor"}


class FiredFinding(NamedTuple):
    rule: Finding
    severity: Severity
    # The questions whose answers made it fire (with those of the findings
    # folded into it), in questionnaire order; the report shows their answers.
    evidence: tuple[str, ...]
    folded: tuple[str, ...] = ()  # ids of the findings that restated its root cause

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
    asks: str  # what it asks for; unique within the plan
    finding: str | None  # the finding it answers; None for a step towards a structure
    severity: Severity | None
    covers: tuple[str, ...] = ()  # every finding this step answers, its own included


class Responsibility(NamedTuple):
    unit: str
    roles: tuple[Role, ...]
    reasons: tuple[Text, ...]  # why, one per distinct reason, in the order of the roles


class Assessment(NamedTuple):
    # Scored's fields, in its order (assess builds one from the other), then the plan.
    answers: AnswerSet
    findings: tuple[FiredFinding, ...]  # by severity, then pack order
    dimensions: tuple[DimensionScore, ...]
    overall: int  # the dimensions' weighted mean, less the deduction for urgent findings
    deduction: int
    fit: tuple[StructureFit, ...]  # best first
    recommendation: StructureFit
    next_stage: StructureFit | None
    actions: tuple[Action, ...]
    responsibilities: tuple[Responsibility, ...]

    def findings_of(self, severity: Severity) -> list[FiredFinding]:
        return [f for f in self.findings if f.severity == severity]


class Scored(NamedTuple):
    """What an assessment finds, without the plan: enough to compare or aggregate many."""

    answers: AnswerSet
    findings: tuple[FiredFinding, ...]
    dimensions: tuple[DimensionScore, ...]
    overall: int
    deduction: int
    fit: tuple[StructureFit, ...]
    recommendation: StructureFit
    next_stage: StructureFit | None


def score(pack: Pack, answers: AnswerSet) -> Scored:
    """Findings, scores and the ranking of structures (a team of thousands needs no action plans)."""
    values = answers.values
    findings = _findings(pack, answers)
    fired = {f.id for f in findings} | {folded for f in findings for folded in f.folded}
    dimensions = tuple(_dimension(pack, d, values, fired) for d in pack.dimensions)
    weighted = _round_ratio(sum(d.score * d.weight for d in dimensions), sum(d.weight for d in dimensions))
    urgent = sum(1 for f in findings if f.severity == "high")
    deduction = min(URGENT_FINDING_DEDUCTION * urgent, MAX_URGENT_DEDUCTION)
    fit = _rank(pack, answers)
    recommendation = next(f for f in fit if f.status == "recommendable")
    next_stage = next(
        (
            f
            for f in fit
            if f.structure.next_stage_when is not None
            and f is not recommendation
            and pack.holds(f.structure.next_stage_when, values)
        ),
        None,
    )
    return Scored(
        answers=answers,
        findings=findings,
        dimensions=dimensions,
        overall=max(0, weighted - deduction),
        deduction=deduction,
        fit=fit,
        recommendation=recommendation,
        next_stage=next_stage,
    )


def assess(pack: Pack, answers: AnswerSet) -> Assessment:
    scored = score(pack, answers)
    findings, recommendation, next_stage = scored.findings, scored.recommendation, scored.next_stage
    responsibilities = _responsibilities(pack, recommendation.structure, answers, findings)
    actions = _actions(
        pack,
        recommendation.structure,
        next_stage.structure if next_stage else None,
        findings,
        responsibilities,
        answers,
    )
    return Assessment(*scored, actions=actions, responsibilities=responsibilities)


def _round_ratio(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up, in integers (no float surprises)."""
    return (2 * numerator + denominator) // (2 * denominator) if denominator else 0


def _variant(pack: Pack, variants: tuple[Variant, ...], default: Text, values: Answers) -> Text:
    """The first variant whose condition holds, else the default text."""
    return next((v.text for v in variants if pack.holds(v.when, values)), default)


def _findings(pack: Pack, answers: AnswerSet) -> tuple[FiredFinding, ...]:
    """Every rule that holds, folded by root cause, by severity then pack order.

    A finding's ``why`` is its variant for these answers; a strength that a fired
    contradiction ``undermines`` is not reported.
    """
    fired: dict[str, FiredFinding] = {}
    for rule in pack.findings:
        if not pack.holds(rule.when, answers.values):  # most rules do not fire: skip their trace
            continue
        if rule.why_variants:
            rule = rule._replace(why=_variant(pack, rule.why_variants, rule.why, answers.values))
        _, trace = evaluate(rule.when, answers.values)
        severity = rule.severity
        evidence = list(trace)
        for escalation in rule.escalate:
            raised, more = evaluate(escalation.when, answers.values)
            if raised and _more_severe(escalation.severity, severity):
                severity = escalation.severity
                evidence += [q for q in more if q not in evidence]
        fired[rule.id] = FiredFinding(rule=rule, severity=severity, evidence=tuple(evidence))
    for undermined in [u for f in list(fired.values()) for u in f.rule.undermines]:
        fired.pop(undermined, None)
    order = {q.id: i for i, q in enumerate(pack.questions)}
    in_questionnaire_order = [
        f._replace(evidence=tuple(sorted(f.evidence, key=order.__getitem__))) for f in _fold(fired)
    ]
    return tuple(sorted(in_questionnaire_order, key=lambda f: SEVERITIES.index(f.severity)))  # stable


def _more_severe(a: Severity, b: Severity) -> bool:
    return SEVERITIES.index(a) < SEVERITIES.index(b)


def _fold(fired: dict[str, FiredFinding]) -> list[FiredFinding]:
    """One root cause, one finding: each finding absorbs the fired ones it ``folds``.

    Folds only point forward in the pack (checked on load), so walking in pack
    order sees an absorbing finding before what it absorbs; a finding absorbed
    by one that is itself absorbed ends up in the outermost one.
    """
    into: dict[str, str] = {}  # folded id -> the id of the finding that keeps it
    for finding in fired.values():
        keeper = into.get(finding.id, finding.id)
        for folded in finding.rule.folds:
            if folded in fired and folded not in into:
                into[folded] = keeper
    kept = {fid: f for fid, f in fired.items() if fid not in into}
    for folded, keeper in into.items():
        inner, outer = fired[folded], kept[keeper]
        kept[keeper] = outer._replace(
            severity=inner.severity if _more_severe(inner.severity, outer.severity) else outer.severity,
            evidence=outer.evidence + tuple(q for q in inner.evidence if q not in outer.evidence),
            folded=(*outer.folded, folded),
        )
    return list(kept.values())


def _dimension(pack: Pack, dimension: Dimension, values: Answers, fired: set[str]) -> DimensionScore:
    results = []
    for criterion in dimension.criteria:
        applies = criterion.applies is None or pack.holds(criterion.applies, values)
        # A contradiction between the answers voids the criteria that reward them.
        met = applies and pack.holds(criterion.when, values) and not fired.intersection(criterion.void_if)
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


def _fit(pack: Pack, structure: Structure, answers: AnswerSet) -> StructureFit:
    values = answers.values
    reasons = tuple(Reason(a.delta, a.reason) for a in structure.adjustments if pack.holds(a.when, values))
    if structure.summary_variants:  # the summary that holds for these answers
        summary = _variant(pack, structure.summary_variants, structure.summary, values)
        structure = structure._replace(summary=summary)
    score = max(0, min(100, structure.base + sum(r.delta for r in reasons)))
    status: Status = "recommendable"
    status_reason = None
    if structure.never_recommended:
        status, status_reason = "never_recommended", structure.never_recommended_reason
    elif structure.ruled_out_when is not None and pack.holds(structure.ruled_out_when, values):
        status, status_reason = "ruled_out", structure.ruled_out_reason
    return StructureFit(structure, score, status, reasons, status_reason)


def _rank(pack: Pack, answers: AnswerSet) -> tuple[StructureFit, ...]:
    fits = [_fit(pack, s, answers) for s in pack.structures]
    order = {s.id: i for i, s in enumerate(pack.structures)}
    return tuple(sorted(fits, key=lambda f: (_STATUS_ORDER[f.status], -f.score, order[f.id])))


# --- who does what ------------------------------------------------------------------


def todays_lead(answers: AnswerSet) -> str | None:
    """The unit with the final say today, if any."""
    lead = answers.values.get("lead")
    return lead if isinstance(lead, str) and lead != "none" else None


def coordinator_unit(pack: Pack, answers: AnswerSet) -> str:
    """Who coordinates where a structure names one coordinator rather than a hub.

    Today's lead if there is one; else marketing if it takes part (S1: it is
    involved almost everywhere), else PR, else the management if it takes part;
    else the first department involved; else the executive management, who must
    then name someone.
    """
    departments = answers.chosen("departments")
    if lead := todays_lead(answers):
        return lead
    preferred = [unit for unit in ("marketing", "pr", "management") if unit in departments]
    return (preferred or departments or ["management"])[0]


def existing_unit(unit: str, answers: AnswerSet) -> str:
    """``unit``, or who stands in for it where the company does not have it.

    Under 10 employees there are no departments beyond the ones answered: the
    management does what a missing department would (spec section 6). A
    social media team that does not exist yet is the management's to set up
    in a company that small, too.
    """
    if answers.values.get("company_size") != "1-9" or unit in ("management", "all_employees", "agency"):
        return unit
    if unit == "social_team":
        return unit if answers.values.get("dedicated_team") != "none" else "management"
    return unit if unit in answers.chosen("departments") else "management"


def acting_unit(unit: str, answers: AnswerSet) -> str:
    """Who carries out a step meant for ``unit``: a unit the company has today.

    At any size an action goes to the management or to a department the answers
    list, to the social media person or team where there is one, or to the agency
    that writes today; a step meant for a department the company did not name goes
    to the management, who decide who does it (the step is then worded by the task,
    "whoever handles hiring", not by the department: the pack's alternatives say so).
    A hub that is still to be set up is stood in for by today's lead, else the
    management.
    """
    if unit in ("management", "all_employees"):
        return unit
    if unit == "social_team":
        if answers.values.get("dedicated_team") not in (None, "none"):
            return unit
        lead = todays_lead(answers)
        return lead if lead and lead != "social_team" else "management"
    if unit == "agency":
        return unit if unit in answers.chosen("editorial") else "management"
    return unit if unit in answers.chosen("departments") else "management"


def _resolve(unit: str, answers: AnswerSet, coordinator: str) -> list[str]:
    """The units a placeholder stands for (none where there is nobody)."""
    if unit == "@coordinator":
        return [coordinator]
    if unit == "@lead":
        lead = todays_lead(answers)
        return [lead] if lead else []
    if unit == "@editorial":
        return answers.chosen("editorial")
    return [unit]


def _responsibilities(
    pack: Pack, structure: Structure, answers: AnswerSet, findings: tuple[FiredFinding, ...]
) -> tuple[Responsibility, ...]:
    """The recommended setup: each row that applies gives its unit roles and the reason.

    Units the company does not have are stood in for (:func:`existing_unit`);
    every department involved, and every one a finding asks to add, contributes
    unless it already has a job (a sponsor may still contribute).
    """
    coordinator = coordinator_unit(pack, answers)
    roles: dict[str, dict[Role, Text]] = {}
    contributor_rows = []
    for row in structure.responsibilities:
        if row.when is not None and not pack.holds(row.when, answers.values):
            continue
        if row.unit == "@contributors":
            contributor_rows.append(row)
            continue
        for unit in _resolve(row.unit, answers, coordinator):
            # Approval stays with legal or compliance even where the company has no
            # such department: then it is an external adviser (spec section 5, policy 2).
            kept = unit if row.roles == ("approval",) else existing_unit(unit, answers)
            unit_roles = roles.setdefault(kept, {})
            for role in row.roles:
                unit_roles.setdefault(role, row.reason)
    folded_rules = [pack.finding(fid) for f in findings for fid in f.folded]
    wanted = [
        *answers.chosen("departments"),
        *(u for r in [*(f.rule for f in findings), *folded_rules] for u in r.adds_units),
    ]
    for row in contributor_rows:
        for unit in dict.fromkeys(existing_unit(u, answers) for u in wanted):
            if not set(roles.get(unit, {})) - _ROLES_BESIDE_CONTRIBUTOR:
                for role in row.roles:
                    roles.setdefault(unit, {}).setdefault(role, row.reason)
    for unit_roles in roles.values():
        if "lead" in unit_roles:  # whoever has the final say does not back itself
            unit_roles.pop("sponsor", None)
    unit_order = {u: i for i, u in enumerate(pack.units)}

    def key(item: tuple[str, dict[Role, Text]]) -> tuple[int, int]:
        unit, unit_roles = item
        return min(ROLES.index(r) for r in unit_roles), unit_order[unit]

    result = []
    for unit, unit_roles in sorted(roles.items(), key=key):
        ordered = tuple(r for r in ROLES if r in unit_roles)
        reasons = tuple(dict.fromkeys(unit_roles[r] for r in ordered))
        result.append(Responsibility(unit, ordered, reasons))
    return tuple(result)


# --- the action plan ------------------------------------------------------------------


def choose_step(steps: tuple[Step, ...], answers: AnswerSet, asked: tuple[frozenset[str], ...] = ()) -> Step:
    """The first step whose condition holds (the pack guarantees the last one always does).

    ``asked`` holds what the plan's earlier steps ask for: an alternative that asks
    for part of that, but not only for what one earlier step asks, is passed over for
    the next alternative that holds (no two steps ask for the same calendar); where
    every alternative overlaps, the first that holds is taken.
    """
    holding = [s for s in steps if s.when is None or holds(s.when, answers.values)]
    for step in holding:
        requests = step.requests
        if any(requests <= earlier for earlier in asked) or not any(requests & e for e in asked):
            return step
    return holding[0]


def _actions(
    pack: Pack,
    structure: Structure,
    next_stage: Structure | None,
    findings: tuple[FiredFinding, ...],
    responsibilities: tuple[Responsibility, ...],
    answers: AnswerSet,
) -> tuple[Action, ...]:
    """The plan: the step towards the recommendation, each finding's step and the step
    towards the next stage, most urgent first.

    One step per need: a finding the first step ``addresses`` adds nothing, and
    a step that asks only for what an earlier one asked answers its finding there
    (and makes that step as urgent as the finding); each step is chosen from its
    alternatives so that it asks for nothing an earlier step asks for. Owners are
    units the company has today (:func:`acting_unit`). The next stage's step always
    comes last.
    """
    coordinator = next(
        (r.unit for r in responsibilities if "coordination" in r.roles),
        coordinator_unit(pack, answers),
    )
    first = choose_step(structure.first_steps, answers)
    actions: list[Action] = []
    requested: list[frozenset[str]] = []  # per action: everything its step asks for
    urgency: list[int] = []  # per action: the most severe finding it answers, or the step's own
    severity_of = {f.id: f.severity for f in findings}
    last: int | None = None  # where the next stage's step is, if it is a step of its own

    def plan(
        step: Step, finding_id: str | None, severity: Severity | None, answered: tuple[str, ...]
    ) -> None:
        index = next((i for i, r in enumerate(requested) if step.requests <= r), None)
        if index is not None:  # asked for already: the earlier step answers this finding too
            actions[index] = actions[index]._replace(covers=actions[index].covers + answered)
            urgency[index] = min(urgency[index], SEVERITIES.index(severity or step.urgency))
            return
        owner = acting_unit(coordinator if step.owner == "@coordinator" else step.owner, answers)
        actions.append(Action(len(actions) + 1, owner, step.text, step.asks, finding_id, severity, answered))
        requested.append(step.requests)
        urgency.append(
            min(
                [
                    SEVERITIES.index(severity or step.urgency),
                    *(SEVERITIES.index(severity_of[f]) for f in answered),
                ]
            )
        )

    plan(first, None, None, tuple(f.id for f in findings if f.id in first.addresses))
    for finding in findings:
        if finding.rule.actions and finding.id not in first.addresses:
            step = choose_step(finding.rule.actions, answers, tuple(requested))
            plan(step, finding.id, finding.severity, (finding.id,))
    stage_step = next_stage.next_stage_step if next_stage is not None else None
    if stage_step is not None:
        before = len(actions)
        plan(stage_step, None, None, ())
        if len(actions) > before:
            last = before
    # Most urgent first; among equals, the step towards the structure leads and findings keep
    # their order; the step towards the next stage is always last.
    order = sorted(range(len(actions)), key=lambda i: (i == last, urgency[i], i))
    return tuple(actions[i]._replace(priority=rank) for rank, i in enumerate(order, start=1))
