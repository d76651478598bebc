"""Progress between two assessments of one organisation: a pure function of two records.

Both records must come from the same pack (the command re-assesses both
answers files with the pack in use), so every difference is the answers' doing.

Findings are matched by cause, not by id. One root cause is one finding: a
finding that folds another in carries the other's rule under its own id
(``FindingRecord.folded``). So the same gap can be reported under another id
when an unrelated answer changes: "support is not involved" is folded into
"marketing runs social media alone" until sales joins in, and then stands on
its own. A later finding that shares a cause with an earlier one (its own rule
or one it folded in) is still open, not new; an earlier finding is resolved
only when no later finding shares any of its causes.
"""

from __future__ import annotations

from typing import NamedTuple

from ..pack.model import Pack
from .record import FindingRecord, Record

# Findings that ask for a change; "info" notes and strengths describe the setup.
PROBLEM_SEVERITIES = ("high", "medium", "low")
# What a comparison warns about, by stable id (the JSON's "warnings"; the report words them).
DATES_REVERSED = "dates-reversed"
DIFFERENT_ORGANISATIONS = "different-organisations"


class Matched(NamedTuple):
    """A later finding reported under another id than the earlier one(s) it continues."""

    after: str
    before: tuple[str, ...]  # the earlier findings that share a cause with it
    shared: tuple[str, ...]  # the causes they share (rule ids, pack order)


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
    # Still open (or kept) under another id: which earlier findings each continues.
    matched: tuple[Matched, ...] = ()
    # Each new finding with the changed answers that brought it in (questionnaire order).
    new_because: tuple[tuple[str, tuple[str, ...]], ...] = ()
    warnings: tuple[str, ...] = ()  # DATES_REVERSED, DIFFERENT_ORGANISATIONS

    @property
    def recommendation_changed(self) -> bool:
        return self.before.recommendation != self.after.recommendation


def compare(pack: Pack, before: Record, after: Record) -> Comparison:
    if before.pack != after.pack:
        raise ValueError("compare needs two records scored with the same pack")
    changed = tuple(q.id for q in pack.questions if before.answers.get(q.id) != after.answers.get(q.id))
    problems = _match(pack, _problems(before), _problems(after))
    strengths = _match(pack, _strengths(before), _strengths(after))
    new_because = tuple(
        (f.id, tuple(q for q, _ in f.evidence if q in changed))
        for f in _problems(after)
        if f.id in problems.new
    )
    return Comparison(
        before=before,
        after=after,
        overall_delta=after.overall - before.overall,
        dimension_deltas=tuple(
            (dimension_id, after.dimension(dimension_id) - score) for dimension_id, score in before.dimensions
        ),
        resolved=problems.gone,
        new=problems.new,
        still_open=problems.kept,
        strengths_gained=strengths.new,
        strengths_lost=strengths.gone,
        answers_changed=changed,
        matched=problems.matched,
        new_because=new_because,
        warnings=warnings(before, after),
    )


class _Matching(NamedTuple):
    gone: tuple[str, ...]  # earlier findings no later one shares a cause with
    new: tuple[str, ...]  # later findings no earlier one shares a cause with
    kept: tuple[str, ...]  # later findings that share a cause with an earlier one
    matched: tuple[Matched, ...]  # those of ``kept`` whose id differs from what they continue


def _match(pack: Pack, before: list[FindingRecord], after: list[FindingRecord]) -> _Matching:
    rule_order = {f.id: i for i, f in enumerate(pack.findings)}

    def sharing(finding: FindingRecord, others: list[FindingRecord]) -> list[FindingRecord]:
        return [other for other in others if finding.causes & other.causes]

    kept, new, matched = [], [], []
    for finding in after:
        earlier = sharing(finding, before)
        if not earlier:
            new.append(finding.id)
            continue
        kept.append(finding.id)
        if [f.id for f in earlier] != [finding.id]:
            shared = set().union(*(finding.causes & f.causes for f in earlier))
            matched.append(
                Matched(
                    finding.id,
                    tuple(f.id for f in earlier),
                    tuple(sorted(shared, key=rule_order.__getitem__)),
                )
            )
    gone = tuple(f.id for f in before if not sharing(f, after))
    return _Matching(gone, tuple(new), tuple(kept), tuple(matched))


def _problems(side: Record) -> list[FindingRecord]:
    return [f for f in side.findings if f.severity in PROBLEM_SEVERITIES]


def _strengths(side: Record) -> list[FindingRecord]:
    return [f for f in side.findings if f.severity == "strength"]


def warnings(before: Record, after: Record) -> tuple[str, ...]:
    """What makes the comparison read as something it is not: the later file dated before
    the earlier one (the progress would run backwards), or two different organisations
    (the result is no one's progress). Files without a date or a name are not judged."""
    found = []
    if before.date and after.date and after.date < before.date:
        found.append(DATES_REVERSED)
    if before.organisation and after.organisation and _name(before.organisation) != _name(after.organisation):
        found.append(DIFFERENT_ORGANISATIONS)
    return tuple(found)


def _name(organisation: str) -> str:
    """An organisation's name as two files spelling it alike would: case and spacing aside."""
    return " ".join(organisation.split()).casefold()
