"""The JSON result (product contract, section 7): the assessment as plain data for scripts.

Built from the engine's Assessment directly, not from the view: its keys are
public API and keep their ids (structure, finding, unit) where the view has words.
Custom templates see it as ``data``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..answers.validate import format_value
from ..engine.assess import Assessment
from ..pack.model import Pack
from ..textsafe import one_line, strip_control
from .localizer import Localizer, report_strings

SCHEMA_VERSION = 1


def machine_evidence(question_id: str, values: Any) -> str:
    """Evidence as the JSON keeps it: 'editorial = [marketing]', 'goals_defined: not asked'."""
    if question_id not in values:
        return f"{question_id}: not asked"
    return f"{question_id} = {format_value(values[question_id])}"


def json_document(pack: Pack, assessment: Assessment, language: str, day: dt.date) -> dict[str, Any]:
    loc = Localizer(pack, language, report_strings())
    answers = assessment.answers
    return {
        "schema_version": SCHEMA_VERSION,
        "pack": pack.fingerprint,
        "organisation": one_line(answers.organisation) if answers.organisation else None,
        "respondent": one_line(answers.respondent) if answers.respondent else None,
        "language": language,
        "date": day.isoformat(),
        "score": {
            "overall": assessment.overall,
            "dimensions": {d.id: d.score for d in assessment.dimensions},
            "urgent_findings_deduction": assessment.deduction,
        },
        "recommendation": {
            "structure": assessment.recommendation.id,
            "next_stage": assessment.next_stage.id if assessment.next_stage else None,
            "fit": [
                {
                    "structure": fit.id,
                    "score": fit.score,
                    "status": fit.status,
                    "reason": loc.text(fit.main_reason),
                    "adjustments": [{"delta": r.delta, "reason": loc.text(r.text)} for r in fit.reasons],
                }
                for fit in assessment.fit
            ],
        },
        "findings": [
            {
                "id": f.id,
                "severity": f.severity,
                "title": loc.text(f.rule.title),
                "evidence": [machine_evidence(q, answers.values) for q in f.evidence],
                "folded": list(f.folded),
                "sources": list(f.rule.sources),
                "why": loc.text(f.rule.why),
                "action": next((loc.text(a.text) for a in assessment.actions if f.id in a.covers), None),
                "action_priority": next((a.priority for a in assessment.actions if f.id in a.covers), None),
            }
            for f in assessment.findings
        ],
        "actions": [
            {
                "priority": a.priority,
                "owner": a.owner,
                "text": loc.text(a.text),
                "asks": a.asks,
                "finding": a.finding,
                "findings": list(a.covers),
            }
            for a in assessment.actions
        ],
        "responsibilities": [
            {
                "unit": r.unit,
                "roles": list(r.roles),
                "why": " ".join(loc.text(reason) for reason in r.reasons),
            }
            for r in assessment.responsibilities
        ],
        "answers": {
            q.id: strip_control(v) if isinstance(v := answers.values[q.id], str) and q.type == "text" else v
            for q in pack.questions
            if q.id in answers.values
        },
    }
