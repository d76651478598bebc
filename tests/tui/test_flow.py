"""The questionnaire end to end, driven by keyboard through Textual's Pilot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BASE_ANSWERS
from textual.widgets import Button, Markdown, RadioButton, Static, TabbedContent

from orgcheck.doors.tui.screens.question import QuestionScreen
from orgcheck.doors.tui.screens.result import ResultScreen
from orgcheck.doors.tui.screens.review import ReviewScreen
from orgcheck.doors.tui.screens.save import SaveDialog
from orgcheck.doors.tui.screens.welcome import WelcomeScreen
from orgcheck.doors.tui.widgets.score_bar import ScoreBar

from .conftest import SIZE, answer_all, show_result

ANSWERS = {**BASE_ANSWERS, "notes": "Works council first."}


async def test_whole_questionnaire_by_keyboard_saves_what_headless_reproduces(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("enter")  # Start has the focus
        await pilot.pause()
        await answer_all(pilot, ANSWERS)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        assert app.session.values == {**BASE_ANSWERS, "notes": "Works council first."}

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        assert not app.drafts.exists()  # both results saved: the draft is done
        await pilot.press("ctrl+q")  # nothing unsaved: quits without asking
        await pilot.pause()
    assert app.return_code == 0

    report = tmp_path / "orgcheck-report-2026-11-22.md"
    answers = tmp_path / "orgcheck-answers-2026-11-22.yaml"
    headless = subprocess.run(
        [sys.executable, "-m", "orgcheck", "--answers", str(answers)], capture_output=True, check=True
    )
    assert headless.stdout == report.read_bytes()


async def test_json_report_is_the_headless_json(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await show_result(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("tab", "right", "enter")  # to the format choice, JSON
        await pilot.pause()
        assert app.screen.query_one("#path").value.endswith(".json")
        await pilot.press("enter")  # the focus stays on the format: press Save
        await pilot.click("#save")
        await pilot.pause()
        await pilot.press("ctrl+e", "enter")
        await pilot.pause()
    headless = subprocess.run(
        [
            sys.executable,
            "-m",
            "orgcheck",
            "--answers",
            str(tmp_path / "orgcheck-answers-2026-11-22.yaml"),
            "--format",
            "json",
        ],
        capture_output=True,
        check=True,
    )
    assert headless.stdout == (tmp_path / "orgcheck-report-2026-11-22.json").read_bytes()


async def test_back_goes_to_the_previous_question_and_changes_the_answer(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.go(app.session.start())
        await pilot.pause()
        await pilot.press("down", "enter")  # company_size: 10-49
        await pilot.pause()
        assert app.screen.question.id == "business_units"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.question.id == "company_size"
        pressed = [b for b in app.screen.query(RadioButton) if b.value]
        assert [str(b.label) for b in pressed] == ["10 to 49"]  # the answer given is shown
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.session.values["company_size"] == "50-249"
        assert app.screen.question.id == "business_units"


async def test_team_size_is_asked_only_for_a_team(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.values = {
            k: BASE_ANSWERS[k] for k in ("company_size", "business_units", "regulated", "departments")
        }
        app.show_question(app.pack.question("dedicated_team"))
        await pilot.pause()
        # team_size and goals_defined are counted until an answer rules them out (issue 9)
        assert app.screen.query_one("#progress-text").content == "Question 5 of 16"
        await pilot.press("down", "down", "enter")  # a team
        await pilot.pause()
        assert app.screen.question.id == "team_size"
        assert app.screen.query_one("#progress-text").content == "Question 6 of 16"
        await pilot.press("1", "2", "enter")
        await pilot.pause()
        assert app.session.values["team_size"] == 12
        await pilot.press("escape", "escape")  # back to dedicated_team
        await pilot.pause()
        await pilot.press("up", "up", "enter")  # none after all
        await pilot.pause()
        assert app.screen.question.id == "lead"  # team_size is skipped
        assert "team_size" not in app.session.values
        assert any("no longer applies" in n for n in app.notices_seen)


async def test_a_required_question_blocks_next_with_a_message(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.values = {
            k: BASE_ANSWERS[k]
            for k in ("company_size", "business_units", "regulated", "departments", "dedicated_team")
        }
        app.show_question(app.pack.question("editorial"))
        await pilot.pause()
        await pilot.press("enter")  # nothing ticked
        await pilot.pause()
        assert app.screen.question.id == "editorial"
        error = app.screen.query_one("#error", Static)
        assert error.display and "at least one" in str(error.content)
        await pilot.click("#next")
        await pilot.pause()
        assert app.screen.question.id == "editorial"
        await pilot.press("space", "enter")
        await pilot.pause()
        assert app.screen.question.id == "goals"


async def test_out_of_range_number_is_refused(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.values = {
            **{k: BASE_ANSWERS[k] for k in ("company_size", "business_units", "regulated", "departments")},
            "dedicated_team": "team",
        }
        app.show_question(app.pack.question("team_size"))
        await pilot.pause()
        await pilot.press("9", "9", "9", "enter")
        await pilot.pause()
        assert app.screen.question.id == "team_size"
        assert "1 to 500" in str(app.screen.query_one("#error", Static).content)


async def test_editorial_follows_departments_and_a_dropped_choice_is_announced(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.values = dict(BASE_ANSWERS, editorial=["marketing", "support"])
        app.show_question(app.pack.question("departments"))
        await pilot.pause()
        await pilot.press("down", "down", "down", "space", "enter")  # untick support
        await pilot.pause()
        assert app.session.values["editorial"] == ["marketing"]
        assert any("removed Customer or citizen service" in n for n in app.notices_seen)


async def test_review_jumps_back_to_a_question_and_returns(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.values = dict(BASE_ANSWERS)
        app.show_review()
        await pilot.pause()
        answers = app.screen.query_one("#answers")
        answers.highlighted = answers.get_option_index("budget")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "budget"
        await pilot.press("down", "enter")  # dedicated
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.session.values["budget"] == "dedicated"


async def test_unfinished_answers_are_offered_for_resuming(make_app):
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        first.go(first.session.start())
        await pilot.pause()
        await pilot.press("down", "enter", "enter")  # two answers, then "quit" by closing
        await pilot.pause()
    assert first.drafts.exists()

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.resumable
        assert app.screen.query_one("#resume")
        await pilot.press("enter")  # Resume has the focus
        await pilot.pause()
        assert app.screen.question.id == "regulated"
        assert app.session.values == {"company_size": "10-49", "business_units": "single"}


async def test_start_over_deletes_the_draft(make_app):
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        first.go(first.session.start())
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start-over")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert app.session.values == {}
        assert not app.drafts.exists()
        assert app.screen.query_one("#start")


async def test_a_corrupt_draft_is_set_aside_with_a_notice(make_app, tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "draft.yaml").write_text("answers: [unclosed\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.resumable
    assert list((tmp_path / "data").glob("draft.yaml.corrupt-*"))
    assert any("set aside" in n for n in app.notices_seen)


async def test_an_unwritable_draft_is_reported_once_and_answers_stay(make_app, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("", encoding="utf-8")
    app = make_app(data_dir=blocker)
    async with app.run_test(size=SIZE) as pilot:
        app.go(app.session.start())
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.session.values == {"company_size": "1-9", "business_units": "single"}
    assert sum("Could not save the draft" in n for n in app.notices_seen) == 1


async def test_edit_opens_the_file_with_its_answers_and_keeps_its_date(make_app, tmp_path):
    source = tmp_path / "mine.yaml"
    source.write_text(
        "organisation: Beispiel GmbH\nlanguage: de\ndate: 2025-01-31\nanswers:\n"
        + "".join(f"  {k}: {str(v).lower() if isinstance(v, bool) else v}\n" for k, v in BASE_ANSWERS.items())
        .replace("['", "[")
        .replace("']", "]")
        .replace("', '", ", "),
        encoding="utf-8",
    )
    app = make_app(language=None, edit=source, date=None)
    async with app.run_test(size=SIZE) as pilot:
        assert app.session.language == "de"
        assert app.session.organisation == "Beispiel GmbH"
        await pilot.press("enter")
        await pilot.pause()
        pressed = [b for b in app.screen.query(RadioButton) if b.value]
        assert [str(b.label) for b in pressed] == ["250 bis 999"]
        app.show_result(app.session.assess())
        await pilot.pause()
        assert "31. Januar 2025" in app.report_text("md")


async def test_switching_language_keeps_the_answers(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.values = {"company_size": "1-9"}
        app.show_question(app.pack.question("company_size"))
        await pilot.pause()
        app.set_language("de")
        await pilot.pause()
        assert app.screen.query_one("#progress-text").content == "Frage 1 von 16"
        assert app.session.values == {"company_size": "1-9"}
        pressed = [b for b in app.screen.query(RadioButton) if b.value]
        assert [str(b.label) for b in pressed] == ["1 bis 9"]


async def test_quitting_with_an_unsaved_result_asks_first(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await show_result(app, pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.screen.query_one("#dialog-title").content == "Quit orgcheck?"
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("ctrl+q", "enter")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize(
    ("keys", "says"),
    [
        ((), "The result has not been saved."),
        (("ctrl+e", "enter"), "Your answers are saved, the report is not."),
        (("ctrl+s", "enter"), "The report is saved, your answers are not."),
    ],
)
async def test_the_quit_question_says_what_is_not_saved_yet(make_app, keys, says):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await show_result(app, pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert str(app.screen.query_one("#dialog-body").content).startswith(says)


async def test_the_result_is_kept_for_unchanged_answers_and_built_anew_after_a_change(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await show_result(app, pilot)
        first = app.screen
        overall = first.query_one(".overall", ScoreBar).score
        await pilot.press("escape")  # to the review, answers unchanged
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen is first  # the same screen, not built again

        await pilot.press("escape")
        await pilot.pause()
        app.keep(app.pack.question("goals"), [])  # an answer changes (as a question screen does it)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen) and app.screen is not first
        assert app.screen.assessment.answers.values["goals"] == []
        assert app.screen.query_one(".overall", ScoreBar).score < overall  # no goals: a lower score
        assert first not in app.screen_stack and not first.is_attached  # the old one is gone

        app.set_language("de")  # on the result: shown again in German, and kept so
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.query_one("#recommendation", Static).content.plain.startswith("Empfohlene Struktur")


async def test_a_save_that_fails_says_why_and_keeps_the_dialog(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await show_result(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#path").value = str(tmp_path / "missing" / "r.md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        assert "does not exist" in str(app.screen.query_one("#error", Static).content)
    assert not Path(tmp_path / "missing").exists()


async def test_enter_on_an_untouched_multiple_choice_asks_before_answering_none(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.values = {k: BASE_ANSWERS[k] for k in ("company_size", "business_units", "regulated")}
        app.show_question(app.pack.question("departments"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.question.id == "departments"
        assert "Nothing ticked means none" in str(app.screen.query_one("#error", Static).content)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.question.id == "dedicated_team"
        assert app.session.values["departments"] == []


async def test_the_result_tabs_show_findings_all_structures_and_the_report_to_be_saved(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await show_result(app, pilot)
        await pilot.press("right")
        await pilot.pause()
        findings = app.screen.query_one("#findings")
        assert "Customer or citizen service takes part but does not answer comments and messages" in " ".join(
            str(s.content) for s in findings.query(Static)
        )
        await pilot.press("right")
        await pilot.pause()
        assert len(app.screen.query_one("#structures").query(ScoreBar)) == 7
        await pilot.press("right")
        for _ in range(100):  # the report is laid out after its tab opens
            await pilot.pause(0.05)
            if app.screen.query(Markdown):
                break
        assert app.screen.query_one(TabbedContent).active == "report"
        assert app.screen.query_one(Markdown).source == app.report_text("md")


async def test_one_question_screen_shows_each_question_in_turn_with_its_own_answer(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.go(app.session.start())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.question.id == "company_size"
        await pilot.press("ctrl+n")  # nothing chosen: a message
        await pilot.pause()
        assert screen.query_one("#error", Static).display
        await pilot.press("down", "down", "enter")  # 50-249, and on
        await pilot.pause()
        assert app.screen is screen and screen.question.id == "business_units"
        assert "Question 2 of" in str(screen.query_one("#progress-text", Static).content)
        assert str(screen.query_one("#question", Static).content) == screen.question.text.en
        assert not screen.query_one("#error", Static).display  # the message was about question 1
        assert screen.focused is screen.field.input_widget  # the new field has the keys
        assert len(screen.query(".answer-field")) == 1  # the old field is gone
        await pilot.press("escape")  # back: question 1 shows its answer
        await pilot.pause()
        assert app.screen is screen and screen.question.id == "company_size"
        chosen = [str(b.label) for b in screen.field.query(RadioButton) if b.value]
        assert chosen == ["50 to 249"]


async def test_an_enter_from_the_field_of_the_question_before_does_not_answer_this_one(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.go(app.session.start())
        await pilot.pause()
        screen = app.screen
        await pilot.press("enter")  # 1 to 9, and on
        await pilot.pause()
        second_field = screen.field
        await pilot.press("escape")  # back to question 1, answered
        await pilot.pause()
        assert screen.question.id == "company_size"
        screen.post_message(second_field.Submitted(second_field))  # arriving late
        await pilot.pause()
        assert screen.question.id == "company_size"  # not taken as enter on question 1


async def test_the_question_screen_is_built_anew_in_a_new_language_and_the_old_one_let_go(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.go(app.session.start())
        await pilot.pause()
        english = app.screen
        app.set_language("de")
        await pilot.pause()
        german = app.screen
        assert isinstance(german, QuestionScreen) and german is not english
        assert str(german.query_one("#next", Button).label) == "Weiter"
        assert not english.is_attached and english not in app._installed_screens.values()
        await pilot.press("enter")  # and it goes on, in German
        await pilot.pause()
        assert app.screen is german and german.question.id == "business_units"


async def test_a_question_shown_again_after_a_resize_fits_the_new_size(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.go(app.session.start())
        await pilot.pause()
        screen = app.screen
        assert not screen.has_class("-short")
        await pilot.press("ctrl+r")  # to the review
        await pilot.pause()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        app.show_question(screen.question)
        await pilot.pause()
        assert app.screen is screen and screen.has_class("-short") and screen.has_class("-narrow")
