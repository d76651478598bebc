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
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from ..engine.assess import Assessment
from ..engine.compare import DATES_REVERSED, DIFFERENT_ORGANISATIONS, Comparison
from ..engine.record import Record
from ..engine.team import FindingCount, Gap, Overruled, Team, answer_key, file_labels
from ..pack.conditions import AnswerValue, evaluate
from ..pack.model import SEVERITIES, Pack
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

    def decimal(self, value: float) -> str:
        """46, or 45.5 (45,5 in German) between two middle scores."""
        text = f"{value:g}"
        return text.replace(".", ",") if self.language == "de" else text


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


def _plain_number(value: float) -> int | float:
    """A median as JSON writes it: 46, or 45.5 between two middle scores."""
    return int(value) if value == int(value) else value


def team_document(pack: Pack, result: Team, language: str, day: dt.date) -> dict[str, Any]:
    # File names as the reports show them: no control or bidi character reaches a script either.
    people = [{"respondent": one_line(r.name), "file": one_line(r.label)} for r in result.respondents]
    spread = result.spread
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "team",
        "pack": pack.fingerprint,
        "language": language,
        "respondents": [
            {
                "file": person["file"],
                "respondent": person["respondent"],
                "score": {"overall": r.overall},
                "recommendation": r.recommendation,
            }
            for person, r in zip(people, result.respondents, strict=True)
        ],
        "consensus": json_document(pack, result.consensus, language, day),
        "spread": {
            "min": spread.minimum,
            "median": _plain_number(spread.median),
            "max": spread.maximum,
            "consensus": result.consensus.overall,
            "above_consensus": spread.above_consensus,
            "below_consensus": spread.below_consensus,
        },
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
        # Who gave which answer is in the gap of the same question; this says what the consensus took.
        "overruled": [
            {
                "question": o.question,
                "consensus": o.value,
                "respondents": len(o.who),
                "tie": list(o.tied),
                "raises": list(o.raises),
                "left_out": [
                    {"option": left.option, "respondents": len(left.who), "raises": list(left.raises)}
                    for left in o.left_out
                ],
            }
            for o in result.overruled
        ],
        "findings": [
            {
                "id": f.id,
                "severity": f.severity,
                "respondents": f.respondents,
                "share": round(f.share, 2),
                "consensus": f.in_consensus,
                "folded_into": f.folded_into,
            }
            for f in result.findings
        ],
    }


def team_view(pack: Pack, result: Team, language: str, day: dt.date, fmt: str = "md") -> dict[str, Any]:
    loc = _localizer(pack, language, fmt)
    consensus = result.consensus
    total = len(result.respondents)
    names = [r.name for r in result.respondents]
    small = total <= SIDE_BY_SIDE_MAX  # a team, not a survey: everyone is named everywhere
    organisation = consensus.answers.organisation
    overruled = {o.question: o for o in result.overruled}
    gap_questions = {gap.question for gap in result.gaps}
    with loc.unrecorded():  # nothing here lists sources; citations render as in the report
        view = {
            "language": language,
            "date": loc.date(day),
            "iso_date": day.isoformat(),
            "organisation": loc.free(organisation) if organisation else None,
            "words": loc.words(),
            "respondents_line": _respondents_line(loc, names),
            "summary": _team_summary(loc, result, small),
            "gaps": [_gap_view(loc, gap, names, overruled.get(gap.question), small) for gap in result.gaps],
            # Where the consensus differs from someone's answer though nobody disagreed with
            # anybody else (the consensus is not asked what all who were asked agree on).
            "other_overruled": [
                _overruled_line(loc, o, result, small)
                for o in result.overruled
                if o.question not in gap_questions
            ],
            "findings": _team_findings(loc, result, small),
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
            if small
            else None,
            "distribution": _distribution(loc, result) if not small else None,
        }
    view["full_report"] = _full_report(pack, consensus, language, day, fmt)
    return view


