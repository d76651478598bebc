"""Reading answers files: every mistake is named with file, line, column and a way out."""

from __future__ import annotations

import time

import pytest

from orgcheck.answers.validate import parse_answers
from orgcheck.errors import OrgcheckError

VALID = """\
organisation: Beispiel GmbH
language: de
date: 2026-11-22
answers:
  company_size: 250-999
  business_units: single
  regulated: false
  departments: [marketing, pr, support]
  dedicated_team: none
  lead: marketing
  coordination: informal
  editorial: [marketing]
  goals: [awareness, customers]
  goals_defined: written
  inquiries: daily
  budget: campaign
  guidelines: false
  executive_sponsor: true
"""


def errors_of(text: str, pack) -> list[str]:
    with pytest.raises(OrgcheckError) as caught:
        parse_answers(text, pack, name="answers.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_the_spec_example_is_valid(pack):
    answers = parse_answers(VALID, pack, name="answers.yaml")
    assert answers.values["departments"] == ["marketing", "pr", "support"]
    assert answers.organisation == "Beispiel GmbH"
    assert answers.date.isoformat() == "2026-11-22"


def test_list_order_is_normalised_to_the_questionnaire_order(pack):
    shuffled = VALID.replace("[marketing, pr, support]", "[support, marketing, pr]")
    assert parse_answers(shuffled, pack).values == parse_answers(VALID, pack).values


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # unknown names, with a did-you-mean
        (
            ("organisation:", "organization:"),
            "answers.yaml:1:1: unknown key 'organization' (did you mean 'organisation'?)",
        ),
        (
            ("  budget: campaign", "  budgte: campaign"),
            "answers.yaml:16:3: unknown question 'budgte' (did you mean 'budget'?)",
        ),
        (
            ("[marketing, pr, support]", "[markting, pr, support]"),
            "answers.yaml:8:17: 'departments': 'markting' is not an option (did you mean 'marketing'?)",
        ),
        (
            ("coordination: informal", "coordination: informall"),
            "answers.yaml:11:3: 'coordination': 'informall' is not an option (did you mean 'informal'?)",
        ),
        # wrong types
        (
            ("departments: [marketing, pr, support]", "departments: marketing"),
            "answers.yaml:8:3: 'departments' must be a list, e.g. [marketing], found 'marketing'",
        ),
        (
            ("business_units: single", "business_units: [single]"),
            "answers.yaml:6:3: 'business_units' takes one answer, found a list",
        ),
        (
            ("guidelines: false", "guidelines: 'no'"),
            "answers.yaml:17:3: 'guidelines' must be true or false, found 'no'",
        ),
        (
            ("budget: campaign", "budget: no"),
            "answers.yaml:16:3: 'budget': YAML read no/false/off as a yes/no value, not an option",
        ),
        (
            ("company_size: 250-999", "company_size: 1000"),
            "answers.yaml:5:3: 'company_size': the number 1000 is not an option",
        ),
        (("language: de", "language: fr"), "answers.yaml:2:1: language 'fr' is not supported"),
        (
            ("date: 2026-11-22", "date: 22.11.2026"),
            "answers.yaml:3:1: 'date' must be a date like 2026-11-22",
        ),
        (
            ("organisation: Beispiel GmbH", "organisation: 42"),
            "answers.yaml:1:1: 'organisation' must be text, found the number 42; put it in quotes",
        ),
        # duplicates
        (
            ("  budget: campaign", "  budget: campaign\n  budget: none"),
            "answers.yaml:17:3: duplicate key 'budget' (first given on line 16)",
        ),
        (
            ("[marketing, pr, support]", "[marketing, pr, marketing]"),
            "answers.yaml:8:32: 'departments' lists 'marketing' twice",
        ),
        # questions not asked, and cross-field rules
        (
            ("dedicated_team: none", "dedicated_team: none\n  team_size: 3"),
            "'team_size' is not asked here (dedicated_team = none); remove it",
        ),
        (
            ("goals: [awareness, customers]", "goals: []"),
            "answers.yaml:14:3: 'goals_defined' is not asked here (goals = []); remove it",
        ),
        (
            ("departments: [marketing, pr, support]", "departments: []"),
            "answers.yaml:11:3: 'coordination' is not asked here (departments = [], dedicated_team = none); remove it",
        ),
        (
            ("lead: marketing", "lead: sales"),
            "answers.yaml:10:3: 'lead': 'sales' is not one of the departments answered ([marketing, pr, support])",
        ),
        (
            ("lead: marketing", "lead: social_team"),
            "'lead': 'social_team' needs a named person or a team (dedicated_team is 'none')",
        ),
        (
            ("editorial: [marketing]", "editorial: [sales]"),
            "answers.yaml:12:15: 'editorial': 'sales' is not one of the departments answered",
        ),
        (("editorial: [marketing]", "editorial: []"), "'editorial' needs at least 1 answer"),
        # free text and structure
        (
            ("organisation: Beispiel GmbH", "organisation: " + "x" * 201),
            "'organisation' is 201 characters long; at most 200",
        ),
        (
            ("executive_sponsor: true", "executive_sponsor: true\n  notes: " + "n" * 2001),
            "'notes' is 2001 characters long; at most 2000",
        ),
        (
            ("executive_sponsor: true", "executive_sponsor: !!python/object/apply:os.system [ls]"),
            "answers.yaml:18:22: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
    ],
)
def test_a_mistake_is_named_with_its_place(pack, change, expected):
    old, new = change
    assert old in VALID
    problems = errors_of(VALID.replace(old, new, 1), pack)
    assert any(expected in problem for problem in problems), problems


