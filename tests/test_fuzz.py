"""Fuzzing (issue #4): random YAML and random answers give a report or a clean error, never a traceback.

Every input goes through loading, validation, assessment and both renderers. The only outcomes
allowed are a report (markdown and JSON, in both languages) or an :class:`OrgcheckError` whose
problems name the file and, where they have a line, one inside the file. Runs are derandomized, so
CI tests the same examples every time; FUZZ_RUNS says how many (the docs cite it).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BASE_ANSWERS, run_orgcheck
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from orgcheck import yamlio
from orgcheck.answers.validate import AnswerSet, parse_answers, validate_document
from orgcheck.answers.write import dump_answers
from orgcheck.engine.assess import assess
from orgcheck.errors import OrgcheckError
from orgcheck.pack.load import load_pack
from orgcheck.questionnaire import flow
from orgcheck.report.rendering import render
from orgcheck.yamlio import fast as fastyaml

# Examples per test; the docs generator imports this.
FUZZ_RUNS = {
    "test_random_text_is_a_report_or_a_clean_error": 1500,
    "test_random_bytes_are_a_report_or_a_clean_error": 500,
    "test_random_yaml_documents_are_a_report_or_a_clean_error": 600,
    "test_a_mutated_answers_file_is_a_report_or_a_clean_error": 1500,
    "test_valid_answers_always_give_a_report": 300,
    "test_saved_answers_read_back_to_the_same_report": 300,
    "test_random_answer_values_are_a_report_or_a_clean_error": 1000,
    "test_the_command_line_gives_a_report_or_a_clean_error": 20,
    "test_the_fast_path_reads_what_the_careful_reader_reads": 1500,
}


def fuzz_settings(test_name: str) -> settings:
    return settings(
        max_examples=FUZZ_RUNS[test_name],
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


PACK = load_pack()
NAME = "fuzz.yaml"
DAY = dt.date(2026, 11, 22)
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
YAML_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")

VALID = """\
organisation: Beispiel GmbH
respondent: Leitung Marketing
language: de
date: 2026-11-22
answers:
  company_size: 250-999
  business_units: single
  regulated: false
  departments: [marketing, pr, support]
  dedicated_team: team
  team_size: 4
  lead: social_team
  coordination: informal
  editorial: [marketing, social_team]
  goals: [awareness, customers]
  goals_defined: written
  inquiries: daily
  budget: campaign
  guidelines: false
  executive_sponsor: true
  notes: "Works council wants to be asked first."
