"""The view: what a report template is given, as plain data in one language.

Plain dicts, lists, numbers and strings, every text already in the report
language and every figure with its source; nothing in it is escaped or laid
out for a format (no Markdown, no HTML, no bars). Each format's template does
that with its own escaping (``formats.py``). Templates only lay out; they
compute nothing. The same view is the documented context for user templates
(README, "Custom templates"); ``VERSION`` changes when a key does.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any

from ..answers.validate import default_date
from ..engine.assess import (
    MAX_URGENT_DEDUCTION,
    URGENT_FINDING_DEDUCTION,
    Assessment,
    DimensionScore,
    FiredFinding,
    StructureFit,
)
from ..pack.model import SEVERITIES, Pack, Source
from ..textsafe import one_line, strip_control
from .document import SCHEMA_VERSION
from .localizer import Localizer, report_strings

# Version 2: plain data (version 1 had Markdown-escaped free text, bars and chart lines).
VERSION = 2
# Departments with a PivotCon figure (S1), in the order the article gives them.
S1_DEPARTMENT_FACTS = {
    "marketing": "pivotcon-marketing",
    "pr": "pivotcon-pr",
    "sales": "pivotcon-sales",
    "support": "pivotcon-support",
}
GOAL_FACTS = {
    "awareness": "bitkom-goal-awareness",
    "expertise": "bitkom-goal-expertise",
    "dialogue": "bitkom-goal-dialogue",
    "recruiting": "bitkom-goal-recruiting",
    "customers": "bitkom-goal-customers",
    "service": "bitkom-goal-service",
}
# Report strings the template shows only when a condition on the answers holds:
# the facts they cite count as cited only then.
WORDS_SHOWN_ONLY_WHEN: dict[str, Callable[[Any], bool]] = {
    "regulated_approval": lambda values: values.get("regulated") is True,
}


def report_date(assessment: Assessment) -> dt.date:
    """The file's date, else SOURCE_DATE_EPOCH, else today (product contract, section 3)."""
    return assessment.answers.date or default_date()


def build_view(pack: Pack, assessment: Assessment, language: str, day: dt.date) -> dict[str, Any]:
    """Everything a report template needs, resolved in ``language``."""
    loc = Localizer(pack, language, report_strings())
    answers = assessment.answers
    values = answers.values
    with loc.unrecorded():
        words = loc.words()
    for key in words:
        if key not in WORDS_SHOWN_ONLY_WHEN or WORDS_SHOWN_ONLY_WHEN[key](values):
            loc.word(key)  # counts the facts it cites
    # The view is built in the order the report reads; "sources" comes last,
    # once every text it has to account for has been rendered.
    return {
        "version": VERSION,
        "schema_version": SCHEMA_VERSION,
        "language": language,
        "date": loc.date(day),
        "iso_date": day.isoformat(),
        "organisation": one_line(answers.organisation) if answers.organisation else None,
        "respondent": one_line(answers.respondent) if answers.respondent else None,
        "words": {
            **words,
            # Where the hub exists today, the next stage does not wait for one.
            "next_stage": words["next_stage_ready"]
            if values.get("dedicated_team") in ("individual", "team")
            else words["next_stage"],
            "methodology_scores": words["methodology_scores"]
            .replace("{per}", str(URGENT_FINDING_DEDUCTION))
            .replace("{max}", str(MAX_URGENT_DEDUCTION)),
        },
        "regulated": values.get("regulated") is True,
        "overall": assessment.overall,
        "deduction": assessment.deduction,
        "recommendation": _structure_view(loc, assessment, assessment.recommendation, 1),
        "next_stage": (
            _structure_view(loc, assessment, assessment.next_stage, 0) if assessment.next_stage else None
        ),
        "benchmarks": _benchmarks(loc, values),
        "dimensions": [_dimension_view(loc, d) for d in assessment.dimensions],
        "finding_groups": [
            {
                "severity": severity,
                "heading": loc.word(f"severity_{severity}"),
                "findings": [_finding_view(loc, assessment, f) for f in assessment.findings_of(severity)],
            }
            for severity in SEVERITIES
            if assessment.findings_of(severity)
        ],
        "structures": [
            _structure_view(loc, assessment, fit, rank, summary_shown=False)
            for rank, fit in enumerate(assessment.fit, start=1)
        ],
        "responsibilities": [
            {
                "unit": r.unit,
                "unit_label": _target_unit_label(loc, r.unit, assessment),
                "roles": [loc.word(f"role_{role}") for role in r.roles],
                "duties": _duties(loc, r.unit, r.roles),
                "why": " ".join(loc.text(reason) for reason in r.reasons),
            }
            for r in assessment.responsibilities
        ],
        "actions": [
            {
                "priority": a.priority,
                "owner": a.owner,
                "owner_label": loc.unit(a.owner, assessment),
                "text": loc.text(a.text),
                "finding": a.finding,
                "findings": list(a.covers),
            }
            for a in assessment.actions
        ],
        "first_actions_heading": loc.word(
            "first_action" if len(assessment.actions) == 1 else "first_actions"
        ),
        "answers": _answers_view(loc, pack, values),
        "notes": strip_control(str(values["notes"])).strip("\n") if values.get("notes") else None,
        "fit_reasons": [
            {"delta": f"{r.delta:+d}", "text": loc.text(r.text)} for r in assessment.recommendation.reasons
        ],
        "sources": _sources_view(loc),
    }


