"""Rendering a team assessment and a comparison: Markdown (team.md.j2, compare.md.j2), HTML
(team.html.j2, compare.html.j2), JSON, and as a file in any format (PDF: the HTML, printed).

As for the single report, the templates get a view of plain values already in
the report language, free text made safe; they only lay out. The words come
from reports/templates/strings.yaml plus strings-many.yaml; answers, findings
and structures are named the way the single report names them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from ..engine.compare import Comparison
from ..engine.record import Record
from ..engine.team import Gap, Team, answer_key, file_labels
from ..pack.conditions import AnswerValue
from ..pack.model import Pack
from ..resources import templates_dir
from ..textsafe import markdown_inline, one_line
from . import formats
from .document import SCHEMA_VERSION, json_document
from .localizer import Localizer, load_strings, report_strings
from .markdown import bar
from .rendering import render_template

TEAM_TEMPLATE = "team.{}.j2"  # md or html
COMPARE_TEMPLATE = "compare.{}.j2"
MANY_STRINGS = "strings-many.yaml"
TEMPLATE_FORMATS = ("md", "html")  # json is the document itself
# A gap's sentence names at most this many people on a side; the rest are counted.
NAMES_SHOWN = 4
# The opening line names every respondent up to this many.
NAMES_LISTED = 12
# Up to this many respondents the report sets their results side by side; beyond it is a
# survey rather than a team, and the report shows how the results are distributed (the
# JSON still lists every respondent).
SIDE_BY_SIDE_MAX = 50
# A gap's sentence names at most this many answers, its table at most this many rows;
# the rest are counted together ("not asked" is always shown: it is not an answer).
ANSWERS_IN_HEADLINE = 3
ANSWER_ROWS = 10
SCORE_BANDS = tuple((low, low + 9 if low < 90 else 100) for low in range(0, 100, 10))


class _Words(Localizer):
    """The report's words, and how free text (names, file names, notes) is made safe in the
    format: Markdown escapes it in the view; HTML's autoescape does it in the template."""

    def __init__(self, pack: Pack, language: str, free: Callable[[str], str]) -> None:
        super().__init__(pack, language, {**report_strings(), **load_strings(templates_dir() / MANY_STRINGS)})
        self.free = free

    def fill(self, key: str, **values: object) -> str:
        """The words of ``key`` with their {placeholders} filled in one pass (a name that reads
        "{k}" stays a name); whole numbers are written as numbers are in the language."""
        numbers = {k: self.number(v) for k, v in values.items() if type(v) is int}
        return self.word(key).format(**{**values, **numbers})


def _localizer(pack: Pack, language: str, fmt: str) -> _Words:
    return _Words(pack, language, markdown_inline if fmt == "md" else one_line)


def _render(template_name: str, fmt: str, view: dict[str, Any]) -> str:
    """With the format registry's escaping and finish for ``fmt``."""
    return render_template(fmt, template_name.format(fmt), view)


# --- team -------------------------------------------------------------------------------


def render_team(fmt: str, pack: Pack, result: Team, language: str, day: dt.date) -> str:
    if fmt == "json":
        return _json_with_rows(team_document(pack, result, language, day))
    return _render(TEAM_TEMPLATE, fmt, team_view(pack, result, language, day, fmt))


def render_team_file(fmt: str, pack: Pack, result: Team, language: str, day: dt.date) -> bytes:
    """The team report as the content of a file in ``fmt`` (see rendering.render_file)."""
    entry = formats.require(fmt)
    return entry.to_bytes(render_team(entry.text_format, pack, result, language, day))


def _json_with_rows(document: dict[str, Any]) -> str:
    """The document indented as every orgcheck JSON is, except that the respondents and each
    gap's answers are written one per line.

    With thousands of respondents these lists are nearly the whole document; written by
    the C encoder, one line each, they cost a fifth of the indenting encoder's time, and
    a file of 10,000 respondents stays readable line by line.
    """
    rows: dict[str, list[Any]] = {}

    def set_aside(items: list[Any]) -> str:
        token = f"\0rows-{len(rows)}"  # a control character: free text never contains one
        rows[token] = items
        return token

    document = {**document, "respondents": set_aside(document["respondents"])}
    document["gaps"] = [{**gap, "answers": set_aside(gap["answers"])} for gap in document["gaps"]]
    text = json.dumps(document, ensure_ascii=False, indent=2)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    pieces = []  # joined once at the end: replacing in a text of 14 MB copies it each time
    done = 0
    for token, items in rows.items():
        quoted = json.dumps(token)
        at = text.index(quoted, done)  # the tokens come in document order
        line_start = text.rindex("\n", 0, at) + 1
        indent = " " * (at - line_start - len(text[line_start:at].lstrip(" ")))
        lines = ",\n".join(f"{indent}  {encode(item)}" for item in items)
        pieces += [text[done:at], f"[\n{lines}\n{indent}]" if items else "[]"]
        done = at + len(quoted)
    return "".join([*pieces, text[done:], "\n"])


