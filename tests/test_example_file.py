"""`orgcheck --example --lang de` is German throughout, and valid as it is in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from orgcheck.answers.validate import parse_answers
from orgcheck.answers.write import example_answers


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_example_is_valid_in_each_language(pack, language):
    answers = parse_answers(example_answers(pack, language, dt.date(2026, 11, 22)), pack)
    assert answers.language == language


def test_the_german_example_has_german_comments_and_sample_values(pack):
    text = example_answers(pack, "de", dt.date(2026, 11, 22))
    assert "organisation: Beispiel GmbH" in text
    assert "Leitung Marketing" in text and "Der Betriebsrat" in text
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    english = ("Fill in", "required", "optional:", "a list of", "whole number", "free text", "asked when")
    assert not [line for line in comments if any(word in line for word in english)]