def _respondents_line(loc: _Words, names: list[str]) -> str:
    """'4 people answered the questionnaire: A, B, C and D.' Beyond a dozen the names are in a
    table (a team) or the JSON (a survey), and the line says where."""
    opening = loc.fill("team_respondents", n=len(names))
    if len(names) <= NAMES_LISTED:
        return f"{opening}: {_names(loc, names)}."
    where = "respondents_in_table" if len(names) <= SIDE_BY_SIDE_MAX else "respondents_in_json"
    return f"{opening}; {loc.word(where)}"


def _quoted(loc: _Words, texts: list[str]) -> str:
    """„A“, „B“ und „C“ (German) or “A”, “B” and “C” (English)."""
    return _listed(loc, [loc.fill("quoted", text=t) for t in texts])


def _listed(loc: _Words, items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {loc.word('and')} " + items[-1]


def _finding_titles(loc: _Words, ids: tuple[str, ...]) -> str:
    return _quoted(loc, [loc.text(loc.pack.finding(f).title) for f in ids])


def _team_summary(loc: _Words, result: Team, small: bool) -> dict[str, Any]:
    """Page one: what the team should do, how it scores beside each person, the first steps."""
    consensus = result.consensus
    spread = result.spread
    total = len(result.respondents)
    structure = consensus.recommendation.structure
    decided = [
        loc.fill("decided_tie", question=_short(loc, o.question)) for o in result.overruled if o.tied
    ] + [
        loc.fill(
            "decided_left_out",
            option=loc.answer(o.question, [left.option]),
            question=_short(loc, o.question),
        )
        for o in result.overruled
        for left in o.left_out
        if left.raises
    ]
    return {
        "recommendation": structure.name(loc.language),
        "summary": loc.text(structure.summary),
        "reason": loc.text(consensus.recommendation.main_reason),
        "overall": consensus.overall,
        "overall_bar": bar(consensus.overall),
        "spread": loc.fill(
            "spread_line",
            low=spread.minimum,
            high=spread.maximum,
            median=loc.decimal(spread.median),
        )
        + ": "
        + (
            _listed(loc, [f"{loc.free(r.name)} {r.overall}" for r in result.respondents])
            if small
            else loc.word("scores_in_json")
        )
        + ". "
        + _spread_position(loc, spread.above_consensus, spread.below_consensus, total),
        "low": spread.minimum,
        "median": spread.median,
        "high": spread.maximum,
        # Each score and how many gave it before (the chart stacks equal scores).
        "scores": [
            {"name": loc.free(r.name), "overall": r.overall, "stack": stack}
            for r, stack in zip(
                result.respondents, _stacked([r.overall for r in result.respondents]), strict=True
            )
        ]
        if small
        else None,
        "decided": loc.fill("decided_intro", k=len(decided)) + " " + "; ".join(decided) + "."
        if decided
        else None,
        "first_actions_heading": loc.word("first_action" if len(consensus.actions) == 1 else "first_actions"),
        "first_actions": [
            {"owner": loc.unit(a.owner, consensus), "text": loc.text(a.text)} for a in consensus.actions[:3]
        ],
        "counts": [
            {"severity": severity, "label": loc.word(f"severity_{severity}"), "count": count}
            for severity in SEVERITIES
            if (count := len(consensus.findings_of(severity)))
        ],
    }


def _stacked(scores: list[int]) -> list[int]:
    """For each score, how many earlier ones are equal (0 for the first of its value)."""
    seen: Counter[int] = Counter()
    stacked = []
    for value in scores:
        stacked.append(seen[value])
        seen[value] += 1
    return stacked


def _team_findings(loc: _Words, result: Team, small: bool) -> list[dict[str, Any]]:
    """The findings across the team in three groups: what needs work (most urgent first), notes,
    and what already works; each with who raises it by their own answers and, for the others,
    which of their answers keep it from applying."""
    total = len(result.respondents)
    names = [r.name for r in result.respondents]
    groups: dict[str, list[tuple[int, int, dict[str, Any]]]] = {"problems": [], "notes": [], "strengths": []}
    order = {f.id: i for i, f in enumerate(loc.pack.findings)}
    for count in result.findings:
        group = {"strength": "strengths", "info": "notes"}.get(count.severity, "problems")
        row = {
            "title": loc.text(loc.pack.finding(count.id).title),
            "severity": loc.word(f"level_{count.severity}"),
            "count": loc.fill("k_of_n", k=count.respondents, n=total),
            "who": _names(loc, [names[i] for i in count.who]) if small and count.who else None,
            "not_for": _not_for(loc, result, count) if small else None,
            "in_consensus": loc.fill("folded_into", finding=_finding_titles(loc, (count.folded_into,)))
            if count.folded_into
            else loc.word("answer_yes" if count.in_consensus else "answer_no"),
        }
        urgency = SEVERITIES.index(count.severity) if group == "problems" else 0
        groups[group].append((urgency, -count.respondents, row | {"order": order[count.id]}))
    return [
        {
            "key": key,
            "heading": loc.word(f"team_{key}"),
            "rows": [
                row for _, _, row in sorted(rows, key=lambda item: (item[0], item[1], item[2]["order"]))
            ],
        }
        for key, rows in groups.items()
        if rows
    ]


def _not_for(loc: _Words, result: Team, count: FindingCount) -> str:
    """Who it does not apply to, grouped by the answers that keep it from applying:
    'Anna and Ben (Guidelines); everyone else (Departments involved, Dedicated person)'.
    The largest group, where it has more than NAMES_SHOWN people, is 'everyone else' and comes
    last; every other group is named in full (nobody is counted away as 'and 4 others')."""
    rule = loc.pack.finding(count.id)
    raised = set(count.who)
    groups: dict[tuple[str, ...], list[str]] = {}
    for position, respondent in enumerate(result.respondents):
        if position not in raised:
            _, deciding = evaluate(rule.when, respondent.answers)
            groups.setdefault(tuple(deciding), []).append(respondent.name)
    largest = max(groups, key=lambda questions: len(groups[questions]), default=())
    rest = largest if len(groups.get(largest, ())) > NAMES_SHOWN else None
    parts = [
        f"{_names(loc, people)} ({_shorts(loc, questions)})"
        for questions, people in groups.items()
        if questions != rest
    ]
    if rest is not None:
        parts.append(f"{loc.word('everyone_else')} ({_shorts(loc, rest)})")
    return "; ".join(parts) or "–"


def _shorts(loc: _Words, questions: Sequence[str]) -> str:
    return ", ".join(_short(loc, q) for q in questions)


def _spread_position(loc: _Words, above: int, below: int, total: int) -> str:
    """How many scored above and below the consensus, and (where any did) how many the same."""
    same = total - above - below
    if same:
        return loc.fill("spread_position_same", above=above, below=below, same=same, n=total)
    return loc.fill("spread_position", above=above, below=below, n=total)


def _short(loc: _Words, question_id: str) -> str:
    return loc.pack.question(question_id).short(loc.language)


def _full_report(pack: Pack, consensus: Assessment, language: str, day: dt.date, fmt: str) -> Any:
    """The single-assessment report of the consensus answers, rendered by the single report's own
    template and set in as a section: its title and footer left out, its headings a level down,
    and (HTML) its ids and links prefixed so that they do not clash with the team page's."""
    from .rendering import render

    text = render(fmt, pack, consensus, language, day)
    if fmt == "md":
        return _markdown_section(text)
    import markupsafe

    body = text[text.index("<main>") + len("<main>") : text.rindex("</main>")].strip("\n")
    body = re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m[1]}h{int(m[2]) + 1}", body)
    body = re.sub(r'\b(id|aria-labelledby)="', r'\1="consensus-', body)
    body = body.replace('href="#', 'href="#consensus-')
    return markupsafe.Markup(body)  # rendered with autoescape: every free text in it is escaped


