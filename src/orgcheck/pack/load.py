"""Loading the pack: reading its YAML files, typing them (pydantic) and checking the whole."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from .. import yamlio
from ..errors import Location, OrgcheckError, Problem, did_you_mean
from ..languages import LANGUAGES
from ..resources import questions_dir
from .conditions import Condition, Leaf, leaves
from .model import REFERENCE_LIKE, RULE_OF_THUMB, UNIT_PLACEHOLDERS, Pack, Step, Text, Variant
from .questiontypes import question_type

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
    """Load and check the pack in ``directory`` (default: the one shipped).

    A pack validated before is read from the cache (keyed by the files' bytes),
    which keeps pydantic off the start-up path of the headless command.
    """
    return _load_pack(directory or questions_dir())


@cache
def _load_pack(directory: Path) -> Pack:
    from . import cache as packcache

    sources = {name: yamlio.read_text(directory / name) for name in PACK_FILES}
    key = packcache.key(sources)
    pack = packcache.read(key)
    if pack is None:
        pack = replace(validate_pack(directory, sources), fingerprint=packcache.fingerprint(sources))
        packcache.write(key, pack)
    return pack


def validate_pack(directory: Path, sources: dict[str, str]) -> Pack:
    """Parse, type-check (pydantic) and cross-check the pack files' texts."""
    from pydantic import TypeAdapter, ValidationError

    documents: dict[str, yamlio.Document] = {}
    data: dict[str, Any] = {}
    owner: dict[str, str] = {}  # top-level key -> file
    for filename, keys in PACK_FILES.items():
        document = yamlio.parse(sources[filename], str(directory / filename))
        documents[filename] = document
        if not isinstance(document.value, dict):
            raise OrgcheckError(Problem("expected a mapping at the top", document.where(())))
        for key in document.value:
            if key == SHARED_CONDITIONS_KEY:
                continue
            if key not in keys:
                raise OrgcheckError(
                    Problem(
                        f"unknown key '{key}'{did_you_mean(key, list(keys))}",
                        document.where((key,)),
                    )
                )
            data[key] = document.value[key]
            owner[key] = filename
    missing = [
        key for keys in PACK_FILES.values() for key in keys if key not in data and key != "option_rules"
    ]
    if missing:
        raise OrgcheckError([Problem(f"the pack has no '{key}'") for key in missing])
    _copy_options(data)
    try:
        pack = TypeAdapter(Pack).validate_python(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            key = str(error["loc"][0]) if error["loc"] else ""
            document = documents.get(owner.get(key, ""), next(iter(documents.values())))
            loc = (*error["loc"], *error.get("ctx", {}).get("subpath", []))
            path = _data_path(document.value, loc)
            problems.append(
                Problem(f"{_describe(document.value, path)}: {error['msg']}", document.where(path))
            )
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
    """Map a pydantic error location onto the YAML path; parts with no data (a missing
    key) are kept at the end so the message can name them."""
    path: list[str | int] = []
    current: Any = data
    for part in loc:
        in_mapping = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and part < len(current)
        if in_mapping or in_list:
            current = current[part]
        elif isinstance(part, str) and not part[:1].isupper():  # skip pydantic's type tags
            current = None
        else:
            continue
        path.append(part)
    return tuple(path)


def _describe(data: Any, path: tuple[str | int, ...]) -> str:
    """'findings[3] (marketing-only).when' style name for a path, naming the rule's id."""
    words: list[str] = []
    current: Any = data
    for part in path:
        if isinstance(part, int):
            current = current[part] if isinstance(current, list) and part < len(current) else None
            label = f"[{part}]"
            if isinstance(current, dict) and isinstance(current.get("id"), str):
                label += f" ({current['id']})"
            words.append(label)
        else:
            current = current.get(part) if isinstance(current, dict) else None
            words.append(("." if words else "") + part)
    return "".join(words) or "file"


def _walk(value: Any, path: tuple[str | int, ...]) -> Any:
    """Every dataclass and tuple item below ``value``, with its path."""
    yield path, value
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))
    elif hasattr(value, "_fields") and not isinstance(value, Text):  # a record (NamedTuple)
        for name in value._fields:
            yield from _walk(getattr(value, name), (*path, name))
    elif isinstance(value, Pack):
        for name in Pack.PARTS:
            yield from _walk(getattr(value, name), (name,))


