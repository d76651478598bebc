"""The assessment record: what an assessment found, in ids and numbers only.

An :class:`~orgcheck.engine.Assessment` carries the pack's texts (in every
language) and the answers; a report renders them. Comparing two assessments or
aggregating a team's needs none of that: ids, scores, statuses and the answers
behind each finding. A record is small, picklable (it crosses process
boundaries when a team of thousands is assessed) and says which pack scored it.
"""

from __future__ import annotations

from typing import NamedTuple

from ..pack.conditions import AnswerValue
from ..pack.model import Pack
from .assess import Assessment, Scored

# A question and the answer given to it; None where the question was not asked.
Evidence = tuple[str, AnswerValue | None]


class FindingRecord(NamedTuple):
    id: str
    severity: str
    evidence: tuple[Evidence, ...]
    folded: tuple[str, ...] = ()  # the findings it folded in: one root cause, one finding

    @property
    def causes(self) -> frozenset[str]:
        """Every rule that fired for it: its own and those it folded in. A finding keeps its
        cause when its id changes because another one starts or stops folding it in."""
        return frozenset((self.id, *self.folded))


class FitRecord(NamedTuple):
    structure: str
    score: int
    status: str


class Record(NamedTuple):
    pack: str  # the pack's fingerprint
    file: str
    organisation: str | None
    respondent: str | None
    language: str | None
    date: str | None  # ISO date from the file, if it gives one
    overall: int
    dimensions: tuple[tuple[str, int], ...]  # (dimension id, score) in pack order
    recommendation: str
    next_stage: str | None
    fit: tuple[FitRecord, ...]  # best first
    findings: tuple[FindingRecord, ...]  # by severity, then pack order
    answers: dict[str, AnswerValue]  # question id -> answer, only those asked

    @property
    def finding_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.findings)

    @property
    def causes(self) -> frozenset[str]:
        """Every rule that fired, whether reported as a finding or folded into one."""
        return frozenset(cause for f in self.findings for cause in f.causes)

    def dimension(self, dimension_id: str) -> int:
        return dict(self.dimensions)[dimension_id]


def record(pack: Pack, assessment: Assessment | Scored) -> Record:
    answers = assessment.answers
    values = answers.values
    return Record(
        pack=pack.fingerprint,
        file=answers.source,
        organisation=answers.organisation,
        respondent=answers.respondent,
        language=answers.language,
        date=answers.date.isoformat() if answers.date else None,
        overall=assessment.overall,
        dimensions=tuple((d.id, d.score) for d in assessment.dimensions),
        recommendation=assessment.recommendation.id,
        next_stage=assessment.next_stage.id if assessment.next_stage else None,
        fit=tuple(FitRecord(f.id, f.score, f.status) for f in assessment.fit),
        findings=tuple(
            FindingRecord(f.id, f.severity, tuple((q, values.get(q)) for q in f.evidence), f.folded)
            for f in assessment.findings
        ),
        answers=dict(values),
    )