def _markdown_section(text: str) -> str:
    """The single report's Markdown between its title and its footer, each heading a level down
    (not inside a fenced block: a fence closes only on a line of as many backticks or more)."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("## "))
    last = max(i for i, line in enumerate(lines) if line == "---")  # the footer's rule
    fence = ""
    body = []
    for line in lines[first:last]:
        ticks = re.match(r"`{3,}", line)
        if ticks and not fence:
            fence = ticks.group()
        elif fence and line.strip() == "`" * len(line.strip()) and len(line.strip()) >= len(fence):
            fence = ""
        body.append("#" + line if line.startswith("#") and not fence else line)
    return "\n".join(body).strip("\n")


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


def _gap_view(
    loc: _Words, gap: Gap, names: list[str], overruled: Overruled | None, small: bool
) -> dict[str, Any]:
    """The headline, who gave which answer (for a multiple choice: who chose which option), what
    the consensus takes, and where a rule rather than a majority decided."""
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
                "who": _names(loc, [names[i] for i in who]) if small else None,
            }
            for answer, who in rows
        ],
        **_decision(loc, gap.question, overruled, names, small),
    }


def _decision(
    loc: _Words, question_id: str, overruled: Overruled | None, names: list[str], small: bool
) -> dict[str, Any]:
    """What the consensus answers, and the notes where a tie or the half rule decided a finding."""
    if overruled is None:
        return {"consensus": None, "notes": []}
    value = overruled.value
    notes = []
    if overruled.tied:
        notes.append(
            loc.fill(
                "tie_note",
                answers=_quoted(loc, [_answer(loc, question_id, v) for v in (value, *overruled.tied)]),
                answer=_answer(loc, question_id, value),
            )
            + (
                " " + loc.fill("tie_raises", findings=_finding_titles(loc, overruled.raises))
                if overruled.raises
                else ""
            )
        )
    for left in overruled.left_out:
        if left.raises:
            people = f": {_names(loc, [names[i] for i in left.who])}" if small else ""
            notes.append(
                loc.fill(
                    "left_out_note",
                    option=loc.answer(question_id, [left.option]),
                    k=len(left.who),
                    n=len(names),
                    people=people,
                    findings=_finding_titles(loc, left.raises),
                )
            )
    return {
        "consensus": loc.fill("gap_consensus", answer=_answer(loc, question_id, value)),
        "notes": notes,
    }


def _overruled_line(loc: _Words, overruled: Overruled, result: Team, small: bool) -> dict[str, Any]:
    """A question outside the gaps where the consensus still differs from someone's answer."""
    question = loc.pack.question(overruled.question)
    names = [r.name for r in result.respondents]
    question_id = overruled.question
    said = [(names[i], result.respondents[i].answers.get(question_id)) for i in overruled.who]
    answered = _listed(
        loc,
        [f"{loc.free(name)}: {_answer(loc, question_id, value)}" for name, value in said] if small else [],
    )
    return {
        "question": question.short(loc.language),
        "who": answered or loc.fill("k_of_n", k=len(overruled.who), n=len(names)),
        **_decision(loc, overruled.question, overruled, names, small),
    }