def _sources_view(loc: Localizer) -> list[dict[str, Any]]:
    """The sources this report cites, in the order of sources.yaml, each with the
    statements it cited (and how another source words them, where it does)."""
    result = []
    for source in loc.pack.sources:
        facts = [loc.pack.fact(fact_id) for fact_id in loc.cited_facts(source)]
        if not facts:
            continue
        result.append(
            {
                "id": source.id,
                "title": source.title,
                "author": source.author,
                "year": source.year,
                "description": loc.text(source.description),
                "reprints": _reprints(loc, source),
                "facts": [
                    " ".join(
                        [loc.text(f.statement), *([loc.text(f.differs)] if f.differs is not None else [])]
                    )
                    for f in facts
                ],
            }
        )
    return result


def _reprints(loc: Localizer, source: Source) -> list[dict[str, str | None]]:
    """Where the source can be read: each site, its address (or none) and the date it was put there."""
    return [{"site": r.site, "url": r.url, "date": loc.date(r.date)} for r in source.reprints]


def _structure_view(
    loc: Localizer, assessment: Assessment, fit: StructureFit, rank: int, *, summary_shown: bool = True
) -> dict[str, Any]:
    """One structure; the comparison table shows its reason, not its summary."""
    status: str = "recommended" if fit is assessment.recommendation else fit.status
    if assessment.next_stage is fit:
        status = "next_stage"
    with contextlib.nullcontext() if summary_shown else loc.unrecorded():
        summary = loc.text(fit.structure.summary)
    return {
        "rank": rank,
        "id": fit.id,
        "name": fit.structure.name(loc.language),
        "summary": summary,
        "score": fit.score,
        "status": status,
        "status_label": loc.word(f"status_{status}") if status != "recommendable" else "",
        "reason": loc.text(fit.main_reason),
        "base": fit.structure.base,
    }


