"""The questionnaire's state without a screen: order, progress, what a change drops, the result."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import BASE_ANSWERS

from orgcheck.errors import OrgcheckError
from orgcheck.questionnaire.session import Session


@pytest.fixture
def session(pack):
    return Session(pack, "en", values=dict(BASE_ANSWERS))


def test_progress_counts_only_the_questions_asked(session, pack):
    assert session.position(pack.question("lead")) == (6, 15)  # no team: team_size is not asked
    session.set_answer("dedicated_team", "team")
    assert session.position(pack.question("lead")) == (7, 16)


def test_next_and_previous_skip_questions_not_asked(session, pack):
    assert session.after(pack.question("dedicated_team")).id == "lead"
    assert session.before(pack.question("lead")).id == "dedicated_team"
    session.set_answer("dedicated_team", "team")
    assert session.after(pack.question("dedicated_team")).id == "team_size"
    assert session.before(pack.question("company_size")) is None
    assert session.after(pack.question("notes")) is None


def test_a_change_drops_what_it_makes_impossible(session):
    session.set_answer("lead", "pr")
    dropped = session.set_answer("departments", ["marketing", "support"])
    assert [(d.question, d.whole) for d in dropped] == [("lead", True)]
    assert "lead" not in session.values
    assert session.resume_point().id == "lead"


def test_clearing_an_answer_removes_it(session):
    session.set_answer("notes", "x")
    session.set_answer("notes", None)
    assert "notes" not in session.values


def test_the_result_uses_the_fixed_date_and_the_names(session):
    session.organisation = "  Acme  "
    session.date = dt.date(2025, 5, 1)
    answers = session.answer_set()
    assert (answers.organisation, answers.respondent, answers.date) == ("Acme", None, dt.date(2025, 5, 1))
    assert session.assess().recommendation.id


def test_incomplete_answers_cannot_be_assessed(pack):
    with pytest.raises(OrgcheckError):
        Session(pack, "en", values={"company_size": "1-9"}).assess()


def test_the_draft_round_trips_the_session(session, pack):
    session.respondent = "CMO"
    again = Session.from_draft(pack, session.to_draft(), "de")
    assert (again.values, again.respondent, again.language) == (session.values, "CMO", "de")


def test_file_names_spell_out_umlauts(session):
    session.organisation = "Sparkasse Rheintal-Süd & Öko GmbH"
    session.date = dt.date(2026, 11, 22)
    assert (
        str(session.default_path("report", "md"))
        == "orgcheck-report-sparkasse-rheintal-sued-oeko-gmbh-2026-11-22.md"
    )
    assert str(session.default_path("answers", "yaml")).endswith("-sued-oeko-gmbh-2026-11-22.yaml")


def test_multi_line_notes_are_saved_as_a_block_a_person_can_edit(session, pack, tmp_path):
    from orgcheck.answers.validate import load_answers

    session.set_answer("notes", "Works council first.\nThen the board.")
    path = session.write_result("answers", tmp_path / "a.yaml", "yaml", session.assess())
    text = path.read_text(encoding="utf-8")
    assert "  notes: |-\n    Works council first.\n    Then the board.\n" in text
    assert load_answers(path, pack).values["notes"] == "Works council first.\nThen the board."


@pytest.mark.parametrize(
    "notes", ["ends with a break\n", "  starts indented\nx", "tab\there\nx", "a\x85b\nc"]
)
def test_notes_a_block_cannot_hold_exactly_are_quoted_and_still_read_back(session, pack, tmp_path, notes):
    from orgcheck.answers.validate import load_answers

    session.set_answer("notes", notes)
    path = session.write_result("answers", tmp_path / "a.yaml", "yaml", session.assess())
    assert load_answers(path, pack).values["notes"] == notes
