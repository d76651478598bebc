"""Invisible characters in free text (issue 8, item 9): kept where a script needs them, never hidden.

A zero-width space, a word joiner, a byte-order mark, a soft hyphen, a Mongolian vowel separator
or an Arabic letter mark inside an organisation's name make two names that read the same differ;
they leave the report (Markdown and JSON). What Arabic, Persian or an emoji need (their marks,
the zero-width non-joiner and joiner) stays.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import BASE_ANSWERS

from orgcheck.engine.assess import assess
from orgcheck.questionnaire.flow import answer_set
from orgcheck.report.rendering import render

DAY = dt.date(2026, 11, 22)
INVISIBLE = ["\u200b", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u061c", "\U000e0041"]


def _reports(pack, **fields):
    answers = answer_set(pack, dict(BASE_ANSWERS), language="en", **fields)
    assessment = assess(pack, answers)
    return render("md", pack, assessment, "en", DAY), json.loads(render("json", pack, assessment, "en", DAY))


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_an_invisible_character_never_reaches_the_report(pack, char):
    markdown, document = _reports(pack, organisation=f"Acme{char}Corp", respondent=f"Head{char} of PR")
    assert markdown.startswith("# Social media ownership: AcmeCorp (")
    assert document["organisation"] == "AcmeCorp" and document["respondent"] == "Head of PR"
    assert char not in markdown and char not in json.dumps(document, ensure_ascii=False)


def test_notes_lose_invisible_characters_in_both_formats(pack):
    answers = answer_set(
        pack, {**BASE_ANSWERS, "notes": "ask\u200b the\u2060 works\ufeff council"}, language="en"
    )
    assessment = assess(pack, answers)
    markdown = render("md", pack, assessment, "en", DAY)
    document = json.loads(render("json", pack, assessment, "en", DAY))
    assert "ask the works council" in markdown
    assert document["answers"]["notes"] == "ask the works council"


def test_a_name_in_arabic_or_persian_keeps_its_marks_and_joiners(pack):
    arabic = "شركة مُحَمَّد"  # with its vowel marks (harakat)
    persian = "می\u200cخواهم"  # a zero-width non-joiner belongs to the spelling
    family = "\U0001f468\u200d\U0001f469"  # an emoji joined by a zero-width joiner
    markdown, document = _reports(pack, organisation=f"{arabic} {persian} {family}")
    assert document["organisation"] == f"{arabic} {persian} {family}"
    assert f"{arabic} {persian} {family}" in markdown.splitlines()[0]
