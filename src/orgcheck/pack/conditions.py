"""Conditions as data, and the small interpreter that evaluates them.

A condition is a tree of ``all`` / ``any`` / ``not`` nodes over leaves such as
``{question: departments, op: contains, value: support}``. Operators come from
a fixed whitelist; nothing is ever ``eval``-ed. Evaluation returns the truth
value *and* the questions whose answers decided it: that trace is the evidence
a report shows under each finding.

The node types are NamedTuples (cheap to define, picklable);
:func:`parse_condition` turns YAML data into them with errors that name the
exact place, and pydantic uses it through :class:`ConditionSchema`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, Union

AnswerValue = str | int | bool | list[str] | None
Answers = Mapping[str, AnswerValue]

OPERATORS = (
    "equals", "in", "contains", "contains_any", "contains_all",
    "count_at_least", "count_at_most", "at_least", "at_most", "answered",
)  # fmt: skip
# Which operators apply to which question type: orgcheck.questiontypes (checked when the pack loads).


class Leaf(NamedTuple):
    """``question op value``; an unanswered question makes every leaf but ``answered`` false."""

    question: str
    op: str
    value: Any = None


class AllOf(NamedTuple):
    all: tuple[Condition, ...]


class AnyOf(NamedTuple):
    any: tuple[Condition, ...]


class Not(NamedTuple):
    not_: Condition


Condition = Union[Leaf, AllOf, AnyOf, Not]  # noqa: UP007 - a forward reference to itself
Path = tuple[str | int, ...]


class ConditionError(ValueError):
    """A malformed condition; ``path`` is relative to the condition's own start."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def parse_condition(data: Any, path: Path = ()) -> Condition:
    """Build a condition from YAML data, or raise :class:`ConditionError`."""
    if isinstance(data, (Leaf, AllOf, AnyOf, Not)):
        return data
    if not isinstance(data, dict):
        raise ConditionError(path, f"a condition is a mapping, not {type(data).__name__}")
    nodes = [key for key in ("all", "any", "not") if key in data]
    if len(nodes) > 1 or (nodes and len(data) > 1):
        raise ConditionError(
            path, f"a condition node has exactly one key of all/any/not, found {sorted(data)}"
        )
    if nodes == ["not"]:
        return Not(parse_condition(data["not"], (*path, "not")))
    if nodes:
        key = nodes[0]
        children = data[key]
        if not isinstance(children, list) or not children:
            raise ConditionError((*path, key), f"'{key}' needs a non-empty list of conditions")
        parsed = tuple(parse_condition(child, (*path, key, i)) for i, child in enumerate(children))
        return AllOf(parsed) if key == "all" else AnyOf(parsed)
    unknown = sorted(set(data) - {"question", "op", "value"})
    if unknown:
        raise ConditionError(
            path,
            f"unknown key {unknown[0]!r}; a leaf has question, op and value (a node has all, any or not)",
        )
    if not isinstance(data.get("question"), str):
        raise ConditionError(path, "a leaf needs 'question: <question id>'")
    op = data.get("op")
    if op not in OPERATORS:
        raise ConditionError(
            (*path, "op") if "op" in data else path,
            f"operator {op!r} is not one of: {', '.join(OPERATORS)}",
        )
    if op != "answered" and "value" not in data:
        raise ConditionError(path, f"operator '{op}' needs a 'value'")
    value = data.get("value")
    return Leaf(data["question"], op, tuple(value) if isinstance(value, list) else value)