"""

QUESTION_IDS = [question.id for question in PACK.questions]
OPTION_VALUES = sorted({str(option.value) for question in PACK.questions for option in question.options})
TOP_LEVEL = ["organisation", "respondent", "language", "date", "answers"]


def check_report(answers: AnswerSet) -> None:
    """A valid answer set must assess and render in every format and language."""
    assessment = assess(PACK, answers)
    for language in ("de", "en"):
        markdown = render("md", PACK, assessment, language, DAY)
        assert markdown.startswith("# ")
        assert not CONTROL.search(markdown.replace("\t", "")), "a control character in the report"
        document = json.loads(render("json", PACK, assessment, language, DAY))
        assert document["language"] == language


def check_error(error: OrgcheckError, text: str | None) -> None:
    """A clean error: at least one problem, each naming the file and a place inside it."""
    assert error.problems
    lines = len(YAML_LINE_BREAK.split(text)) + 1 if text is not None else None
    for problem in error.problems:
        assert problem.location is not None and problem.location.file == NAME, problem
        assert problem.message.strip(), problem
        line, column = problem.location.line, problem.location.column
        if line is not None and lines is not None:
            assert 1 <= line <= lines, (problem, lines)
        if column is not None:
            assert column >= 1, problem


def parse_or_error(text: str) -> None:
    """The property: a report, or an OrgcheckError; anything else propagates and fails the test."""
    try:
        answers = parse_answers(text, PACK, name=NAME)
    except OrgcheckError as error:
        event("a clean error")
        check_error(error, text)
    else:
        event("a report")
        check_report(answers)


# --- (a) random YAML text ----------------------------------------------------------------------

TOKENS = [
    *TOP_LEVEL,
    *QUESTION_IDS,
    *OPTION_VALUES,
    ":",
    ": ",
    " ",
    "  ",
    "\n",
    "\n  ",
    "\n    ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "'",
    '"',
    "# ",
    "? ",
    "| ",
    "> ",
    "---",
    "...",
    "&a ",
    "*a",
    "<<: ",
    "!!str ",
    "!!int ",
    "!!bool ",
    "!!timestamp ",
    "!!float ",
    "!!null ",
    "!!binary ",
    "!!python/object/apply:os.system ",
    "!local ",
    "%YAML 1.1\n",
    "%TAG ! tag:yaml.org,2002:\n",
    "no",
    "yes",
    "on",
    "off",
    "true",
    "~",
    "null",
    "0",
    "0x1F",
    "1_000",
    "1:30",
    ".inf",
    ".nan",
    "-1",
    "2.5",
    "1e999",
    "2026-11-22",
    "2026-02-30",
    "2026-11-22 10:30:00",
    '"\\e[31m"',
    '"\\0"',
    '"\\u202e"',
    '"\\n"',
    "\t",
    "\ufeff",
    "\x07",
    "\x85",
    "\u2028",
    "ä",
    "é",
    "🙂",
]

yaml_ish_text = st.one_of(
    st.lists(st.sampled_from(TOKENS), max_size=60).map("".join),
    st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=5)), max_size=40).map("".join),
    st.text(max_size=200),
)


@fuzz_settings("test_random_text_is_a_report_or_a_clean_error")
@given(text=yaml_ish_text)
def test_random_text_is_a_report_or_a_clean_error(text: str) -> None:
    parse_or_error(text)


@fuzz_settings("test_random_bytes_are_a_report_or_a_clean_error")
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.lists(
            st.tuples(st.integers(0, len(VALID.encode()) - 1), st.integers(0, 255)), min_size=1, max_size=6
        ).map(lambda flips: _flip(VALID.encode(), flips)),
        st.sampled_from(["utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"]).map(
            lambda codec: VALID.replace("Beispiel", "Bäckerei").encode(codec)
        ),
    )
)
def test_random_bytes_are_a_report_or_a_clean_error(data: bytes) -> None:
    try:
        text = yamlio.decode_utf8(data, NAME)
    except OrgcheckError as error:
        event("refused before parsing (encoding)")
        check_error(error, None)
        return
    parse_or_error(text)


def _flip(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    buffer = bytearray(data)
    for index, value in flips:
        buffer[index] = value
    return bytes(buffer)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(OPTION_VALUES),
    st.dates(),
    st.datetimes(),
)
keys = st.one_of(st.sampled_from(TOP_LEVEL + QUESTION_IDS), st.text(max_size=20))
documents = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=6), st.dictionaries(keys, children, max_size=6)),
    max_leaves=40,
)
answers_documents = st.builds(
    lambda top, answers: {**top, "answers": answers},
    st.dictionaries(st.sampled_from([*TOP_LEVEL[:-1], "extra"]), scalars, max_size=4),
    st.dictionaries(
        st.sampled_from([*QUESTION_IDS, "budgte", "team"]),
        st.one_of(documents, st.lists(st.sampled_from(OPTION_VALUES), max_size=4)),
        max_size=len(QUESTION_IDS) + 2,
    ),
)


@fuzz_settings("test_random_yaml_documents_are_a_report_or_a_clean_error")
@given(
    document=st.one_of(documents, answers_documents),
    flow_style=st.sampled_from([None, True, False]),
    anchors=st.booleans(),
)
def test_random_yaml_documents_are_a_report_or_a_clean_error(
    document: Any, flow_style: bool | None, anchors: bool
) -> None:
    if anchors and isinstance(document, dict) and document:
        # The same object twice, so PyYAML writes an anchor and an alias.
        first = next(iter(document))
        document = {**document, "zz_alias": document[first]}
    text = yaml.safe_dump(document, default_flow_style=flow_style, allow_unicode=True, width=80)
    parse_or_error(text)


# --- (a) mutations of a valid answers file ---------------------------------------------------------

VALID_LINES = VALID.splitlines()
mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 100), st.just("")),
    st.tuples(st.just("duplicate"), st.integers(0, 100), st.just("")),
    st.tuples(st.just("swap"), st.integers(0, 100), st.integers(0, 100).map(str)),
    st.tuples(st.just("value"), st.integers(0, 100), st.sampled_from([*TOKENS, "[]", "{}", "[a, b]", "''"])),
    st.tuples(st.just("key"), st.integers(0, 100), st.sampled_from(QUESTION_IDS + TOP_LEVEL + ["budgte"])),
    st.tuples(st.just("indent"), st.integers(0, 100), st.sampled_from(["", " ", "   ", "    ", "\t"])),
    st.tuples(st.just("insert"), st.integers(0, 100), st.text(max_size=20)),
)


def mutate(lines: list[str], operation: tuple[str, int, str]) -> list[str]:
    kind, where, argument = operation
    if not lines:
        return [argument]
    index = where % len(lines)
    line = lines[index]
    if kind == "delete":
        return lines[:index] + lines[index + 1 :]
    if kind == "duplicate":
        return [*lines[: index + 1], line, *lines[index + 1 :]]
    if kind == "swap":
        other = int(argument) % len(lines)
        lines = list(lines)
        lines[index], lines[other] = lines[other], lines[index]
        return lines
    if kind == "insert":
        return [*lines[:index], argument, *lines[index:]]
    key, colon, value = line.partition(":")
    if kind == "value" and colon:
        line = f"{key}: {argument}"
    elif kind == "key" and colon:
        line = f"{key[: len(key) - len(key.lstrip())]}{argument}:{value}"
    elif kind == "indent":
        line = argument + line.lstrip()
    return [*lines[:index], line, *lines[index + 1 :]]


def mutated(operations: list[tuple[str, int, str]]) -> str:
    lines = VALID_LINES
    for operation in operations:
        lines = mutate(lines, operation)
    return "\n".join(lines) + "\n"


@fuzz_settings("test_a_mutated_answers_file_is_a_report_or_a_clean_error")
@given(operations=st.lists(mutation, min_size=1, max_size=5))
def test_a_mutated_answers_file_is_a_report_or_a_clean_error(operations: list[tuple[str, int, str]]) -> None:
    parse_or_error(mutated(operations))


# --- (b) random answer values through the questionnaire's flow ----------------------------------------


@st.composite
def valid_values(draw: st.DrawFn) -> dict[str, Any]:
    """A complete, valid set of answers, built question by question as the questionnaire asks them."""
    values: dict[str, Any] = {}
    for question in PACK.questions:
        if not flow.is_asked(question, values):
            continue
        options = [str(option.value) for option in flow.open_options(PACK, question, values)]
        if question.type == "single":
            values[question.id] = draw(st.sampled_from(options))
        elif question.type == "multi":
            chosen = draw(st.lists(st.sampled_from(options), unique=True, min_size=question.min_items))
            values[question.id] = chosen
        elif question.type == "boolean":
            values[question.id] = draw(st.booleans())
        elif question.type == "integer":
            values[question.id] = draw(st.integers(question.minimum, question.maximum))
        elif draw(st.booleans()):  # text, optional
            values[question.id] = draw(st.text(max_size=question.max_length or 100))
    return values


metadata = st.fixed_dictionaries(
    {},
    optional={
        "organisation": st.text(max_size=200),
        "respondent": st.text(max_size=200),
        "language": st.sampled_from(["de", "en"]),
        "date": st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    },
)


@fuzz_settings("test_valid_answers_always_give_a_report")
@given(values=valid_values(), meta=metadata)
def test_valid_answers_always_give_a_report(values: dict[str, Any], meta: dict[str, Any]) -> None:
    check_report(flow.answer_set(PACK, values, **meta))


@fuzz_settings("test_saved_answers_read_back_to_the_same_report")
@given(values=valid_values(), meta=metadata)
def test_saved_answers_read_back_to_the_same_report(values: dict[str, Any], meta: dict[str, Any]) -> None:
    """Spec, section 3: a file the questionnaire saves is accepted and gives the identical report."""
    answers = flow.answer_set(PACK, values, **meta)
    text = dump_answers(answers, PACK)
    again = parse_answers(text, PACK, name=NAME)
    assert (again.values, again.organisation, again.respondent, again.language, again.date) == (
        answers.values,
        answers.organisation,
        answers.respondent,
        answers.language,
        answers.date,
    ), text
    for fmt in ("md", "json"):
        assert render(fmt, PACK, assess(PACK, again), "en", DAY) == render(
            fmt, PACK, assess(PACK, answers), "en", DAY
        )


any_value = st.one_of(
    scalars,
    st.lists(st.one_of(st.sampled_from(OPTION_VALUES), scalars), max_size=5),
    st.dictionaries(st.text(max_size=5), scalars, max_size=3),
)


@fuzz_settings("test_random_answer_values_are_a_report_or_a_clean_error")
@given(
    values=valid_values(),
    changes=st.dictionaries(st.sampled_from([*QUESTION_IDS, "budgte", ""]), any_value, max_size=4),
    dropped=st.lists(st.sampled_from(QUESTION_IDS), max_size=3),
    meta=st.fixed_dictionaries(
        {},
        optional={
            "organisation": st.one_of(st.text(max_size=250), scalars),
            "respondent": st.one_of(st.text(max_size=250), scalars),
            "language": st.one_of(st.sampled_from(["de", "en", "fr", "DE"]), scalars),
            "date": st.one_of(st.dates(), scalars),
        },
    ),
)
def test_random_answer_values_are_a_report_or_a_clean_error(
    values: dict[str, Any], changes: dict[str, Any], dropped: list[str], meta: dict[str, Any]
) -> None:
    values = {key: value for key, value in {**values, **changes}.items() if key not in dropped}
    try:
        answers = flow.answer_set(PACK, values, **meta)
    except OrgcheckError as error:
        event("a clean error")
        assert error.problems and all(
            p.location and p.location.file == "<questionnaire>" for p in error.problems
        )
    else:
        event("a report")
        check_report(answers)


def test_the_base_answers_of_the_shared_fixtures_are_valid() -> None:
    """A sanity anchor for the strategies above: the suite's own complete answers pass."""
    check_report(flow.answer_set(PACK, BASE_ANSWERS, language="en"))


