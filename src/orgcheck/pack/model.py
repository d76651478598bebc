"""The questionnaire pack: questions, sources, findings, structures and scoring.

Content lives as YAML in ``questions/``; this module gives it types (pydantic)
and checks the pack as a whole when it loads: every question, option, fact,
source and unit a rule names must exist, and every text must be there in every
language. A mistake is reported with the file, line and the rule it is in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Literal, NamedTuple

from .conditions import Answers, Condition, ConditionSchema, Test, compile_condition

Language = Literal["de", "en"]


Severity = Literal["high", "medium", "low", "info", "strength"]


SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low", "info", "strength")


Role = Literal["lead", "coordination", "editorial", "contributor", "approval", "sponsor"]


ROLES: tuple[Role, ...] = (
    "lead",
    "coordination",
    "editorial",
    "contributor",
    "approval",
    "sponsor",
)


# Units that are not departments (spec section 7).
EXTRA_UNITS = ("social_team", "hubs", "all_employees", "agency")


# Placeholders a responsibility row or an action may name; resolved by the engine:
# the unit that coordinates in the recommended setup, the departments that
# contribute, today's lead (if any) and the units that do editorial work today.
UNIT_PLACEHOLDERS = ("@coordinator", "@contributors", "@lead", "@editorial")


# A citation inside a text: [fact:id] (figure and source) or [fact-trend:id]
# (earlier and current figure). Groups: "-trend" or None, and the fact id.
FACT_REFERENCE = re.compile(r"\[fact(-trend)?:([a-z0-9-]+)\]")


# A rule of thumb that no source states (the size thresholds): orgcheck's own,
# marked as such instead of being cited to a source (product contract, section 6).
RULE_OF_THUMB = "[rule-of-thumb]"


# Anything that looks like a reference, to catch a misspelt one ([fakt:x], [rule-of-thump]).
REFERENCE_LIKE = re.compile(r"\[[a-z]+(?:-[a-z]+)*(?::[^\]\s]*)?\]")


# The pack's records are NamedTuples: defining them costs a tenth of a frozen
# dataclass (this module is on every start-up path), they pickle, so the
# headless command can skip validation on a cache hit (see packcache.py), and
# pydantic validates them from mappings, refusing unknown keys.
When = Annotated[Condition, ConditionSchema()]


class Text(NamedTuple):
    """One text in every language. ``[fact:id]`` inside it renders the figure and its source."""

    de: str
    en: str

    def __call__(self, language: str) -> str:
        return self.de if language == "de" else self.en

    def fact_ids(self) -> list[str]:
        return [m.group(2) for text in (self.de, self.en) for m in FACT_REFERENCE.finditer(text)]

    def unknown_references(self) -> list[str]:
        """Tokens that look like a reference but are neither a fact nor a rule of thumb."""
        return [
            m.group(0)
            for text in (self.de, self.en)
            for m in REFERENCE_LIKE.finditer(text)
            if m.group(0) != RULE_OF_THUMB and not FACT_REFERENCE.fullmatch(m.group(0))
        ]


class Reprint(NamedTuple):
    """Where a source that has no page of its own can be read."""

    site: str
    date: dt.date
    url: str | None = None


class Source(NamedTuple):
    id: str
    short: str  # how a citation reads, e.g. "S1"
    title: str  # as published (the articles are German)
    description: Text  # what it is, and what to keep in mind when comparing with it
    author: str | None = None
    year: int | None = None
    reprints: tuple[Reprint, ...] = ()


class Fact(NamedTuple):
    id: str
    source: str
    statement: Text  # what the source says, as it says it
    percent: float | None = None  # the figure, where the fact is one
    previous_percent: float | None = None  # the earlier figure, for a trend
    # The source's own words that state the fact (German, verbatim); for the
    # articles in ../shared/seeds/ the tests find it there.
    quote: str | None = None
    # One sentence on how another source words the same figure differently; the
    # report adds it wherever the fact is cited (product contract, section 6).
    differs: Text | None = None


QuestionType = Literal["single", "multi", "boolean", "integer", "text"]


class Option(NamedTuple):
    value: str
    label: Text
    help: Text | None = None
    contribution: Text | None = None  # for departments: what they bring to social media


class Section(NamedTuple):
    id: str
    title: Text


class Question(NamedTuple):
    id: str
    section: str
    type: QuestionType
    text: Text
    short: Text  # a few words, for "because you answered: <short>: <answer>"
    help: Text
    options: tuple[Option, ...] = ()
    # Copy the options of another question; a value chosen here must also be an
    # answer there (lead and editorial follow departments).
    options_from: str | None = None
    when: When | None = None
    required: bool = True
    min_items: int = 0
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None
    facts: tuple[str, ...] = ()

    def option(self, value: object) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    @property
    def values(self) -> list[str]:
        return [o.value for o in self.options]


class OptionRule(NamedTuple):
    """An option that may only be chosen when a condition holds (cross-field rule)."""

    question: str
    value: str
    requires: When
    message: Text


class Escalation(NamedTuple):
    when: When
    severity: Severity


class Variant(NamedTuple):
    """A text for the answers a condition describes: in a list of variants the first
    whose ``when`` holds replaces the default text (a finding's ``why``, a structure's
    ``summary``), so a sentence never states what the answers contradict."""

    when: When
    text: Text


class Step(NamedTuple):
    """One action: what to do, who does it, and what it asks for.

    ``asks`` names the request ("appoint-owner", "write-goals", ...): the action
    plan never carries two steps that ask for the same thing, and a step that
    asks to appoint an owner is never given where an owner exists.
    ``addresses`` lists findings whose own action this step already carries out;
    the step is then as urgent as the most severe of them.
    A list of steps is tried in order; the first whose ``when`` holds is used.
    """

    text: Text
    owner: str
    asks: str
    when: When | None = None
    addresses: tuple[str, ...] = ()
    # How urgent a step towards a structure is on its own (a finding's step takes
    # its finding's severity): the plan puts urgent steps first.
    urgency: Severity = "medium"
    # What else the text asks for besides ``asks`` ("calendar", "approval-rules", ...):
    # no two steps of a plan ask for the same thing, so an alternative whose requests
    # overlap an earlier step's is passed over for the next one that holds.
    includes: tuple[str, ...] = ()

    @property
    def requests(self) -> frozenset[str]:
        return frozenset((self.asks, *self.includes))


class Finding(NamedTuple):
    id: str
    severity: Severity
    when: When
    sources: tuple[str, ...]
    title: Text
    why: Text
    escalate: tuple[Escalation, ...] = ()
    actions: tuple[Step, ...] = ()  # the first whose `when` holds; the last has none
    # Units the recommended setup should add because of this finding.
    adds_units: tuple[str, ...] = ()
    # Findings that restate this one's root cause: where this one fires, each
    # of them that fires too is folded into it (evidence and severity).
    folds: tuple[str, ...] = ()
    # Variants of ``why`` for answers that would make the default untrue.
    why_variants: tuple[Variant, ...] = ()
    # Strengths this finding undermines (a contradiction between answers): where it
    # fires, they are not reported; the criteria that reward the same answers name
    # it in ``void_if``.
    undermines: tuple[str, ...] = ()


class Adjustment(NamedTuple):
    when: When
    delta: int
    reason: Text


class ResponsibilityRow(NamedTuple):
    unit: str
    roles: tuple[Role, ...]
    reason: Text  # why this unit gets these roles, shown beside them
    when: When | None = None


class Structure(NamedTuple):
    id: str
    name: Text
    summary: Text
    sources: tuple[str, ...]
    base: int
    # The first step towards this structure from today's setup: the first whose
    # `when` holds (the last has none).
    first_steps: tuple[Step, ...]
    adjustments: tuple[Adjustment, ...] = ()
    # Policy 1: contradicts the sources; shown in the comparison, never recommended.
    never_recommended: bool = False
    never_recommended_reason: Text | None = None
    ruled_out_when: When | None = None
    ruled_out_reason: Text | None = None
    next_stage_when: When | None = None
    # The step towards this structure where it is named as the next stage.
    next_stage_step: Step | None = None
    responsibilities: tuple[ResponsibilityRow, ...] = ()
    summary_variants: tuple[Variant, ...] = ()


class Criterion(NamedTuple):
    label: Text
    points: int
    when: When
    applies: When | None = None  # counts towards the maximum only where this holds
    # Findings (contradictions between answers) that make the answers this criterion
    # rewards unreliable: where one fires, the criterion is not met.
    void_if: tuple[str, ...] = ()


DimensionId = Literal["breadth", "editorial", "goals", "alignment", "coordination", "resources"]


class Dimension(NamedTuple):
    id: DimensionId
    name: Text
    description: Text
    weight: int
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Pack:  # one per run, so a dataclass that keeps an id index
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    sources: tuple[Source, ...]
    facts: tuple[Fact, ...]
    findings: tuple[Finding, ...]
    structures: tuple[Structure, ...]
    dimensions: tuple[Dimension, ...]
    option_rules: tuple[OptionRule, ...] = ()
    # Which questions, rules and weights these are (packcache.fingerprint); an
    # assessment names it, so two reports can be told apart by their pack.
    fingerprint: str = ""
    _index: dict[str, dict[str, Any]] = field(default_factory=dict, init=False, repr=False, compare=False)
    # id of a condition -> (the condition, its compiled test); see holds().
    _tests: dict[int, tuple[Condition, Test]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # The parts that hold records, in file order.
    PARTS: ClassVar[tuple[str, ...]] = (
        "sections", "questions", "sources", "facts", "findings", "structures", "dimensions",
    )  # fmt: skip
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    def _by_id(self, kind: str) -> dict[str, Any]:
        if kind not in self._index:
            self._index[kind] = {item.id: item for item in getattr(self, kind)}
        return self._index[kind]

    def question(self, question_id: str) -> Question:
        return self._by_id("questions")[question_id]

    def holds(self, condition: Condition, answers: Answers) -> bool:
        """Whether one of the pack's conditions holds; each is compiled on first use.

        Keyed by identity, not by value: hashing a condition walks its whole
        tree, which is what compiling saves. The entry keeps the condition
        alive, so its id cannot be reused by another while it is cached.
        """
        entry = self._tests.get(id(condition))
        if entry is None or entry[0] is not condition:
            entry = self._tests[id(condition)] = (condition, compile_condition(condition))
        return entry[1](answers)

    def __getstate__(self) -> dict[str, Any]:
        # Caches are rebuilt where the pack is unpickled (a worker process), not shipped;
        # compiled tests are closures and do not pickle.
        return {**self.__dict__, "_index": {}, "_tests": {}}

    def fact(self, fact_id: str) -> Fact:
        return self._by_id("facts")[fact_id]

    def source(self, source_id: str) -> Source:
        return self._by_id("sources")[source_id]

    def finding(self, finding_id: str) -> Finding:
        return self._by_id("findings")[finding_id]

    def structure(self, structure_id: str) -> Structure:
        return self._by_id("structures")[structure_id]

    @property
    def department_values(self) -> list[str]:
        return self.question("departments").values

    @property
    def units(self) -> list[str]:
        return [*self.department_values, *EXTRA_UNITS]