class ConditionSchema:
    """Annotated metadata that makes pydantic validate a field with :func:`parse_condition`."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import PydanticCustomError, core_schema

        def validate(data: Any) -> Condition:
            try:
                return parse_condition(data)
            except ConditionError as error:
                raise PydanticCustomError(
                    "condition",
                    "{message}",
                    {"message": error.message, "subpath": list(error.path)},
                ) from None

        return core_schema.no_info_plain_validator_function(validate)


def leaves(condition: Condition) -> list[Leaf]:
    """Every leaf of a condition, left to right."""
    if isinstance(condition, Leaf):
        return [condition]
    if isinstance(condition, Not):
        return leaves(condition.not_)
    children = condition.all if isinstance(condition, AllOf) else condition.any
    return [leaf for child in children for leaf in leaves(child)]


def _as_list(value: AnswerValue) -> list[Any]:
    return value if isinstance(value, list) else []


def _equals(answer: AnswerValue, expected: Any) -> bool:
    if isinstance(answer, list):  # a multiple choice equals a list as a set
        return isinstance(expected, (list, tuple)) and set(answer) == set(expected)
    # bool is an int in Python; keep `true` from equalling `1`
    return type(answer) is type(expected) and answer == expected


_OPERATORS: dict[str, Callable[[AnswerValue, Any], bool]] = {
    "equals": _equals,
    "in": lambda answer, expected: answer in expected,
    "contains": lambda answer, expected: expected in _as_list(answer),
    "contains_any": lambda answer, expected: any(item in _as_list(answer) for item in expected),
    "contains_all": lambda answer, expected: all(item in _as_list(answer) for item in expected),
    "count_at_least": lambda answer, expected: len(_as_list(answer)) >= expected,
    "count_at_most": lambda answer, expected: len(_as_list(answer)) <= expected,
    "at_least": lambda answer, expected: isinstance(answer, int) and answer >= expected,
    "at_most": lambda answer, expected: isinstance(answer, int) and answer <= expected,
}


def evaluate(condition: Condition, answers: Answers) -> tuple[bool, list[str]]:
    """Evaluate ``condition``; return its truth and the question ids that decided it.

    The trace follows what a reader would accept as a reason: for a true ``all``
    every child counts; for a true ``any`` only the children that held; for a
    false ``all`` only the children that failed; ``not`` keeps its child's trace.
    """
    if isinstance(condition, Leaf):
        if condition.op == "answered":
            return condition.question in answers, [condition.question]
        if condition.question not in answers:
            return False, [condition.question]
        return _OPERATORS[condition.op](answers[condition.question], condition.value), [condition.question]
    if isinstance(condition, Not):
        held, trace = evaluate(condition.not_, answers)
        return not held, trace
    is_all = isinstance(condition, AllOf)
    children = condition.all if isinstance(condition, AllOf) else condition.any
    results = [evaluate(child, answers) for child in children]
    held = all(r[0] for r in results) if is_all else any(r[0] for r in results)
    # A true `all` or a false `any` needs every child; otherwise the children that agree decide.
    deciding = results if held == is_all else [r for r in results if r[0] == held]
    return held, _merge(trace for _, trace in deciding)


def holds(condition: Condition, answers: Answers) -> bool:
    """Whether ``condition`` holds, without the trace: for the many checks that only need
    the truth (scores, fit, who is asked), stopping at the first child that decides."""
    if isinstance(condition, Leaf):
        if condition.op == "answered":
            return condition.question in answers
        if condition.question not in answers:
            return False
        return _OPERATORS[condition.op](answers[condition.question], condition.value)
    if isinstance(condition, Not):
        return not holds(condition.not_, answers)
    if isinstance(condition, AllOf):
        return all(holds(child, answers) for child in condition.all)
    return any(holds(child, answers) for child in condition.any)


# A compiled condition: the answers in, whether it holds out.
Test = Callable[[Answers], bool]
_UNANSWERED = object()


def compile_condition(condition: Condition) -> Test:
    """``condition`` as one function of the answers, equal to :func:`holds`.

    Scoring a team of thousands evaluates the same hundred conditions for every
    file; walking the tree each time costs three times what the compiled
    closures do. Use it through :meth:`orgcheck.pack.Pack.holds`, which
    compiles each of the pack's conditions once.
    """
    if isinstance(condition, Not):
        inner = compile_condition(condition.not_)
        return lambda answers: not inner(answers)
    if isinstance(condition, (AllOf, AnyOf)):
        return _compile_node(condition)
    question, expected = condition.question, condition.value
    if condition.op == "answered":
        return lambda answers: question in answers
    if condition.op == "equals" and not isinstance(expected, (list, tuple)):
        kind = type(expected)  # the type check keeps `true` from equalling `1`, as _equals does

        def equals(answers: Answers) -> bool:
            answer = answers.get(question, _UNANSWERED)
            return type(answer) is kind and answer == expected

        return equals
    if condition.op == "in" and isinstance(expected, tuple):  # "unanswered" is in no list
        return lambda answers: answers.get(question, _UNANSWERED) in expected
    if condition.op == "contains":

        def contains(answers: Answers) -> bool:
            answer = answers.get(question)
            return isinstance(answer, list) and expected in answer

        return contains
    check = _OPERATORS[condition.op]

    def leaf(answers: Answers) -> bool:
        answer = answers.get(question, _UNANSWERED)
        return answer is not _UNANSWERED and check(answer, expected)  # type: ignore[arg-type]

    return leaf


def _compile_node(condition: AllOf | AnyOf) -> Test:
    if isinstance(condition, AllOf):
        every = tuple(compile_condition(child) for child in condition.all)

        def all_hold(answers: Answers) -> bool:
            for test in every:  # noqa: SIM110 - a plain loop; all() over a generator costs twice
                if not test(answers):
                    return False
            return True

        return all_hold
    some = tuple(compile_condition(child) for child in condition.any)

    def any_holds(answers: Answers) -> bool:
        for test in some:  # noqa: SIM110 - a plain loop; any() over a generator costs twice
            if test(answers):
                return True
        return False

    return any_holds


def _merge(traces: Any) -> list[str]:
    seen: dict[str, None] = {}
    for trace in traces:
        for question in trace:
            seen.setdefault(question, None)
    return list(seen)
