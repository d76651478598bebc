"""Progress between two assessments of one organisation: a pure function of two records.

Both records must come from the same pack (the command re-assesses both
answers files with the pack in use), so every difference is the answers' doing.
"""

from __future__ import annotations

from typing import NamedTuple

from ..pack.model import Pack
from .record import Record

# Findings that ask for a change; "info" notes and strengths describe the setup.
PROBLEM_SEVERITIES = ("high", "medium", "low")


class Comparison(NamedTuple):
    before: Record
    after: Record
    overall_delta: int
    dimension_deltas: tuple[tuple[str, int], ...]  # (dimension id, after - before), pack order
    # Findings that ask for something (high, medium, low), by id: resolved in the order
    # the earlier report listed them, new and still open in the later report's order.
    resolved: tuple[str, ...]
    new: tuple[str, ...]
    still_open: tuple[str, ...]
    strengths_gained: tuple[str, ...]
    strengths_lost: tuple[str, ...]
    answers_changed: tuple[str, ...]  # question ids, questionnaire order

    @property
    def recommendation_changed(self) -> bool:
        return self.before.recommendation != self.after.recommendation


def compare(pack: Pack, before: Record, after: Record) -> Comparison:
    if before.pack != after.pack:
        raise ValueError("compare needs two records scored with the same pack")
    before_ids, after_ids = _problems(before), _problems(after)
    before_strengths, after_strengths = _strengths(before), _strengths(after)
    return Comparison(
        before=before,
        after=after,
        overall_delta=after.overall - before.overall,
        dimension_deltas=tuple(
            (dimension_id, after.dimension(dimension_id) - score) for dimension_id, score in before.dimensions
        ),
        resolved=tuple(f for f in before_ids if f not in after_ids),
        new=tuple(f for f in after_ids if f not in before_ids),
        still_open=tuple(f for f in after_ids if f in before_ids),
        strengths_gained=tuple(f for f in after_strengths if f not in before_strengths),
        strengths_lost=tuple(f for f in before_strengths if f not in after_strengths),
        answers_changed=tuple(
            q.id for q in pack.questions if before.answers.get(q.id) != after.answers.get(q.id)
        ),
    )


def _problems(side: Record) -> list[str]:
    return [f.id for f in side.findings if f.severity in PROBLEM_SEVERITIES]


def _strengths(side: Record) -> list[str]:
    return [f.id for f in side.findings if f.severity == "strength"]