def test_all_missing_answers_are_reported_at_once(pack):
    text = "answers:\n  company_size: 1-9\n"
    problems = errors_of(text, pack)
    missing = [p for p in problems if "missing answer" in p]
    # every required question still asked; editorial and coordination are not asked
    # (nobody involved yet), nor goals_defined (no goals yet)
    assert {p.split("'")[1] for p in missing} == {
        "business_units",
        "regulated",
        "departments",
        "dedicated_team",
        "lead",
        "goals",
        "inquiries",
        "budget",
        "guidelines",
        "executive_sponsor",
    }
    assert all(p.startswith("answers.yaml:1:1: ") for p in missing)
    assert "choose one of: single, multiple" in next(p for p in missing if "'business_units'" in p)


def test_a_wrong_answer_is_not_also_reported_as_missing(pack):
    problems = errors_of(VALID.replace("dedicated_team: none", "dedicated_team: nobody"), pack)
    assert len(problems) == 1, problems


def test_answers_that_depend_on_a_wrong_answer_give_no_follow_on_errors(pack):
    problems = errors_of(VALID.replace("[marketing, pr, support]", "[markting, pr, support]"), pack)
    assert len(problems) == 1, problems  # not also "lead: 'marketing' is not one of the departments"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "answers.yaml:1:1: the file is empty"),
        ("# only a comment\n", "answers.yaml:1:1: the file is empty"),
        ("- a\n- b\n", "expected a mapping with 'answers:' at the top, found a list"),
        ("just words\n", "expected a mapping with 'answers:' at the top, found 'just words'"),
        ("organisation: X\n", "missing 'answers:'"),
        ("answers: [1, 2]\n", "'answers' must be a mapping of question id to answer, found a list"),
        ("answers:\n  departments: [marketing\n", "answers.yaml:3:1: not valid YAML"),
        ("a: 1\n---\nb: 2\n", "not valid YAML"),
        ("answers: {x: " + "[" * 80 + "]" * 80 + "}\n", "nested deeper than 64 levels"),
    ],
)
def test_a_file_that_is_not_an_answers_mapping_is_refused(pack, text, expected):
    problems = errors_of(text, pack)
    assert any(expected in problem for problem in problems), problems


def test_an_alias_bomb_is_refused_within_a_second(pack):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 12):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    started = time.perf_counter()
    problems = errors_of("\n".join(lines) + "\n", pack)
    assert time.perf_counter() - started < 1.0
    assert any("alias bomb" in problem for problem in problems), problems
