"""Rendering an Assessment: Markdown through Jinja2 templates, and JSON.

The templates get a *view*: plain dicts, lists and strings already resolved in
the report language, figures rendered with their sources and free text made
safe. Templates only lay out; they compute nothing. The same view is the
documented context for user templates (README, "Custom templates").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from . import yamlsource
from .answers import default_date, format_value
from .engine import (
    MAX_URGENT_DEDUCTION,
    URGENT_FINDING_DEDUCTION,
    Assessment,
    DimensionScore,
    FiredFinding,
    StructureFit,
    existing_unit,
)
from .errors import OrgcheckError, Problem
from .pack import FACT_REFERENCE, LANGUAGES, RULE_OF_THUMB, SEVERITIES, Pack, Source, Text
from .resources import templates_dir
from .textsafe import markdown_inline, markdown_literal_block, one_line, strip_control

SCHEMA_VERSION = 1
MARKDOWN_TEMPLATE = "report.md.j2"
BAR_WIDTH = 20
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


@cache
def load_strings(path: Path) -> dict[str, Any]:
    """A strings file (the report's, the TUI's): every key must have every language."""
    document = yamlsource.load(path)
    strings = document.value
    if not isinstance(strings, dict):
        raise OrgcheckError(Problem("expected a mapping of keys to texts", document.where(())))
    problems = [
        Problem(f"string '{key}' needs both languages ({', '.join(LANGUAGES)})", document.where((key,)))
        for key, value in strings.items()
        if not isinstance(value, dict) or any(not value.get(lang) for lang in LANGUAGES)
    ]
    if problems:
        raise OrgcheckError(problems)
    return strings


def report_strings() -> dict[str, Any]:
    """The report's words in both languages (reports/templates/strings.yaml)."""
    return load_strings(templates_dir() / "strings.yaml")


class Localizer:
    """Words, numbers, dates and cited figures in one language.

    It keeps the ids of the facts it cites, so the report's "Sources" lists
    those and no others; ``unrecorded()`` renders a text the report will not show.
    """

    def __init__(self, pack: Pack, language: str, strings: dict[str, Any]) -> None:
        self.pack = pack
        self.language = language
        self.strings = strings
        self.cited: set[str] = set()
        self._recording = True

    @contextlib.contextmanager
    def unrecorded(self) -> Iterator[None]:
        recording, self._recording = self._recording, False
        try:
            yield
        finally:
            self._recording = recording

    def record(self, fact_id: str) -> None:
        """Count a fact as cited (the charts show figures without a citation each)."""
        if self._recording:
            self.cited.add(fact_id)

    def cited_facts(self, source: Source) -> list[str]:
        """The ids of the facts cited from ``source``, in the order of sources.yaml."""
        return [f.id for f in self.pack.facts if f.source == source.id and f.id in self.cited]

    def word(self, key: str) -> str:
        """A report string; it may cite facts like pack texts do."""
        return self._cite_all(self.strings[key][self.language])

    def percent(self, value: float) -> str:
        number = f"{value:g}"
        if self.language == "de":
            return number.replace(".", ",") + " %"
        return number + "%"

    def date(self, day: dt.date) -> str:
        month = self.strings["months"][self.language][day.month - 1]
        return f"{day.day}. {month} {day.year}" if self.language == "de" else f"{day.day} {month} {day.year}"

    def cite(self, fact_id: str, *, trend: bool = False) -> str:
        """A fact's figure with its source: '39 % (S1)', 'von 24 % auf 35 % (S2)', '(S1)'."""
        self.record(fact_id)
        fact = self.pack.fact(fact_id)
        source = f"({self.pack.source(fact.source).short})"
        if fact.percent is None:
            return source
        if trend and fact.previous_percent is not None:
            before, now = self.percent(fact.previous_percent), self.percent(fact.percent)
            words = f"von {before} auf {now}" if self.language == "de" else f"from {before} to {now}"
            return f"{words} {source}"
        return f"{self.percent(fact.percent)} {source}"

    def text(self, text: Text) -> str:
        """A pack text with every [fact:id] and [fact-trend:id] rendered."""
        return self._cite_all(text(self.language))

    def _cite_all(self, text: str) -> str:
        """Render every citation; a fact that another source words differently
        brings its one-sentence note, once, at the end of the text."""
        notes: list[str] = []

        def one(match: re.Match[str]) -> str:
            differs = self.pack.fact(match.group(2)).differs
            if differs is not None and differs(self.language) not in notes:
                notes.append(differs(self.language))
            return self.cite(match.group(2), trend=bool(match.group(1)))

        rendered = FACT_REFERENCE.sub(one, text)
        if RULE_OF_THUMB in rendered:
            rendered = rendered.replace(RULE_OF_THUMB, self.strings["rule_of_thumb"][self.language])
        return " ".join([rendered, *notes])

    def unit(self, unit: str, assessment: Assessment) -> str:
        values = assessment.answers.values
        if unit == "legal" and existing_unit(unit, assessment.answers) != unit:
            return self.word("unit_legal_external")  # the firm has none: approval is an adviser's
        if unit in self.pack.department_values:
            option = self.pack.question("departments").option(unit)
            assert option is not None
            return option.label(self.language)
        if unit == "social_team" and values.get("dedicated_team") == "none":
            return self.word("unit_social_team_new")
        return self.word(f"unit_{unit}")

    def answer(self, question_id: str, value: object) -> str:
        question = self.pack.question(question_id)
        if isinstance(value, bool):
            return self.word("answer_yes" if value else "answer_no")
        if isinstance(value, list):
            labels = [self._option_label(question_id, v) for v in value]
            return ", ".join(labels) if labels else self.word("none_chosen")
        if question.type == "single":
            return self._option_label(question_id, value)
        return str(value)

    def evidence(self, finding: FiredFinding, values: Any) -> list[str]:
        """The answers behind a finding in words: 'Final say: Nobody in particular'."""
        return [
            f"{self.pack.question(q).short(self.language)}: "
            + (self.answer(q, values[q]) if q in values else self.word("not_asked"))
            for q in finding.evidence
        ]

    def _option_label(self, question_id: str, value: object) -> str:
        option = self.pack.question(question_id).option(value)
        return option.label(self.language) if option else str(value)