def team_document(pack: Pack, result: Team, language: str, day: dt.date) -> dict[str, Any]:
    people = [{"respondent": one_line(r.name), "file": r.label} for r in result.respondents]
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "team",
        "pack": pack.fingerprint,
        "language": language,
        "respondents": [
            {
                "file": r.label,
                "respondent": one_line(r.name),
                "score": {"overall": r.overall},
                "recommendation": r.recommendation,
            }
            for r in result.respondents
        ],
        "consensus": json_document(pack, result.consensus, language, day),
        "gaps": [
            {
                "question": gap.question,
                "agreement": round(gap.agreement, 2),
                "option": gap.option,
                "answers": [
                    {"respondent": person["respondent"], "file": person["file"], "value": value}
                    for person, value in zip(people, gap.values, strict=True)
                ],
            }
            for gap in result.gaps
        ],
        "findings": [
            {
                "id": f.id,
                "respondents": f.respondents,
                "share": round(f.share, 2),
                "consensus": f.in_consensus,
            }
            for f in result.findings
        ],
    }


def team_view(pack: Pack, result: Team, language: str, day: dt.date, fmt: str = "md") -> dict[str, Any]:
    loc = _localizer(pack, language, fmt)
    consensus = result.consensus
    total = len(result.respondents)
    names = [r.name for r in result.respondents]
    organisation = consensus.answers.organisation
    with loc.unrecorded():  # nothing here lists sources; citations render as in the report
        return {
            "language": language,
            "date": loc.date(day),
            "iso_date": day.isoformat(),
            "organisation": loc.free(organisation) if organisation else None,
            "words": loc.words(),
            "respondents_line": loc.fill("team_respondents", n=total)
            + (
                ": " + ", ".join(loc.free(name) for name in names)
                if total <= NAMES_LISTED
                else ""  # the table of results side by side names them (or the JSON does)
            )
            + ".",
            "gaps": [_gap_view(loc, gap, names) for gap in result.gaps],
            "respondents": [
                {
                    "name": loc.free(r.name),
                    "file": loc.free(r.label),
                    "overall": r.overall,
                    "bar": bar(r.overall, 10),
                    "recommendation": pack.structure(r.recommendation).name(language),
                }
                for r in result.respondents
            ]
            if total <= SIDE_BY_SIDE_MAX
            else None,
            "distribution": _distribution(loc, result) if total > SIDE_BY_SIDE_MAX else None,
            "findings": [
                {
                    "title": loc.text(pack.finding(f.id).title),
                    "count": loc.fill("k_of_n", k=f.respondents, n=total),
                    "in_consensus": loc.word("answer_yes" if f.in_consensus else "answer_no"),
                }
                for f in result.findings
            ],
            "consensus": {
                "recommendation": consensus.recommendation.structure.name(language),
                "summary": loc.text(consensus.recommendation.structure.summary),
                "overall": consensus.overall,
                "overall_bar": bar(consensus.overall),
                "actions": [
                    {"owner": loc.unit(a.owner, consensus), "text": loc.text(a.text)}
                    for a in consensus.actions
                ],
                "findings": [
                    {"title": loc.text(f.rule.title), "severity": loc.word(f"severity_{f.severity}")}
                    for f in consensus.findings
                ],
                "dimensions": [
                    {"name": d.name(language), "score": d.score, "bar": bar(d.score, 10)}
                    for d in consensus.dimensions
                ],
                "answers": [
                    {
                        "question": q.text(language),
                        "answer": loc.answer(q.id, consensus.answers.values[q.id])
                        if q.id in consensus.answers.values
                        else loc.word("not_asked"),
                    }
                    for q in pack.questions
                    if q.type != "text"
                ],
            },
        }