def _answer(loc: _Words, question_id: str, value: AnswerValue) -> str:
    if value is None:
        return loc.word("not_asked")
    if loc.pack.question(question_id).type == "text":
        return loc.free(str(value))
    return loc.answer(question_id, value)


def _names(loc: _Words, names: list[str]) -> str:
    """Every name, never cut off: 'A', 'A and B', 'A, B and C'. A sentence that would name more
    than NAMES_SHOWN people counts them instead, and a table beside it names them all."""
    return _listed(loc, [loc.free(n) for n in names])


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
        "file": one_line(label),
        "date": side.date,
        "score": {"overall": side.overall, "dimensions": dict(side.dimensions)},
        "recommendation": side.recommendation,
    }


def comparison_document(result: Comparison) -> dict[str, Any]:
    before, after = result.before, result.after
    before_label, after_label = file_labels([before.file, after.file])
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "comparison",
        "pack": after.pack,
        # What makes the comparison read as something it is not, by stable id, with its data.
        "warnings": [_warning_data(warning, result) for warning in result.warnings],
        "before": _side(before, before_label),
        "after": _side(after, after_label),
        "delta": {"overall": result.overall_delta, "dimensions": dict(result.dimension_deltas)},
        "findings": {
            "resolved": list(result.resolved),
            "new": list(result.new),
            "still_open": list(result.still_open),
        },
        # Still open under another id: the earlier findings each continues, and the rules they share.
        "findings_matched": [
            {"after": m.after, "before": list(m.before), "shared": list(m.shared)} for m in result.matched
        ],
        # Each new finding with the changed answers that brought it in.
        "findings_new_because": {finding: list(questions) for finding, questions in result.new_because},
        "strengths": {"gained": list(result.strengths_gained), "lost": list(result.strengths_lost)},
        "answers_changed": list(result.answers_changed),
    }


