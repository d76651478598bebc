"""A team's assessment: the consensus, the perception gaps and who each finding fired for.

Pure functions of the pack and the respondents' records, beside
``engine.assess``. The respondents are taken in the order of their files, so
the order they were given in never changes a result.

The consensus rule (the report states it): per question the answer most
respondents gave; for a multiple choice the options at least half of those
asked chose; for a number the median. A tie goes to the cautious reading: the
answer that raises the most serious findings.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from typing import NamedTuple

from .. import yamlio
from ..answers.validate import AnswerSet, is_asked, option_problem, validate_document
from ..errors import OrgcheckError, Problem
from ..pack.conditions import AnswerValue
from ..pack.model import Pack, Question
from ..textsafe import path_text
from .assess import Assessment, assess, score
from .record import Record

MIN_RESPONDENTS = 2
# Severities a cautious tie-break raises, most serious first.
_CAUTION = ("high", "medium", "low")


class Respondent(NamedTuple):
    name: str
    file: str
    label: str  # the file as the report names it (file_labels)
    overall: int
    recommendation: str


class Gap(NamedTuple):
    question: str
    agreement: float  # share giving the most common answer; multiple choice: its most divided option's
    # Every respondent's answer, in the order of Team.respondents; None: not asked of them.
    values: tuple[AnswerValue, ...]
    option: str | None  # multiple choice: the option the team is most divided over


class FindingCount(NamedTuple):
    id: str
    respondents: int
    share: float
    in_consensus: bool


class Team(NamedTuple):
    respondents: tuple[Respondent, ...]
    consensus: Assessment
    gaps: tuple[Gap, ...]  # most divided first
    findings: tuple[FindingCount, ...]  # most respondents first


def file_labels(files: Sequence[str]) -> list[str]:
    """Each file by its name; files that share a name (q1/anna.yaml, q2/anna.yaml) by as
    many of their folders as it takes to tell them apart, with '/' on every system. A name's
    bytes that are not UTF-8 read ``\\xff`` (a label is text for a report, not a path)."""
    parts = [PurePath(f).parts for f in files]
    depth = [1] * len(files)

    def label(i: int) -> str:
        return path_text(PurePath(*parts[i][-depth[i] :]).as_posix())

    while True:
        paths_labelled: dict[str, set[tuple[str, ...]]] = {}
        for i in range(len(files)):
            paths_labelled.setdefault(label(i), set()).add(parts[i])
        clashing = [
            i for i in range(len(files)) if len(paths_labelled[label(i)]) > 1 and depth[i] < len(parts[i])
        ]
        if not clashing:
            return [label(i) for i in range(len(files))]
        for i in clashing:
            depth[i] += 1


def team(pack: Pack, records: Sequence[Record]) -> Team:
    if len(records) < MIN_RESPONDENTS:
        raise OrgcheckError(
            Problem(
                f"a team assessment needs at least {MIN_RESPONDENTS} respondents' answers files, "
                f"got {len(records)}; for one file use 'orgcheck report FILE'",
                de=f"eine Team-Bewertung braucht die Antwortdateien von mindestens {MIN_RESPONDENTS} "
                f"Personen, gegeben: {len(records)}; für eine Datei nutzen Sie 'orgcheck report DATEI'",
            )
        )
    ordered = sorted(records, key=lambda r: r.file)
    consensus = assess(pack, consensus_answers(pack, ordered))
    labels = file_labels([r.file for r in ordered])
    return Team(
        respondents=tuple(
            Respondent(r.respondent or label, r.file, label, r.overall, r.recommendation)
            for r, label in zip(ordered, labels, strict=True)
        ),
        consensus=consensus,
        gaps=perception_gaps(pack, ordered),
        findings=_finding_counts(pack, ordered, consensus),
    )


def same_respondent(records: Sequence[Record]) -> list[tuple[Record, Record]]:
    """(first file, later file) for every file whose ``respondent`` an earlier file gave too."""
    first: dict[str, Record] = {}
    pairs = []
    for r in sorted(records, key=lambda r: r.file):
        if r.respondent:
            name = " ".join(r.respondent.split()).casefold()
            if name in first:
                pairs.append((first[name], r))
            else:
                first[name] = r
    return pairs


# --- the consensus --------------------------------------------------------------------


def consensus_answers(pack: Pack, records: Sequence[Record]) -> AnswerSet:
    """The team's answers by the consensus rule, validated like an answers file."""
    # Each question's answers, those asked only (the same for both passes).
    given = {q.id: [r.answers[q.id] for r in records if q.id in r.answers] for q in pack.questions}
    provisional = _consensus_values(pack, given, {})
    values = _consensus_values(pack, given, provisional)
    dates = [r.date for r in records if r.date]
    document = yamlio.Document(
        value={
            "organisation": _most_common([r.organisation for r in records if r.organisation]),
            "language": _most_common([r.language for r in records if r.language]),
            "date": dt.date.fromisoformat(max(dates)) if dates else None,
            "answers": values,
        },
        file="<consensus>",
    )
    try:
        return validate_document(document, pack)
    except OrgcheckError as error:
        raise OrgcheckError(
            [
                Problem(
                    f"the team's answers do not add up to one assessment: {p.message}",
                    de=f"die Antworten des Teams ergeben keine Bewertung: {p.de or p.message}",
                )
                for p in error.problems
            ]
        ) from None


