"""The questionnaire's state without a screen: order, progress, what a change drops, the result."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import BASE_ANSWERS

from orgcheck.errors import OrgcheckError
from orgcheck.questionnaire.session import Place, Session
from orgcheck.questionnaire.words import Words


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


# --- the steps between places: what every door does on next, back, review and result -----


def test_an_answer_goes_to_the_next_question_asked(pack):
    session = Session(pack, "en")
    answered = session.submit(pack.question("company_size"), "50-249")
    assert answered.place == Place("question", pack.question("business_units"))
    assert answered.changed and session.values == {"company_size": "50-249"}


def test_input_that_is_no_answer_stays_on_the_question_and_says_why(pack):
    session = Session(pack, "en")
    answered = session.submit(pack.question("company_size"), None)
    assert answered.place is None and answered.refusal.key == "error_choose" and not session.values


def test_nothing_ticked_is_asked_about_once_then_taken(pack):
    session = Session(
        pack, "en", values={"company_size": "1-9", "business_units": "single", "regulated": False}
    )
    departments = pack.question("departments")
    first = session.submit(departments, [])
    assert first.place is None and first.confirming and first.refusal.key == "confirm_empty"
    again = session.submit(departments, [], confirmed=True)
    assert (
        again.place == Place("question", pack.question("dedicated_team"))
        and session.values["departments"] == []
    )


def test_a_change_from_the_review_goes_through_what_it_opened_then_back_to_the_review(session, pack):
    opened = session.submit(pack.question("dedicated_team"), "team", return_to_review=True)
    assert opened.place == Place("question", pack.question("team_size"), return_to_review=True)
    closed = session.submit(pack.question("team_size"), "4", return_to_review=True)
    assert closed.place == Place("review", highlight="team_size")


def test_a_change_that_drops_later_answers_says_which(session, pack):
    answered = session.submit(pack.question("departments"), ["pr", "support"], return_to_review=True)
    assert [d.question for d in answered.dropped] == ["lead", "editorial"]
    assert answered.place == Place("question", pack.question("lead"), return_to_review=True)
    words = Words(pack, "en")
    assert words.dropped(answered.dropped[0]).startswith("“Who has the final say")


def test_back_goes_to_the_question_before_the_welcome_or_the_review_row(session, pack):
    assert session.back_from(pack.question("company_size")) == Place("welcome")
    assert session.back_from(pack.question("lead")) == Place("question", pack.question("dedicated_team"))
    assert session.back_from(pack.question("lead"), return_to_review=True) == Place(
        "review", highlight="lead"
    )
    assert session.back_from_review() == Place("question", pack.question("notes"))
    assert session.change("budget") == Place("question", pack.question("budget"), return_to_review=True)


def test_the_result_waits_for_the_questions_still_open(session, pack):
    assert session.to_result() == Place("result")
    session.set_answer("budget", None)
    place = session.to_result()
    assert (
        place.screen == "review"
        and place.highlight == "budget"
        and place.missing == (pack.question("budget"),)
    )
    assert Words(pack, "de").missing(place.missing).startswith("Offene Fragen: 1")


def test_leaving_a_question_keeps_its_input_only_where_it_is_an_answer(session, pack):
    assert not session.keep(pack.question("team_size"), "lots").changed
    assert session.keep(pack.question("budget"), "dedicated").changed
    assert session.values["budget"] == "dedicated" and not session.saved


def test_start_and_resume(pack):
    assert Session(pack, "en").start() == Place("question", pack.question("company_size"))
    resumed = Session(pack, "en", values={"company_size": "1-9"}).resume()
    assert resumed == Place("question", pack.question("business_units"))
    assert Session(pack, "en", values=dict(BASE_ANSWERS)).resume() == Place("review")
