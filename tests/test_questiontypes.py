"""One object per question type: the answers file, the draft and the questionnaire's fields apply the same limits."""

from __future__ import annotations

import pytest
from conftest import BASE_ANSWERS

from orgcheck.answers.validate import parse_answers
from orgcheck.errors import OrgcheckError
from orgcheck.pack.questiontypes import TYPES, question_type
from orgcheck.questionnaire.draft import draft_from_mapping


def _file(values: dict) -> str:
    import yaml

    return yaml.safe_dump({"answers": values}, allow_unicode=True)


@pytest.mark.parametrize(("size", "valid"), [(0, False), (1, True), (500, True), (501, False)])
def test_the_answers_file_and_the_type_agree_on_the_team_size_range(pack, size, valid):
    question = pack.question("team_size")
    assert question_type(question).within_limits(question, size) is valid
    values = dict(BASE_ANSWERS, dedicated_team="team", team_size=size)
    if valid:
        assert parse_answers(_file(values), pack).values["team_size"] == size
    else:
        with pytest.raises(OrgcheckError, match="must be from 1 to 500"):
            parse_answers(_file(values), pack)


def test_the_draft_keeps_only_values_of_the_questions_type(pack):
    draft = draft_from_mapping(
        pack, {"answers": {"regulated": "no", "company_size": "1-9", "team_size": True}}
    )
    assert draft.values == {"company_size": "1-9"}
    assert not TYPES["integer"].accepts(True) and TYPES["boolean"].accepts(False)


def test_every_question_type_names_its_operators_and_a_schema(pack):
    for question in pack.questions:
        kind = question_type(question)
        assert "answered" in kind.operators
        assert kind.schema(question)
        assert kind.allowed(question, "de") and kind.allowed(question, "en")


# --- raw input from a door's field, as an answer (the terminal and the browser alike) ----


def _parse(pack, question_id, raw, options=None):
    question = pack.question(question_id)
    return question_type(question).parse(question, raw, options)


def test_a_single_choice_takes_an_open_option_and_nothing_else(pack):
    assert _parse(pack, "coordination", "regular").value == "regular"
    assert _parse(pack, "coordination", None).refusal.key == "error_choose"
    assert _parse(pack, "coordination", "").refusal.key == "error_choose"
    assert _parse(pack, "coordination", "sometimes").refusal.key == "error_not_open"  # a forged form
    assert _parse(pack, "lead", "sales", options=["none", "marketing"]).refusal.key == "error_not_open"


def test_yes_no_takes_a_boolean_or_the_words_a_form_sends(pack):
    assert _parse(pack, "regulated", True).value is True
    assert _parse(pack, "regulated", "false").value is False
    assert _parse(pack, "regulated", None).refusal.key == "error_choose"
    assert _parse(pack, "regulated", "yes").refusal.key == "error_not_open"


def test_a_multiple_choice_is_put_in_the_packs_order_and_nothing_ticked_is_confirmed_once(pack):
    parsed = _parse(pack, "departments", ["support", "marketing", "support"])
    assert parsed.value == ["marketing", "support"] and parsed.ok and parsed.confirm is None
    nothing = _parse(pack, "departments", [])
    assert nothing.value == [] and nothing.ok and nothing.confirm.key == "confirm_empty"
    assert _parse(pack, "departments", ["markting"]).refusal.key == "error_not_open"
    assert (
        _parse(pack, "editorial", [], options=["marketing"]).refusal.key == "error_choose_one"
    )  # at least one


@pytest.mark.parametrize(
    ("typed", "value"),
    [("12", 12), (" 12 ", 12), ("+3", 3), ("1", 1), ("500", 500)],
)
def test_a_whole_number_is_read_as_typed(pack, typed, value):
    assert _parse(pack, "team_size", typed).value == value


@pytest.mark.parametrize("typed", ["", "0", "501", "1_000", "١٢", "12.0", "twelve", "9" * 5000])
def test_anything_else_is_refused_with_the_range(pack, typed):
    refusal = _parse(pack, "team_size", typed).refusal
    assert refusal.key == "error_number" and refusal.fill() == {"minimum": 1, "maximum": 500}


def test_free_text_keeps_what_was_typed_with_plain_line_breaks(pack):
    assert _parse(pack, "notes", "one\r\ntwo").value == "one\ntwo"
    assert _parse(pack, "notes", "   ").value is None and _parse(pack, "notes", "   ").ok
    too_long = _parse(pack, "notes", "x" * 2001).refusal
    assert too_long.key == "error_too_long" and too_long.fill() == {"maximum": 2000, "length": 2001}