def _distribution(loc: _Words, result: Team) -> dict[str, Any]:
    """How many respondents scored in each band of ten, and got which recommendation."""
    total = len(result.respondents)
    bands = Counter(min(r.overall // 10, len(SCORE_BANDS) - 1) for r in result.respondents)
    recommended = Counter(r.recommendation for r in result.respondents)
    order = {s.id: i for i, s in enumerate(loc.pack.structures)}

    def rows(counted: list[tuple[str, int]]) -> list[dict[str, Any]]:
        largest = max(count for _, count in counted)  # bars as in a histogram: the largest is full
        shares = [round(100 * count / largest) for _, count in counted]
        return [
            {
                "label": label,
                "count": loc.fill("k_of_n", k=count, n=total),
                "share": share,
                "bar": bar(share, 10),
            }
            for (label, count), share in zip(counted, shares, strict=True)
        ]

    by_count = sorted(recommended.items(), key=lambda item: (-item[1], order[item[0]]))
    return {
        "intro": loc.fill("distribution_intro", n=total),
        "scores": rows([(f"{low}–{high}", bands[band]) for band, (low, high) in enumerate(SCORE_BANDS)]),
        "recommendations": rows([(loc.pack.structure(s).name(loc.language), k) for s, k in by_count]),
    }


# Each distinct answer to a question, with who gave it (positions in Team.respondents).
Said = list[tuple[AnswerValue, list[int]]]


def _who_said(gap: Gap) -> Said:
    """Each distinct answer with who gave it, in the order first given (labels are made once
    per answer, not once per respondent: a team of thousands gives a few dozen answers)."""
    groups: dict[object, tuple[AnswerValue, list[int]]] = {}
    for position, value in enumerate(gap.values):
        groups.setdefault(answer_key(value), (value, []))[1].append(position)
    return list(groups.values())


def _gap_view(loc: _Words, gap: Gap, names: list[str]) -> dict[str, Any]:
    """The headline, and who gave which answer (for a multiple choice: who chose which option)."""
    question = loc.pack.question(gap.question)
    said = _who_said(gap)
    if question.type == "multi":  # per option, in the questionnaire's order, then 'none', 'not asked'
        groups: dict[str, list[int]] = {}
        for option in question.values:
            chose = sorted(i for v, who in said if isinstance(v, list) and option in v for i in who)
            if chose:  # in the respondents' order, as everywhere in the report
                groups[loc.answer(gap.question, [option])] = chose
        for value, who in said:
            if not value:
                label = loc.word("none_chosen") if value == [] else _answer(loc, gap.question, value)
                groups.setdefault(label, []).extend(who)
        rows = list(groups.items())
    else:
        shown, rest = _most_given(sorted(said, key=lambda item: -len(item[1])), ANSWER_ROWS)
        rows = [(_answer(loc, gap.question, value), who) for value, who in shown]
        if rest:
            rows.append((loc.fill("other_answers", m=len(rest)), sorted(i for _, who in rest for i in who)))
    return {
        "question": question.short(loc.language),
        "question_text": question.text(loc.language),
        "agreement": loc.percent(round(100 * gap.agreement)),
        "headline": _headline(loc, gap, said, names),
        "rows": [
            {
                "answer": answer,
                "count": loc.fill("k_of_n", k=len(who), n=len(names)),
                "who": _names(loc, [names[i] for i in who]),
            }
            for answer, who in rows
        ],
    }


def _answer(loc: _Words, question_id: str, value: AnswerValue) -> str:
    if value is None:
        return loc.word("not_asked")
    if loc.pack.question(question_id).type == "text":
        return loc.free(str(value))
    return loc.answer(question_id, value)


def _names(loc: _Words, names: list[str]) -> str:
    shown = [loc.free(n) for n in names[:NAMES_SHOWN]]
    if len(names) > NAMES_SHOWN:
        return loc.fill("and_others", names=", ".join(shown), k=len(names) - NAMES_SHOWN)
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + f" {loc.word('and')} " + shown[-1]


def _headline(loc: _Words, gap: Gap, said: Said, names: list[str]) -> str:
    """'3 of 4 include “Customer support”; Head of support does not.' The larger side first."""
    total = len(gap.values)
    if gap.option is not None:
        label = loc.answer(gap.question, [gap.option])
        inside: list[int] = []
        outside: list[int] = []
        for value, who in said:
            chose = isinstance(value, list) and gap.option in value
            (inside if chose else outside).extend(who)
        if len(inside) >= len(outside):
            first = loc.fill("gap_option_in", k=len(inside), n=total, option=label)
            rest_key, rest = "gap_option_in_rest", outside
        else:
            first = loc.fill("gap_option_out", k=len(outside), n=total, option=label)
            rest_key, rest = "gap_option_out_rest", inside
        if len(rest) > NAMES_SHOWN:  # a large team: the other side is counted, not named
            return f"{first}; {loc.fill(rest_key + '_count', k=len(rest), n=total)}."
        suffix = "_one" if len(rest) == 1 else "_many"
        return f"{first}; {loc.fill(rest_key + suffix, names=_names(loc, [names[i] for i in rest]))}."
    ordered = sorted(said, key=lambda item: -len(item[1]))  # stable: first given first on a tie
    shown, others = _most_given(ordered, ANSWERS_IN_HEADLINE)
    parts = []
    for place, (value, who) in enumerate(shown):
        answer = _answer(loc, gap.question, value)
        kind = "gap_not_asked" if value is None else "gap_single"  # 'were not asked', not 'answer'
        if place == 0 or len(who) > NAMES_SHOWN:
            parts.append(loc.fill(f"{kind}_many", k=len(who), n=total, answer=answer))
        else:
            key = f"{kind}_one" if len(who) == 1 else f"{kind}_group"
            parts.append(loc.fill(key, names=_names(loc, [names[i] for i in who]), answer=answer))
    if others:
        given = sum(len(who) for _, who in others)
        parts.append(loc.fill("gap_other_answers", k=given, n=total, m=len(others)))
    return "; ".join(parts) + "."


def _most_given(ordered: Said, limit: int) -> tuple[Said, Said]:
    """The ``limit`` answers given most and "not asked" (None: not an answer), in their order;
    and the rest, to be counted together. Unless the rest is one or two answers, or people
    few enough to name: then everything is shown ("2 other answers" says less than they would)."""
    answered = [place for place, (value, _) in enumerate(ordered) if value is not None]
    hidden = set(answered[limit:])
    rest = [ordered[place] for place in sorted(hidden)]
    if len(rest) <= 2 or sum(len(who) for _, who in rest) <= NAMES_SHOWN:
        return ordered, []
    return [item for place, item in enumerate(ordered) if place not in hidden], rest


# --- compare ------------------------------------------------------------------------------


def render_comparison(fmt: str, pack: Pack, result: Comparison, language: str) -> str:
    if fmt == "json":
        return json.dumps(comparison_document(result), ensure_ascii=False, indent=2) + "\n"
    return _render(COMPARE_TEMPLATE, fmt, comparison_view(pack, result, language, fmt))


def render_comparison_file(fmt: str, pack: Pack, result: Comparison, language: str) -> bytes:
    """The progress report as the content of a file in ``fmt`` (see rendering.render_file)."""
    entry = formats.require(fmt)
    return entry.to_bytes(render_comparison(entry.text_format, pack, result, language))


def _side(side: Record, label: str) -> dict[str, Any]:
    return {
        "file": label,
        "date": side.date,
        "score": {"overall": side.overall, "dimensions": dict(side.dimensions)},
        "recommendation": side.recommendation,
    }


def comparison_document(result: Comparison) -> dict[str, Any]:
    before_label, after_label = file_labels([result.before.file, result.after.file])
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "comparison",
        "pack": result.after.pack,
        "before": _side(result.before, before_label),
        "after": _side(result.after, after_label),
        "delta": {"overall": result.overall_delta, "dimensions": dict(result.dimension_deltas)},
        "findings": {
            "resolved": list(result.resolved),
            "new": list(result.new),
            "still_open": list(result.still_open),
        },
        "strengths": {"gained": list(result.strengths_gained), "lost": list(result.strengths_lost)},
        "answers_changed": list(result.answers_changed),
    }


def comparison_view(pack: Pack, result: Comparison, language: str, fmt: str = "md") -> dict[str, Any]:
    loc = _localizer(pack, language, fmt)
    before, after = result.before, result.after
    before_label, after_label = file_labels([before.file, after.file])
    organisation = after.organisation or before.organisation

    def when(side: Record) -> str:
        return loc.date(dt.date.fromisoformat(side.date)) if side.date else loc.word("no_date")

    def titles(ids: tuple[str, ...]) -> list[str]:
        return [loc.text(pack.finding(f).title) for f in ids]

    with loc.unrecorded():
        return {
            "language": language,
            "iso_date": after.date or before.date,  # the later assessment's, if it has one
            "organisation": loc.free(organisation) if organisation else None,
            "words": loc.words(),
            "intro": loc.fill("compare_intro", pack=after.pack),
            "before": {"date": when(before), "file": loc.free(before_label)},
            "after": {"date": when(after), "file": loc.free(after_label)},
            "overall": {
                "before": before.overall,
                "after": after.overall,
                "delta": f"{result.overall_delta:+d}",
            },
            "recommendation": {
                "before": pack.structure(before.recommendation).name(language),
                "after": pack.structure(after.recommendation).name(language),
                "change": loc.word("changed" if result.recommendation_changed else "unchanged"),
            },
            "dimensions": [
                {
                    "name": next(d.name(language) for d in pack.dimensions if d.id == dimension_id),
                    "before": before.dimension(dimension_id),
                    "after": after.dimension(dimension_id),
                    "delta": f"{delta:+d}",
                }
                for dimension_id, delta in result.dimension_deltas
            ],
            "resolved": titles(result.resolved),
            "new": titles(result.new),
            "still_open": titles(result.still_open),
            "strengths_gained": titles(result.strengths_gained),
            "strengths_lost": titles(result.strengths_lost),
            "answers_changed": [
                {
                    "question": pack.question(q).text(language),
                    "before": _answer(loc, q, before.answers.get(q)),
                    "after": _answer(loc, q, after.answers.get(q)),
                }
                for q in result.answers_changed
            ],
        }
