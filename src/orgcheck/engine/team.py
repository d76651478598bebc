"""A team's assessment: the consensus, the perception gaps and who each finding fired for.

Pure functions of the pack and the respondents' records, beside
``engine.assess``. The respondents are taken in the order of their files, so
the order they were given in never changes a result.

The consensus rule (the report states it): per question the answer most
respondents gave; for a multiple choice the options at least half of those
asked chose; for a number the median. A tie goes to the cautious reading: the
answer that raises the most serious findings.

The consensus is one assessment of those answers, not an average of scores, so
it can score below most respondents: the gaps each sees in part add up. The
team therefore carries what a reader needs to trust it: the spread of the
individual scores, every question where the consensus overrules someone's
answer (who said what, where a tie was decided, which options fewer than half
chose and which findings leaving them out raises), and for each finding who
raises it by their own answers (a finding folded into another counts too).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from typing import NamedTuple

from .. import yamlio
from ..answers.validate import AnswerSet, is_asked, option_problem, validate_document
from ..errors import OrgcheckError, Problem
from ..pack.conditions import AnswerValue
from ..pack.model import SEVERITIES, Pack, Question
from ..textsafe import path_text
from .assess import Assessment, FiredFinding, assess, score
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
    answers: dict[str, AnswerValue]  # their own answers, those asked only


class Gap(NamedTuple):
    question: str
    agreement: float  # share giving the most common answer; multiple choice: its most divided option's
    # Every respondent's answer, in the order of Team.respondents; None: not asked of them.
    values: tuple[AnswerValue, ...]
    option: str | None  # multiple choice: the option the team is most divided over


class FindingCount(NamedTuple):
    id: str
    respondents: int  # whose own answers raise it: as a finding, or folded into another
    share: float
    in_consensus: bool  # the consensus raises it (as a finding, or folded into one)
    who: tuple[int, ...] = ()  # positions in Team.respondents
    severity: str = "medium"  # the consensus's if it raises it, else the most serious anyone's
    folded_into: str | None = None  # the consensus finding that folds it in, if any


class Spread(NamedTuple):
    """The individual overall scores beside the consensus's."""

    minimum: int
    median: float
    maximum: int
    above_consensus: int  # how many respondents score higher than the consensus
    below_consensus: int


class LeftOut(NamedTuple):
    """An option of a multiple choice some chose but fewer than half: the consensus leaves it out."""

    option: str
    who: tuple[int, ...]  # who chose it
    raises: tuple[str, ...]  # findings the consensus raises because it is left out


class Overruled(NamedTuple):
    """A question where the consensus answer differs from what some respondents answered."""

    question: str
    value: AnswerValue  # the consensus answer; None: the consensus is not asked it
    who: tuple[int, ...]  # whose answer differs (those who were asked)
    # A tie the cautious reading decided: the other answers as strongly supported, and the
    # findings the cautious answer raises that the first of those would not.
    tied: tuple[AnswerValue, ...] = ()
    raises: tuple[str, ...] = ()
    left_out: tuple[LeftOut, ...] = ()  # multiple choice: options fewer than half chose


class Team(NamedTuple):
    respondents: tuple[Respondent, ...]
    consensus: Assessment
    gaps: tuple[Gap, ...]  # most divided first
    findings: tuple[FindingCount, ...]  # most respondents first
    spread: Spread
    overruled: tuple[Overruled, ...] = ()  # questionnaire order


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
    answers, ties = _consensus(pack, ordered)
    consensus = assess(pack, answers)
    labels = file_labels([r.file for r in ordered])
    return Team(
        respondents=tuple(
            Respondent(r.respondent or label, r.file, label, r.overall, r.recommendation, r.answers)
            for r, label in zip(ordered, labels, strict=True)
        ),
        consensus=consensus,
        gaps=perception_gaps(pack, ordered),
        findings=_finding_counts(pack, ordered, consensus),
        spread=_spread(ordered, consensus.overall),
        overruled=_overruled(pack, ordered, consensus, ties),
    )


