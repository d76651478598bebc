"""Conditions as data, and the small interpreter that evaluates them.

A condition is a tree of ``all`` / ``any`` / ``not`` nodes over leaves such as
``{question: departments, op: contains, value: support}``. Operators come from
a fixed whitelist; nothing is ever ``eval``-ed. Evaluation returns the truth
value *and* the questions whose answers decided it: that trace is the evidence
a report shows under each finding.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

AnswerValue = Union[str, int, bool, list[str], None]
Answers = Mapping[str, AnswerValue]

# Which operators make sense for which question type (checked when the pack loads).
SINGLE_OPS = {"equals", "in", "answered"}
MULTI_OPS = {"equals", "contains", "contains_any", "contains_all", "count_at_least", "count_at_most", "answered"}
BOOLEAN_OPS = {"equals", "answered"}
INTEGER_OPS = {"equals", "at_least", "at_most", "answered"}
TEXT_OPS = {"answered"}
OPS_BY_TYPE = {
    "single": SINGLE_OPS,
    "multi": MULTI_OPS,
    "boolean": BOOLEAN_OPS,
    "integer": INTEGER_OPS,
    "text": TEXT_OPS,
}

Operator = Literal[
    "equals", "in", "contains", "contains_any", "contains_all",
    "count_at_least", "count_at_most", "at_least", "at_most", "answered",
]  # fmt: skip


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Leaf(_Node):
    """``question op value``; an unanswered question makes every leaf but ``answered`` false."""

    question: str
    op: Operator
    value: Any = None


class AllOf(_Node):
    all: list[Condition] = Field(min_length=1)


class AnyOf(_Node):
    any: list[Condition] = Field(min_length=1)


class Not(_Node):
    not_: Condition = Field(alias="not")


def _kind(data: Any) -> str:
    if isinstance(data, dict):
        for key in ("all", "any", "not"):
            if key in data:
                return key
    elif isinstance(data, _Node):
        return {AllOf: "all", AnyOf: "any", Not: "not"}.get(type(data), "leaf")
    return "leaf"


# A callable discriminator keeps validation errors pointing at the right branch.
Condition = Annotated[
    Union[
        Annotated[Leaf, Tag("leaf")],
        Annotated[AllOf, Tag("all")],
        Annotated[AnyOf, Tag("any")],
        Annotated[Not, Tag("not")],
    ],
    Discriminator(_kind),
]

AllOf.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()


def leaves(condition: Condition) -> list[Leaf]:
    """Every leaf of a condition, left to right."""
    if isinstance(condition, Leaf):
        return [condition]
    if isinstance(condition, AllOf):
        return [leaf for child in condition.all for leaf in leaves(child)]
    if isinstance(condition, AnyOf):
        return [leaf for child in condition.any for leaf in leaves(child)]
    return leaves(condition.not_)


def _as_list(value: AnswerValue) -> list[Any]:
    return value if isinstance(value, list) else []


def _equals(answer: AnswerValue, expected: Any) -> bool:
    if isinstance(answer, list):  # a multiple choice equals a list as a set
        return isinstance(expected, list) and set(answer) == set(expected)
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
    children = condition.all if isinstance(condition, AllOf) else condition.any
    results = [evaluate(child, answers) for child in children]
    is_all = isinstance(condition, AllOf)
    held = all(r[0] for r in results) if is_all else any(r[0] for r in results)
    # A true `all` or a false `any` needs every child; otherwise the children that agree decide.
    deciding = results if held == is_all else [r for r in results if r[0] == held]
    return held, _merge(trace for _, trace in deciding)


def _merge(traces: Any) -> list[str]:
    seen: dict[str, None] = {}
    for trace in traces:
        for question in trace:
            seen.setdefault(question, None)
    return list(seen)