# --- bugs the fuzzing found (also in tests/corpus), kept as regression tests -------------------------


@pytest.mark.parametrize(
    "text",
    ["!!int\n", "answers:\n  regulated: !!bool maybe\n", "date: !!timestamp soon\nanswers: {}\n"],
)
def test_an_explicit_tag_on_a_value_it_cannot_convert_is_a_clean_error(text: str) -> None:
    with pytest.raises(OrgcheckError):
        parse_answers(text, PACK, name=NAME)


def test_a_next_line_character_in_free_text_survives_saving() -> None:
    answers = flow.answer_set(PACK, {**BASE_ANSWERS, "notes": "first\x85second"}, organisation="A\x85B")
    again = parse_answers(dump_answers(answers, PACK), PACK, name=NAME)
    assert (again.organisation, again.values["notes"]) == ("A\x85B", "first\x85second")


# --- the real command line, a few times --------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-cli")


@fuzz_settings("test_the_command_line_gives_a_report_or_a_clean_error")
@given(
    text=st.one_of(
        st.lists(mutation, min_size=1, max_size=4).map(mutated),
        yaml_ish_text,
    )
)
def test_the_command_line_gives_a_report_or_a_clean_error(text: str, cli_dir: Path) -> None:
    (cli_dir / "answers.yaml").write_text(text, encoding="utf-8")
    result = run_orgcheck("--answers", "answers.yaml", "--format", "json", cwd=cli_dir)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode in (0, 2), stderr
    assert "Traceback" not in stderr
    assert not CONTROL.search(stderr.replace("\n", "")), repr(stderr)
    if result.returncode == 0:
        assert stderr == ""
        assert json.loads(result.stdout)["schema_version"] == 1
    else:
        assert result.stdout == b""
        assert stderr.startswith("orgcheck: answers.yaml")


# --- the fast path of `orgcheck team` ----------------------------------------------------------


def _validated(read: Any) -> AnswerSet | str:
    try:
        return validate_document(read(), PACK)
    except OrgcheckError:
        return "refused"


@fuzz_settings("test_the_fast_path_reads_what_the_careful_reader_reads")
@given(
    text=st.one_of(
        yaml_ish_text,
        st.lists(mutation, max_size=3).map(mutated),
        st.builds(lambda v, m: dump_answers(flow.answer_set(PACK, v, **m), PACK), valid_values(), metadata),
    )
)
def test_the_fast_path_reads_what_the_careful_reader_reads(text: str) -> None:
    """What the fast path accepts, the careful reader accepts, as the same answers; it may
    give up on anything (the careful reader then decides), but never decide otherwise."""
    document = fastyaml.parse_plain(text, NAME)
    event("fast path gave up" if document is None else "fast path read it")
    if document is None:
        return
    fast = _validated(lambda: document)
    event(f"fast path: {'refused' if fast == 'refused' else 'valid'}")
    if fast != "refused":  # repr, not ==: True == 1, but a yes/no read as a number is another answer
        assert repr(fast) == repr(_validated(lambda: yamlio.parse(text, NAME)))