def bar(value: float, width: int = BAR_WIDTH) -> str:
    """A bar of block characters, `value` in 0..100, that renders in any viewer."""
    filled = (int(value) * width * 2 + 100) // 200
    return "█" * filled + "░" * (width - filled)


def machine_evidence(question_id: str, values: Any) -> str:
    """Evidence as the JSON keeps it: 'editorial = [marketing]', 'goals_defined: not asked'."""
    if question_id not in values:
        return f"{question_id}: not asked"
    return f"{question_id} = {format_value(values[question_id])}"


def report_date(assessment: Assessment) -> dt.date:
    """The file's date, else SOURCE_DATE_EPOCH, else today (product contract, section 3)."""
    return assessment.answers.date or default_date()


def build_view(pack: Pack, assessment: Assessment, language: str, day: dt.date) -> dict[str, Any]:
    """Everything a report template needs, resolved in ``language``."""
    loc = Localizer(pack, language, report_strings())
    answers = assessment.answers
    values = answers.values
    organisation = markdown_inline(answers.organisation) if answers.organisation else None
    with loc.unrecorded():
        words = {key: loc.word(key) for key in loc.strings if key != "months"}
    for key in words:
        if key not in WORDS_SHOWN_ONLY_WHEN or WORDS_SHOWN_ONLY_WHEN[key](values):
            loc.word(key)  # counts the facts it cites
    # The view is built in the order the report reads; "sources" comes last,
    # once every text it has to account for has been rendered.
    return {
        "schema_version": SCHEMA_VERSION,
        "language": language,
        "date": loc.date(day),
        "iso_date": day.isoformat(),
        "organisation": organisation,
        "respondent": markdown_inline(answers.respondent) if answers.respondent else None,
        "words": {
            **words,
            "methodology_scores": words["methodology_scores"]
            .replace("{per}", str(URGENT_FINDING_DEDUCTION))
            .replace("{max}", str(MAX_URGENT_DEDUCTION)),
        },
        "regulated": values.get("regulated") is True,
        "overall": assessment.overall,
        "overall_bar": bar(assessment.overall),
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
                "unit_label": loc.unit(r.unit, assessment),
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
        "notes": markdown_literal_block(str(values["notes"])) if values.get("notes") else None,
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


def _reprints(loc: Localizer, source: Source) -> str | None:
    """'Zu lesen bei [a.de](…) (2. September 2014) und [b.de](…) (8. September 2014).'"""
    if not source.reprints:
        return None
    places = [f"{f'[{r.site}]({r.url})' if r.url else r.site} ({loc.date(r.date)})" for r in source.reprints]
    listed = ", ".join(places[:-1]) + f" {loc.word('and')} " + places[-1] if len(places) > 1 else places[0]
    return f"{loc.word('reprints')} {listed}."


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
        "bar": bar(fit.score, 10),
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
                    "bar": bar(fact.percent or 0),
                    "figure": loc.percent(fact.percent or 0),
                    "yours": value in chosen,
                }
            )
        return result

    department_rows = rows(dept_question, S1_DEPARTMENT_FACTS, departments)
    goal_rows = rows(goal_question, GOAL_FACTS, goals)
    width = max(len(r["label"]) for r in department_rows + goal_rows)
    for row in department_rows + goal_rows:
        marker = loc.word("marker_yes") if row["yours"] else loc.word("marker_no")
        row["line"] = f"{row['label']:<{width}}  {row['bar']} {row['figure']:>6}   {marker}".rstrip()
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
        "bar": bar(dimension.score, 10),
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
        "evidence": [markdown_inline(e) for e in loc.evidence(finding, assessment.answers.values)],
        "why": loc.text(rule.why),
        "action": loc.text(action.text) if action else None,
        "action_priority": action.priority if action else None,
        "owner": action.owner if action else None,
        "owner_label": loc.unit(action.owner, assessment) if action else None,
        "sources": list(rule.sources),
    }