def _most_common(items: list[str]) -> str | None:
    """The most frequent item; a tie goes to the one given first (Counter keeps the order items
    are first met in, and most_common sorts stably). Linear: 10,000 different names stay cheap."""
    return Counter(items).most_common(1)[0][0] if items else None


def _consensus_values(
    pack: Pack, given_by_question: dict[str, list[AnswerValue]], provisional: dict[str, AnswerValue]
) -> dict[str, AnswerValue]:
    """One pass in questionnaire order; ties are broken against ``provisional`` (empty: first option)."""
    values: dict[str, AnswerValue] = {}
    for question in pack.questions:
        if question.type == "text":
            continue  # free text has no majority; each respondent's notes stay in their own report
        if not is_asked(question, values):
            continue
        given = given_by_question[question.id]
        if not given:
            continue
        candidates = _candidates(pack, question, given, values)
        if len(candidates) > 1 and provisional:
            values[question.id] = _cautious(pack, question.id, candidates, {**provisional, **values})
        elif candidates:
            values[question.id] = candidates[0]
    return values


def _candidates(
    pack: Pack, question: Question, given: list[AnswerValue], values: dict[str, AnswerValue]
) -> list[AnswerValue]:
    """The answers the rule allows, tied ones together, in the questionnaire's order.

    Where no answer given is still open (the lead each named is a department the
    consensus leaves out), every open answer is a candidate, and the cautious
    reading decides.
    """
    if question.type == "multi":
        chosen = Counter(option for answer in given for option in answer or [])  # type: ignore[union-attr]
        allowed = [o for o in question.values if option_problem(pack, question, o, values) is None]
        majority = [o for o in allowed if 2 * chosen[o] >= len(given) and chosen[o]]
        if majority or not question.min_items:
            return [majority]
        if any(chosen[o] for o in allowed):
            most = max(chosen[o] for o in allowed)
            return [[o for o in allowed if chosen[o] == most]]
        return [[o] for o in allowed]  # nobody chose an option still open: the cautious one
    if question.type == "integer":
        numbers = sorted(int(n) for n in given)  # type: ignore[arg-type]
        middle = len(numbers) // 2
        middles = numbers[middle - 1 : middle + 1] if len(numbers) % 2 == 0 else [numbers[middle]]
        return list(dict.fromkeys(middles))
    counts = Counter(given)
    order: list[AnswerValue] = list(question.values) if question.type == "single" else [False, True]
    open_options = [v for v in order if option_problem(pack, question, v, values) is None]
    given_and_open = [v for v in open_options if counts[v]]
    if not given_and_open:  # every answer given depends on one the team did not agree on
        return open_options
    most = max(counts[v] for v in given_and_open)
    return [v for v in given_and_open if counts[v] == most]


def _cautious(
    pack: Pack, question_id: str, candidates: list[AnswerValue], values: dict[str, AnswerValue]
) -> AnswerValue:
    """The candidate whose assessment raises the most serious findings (then the lower score)."""

    def caution(candidate: AnswerValue) -> tuple[int, ...]:
        assessment = score(pack, AnswerSet(values={**values, question_id: candidate}))
        severities: Counter[str] = Counter(f.severity for f in assessment.findings)
        return (*(severities[s] for s in _CAUTION), -assessment.overall)

    return max(candidates, key=lambda c: (caution(c), -candidates.index(c)))


# --- perception gaps ------------------------------------------------------------------


def perception_gaps(pack: Pack, records: Sequence[Record]) -> tuple[Gap, ...]:
    """Every question the respondents answered differently, most divided first."""
    gaps = []
    for position, question in enumerate(pack.questions):
        if question.type == "text":
            continue
        values = [r.answers.get(question.id) for r in records]
        agreement, option = _agreement(question, values)
        if agreement < 1:
            gaps.append((agreement, position, Gap(question.id, agreement, tuple(values), option)))
    return tuple(gap for _, _, gap in sorted(gaps, key=lambda g: (g[0], g[1])))


def _agreement(question: Question, values: list[AnswerValue]) -> tuple[float, str | None]:
    """The share giving the most common answer; for a multiple choice the lowest such
    share over its options (and over being asked at all), with that option."""
    total = len(values)
    if question.type != "multi":
        return max(Counter(answer_key(v) for v in values).values()) / total, None
    asked = sum(1 for v in values if v is not None)
    lowest: tuple[float, str | None] = (max(asked, total - asked) / total, None)
    chosen = Counter(option for v in values if isinstance(v, list) for option in v)
    for option in question.values:
        chose = chosen[option]
        if chose:
            share = max(chose, total - chose) / total
            if share < lowest[0]:
                lowest = (share, option)
    return lowest


def answer_key(value: AnswerValue) -> object:
    """An answer as a dictionary key: a multiple choice's list as a tuple."""
    return tuple(value) if isinstance(value, list) else value


# --- findings ---------------------------------------------------------------------------


def _finding_counts(pack: Pack, records: Sequence[Record], consensus: Assessment) -> tuple[FindingCount, ...]:
    fired = Counter(finding_id for r in records for finding_id in r.finding_ids)
    in_consensus = {f.id for f in consensus.findings}
    order = {f.id: i for i, f in enumerate(pack.findings)}
    ids = sorted(set(fired) | in_consensus, key=lambda f: (-fired[f], order[f]))
    return tuple(FindingCount(f, fired[f], fired[f] / len(records), f in in_consensus) for f in ids)