def _spread(records: Sequence[Record], consensus: int) -> Spread:
    scores = [r.overall for r in records]
    return Spread(
        minimum=min(scores),
        median=statistics.median(scores),
        maximum=max(scores),
        above_consensus=sum(1 for s in scores if s > consensus),
        below_consensus=sum(1 for s in scores if s < consensus),
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
    return _consensus(pack, records)[0]


# A question's answers the rule allowed equally, where the cautious reading chose among them.
Ties = dict[str, list[AnswerValue]]


def _consensus(pack: Pack, records: Sequence[Record]) -> tuple[AnswerSet, Ties]:
    # Each question's answers, those asked only (the same for both passes).
    given = {q.id: [r.answers[q.id] for r in records if q.id in r.answers] for q in pack.questions}
    provisional, _ = _consensus_values(pack, given, {})
    values, ties = _consensus_values(pack, given, provisional)
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
        return validate_document(document, pack), ties
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
) -> tuple[dict[str, AnswerValue], Ties]:
    """One pass in questionnaire order; ties are broken against ``provisional`` (empty: first option)."""
    values: dict[str, AnswerValue] = {}
    ties: Ties = {}
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
            ties[question.id] = candidates
        elif candidates:
            values[question.id] = candidates[0]
    return values, ties


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
    """Each finding with who raises it by their own answers: as a finding of their own report,
    or folded into another one there (one root cause, one finding), as the reader counts."""
    who: dict[str, list[int]] = {}
    severities: dict[str, set[str]] = {}  # where it is a finding of its own, not folded
    for position, r in enumerate(records):
        for finding in r.findings:
            severities.setdefault(finding.id, set()).add(finding.severity)
            for cause in finding.causes:
                who.setdefault(cause, []).append(position)
    consensus_as = {cause: f for f in consensus.findings for cause in (f.id, *f.folded)}
    order = {f.id: i for i, f in enumerate(pack.findings)}
    ids = sorted(set(who) | set(consensus_as), key=lambda f: (-len(who.get(f, ())), order[f]))

    def severity(finding_id: str) -> str:
        """The consensus's, where it is a finding there; else the most serious anyone's; else the
        rule's own (it is folded into another finding wherever it fired)."""
        carrier = consensus_as.get(finding_id)
        if carrier is not None and carrier.id == finding_id:
            return carrier.severity
        if finding_id in severities:
            return min(severities[finding_id], key=SEVERITIES.index)
        return pack.finding(finding_id).severity

    return tuple(
        FindingCount(
            f,
            len(who.get(f, ())),
            len(who.get(f, ())) / len(records),
            f in consensus_as,
            tuple(who.get(f, ())),
            severity(f),
            consensus_as[f].id if f in consensus_as and consensus_as[f].id != f else None,
        )
        for f in ids
    )


# --- what the consensus overrules ---------------------------------------------------------


def _overruled(
    pack: Pack, records: Sequence[Record], consensus: Assessment, ties: Ties
) -> tuple[Overruled, ...]:
    """Every question where the consensus answer differs from someone's, with what decided it."""
    values = dict(consensus.answers.values)
    causes = _problem_causes(consensus.findings)
    result = []
    for question in pack.questions:
        if question.type == "text":
            continue
        value = values.get(question.id)
        who = tuple(
            i for i, r in enumerate(records) if question.id in r.answers and r.answers[question.id] != value
        )
        if not who:
            continue
        tied = tuple(c for c in ties.get(question.id, []) if c != value)
        raises = _raised(pack, causes, {**values, question.id: tied[0]}) if tied else ()
        left_out: tuple[LeftOut, ...] = ()
        if question.type == "multi" and isinstance(value, list):
            left_out = _left_out(pack, question, records, values, causes)
        result.append(Overruled(question.id, value, who, tied, raises, left_out))
    return tuple(result)


def _left_out(
    pack: Pack,
    question: Question,
    records: Sequence[Record],
    values: dict[str, AnswerValue],
    causes: frozenset[str],
) -> tuple[LeftOut, ...]:
    chosen = values[question.id]
    assert isinstance(chosen, list)
    who: dict[str, list[int]] = {}  # one pass over the respondents: a survey has thousands
    for position, r in enumerate(records):
        for option in r.answers.get(question.id) or ():  # type: ignore[union-attr]
            if option not in chosen:
                who.setdefault(option, []).append(position)
    result = []
    for option in question.values:
        if option in who:
            with_it = [o for o in question.values if o in chosen or o == option]
            raises = _raised(pack, causes, {**values, question.id: with_it})
            result.append(LeftOut(option, tuple(who[option]), raises))
    return tuple(result)


def _problem_causes(findings: Sequence[FiredFinding]) -> frozenset[str]:
    """Every rule behind the findings that ask for a change: their own and those folded in."""
    return frozenset(cause for f in findings if f.severity in _CAUTION for cause in (f.id, *f.folded))


def _raised(pack: Pack, causes: frozenset[str], other: dict[str, AnswerValue]) -> tuple[str, ...]:
    """The problems the consensus raises (``causes``) that the ``other`` answers would not, pack order."""
    otherwise = _problem_causes(score(pack, AnswerSet(values=other)).findings)
    return tuple(f.id for f in pack.findings if f.id in causes and f.id not in otherwise)