class _PackChecker:
    """Cross-references the validated pack; collects every problem, not just the first."""

    def __init__(self, pack: Pack, documents: dict[str, yamlio.Document], owner: dict[str, str]):
        self.pack = pack
        self.documents = documents
        self.owner = owner
        self.problems: list[Problem] = []
        self.questions = {q.id: q for q in pack.questions}
        self.fact_ids = {f.id for f in pack.facts}
        self.source_ids = {s.id for s in pack.sources}
        self.finding_ids = {f.id for f in pack.findings}
        self._texts_checked: set[tuple[str | int, ...]] = set()

    def where(self, *path: str | int) -> Location:
        return self.documents[self.owner[str(path[0])]].where(path)

    def problem(self, message: str, *path: str | int) -> None:
        rule = _describe(self.documents[self.owner[str(path[0])]].value, path)
        self.problems.append(Problem(f"{rule}: {message}", self.where(*path)))

    def check(self) -> list[Problem]:
        self._check_shapes()
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
        self._check_citations()
        return self.problems

    def _check_citations(self) -> None:
        """Every text outside the facts may cite: each reference must resolve."""
        for path, value in _walk(self.pack, ()):
            if isinstance(value, Text) and path[:1] not in (("facts",), ("sources",)):
                self._texts(value, *path)

    def _check_shapes(self) -> None:
        """What the types cannot say: no empty texts or lists, numbers in range."""
        for path, value in _walk(self.pack, ()):
            if not path:
                continue
            if isinstance(value, Text):
                for language in LANGUAGES:
                    if not getattr(value, language).strip():
                        self.problem(f"text is empty in '{language}'", *path, language)
        for index, finding in enumerate(self.pack.findings):
            if not finding.sources:
                self.problem("a finding needs at least one source", "findings", index, "sources")
        for index, structure in enumerate(self.pack.structures):
            if not 0 <= structure.base <= 100:
                self.problem(f"base must be from 0 to 100, not {structure.base}", "structures", index, "base")
            for number, row in enumerate(structure.responsibilities):
                if not row.roles:
                    self.problem(
                        "a responsibility needs at least one role",
                        "structures",
                        index,
                        "responsibilities",
                        number,
                    )
        for index, dimension in enumerate(self.pack.dimensions):
            if dimension.weight <= 0:
                self.problem("weight must be positive", "dimensions", index, "weight")
            if not dimension.criteria:
                self.problem("a dimension needs criteria", "dimensions", index, "criteria")
            for number, criterion in enumerate(dimension.criteria):
                if criterion.points <= 0:
                    self.problem("points must be positive", "dimensions", index, "criteria", number, "points")

    def _unique(self, key: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                self.problem(f"duplicate id '{item_id}'", key, index, "id")
            seen.add(item_id)

    def _texts(self, text: Text | None, *path: str | int) -> None:
        if text is None or path in self._texts_checked:
            return
        self._texts_checked.add(path)
        for fact_id in text.fact_ids():
            if fact_id not in self.fact_ids:
                hint = did_you_mean(fact_id, sorted(self.fact_ids))
                self.problem(f"text refers to unknown fact '{fact_id}'{hint}", *path)
        for token in text.unknown_references():
            self.problem(
                f"'{token}' is not a reference: cite a fact as [fact:<id>] or [fact-trend:<id>], "
                f"or mark orgcheck's own rule of thumb as {RULE_OF_THUMB}",
                *path,
            )

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
        allowed = question_type(question).operators
        if leaf.op not in allowed:
            self.problem(
                f"operator '{leaf.op}' does not apply to {question.type} question '{question.id}' "
                f"(use one of: {', '.join(sorted(allowed))})",
                *path,
            )
            return
        if leaf.op == "answered":
            return
        values = question_type(question).values(question)
        if leaf.op in ("count_at_least", "count_at_most", "at_least", "at_most"):
            if not isinstance(leaf.value, int) or isinstance(leaf.value, bool):
                self.problem(f"operator '{leaf.op}' needs a whole number, not {leaf.value!r}", *path)
            return
        expected = list(leaf.value) if isinstance(leaf.value, tuple) else [leaf.value]
        if leaf.op in ("in", "contains_any", "contains_all") and not isinstance(leaf.value, tuple):
            self.problem(f"operator '{leaf.op}' needs a list of values", *path)
        if values is None:  # integer questions: any int
            return
        for value in expected:
            if value not in values or type(value) is not type(values[values.index(value)]):  # true != 1
                hint = did_you_mean(value, [str(v) for v in values])
                self.problem(f"'{value}' is not an option of '{question.id}'{hint}", *path)

    def _check_questions(self) -> None:
        sections = {s.id for s in self.pack.sections}
        for index, question in enumerate(self.pack.questions):
            path = ("questions", index)
            if question.section not in sections:
                self.problem(
                    f"unknown section '{question.section}'{did_you_mean(question.section, list(sections))}",
                    *path,
                    "section",
                )
            if question.options_from and question.options_from not in self.questions:
                self.problem(
                    f"options_from names unknown question '{question.options_from}'",
                    *path,
                    "options_from",
                )
            if question.type in ("single", "multi") and not question.options:
                self.problem(f"{question.type} question '{question.id}' has no options", *path)
            if question.type in ("boolean", "integer", "text") and question.options:
                self.problem(
                    f"{question.type} question '{question.id}' must not list options",
                    *path,
                    "options",
                )
            values = [o.value for o in question.options]
            for dup in {v for v in values if values.count(v) > 1}:
                self.problem(f"option '{dup}' is listed twice", *path, "options")
            self._texts(question.help, *path, "help")
            for fact_id in question.facts:
                if fact_id not in self.fact_ids:
                    self.problem(
                        f"unknown fact '{fact_id}'{did_you_mean(fact_id, sorted(self.fact_ids))}",
                        *path,
                        "facts",
                    )
            self._condition(question.when, *path, "when")
            # A condition may only look at questions asked before this one.
            earlier = {q.id for q in self.pack.questions[:index]}
            for leaf in leaves(question.when) if question.when else []:
                if leaf.question in self.questions and leaf.question not in earlier:
                    self.problem(f"'when' looks at '{leaf.question}', which is asked later", *path, "when")
        for index, rule in enumerate(self.pack.option_rules):
            path = ("option_rules", index)
            ruled = self.questions.get(rule.question)
            if ruled is None:
                self.problem(f"unknown question '{rule.question}'", *path, "question")
            elif rule.value not in ruled.values:
                self.problem(f"'{rule.value}' is not an option of '{rule.question}'", *path, "value")
            self._condition(rule.requires, *path, "requires")

    def _check_sources(self) -> None:
        for index, fact in enumerate(self.pack.facts):
            if fact.source not in self.source_ids:
                self.problem(
                    f"unknown source '{fact.source}'{did_you_mean(fact.source, sorted(self.source_ids))}",
                    "facts",
                    index,
                    "source",
                )
            for name in ("statement", "differs"):
                text = getattr(fact, name)
                if text is not None and any(REFERENCE_LIKE.search(text(lang)) for lang in LANGUAGES):
                    self.problem("a fact's text is shown as written: it cannot cite", "facts", index, name)

    def _unit(self, unit: str, *path: str | int) -> None:
        units = [*self.pack.units, *UNIT_PLACEHOLDERS]
        if unit not in units:
            self.problem(f"unknown unit '{unit}'{did_you_mean(unit, units)}", *path)

    def _finding_ids(self, ids: tuple[str, ...], *path: str | int) -> None:
        known = sorted(f.id for f in self.pack.findings)
        for finding_id in ids:
            if finding_id not in known:
                self.problem(f"unknown finding '{finding_id}'{did_you_mean(finding_id, known)}", *path)

    def _check_findings(self) -> None:
        for index, finding in enumerate(self.pack.findings):
            path = ("findings", index)
            self._condition(finding.when, *path, "when")
            for number, escalation in enumerate(finding.escalate):
                self._condition(escalation.when, *path, "escalate", number, "when")
            for source in finding.sources:
                if source not in self.source_ids:
                    self.problem(
                        f"unknown source '{source}'{did_you_mean(source, sorted(self.source_ids))}",
                        *path,
                        "sources",
                    )
            for name in ("title", "why"):
                self._texts(getattr(finding, name), *path, name)
            needs_action = finding.severity not in ("strength", "info")
            if needs_action and not finding.actions:
                self.problem(f"finding '{finding.id}' needs an action", *path)
            self._steps(finding.actions, *path, "actions")
            for unit in finding.adds_units:
                self._unit(unit, *path, "adds_units")
            self._finding_ids(finding.folds, *path, "folds")
            self._variants(finding.why_variants, *path, "why_variants")
            self._finding_ids(finding.undermines, *path, "undermines")
            for undermined in finding.undermines:
                if undermined in self.finding_ids and self.pack.finding(undermined).severity != "strength":
                    self.problem(f"'{undermined}' is not a strength: only strengths are undermined", *path)
            # Folding runs in file order, so a finding only folds later ones: no cycles.
            later = {f.id for f in self.pack.findings[index + 1 :]}
            for folded in finding.folds:
                if folded in self.finding_ids and folded not in later:
                    self.problem(f"'{folded}' must come after '{finding.id}' to fold into it", *path, "folds")

    def _variants(self, variants: tuple[Variant, ...], *path: str | int) -> None:
        for number, variant in enumerate(variants):
            self._condition(variant.when, *path, number, "when")
            self._texts(variant.text, *path, number, "text")

    def _steps(self, steps: tuple[Step, ...], *path: str | int) -> None:
        """Alternatives: each step checked, the last one unconditional (the default)."""
        for number, step in enumerate(steps):
            self._step(step, *path, number)
        if steps and steps[-1].when is not None:
            self.problem("the last step must have no 'when' (it is the default)", *path, len(steps) - 1)

    def _step(self, step: Step, *path: str | int) -> None:
        self._texts(step.text, *path, "text")
        self._unit(step.owner, *path, "owner")
        self._condition(step.when, *path, "when")
        self._finding_ids(step.addresses, *path, "addresses")

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
            if not structure.first_steps:
                self.problem("a structure needs at least one first step", *path)
            self._steps(structure.first_steps, *path, "first_steps")
            if structure.next_stage_step is not None:
                self._step(structure.next_stage_step, *path, "next_stage_step")
            for number, row in enumerate(structure.responsibilities):
                self._unit(row.unit, *path, "responsibilities", number, "unit")
                self._condition(row.when, *path, "responsibilities", number, "when")
                self._texts(row.reason, *path, "responsibilities", number, "reason")
            self._texts(structure.summary, *path, "summary")
            self._variants(structure.summary_variants, *path, "summary_variants")

    def _check_dimensions(self) -> None:
        for index, dimension in enumerate(self.pack.dimensions):
            for number, criterion in enumerate(dimension.criteria):
                path = ("dimensions", index, "criteria", number)
                self._condition(criterion.when, *path, "when")
                self._condition(criterion.applies, *path, "applies")
                self._finding_ids(criterion.void_if, *path, "void_if")
