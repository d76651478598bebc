"""The questionnaire pack: questions, sources, findings, structures and scoring.

Content lives as YAML in ``questions/``; this module gives it types (pydantic)
and checks the pack as a whole when it loads: every question, option, fact,
source and unit a rule names must exist, and every text must be there in every
language. A mistake is reported with the file, line and the rule it is in.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from . import yamlsource
from .conditions import OPS_BY_TYPE, AllOf, AnyOf, Condition, Leaf, Not, leaves
from .errors import Location, OrgcheckError, Problem, did_you_mean
from .resources import questions_dir

LANGUAGES = ("de", "en")
Language = Literal["de", "en"]
Severity = Literal["high", "medium", "low", "info", "strength"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low", "info", "strength")
Role = Literal["lead", "coordination", "editorial", "contributor", "approval", "sponsor"]
ROLES: tuple[Role, ...] = ("lead", "coordination", "editorial", "contributor", "approval", "sponsor")
# Units that are not departments (spec section 7).
EXTRA_UNITS = ("social_team", "hubs", "all_employees", "agency")
# Placeholders a responsibility row or an action may name; resolved by the engine.
UNIT_PLACEHOLDERS = ("@coordinator", "@contributors")

FACT_REFERENCE = re.compile(r"\[fact(?:-trend)?:([a-z0-9-]+)\]")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Model):
    """One text in every language. ``[fact:id]`` inside it renders the figure and its source."""

    de: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, language: str) -> str:
        return self.de if language == "de" else self.en

    def fact_ids(self) -> list[str]:
        return FACT_REFERENCE.findall(self.de) + FACT_REFERENCE.findall(self.en)

    @field_validator("de", "en")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty")
        return value.strip()


# --- sources and facts ------------------------------------------------------------


class Source(_Model):
    id: str
    short: str  # how a citation reads, e.g. "S1"
    title: str  # as published (the articles are German)
    author: str
    year: int | None = None
    description: Text  # what it is, and what to keep in mind when comparing with it


class Fact(_Model):
    id: str
    source: str
    percent: float | None = None  # the figure, where the fact is one
    previous_percent: float | None = None  # the earlier figure, for a trend
    statement: Text


# --- questions --------------------------------------------------------------------

QuestionType = Literal["single", "multi", "boolean", "integer", "text"]


class Option(_Model):
    value: str | bool
    label: Text
    help: Text | None = None
    contribution: Text | None = None  # for departments: what they bring to social media


class Section(_Model):
    id: str
    title: Text


class Question(_Model):
    id: str
    section: str
    type: QuestionType
    text: Text
    help: Text
    options: list[Option] = Field(default_factory=list)
    # Copy the options of another question; a value chosen here must also be an
    # answer there (lead and editorial follow departments).
    options_from: str | None = None
    when: Condition | None = None
    required: bool = True
    min_items: int = 0
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None
    facts: list[str] = Field(default_factory=list)

    def option(self, value: object) -> Option | None:
        return next((o for o in self.options if o.value == value and type(o.value) is type(value)), None)

    @property
    def values(self) -> list[str | bool]:
        return [o.value for o in self.options]


class OptionRule(_Model):
    """An option that may only be chosen when a condition holds (cross-field rule)."""

    question: str
    value: str
    requires: Condition
    message: Text


# --- findings ---------------------------------------------------------------------


class Escalation(_Model):
    when: Condition
    severity: Severity


class Finding(_Model):
    id: str
    severity: Severity
    when: Condition
    escalate: list[Escalation] = Field(default_factory=list)
    sources: list[str] = Field(min_length=1)
    title: Text
    why: Text
    action: Text | None = None
    owner: str | None = None
    # Units the recommended setup should add because of this finding.
    adds_units: list[str] = Field(default_factory=list)


# --- structures -------------------------------------------------------------------


class Adjustment(_Model):
    when: Condition
    delta: int
    reason: Text


class ResponsibilityRow(_Model):
    unit: str
    roles: list[Role] = Field(min_length=1)
    when: Condition | None = None


class Structure(_Model):
    id: str
    name: Text
    summary: Text
    sources: list[str] = Field(min_length=1)
    base: int = Field(ge=0, le=100)
    adjustments: list[Adjustment] = Field(default_factory=list)
    # Policy 1: contradicts the sources; shown in the comparison, never recommended.
    never_recommended: bool = False
    never_recommended_reason: Text | None = None
    ruled_out_when: Condition | None = None
    ruled_out_reason: Text | None = None
    next_stage_when: Condition | None = None
    first_step: Text
    first_step_owner: str
    responsibilities: list[ResponsibilityRow] = Field(default_factory=list)


# --- scoring ----------------------------------------------------------------------


class Criterion(_Model):
    label: Text
    points: int = Field(gt=0)
    when: Condition
    applies: Condition | None = None  # counts towards the maximum only where this holds


class Dimension(_Model):
    id: Literal["breadth", "editorial", "goals", "alignment", "coordination", "resources"]
    name: Text
    description: Text
    weight: int = Field(gt=0)
    criteria: list[Criterion] = Field(min_length=1)


# --- the whole pack ---------------------------------------------------------------


class Pack(_Model):
    sections: list[Section]
    questions: list[Question]
    option_rules: list[OptionRule] = Field(default_factory=list)
    sources: list[Source]
    facts: list[Fact]
    findings: list[Finding]
    structures: list[Structure]
    dimensions: list[Dimension]

    _by_id: dict[str, dict[str, Any]] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        for kind in ("questions", "facts", "sources", "findings", "structures"):
            self._by_id[kind] = {item.id: item for item in getattr(self, kind)}

    def question(self, question_id: str) -> Question:
        return self._by_id["questions"][question_id]  # type: ignore[no-any-return]

    def fact(self, fact_id: str) -> Fact:
        return self._by_id["facts"][fact_id]  # type: ignore[no-any-return]

    def source(self, source_id: str) -> Source:
        return self._by_id["sources"][source_id]  # type: ignore[no-any-return]

    def finding(self, finding_id: str) -> Finding:
        return self._by_id["findings"][finding_id]  # type: ignore[no-any-return]

    def structure(self, structure_id: str) -> Structure:
        return self._by_id["structures"][structure_id]  # type: ignore[no-any-return]

    @property
    def department_values(self) -> list[str]:
        return [str(v) for v in self.question("departments").values]

    @property
    def units(self) -> list[str]:
        return [*self.department_values, *EXTRA_UNITS]


# The files of a pack and the part of the Pack each one fills. Any file may also
# have a top-level `conditions:` list that only holds YAML anchors for reuse.
SHARED_CONDITIONS_KEY = "conditions"
PACK_FILES = {
    "questionnaire.yaml": ("sections", "questions", "option_rules"),
    "sources.yaml": ("sources", "facts"),
    "findings.yaml": ("findings",),
    "structures.yaml": ("structures",),
    "scoring.yaml": ("dimensions",),
}


def load_pack(directory: Path | None = None) -> Pack:
    """Load and check the pack in ``directory`` (default: the one shipped)."""
    return _load_pack(directory or questions_dir())


@cache
def _load_pack(directory: Path) -> Pack:
    documents: dict[str, yamlsource.Document] = {}
    data: dict[str, Any] = {}
    owner: dict[str, str] = {}  # top-level key -> file
    for filename, keys in PACK_FILES.items():
        document = yamlsource.load(directory / filename, label=str(directory / filename))
        documents[filename] = document
        if not isinstance(document.value, dict):
            raise OrgcheckError(Problem("expected a mapping at the top", document.where(())))
        for key in document.value:
            if key == SHARED_CONDITIONS_KEY:
                continue
            if key not in keys:
                raise OrgcheckError(
                    Problem(f"unknown key '{key}'{did_you_mean(key, list(keys))}", document.where((key,)))
                )
            data[key] = document.value[key]
            owner[key] = filename
    _copy_options(data)
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            key = str(error["loc"][0]) if error["loc"] else ""
            document = documents.get(owner.get(key, ""), next(iter(documents.values())))
            path = _data_path(document.value, error["loc"])
            problems.append(Problem(f"{_describe(document.value, path)}: {error['msg']}", document.where(path)))
        raise OrgcheckError(problems) from None
    problems = _PackChecker(pack, documents, owner).check()
    if problems:
        raise OrgcheckError(problems)
    return pack


def _copy_options(data: dict[str, Any]) -> None:
    """Put the options of ``options_from`` in front of a question's own options."""
    questions = data.get("questions")
    if not isinstance(questions, list):
        return
    by_id = {q.get("id"): q for q in questions if isinstance(q, dict)}
    for question in questions:
        if not isinstance(question, dict) or "options_from" not in question:
            continue
        source = by_id.get(question["options_from"])
        if isinstance(source, dict) and isinstance(source.get("options"), list):
            own = question.get("options") or []
            question["options"] = [*source["options"], *(own if isinstance(own, list) else [])]


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Map a pydantic error location onto the YAML path (skipping union tags)."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
            path.append(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
            path.append(part)
        elif part == "not_" and isinstance(current, dict) and "not" in current:
            current = current["not"]
            path.append("not")
    return tuple(path)


def _describe(data: Any, path: tuple[str | int, ...]) -> str:
    """'findings[3] (marketing-only).when' style name for a path, naming the rule's id."""
    words: list[str] = []
    current = data
    for part in path:
        if isinstance(part, int):
            current = current[part]
            label = f"[{part}]"
            if isinstance(current, dict) and isinstance(current.get("id"), str):
                label += f" ({current['id']})"
            words.append(label)
        else:
            current = current[part]
            words.append(("." if words else "") + part)
    return "".join(words) or "file"


class _PackChecker:
    """Cross-references the validated pack; collects every problem, not just the first."""

    def __init__(self, pack: Pack, documents: dict[str, yamlsource.Document], owner: dict[str, str]):
        self.pack = pack
        self.documents = documents
        self.owner = owner
        self.problems: list[Problem] = []
        self.questions = {q.id: q for q in pack.questions}
        self.fact_ids = {f.id for f in pack.facts}
        self.source_ids = {s.id for s in pack.sources}

    def where(self, *path: str | int) -> Location:
        return self.documents[self.owner[str(path[0])]].where(path)

    def problem(self, message: str, *path: str | int) -> None:
        self.problems.append(Problem(message, self.where(*path)))

    def check(self) -> list[Problem]:
        self._unique("sections", [s.id for s in self.pack.sections])
        self._unique("questions", [q.id for q in self.pack.questions])
        self._unique("facts", [f.id for f in self.pack.facts])
        self._unique("sources", [s.id for s in self.pack.sources])
        self._unique("findings", [f.id for f in self.pack.findings])
        self._unique("structures", [s.id for s in self.pack.structures])
        self._unique("dimensions", [d.id for d in self.pack.dimensions])
        self._check_questions()
        self._check_sources()
        self._check_findings()
        self._check_structures()
        self._check_dimensions()
        return self.problems

    def _unique(self, key: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                self.problem(f"duplicate id '{item_id}'", key, index, "id")
            seen.add(item_id)

    def _texts(self, text: Text | None, *path: str | int) -> None:
        if text is None:
            return
        for fact_id in text.fact_ids():
            if fact_id not in self.fact_ids:
                hint = did_you_mean(fact_id, sorted(self.fact_ids))
                self.problem(f"text refers to unknown fact '{fact_id}'{hint}", *path)

    def _condition(self, condition: Condition | None, *path: str | int) -> None:
        if condition is None:
            return
        for leaf in leaves(condition):
            self._leaf(leaf, *path)

    def _leaf(self, leaf: Leaf, *path: str | int) -> None:
        question = self.questions.get(leaf.question)
        if question is None:
            hint = did_you_mean(leaf.question, list(self.questions))
            self.problem(f"condition names unknown question '{leaf.question}'{hint}", *path)
            return
        allowed = OPS_BY_TYPE[question.type]
        if leaf.op not in allowed:
            self.problem(
                f"operator '{leaf.op}' does not apply to {question.type} question '{question.id}' "
                f"(use one of: {', '.join(sorted(allowed))})",
                *path,
            )
            return
        if leaf.op == "answered":
            return
        values = self._values(question)
        if leaf.op in ("count_at_least", "count_at_most", "at_least", "at_most"):
            if not isinstance(leaf.value, int) or isinstance(leaf.value, bool):
                self.problem(f"operator '{leaf.op}' needs a whole number, not {leaf.value!r}", *path)
            return
        expected = leaf.value if isinstance(leaf.value, list) else [leaf.value]
        if leaf.op in ("in", "contains_any", "contains_all") and not isinstance(leaf.value, list):
            self.problem(f"operator '{leaf.op}' needs a list of values", *path)
        if values is None:  # integer questions: any int
            return
        for value in expected:
            if value not in values or type(value) is not type(values[values.index(value)]):
                hint = did_you_mean(value, [str(v) for v in values])
                self.problem(f"'{value}' is not an option of '{question.id}'{hint}", *path)

    def _values(self, question: Question) -> list[Any] | None:
        if question.type == "boolean":
            return [True, False]
        if question.type == "integer":
            return None
        return list(question.values)

    def _check_questions(self) -> None:
        sections = {s.id for s in self.pack.sections}
        for index, question in enumerate(self.pack.questions):
            path = ("questions", index)
            if question.section not in sections:
                self.problem(f"unknown section '{question.section}'{did_you_mean(question.section, list(sections))}",
                             *path, "section")
            if question.options_from and question.options_from not in self.questions:
                self.problem(f"options_from names unknown question '{question.options_from}'", *path, "options_from")
            if question.type in ("single", "multi") and not question.options:
                self.problem(f"{question.type} question '{question.id}' has no options", *path)
            if question.type in ("boolean", "integer", "text") and question.options:
                self.problem(f"{question.type} question '{question.id}' must not list options", *path, "options")
            values = [o.value for o in question.options]
            for dup in {v for v in values if values.count(v) > 1}:
                self.problem(f"option '{dup}' is listed twice", *path, "options")
            self._texts(question.help, *path, "help")
            for fact_id in question.facts:
                if fact_id not in self.fact_ids:
                    self.problem(f"unknown fact '{fact_id}'{did_you_mean(fact_id, sorted(self.fact_ids))}",
                                 *path, "facts")
            self._condition(question.when, *path, "when")
            # A condition may only look at questions asked before this one.
            earlier = {q.id for q in self.pack.questions[:index]}
            for leaf in leaves(question.when) if question.when else []:
                if leaf.question in self.questions and leaf.question not in earlier:
                    self.problem(f"'when' looks at '{leaf.question}', which is asked later", *path, "when")
        for index, rule in enumerate(self.pack.option_rules):
            path = ("option_rules", index)
            question = self.questions.get(rule.question)
            if question is None:
                self.problem(f"unknown question '{rule.question}'", *path, "question")
            elif rule.value not in question.values:
                self.problem(f"'{rule.value}' is not an option of '{rule.question}'", *path, "value")
            self._condition(rule.requires, *path, "requires")

    def _check_sources(self) -> None:
        for index, fact in enumerate(self.pack.facts):
            if fact.source not in self.source_ids:
                self.problem(f"unknown source '{fact.source}'{did_you_mean(fact.source, sorted(self.source_ids))}",
                             "facts", index, "source")

    def _unit(self, unit: str, *path: str | int) -> None:
        units = [*self.pack.units, *UNIT_PLACEHOLDERS]
        if unit not in units:
            self.problem(f"unknown unit '{unit}'{did_you_mean(unit, units)}", *path)

    def _check_findings(self) -> None:
        for index, finding in enumerate(self.pack.findings):
            path = ("findings", index)
            self._condition(finding.when, *path, "when")
            for number, escalation in enumerate(finding.escalate):
                self._condition(escalation.when, *path, "escalate", number, "when")
            for source in finding.sources:
                if source not in self.source_ids:
                    self.problem(f"unknown source '{source}'{did_you_mean(source, sorted(self.source_ids))}",
                                 *path, "sources")
            for field in ("title", "why", "action"):
                self._texts(getattr(finding, field), *path, field)
            needs_action = finding.severity not in ("strength", "info")
            if needs_action and (finding.action is None or finding.owner is None):
                self.problem(f"finding '{finding.id}' needs an action and an owner", *path)
            if finding.owner:
                self._unit(finding.owner, *path, "owner")
            for unit in finding.adds_units:
                self._unit(unit, *path, "adds_units")

    def _check_structures(self) -> None:
        for index, structure in enumerate(self.pack.structures):
            path = ("structures", index)
            for source in structure.sources:
                if source not in self.source_ids:
                    self.problem(f"unknown source '{source}'", *path, "sources")
            for number, adjustment in enumerate(structure.adjustments):
                self._condition(adjustment.when, *path, "adjustments", number, "when")
                self._texts(adjustment.reason, *path, "adjustments", number, "reason")
            self._condition(structure.ruled_out_when, *path, "ruled_out_when")
            self._condition(structure.next_stage_when, *path, "next_stage_when")
            if structure.ruled_out_when is not None and structure.ruled_out_reason is None:
                self.problem("ruled_out_when needs a ruled_out_reason", *path)
            if structure.never_recommended and structure.never_recommended_reason is None:
                self.problem("never_recommended needs a never_recommended_reason", *path)
            self._unit(structure.first_step_owner, *path, "first_step_owner")
            for number, row in enumerate(structure.responsibilities):
                self._unit(row.unit, *path, "responsibilities", number, "unit")
                self._condition(row.when, *path, "responsibilities", number, "when")
            self._texts(structure.summary, *path, "summary")

    def _check_dimensions(self) -> None:
        for index, dimension in enumerate(self.pack.dimensions):
            for number, criterion in enumerate(dimension.criteria):
                path = ("dimensions", index, "criteria", number)
                self._condition(criterion.when, *path, "when")
                self._condition(criterion.applies, *path, "applies")


__all__ = [
    "LANGUAGES", "ROLES", "SEVERITIES", "AllOf", "AnyOf", "Condition", "Criterion", "Dimension",
    "Fact", "Finding", "Language", "Leaf", "Not", "Option", "Pack", "Question", "Source",
    "Structure", "Text", "load_pack",
]  # fmt: skip