def _duties(loc: Localizer, unit: str, roles: tuple[str, ...]) -> str:
    duties = [loc.word(f"duty_{role}") for role in roles]
    if "contributor" in roles and unit in loc.pack.department_values:
        option = loc.pack.question("departments").option(unit)
        if option is not None and option.contribution is not None:
            index = roles.index("contributor")
            duties[index] = f"{duties[index]}: {option.contribution(loc.language)}"
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


# --- Markdown -----------------------------------------------------------------------


@cache
def _environment(directory: Path) -> Any:
    import jinja2

    from .packcache import template_cache

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(directory),
        bytecode_cache=template_cache(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown, not HTML; free text is escaped in the view
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_markdown(pack: Pack, assessment: Assessment, language: str, day: dt.date) -> str:
    view = build_view(pack, assessment, language, day)
    template = _environment(templates_dir()).get_template(MARKDOWN_TEMPLATE)
    return _tidy(template.render(view))


def render_custom(
    template_path: Path, pack: Pack, assessment: Assessment, language: str, day: dt.date
) -> str:
    """Render a user's own template, sandboxed: it sees the view and nothing of Python.

    The context is the same view the built-in report gets, plus ``data``, the
    JSON document (README, "Custom templates"). Errors name the template file
    and line; a template reaching for internals is refused; time, memory and
    output are bounded (orgcheck.sandbox).
    """
    from . import sandbox
    from .yamlsource import read_text

    source = read_text(template_path, label=str(template_path))
    context = {
        **build_view(pack, assessment, language, day),
        "data": json_document(pack, assessment, language, day),
    }
    # The template is the user's, but what reaches a terminal stays free of escape sequences.
    return strip_control(sandbox.render(template_path, source, context))


def _tidy(markdown: str) -> str:
    """One blank line between blocks and one newline at the end (markdownlint MD012, MD047)."""
    lines = [line.rstrip() for line in markdown.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip("\n") + "\n"


def render(
    fmt: str, pack: Pack, assessment: Assessment, language: str, day: dt.date, template: Path | None = None
) -> str:
    """The report in ``fmt`` ('md' or 'json'), or through a user's ``template``."""
    if template is not None:
        return render_custom(template, pack, assessment, language, day)
    renderer = render_json if fmt == "json" else render_markdown
    return renderer(pack, assessment, language, day)


# --- JSON ---------------------------------------------------------------------------


def render_json(pack: Pack, assessment: Assessment, language: str, day: dt.date) -> str:
    """The machine-readable result (product contract, section 7)."""
    return json.dumps(json_document(pack, assessment, language, day), ensure_ascii=False, indent=2) + "\n"


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


__all__ = [
    "bar",
    "build_view",
    "json_document",
    "render",
    "render_custom",
    "render_json",
    "render_markdown",
    "report_date",
]
