"""Compiled conditions (what scores thousands of files) decide exactly as the interpreter does."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgcheck.pack.conditions import OPERATORS, AllOf, AnyOf, Leaf, Not, compile_condition, evaluate, holds
from orgcheck.pack.load import load_pack

PACK = load_pack()
QUESTIONS = [q.id for q in PACK.questions][:6]
VALUES = ["marketing", "support", "daily", "none", "x"]

# Answers of every shape, including the awkward ones: None, a bool where a number is
# compared (True is an int in Python), a list where one value is expected, and missing.
answer = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 60),
    st.sampled_from(VALUES),
    st.lists(st.sampled_from(VALUES), max_size=3, unique=True),
)
answers = st.dictionaries(st.sampled_from(QUESTIONS), answer, max_size=len(QUESTIONS))
expected = st.one_of(
    st.booleans(),
    st.integers(-1, 50),
    st.sampled_from(VALUES),
    st.none(),
    st.lists(st.sampled_from(VALUES), max_size=3).map(tuple),
)
leaf = st.builds(Leaf, st.sampled_from(QUESTIONS), st.sampled_from(OPERATORS), expected)
condition = st.recursive(
    leaf,
    lambda children: st.one_of(
        st.lists(children, min_size=1, max_size=3).map(lambda c: AllOf(tuple(c))),
        st.lists(children, min_size=1, max_size=3).map(lambda c: AnyOf(tuple(c))),
        children.map(Not),
    ),
    max_leaves=8,
)
SETTINGS = settings(
    max_examples=1500, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def _safe(decide: Any) -> Any:
    try:
        return decide()
    except TypeError as error:  # e.g. `in` against a number: both must fail alike
        return type(error)


@SETTINGS
@given(condition=condition, values=answers)
def test_a_compiled_condition_decides_as_the_interpreter_does(condition, values):
    interpreted = _safe(lambda: holds(condition, values))
    assert _safe(lambda: compile_condition(condition)(values)) == interpreted
    # evaluate looks at every child for its trace, so it may meet an ill-typed leaf that
    # holds short-circuits past (the pack refuses those on load).
    assert _safe(lambda: evaluate(condition, values)[0]) in (interpreted, TypeError)


@settings(max_examples=300, derandomize=True, database=None)
@given(values=answers)
def test_every_condition_of_the_pack_decides_as_the_interpreter_does(values):
    conditions = [
        *(f.when for f in PACK.findings),
        *(e.when for f in PACK.findings for e in f.escalate),
        *(c.when for d in PACK.dimensions for c in d.criteria),
        *(c.applies for d in PACK.dimensions for c in d.criteria if c.applies is not None),
        *(a.when for s in PACK.structures for a in s.adjustments),
        *(q.when for q in PACK.questions if q.when is not None),
    ]
    for each in conditions:
        assert PACK.holds(each, values) == holds(each, values)


def test_the_pack_compiles_a_condition_once_and_never_confuses_two():
    first, second = Leaf("regulated", "equals", True), Leaf("regulated", "equals", False)
    assert PACK.holds(first, {"regulated": True}) and not PACK.holds(second, {"regulated": True})
    test = PACK._tests[id(first)][1]
    assert PACK.holds(first, {"regulated": False}) is False and PACK._tests[id(first)][1] is test  # once
    assert PACK._tests[id(first)][0] is first