def _warning_data(warning: str, result: Comparison) -> dict[str, Any]:
    before, after = result.before, result.after
    if warning == DATES_REVERSED:
        return {"id": warning, "before": before.date, "after": after.date}
    return {
        "id": warning,
        "before": one_line(before.organisation or ""),
        "after": one_line(after.organisation or ""),
    }


def comparison_warnings(
    pack: Pack, result: Comparison, language: str, files: tuple[str, str] | None = None
) -> list[str]:
    """Each warning as a sentence in ``language`` (the report's, and standard error's); the files
    by their labels, or as given on the command line (``files``). Free text is not escaped."""
    loc = _Words(pack, language, one_line)
    before, after = result.before, result.after
    before_file, after_file = files or tuple(file_labels([before.file, after.file]))

    def when(side: Record) -> str:
        return loc.date(dt.date.fromisoformat(side.date)) if side.date else loc.word("no_date")

    sentences = []
    for warning in result.warnings:
        if warning == DATES_REVERSED:
            sentences.append(
                loc.fill(
                    "warning_dates_reversed",
                    before_file=one_line(before_file),
                    after_file=one_line(after_file),
                    before_date=when(before),
                    after_date=when(after),
                )
            )
        else:
            sentences.append(
                loc.fill(
                    "warning_different_organisations",
                    before=one_line(before.organisation or ""),
                    after=one_line(after.organisation or ""),
                )
            )
    return sentences


def comparison_view(pack: Pack, result: Comparison, language: str, fmt: str = "md") -> dict[str, Any]:
    loc = _localizer(pack, language, fmt)
    before, after = result.before, result.after
    before_label, after_label = file_labels([before.file, after.file])
    two = DIFFERENT_ORGANISATIONS in result.warnings
    organisation = (
        _listed(loc, [loc.free(before.organisation or ""), loc.free(after.organisation or "")])
        if two
        else loc.free(after.organisation or before.organisation or "") or None
    )
    matched = {m.after: m for m in result.matched}
    new_because = dict(result.new_because)
    after_findings = {f.id: f for f in after.findings}

    def when(side: Record) -> str:
        return loc.date(dt.date.fromisoformat(side.date)) if side.date else loc.word("no_date")

    def titles(ids: tuple[str, ...]) -> list[str]:
        return [loc.text(pack.finding(f).title) for f in ids]

    def still_open(finding_id: str) -> str:
        title = loc.text(pack.finding(finding_id).title)
        if finding_id not in matched:
            return title
        return f"{title} ({loc.fill('formerly', findings=_finding_titles(loc, matched[finding_id].before))})"

    def new(finding_id: str) -> str:
        title = loc.text(pack.finding(finding_id).title)
        changed = new_because.get(finding_id, ())
        same = [q for q, _ in after_findings[finding_id].evidence if q not in changed]
        key = "new_because_one" if len(changed) == 1 else "new_because_many"
        parts = [loc.fill(key, questions=_quoted(loc, [_short(loc, q) for q in changed]))] if changed else []
        if same:
            parts.append(loc.fill("already_so", questions=_quoted(loc, [_short(loc, q) for q in same])))
        return f"{title} ({'; '.join(parts)})" if parts else title

    warnings = comparison_warnings(pack, result, language)
    with loc.unrecorded():
        return {
            "language": language,
            "iso_date": after.date or before.date,  # the later assessment's, if it has one
            "organisation": organisation,
            "title": loc.word("compare_title_two" if two else "compare_title"),
            "warnings": [loc.free(w) for w in warnings] if fmt == "md" else warnings,
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
            "new": [new(f) for f in result.new],
            "still_open": [still_open(f) for f in result.still_open],
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
