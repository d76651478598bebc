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