def _benchmarks(loc: Localizer, values: Any) -> dict[str, Any]:
    departments = values.get("departments") or []
    goals = values.get("goals") or []
    dept_question = loc.pack.question("departments")
    goal_question = loc.pack.question("goals")

    def rows(question: Any, facts: dict[str, str], chosen: list[str]) -> list[dict[str, Any]]:
        result = []
        for value, fact_id in facts.items():
            option = question.option(value)
            fact = loc.pack.fact(fact_id)
            loc.record(fact_id)  # the chart shows its figure; the heading names the source
            result.append(
                {
                    "label": option.label(loc.language),
                    "percent": fact.percent or 0,
                    "figure": loc.percent(fact.percent or 0),
                    "yours": value in chosen,
                }
            )
        return result

    department_rows = rows(dept_question, S1_DEPARTMENT_FACTS, departments)
    goal_rows = rows(goal_question, GOAL_FACTS, goals)
    others = [
        dept_question.option(d).label(loc.language)  # type: ignore[union-attr]
        for d in departments
        if d not in S1_DEPARTMENT_FACTS
    ]
    has_team = values.get("dedicated_team") in ("individual", "team")
    setup = [
        (loc.word("row_dedicated_team"), has_team, loc.cite("bitkom-dedicated-teams", trend=True)),
        (
            loc.word("row_whoever_wants"),
            values.get("coordination") == "whoever_wants",
            loc.cite("bitkom-whoever-wants"),
        ),
        (
            loc.word("row_no_goals"),
            values.get("goals_defined", "none") == "none",  # not asked: there are no goals
            loc.cite("bitkom-no-goals"),
        ),
        (
            loc.word("row_budget"),
            values.get("budget") in ("campaign", "dedicated"),
            f"{loc.word('row_budget_figure')} {loc.cite('bitkom-budget')}",
        ),
    ]
    return {
        "departments": department_rows,
        "goals": goal_rows,
        "other_departments": ", ".join(others),
        "setup": [
            {
                "feature": feature,
                "yours": loc.word("answer_yes" if yours else "answer_no"),
                "figure": figure,
            }
            for feature, yours, figure in setup
        ],
    }


def _dimension_view(loc: Localizer, dimension: DimensionScore) -> dict[str, Any]:
    return {
        "id": dimension.id,
        "name": dimension.name(loc.language),
        "description": loc.text(dimension.description),
        "weight": dimension.weight,
        "score": dimension.score,
        "met": [c.label(loc.language) for c in dimension.criteria if c.met],
        "missed": [c.label(loc.language) for c in dimension.criteria if c.applies and not c.met],
    }


def _finding_view(loc: Localizer, assessment: Assessment, finding: FiredFinding) -> dict[str, Any]:
    rule = finding.rule
    action = next((a for a in assessment.actions if finding.id in a.covers), None)
    return {
        "id": finding.id,
        "severity": finding.severity,
        "title": loc.text(rule.title),
        "evidence": loc.evidence(finding, assessment.answers.values),
        "why": loc.text(rule.why),
        "action": loc.text(action.text) if action else None,
        "action_priority": action.priority if action else None,
        "owner": action.owner if action else None,
        "owner_label": loc.unit(action.owner, assessment) if action else None,
        "sources": list(rule.sources),
    }


def _target_unit_label(loc: Localizer, unit: str, assessment: Assessment) -> str:
    """A unit of the recommended setup; a department that does not take part today says so."""
    label = loc.unit(unit, assessment)
    departments = assessment.answers.chosen("departments")
    external = label == loc.word("unit_legal_external")
    if unit in loc.pack.department_values and unit not in (*departments, "management") and not external:
        return f"{label}, {loc.word('unit_not_involved')}"
    return label


def _duties(loc: Localizer, unit: str, roles: tuple[str, ...]) -> str:
    duties = [loc.word(f"duty_{role}") for role in roles]
    if "contributor" in roles and unit in loc.pack.department_values:
        option = loc.pack.question("departments").option(unit)
        if option is not None and option.contribution is not None:
            index = roles.index("contributor")
            duties[index] = f"{duties[index]}: {option.contribution(loc.language)}"
    elif "contributor" in roles and unit == "agency":  # the agency produces; answering is in-house
        index = roles.index("contributor")
        duties[index] = f"{duties[index]}: {loc.word('contribution_agency')}"
    text = "; ".join(duties)
    return text[:1].upper() + text[1:]


def _answers_view(loc: Localizer, pack: Pack, values: Any) -> list[dict[str, str]]:
    rows = []
    for question in pack.questions:
        if question.type == "text":
            continue  # free text is shown as-is in its own block
        answer = (
            loc.answer(question.id, values[question.id]) if question.id in values else loc.word("not_asked")
        )
        rows.append({"id": question.id, "question": question.text(loc.language), "answer": answer})
    return rows
