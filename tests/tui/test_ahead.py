"""The next screen is built while the user reads the current one (orgcheck.doors.tui.kept).

What a user would notice: the screen shown is the one built ahead (so it comes
quickly, benchmarks/tui_startup.py), and it shows what it would have shown if
built at that moment: the answers, the language and the question asked for.
"""

from __future__ import annotations

import asyncio
import gc
import time

from textual.widgets import Button, Input, OptionList, RadioButton, RadioSet, Static

import orgcheck.doors.tui.app as app_module
from orgcheck.answers.write import EXAMPLE_ANSWERS
from orgcheck.doors.tui.screens.question import QuestionScreen
from orgcheck.doors.tui.screens.review import ReviewScreen
from orgcheck.doors.tui.screens.save import SaveDialog
from orgcheck.doors.tui.screens.welcome import WelcomeScreen

from .conftest import wait_until


async def read_welcome(app, pilot) -> QuestionScreen:
    """The welcome, shown long enough to build the question its button leads to."""
    await wait_until(
        pilot,
        lambda: app._kept_question.screen and app._kept_question.screen.is_mounted,
        "the question ahead",
    )
    return app._kept_question.screen


async def answer_first_question_and_leave(app) -> None:
    """A draft with one answer: 10-49 for the company's size."""
    async with app.run_test() as pilot:
        app.go(app.session.start())
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.drafts.exists()


async def test_the_welcome_builds_the_first_question_and_enter_shows_it(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        ahead = await read_welcome(app, pilot)
        assert ahead.question.id == app.session.first().id
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is ahead
        assert app.screen.focused is not None and app.screen.field in app.screen.focused.ancestors_with_self
        await pilot.press("down", "down", "enter")  # and it answers as any question screen does
        await pilot.pause()
        assert app.session.values["company_size"] == app.pack.question("company_size").options[2].value


async def test_a_draft_to_resume_has_its_open_question_built_with_its_answers(make_app):
    await answer_first_question_and_leave(make_app())
    app = make_app()
    async with app.run_test() as pilot:
        ahead = await read_welcome(app, pilot)
        assert ahead.question.id == app.session.resume_point().id != "company_size"
        await pilot.press("enter")  # resume
        await pilot.pause()
        assert app.screen is ahead
        await pilot.press("escape")  # back to the question answered in the draft
        await pilot.pause()
        assert app.screen.question.id == "company_size" and app.screen.field.raw() == "10-49"


async def test_a_language_chosen_on_the_welcome_after_the_build_is_the_questions_language(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await read_welcome(app, pilot)
        app.set_language("de")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        app.screen.action_start()
        await pilot.pause()
        assert "Frage 1 von" in str(app.screen.query_one("#progress-text").render())


async def test_starting_over_after_the_build_shows_the_first_question_unanswered(make_app):
    await answer_first_question_and_leave(make_app())
    app = make_app()
    async with app.run_test() as pilot:
        await read_welcome(app, pilot)
        app.session.clear()  # what "start over" does once confirmed
        app.resumable = False
        app.go(app.session.start())
        await pilot.pause()
        assert app.screen.question.id == "company_size"
        assert app.screen.field.raw() is None


async def test_a_question_asked_for_while_the_first_is_being_built_is_shown_and_nothing_breaks(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        app.compose_first_question_ahead()  # started, not composed yet: a key at that very moment
        app.show_question(app.pack.question("regulated"))
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, QuestionScreen) and app.screen.question.id == "regulated",
            "the question asked for",
        )
        assert app.crash is None and app.is_running


async def test_a_screen_let_go_while_it_is_being_built_ahead_is_removed_without_a_crash(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        app.compose_first_question_ahead()
        ahead = app._kept_question.screen
        app._kept_question.let_go()  # e.g. the language changed at that moment
        await wait_until(pilot, lambda: not ahead.is_attached, "the screen let go to be removed")
        await pilot.pause()
        assert app.crash is None and app.is_running
        assert ahead not in app._installed_screens.values()


async def read_review(app, pilot, answers, instead_of=None):
    """The review of complete ``answers``, shown long enough to build their result (not ``instead_of``)."""
    app.session.values = dict(answers)
    app.show_review()
    await wait_until(
        pilot,
        lambda: app._kept_result.screen not in (None, instead_of) and app._kept_result.screen.is_mounted,
        "the result ahead",
    )
    return app._kept_result.screen


async def show_result_built_ahead(app, pilot):
    """The result of complete answers, built while their review was read, now shown."""
    ahead = await read_review(app, pilot, EXAMPLE_ANSWERS)
    await pilot.press("ctrl+n")
    await pilot.pause()
    return ahead


async def test_the_review_of_complete_answers_builds_the_result_and_ctrl_n_shows_it(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        ahead = await show_result_built_ahead(app, pilot)
        assert app.screen is ahead and ahead.assessment.answers.values == app.session.answer_set().values


async def review_of_one_answer(app, pilot) -> ReviewScreen:
    """The review with only the company's size answered: the rest is open."""
    app.session.values = {"company_size": "10-49"}
    app.show_review()
    await pilot.pause()
    return app.screen


async def test_a_review_with_open_questions_builds_no_result(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await review_of_one_answer(app, pilot)
        app.compose_result_ahead()  # what the review's timer calls
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app._kept_result.screen is None


async def test_an_answer_changed_after_the_result_was_built_gives_the_new_result(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        before = await read_review(app, pilot, EXAMPLE_ANSWERS)
        app.keep(app.pack.question("budget"), "dedicated")
        await read_review(app, pilot, app.session.values, instead_of=before)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen is not before and not before.is_attached
        assert app.screen.assessment.answers.values["budget"] == app.session.values["budget"]


async def test_garbage_is_collected_once_a_screen_has_been_read_a_while(make_app, monkeypatch):
    """Python's own full collections took 25-65 ms and fell into screen changes."""
    collections: list[float] = []
    monkeypatch.setattr(gc, "collect", lambda *_: collections.append(time.monotonic()) or 0)
    app = make_app()
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: collections, "a collection on the welcome, read a while")
        for question_id in ("company_size", "business_units", "regulated"):  # quicker than TIDY_DELAY
            last_change = time.monotonic()
            app.show_question(app.pack.question(question_id))
            await pilot.pause()
        assert len(collections) == 1
        await wait_until(pilot, lambda: len(collections) == 2, "a collection once the last question was read")
        assert collections[-1] >= last_change + app_module.TIDY_DELAY


async def test_the_review_built_ahead_shows_the_answers_given_since(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        app.go(app.session.start())
        await wait_until(
            pilot,
            lambda: app._kept_review.screen is not None and app._kept_review.screen.is_mounted,
            "the review ahead",
        )
        ahead = app._kept_review.screen
        await pilot.press("down", "enter")  # 10-49 employees, after the review was built
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen is ahead
        answers = ahead.query_one(OptionList)
        assert str(answers.get_option("company_size").prompt).endswith("→ 10 to 49")
        # the cursor goes to the first open question, as on a review built just now
        assert answers.highlighted_option.id == app.session.missing()[0].id


async def test_a_review_shown_again_forgets_its_error_and_puts_the_cursor_on_the_question_changed(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        review = await review_of_one_answer(app, pilot)
        await pilot.press("ctrl+n")  # the result, with questions open: an error on the review
        await pilot.pause()
        assert review.query_one("#error").display
        app.show_question(app.pack.question("regulated"), return_to_review=True)
        await pilot.pause()
        app.show_review(highlight="company_size")
        await pilot.pause()
        assert app.screen is review and not review.query_one("#error").display
        assert review.query_one(OptionList).highlighted_option.id == "company_size"


async def test_the_result_builds_its_save_dialogs_and_each_opens_as_new(make_app, tmp_path):
    app = make_app()
    async with app.run_test() as pilot:
        await read_review(app, pilot, EXAMPLE_ANSWERS)
        await pilot.press("ctrl+n")
        await wait_until(
            pilot,
            lambda: all(
                kept.screen is not None and kept.screen.is_mounted for kept in app._kept_save.values()
            ),
            "both save dialogs ahead",
        )
        ahead = app._kept_save["report"].screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is ahead
        path = ahead.query_one("#path", Input)
        default = path.value
        assert default.endswith(".html") and app.screen.focused is path
        path.value = "elsewhere/x.txt"
        ahead.query_one("#format", RadioSet).query(RadioButton)[1].value = True
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+s")  # opened again: what was typed is gone
        await pilot.pause()
        assert app.screen is ahead and path.value == default and ahead.format == "html"
        assert str(tmp_path) in str(ahead.query_one("#folder", Static).content)
        await pilot.press("enter")  # and it saves as a new one would
        await pilot.pause()
        assert (tmp_path / default).is_file() and not isinstance(app.screen, SaveDialog)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.screen is app._kept_save["answers"].screen
        assert app.screen.query_one("#path", Input).value.endswith(".yaml")


async def test_a_save_dialog_built_in_one_language_is_not_shown_in_another(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await read_review(app, pilot, EXAMPLE_ANSWERS)
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: app._kept_save["report"].screen is not None, "the save dialog ahead")
        english = app._kept_save["report"].screen
        app.set_language("de")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog) and app.screen is not english
        assert app.screen.query_one("#save", Button).label.plain == "Speichern"


async def test_a_screen_built_ahead_is_laid_out_before_it_shows(make_app):
    """Laying out the result for the first time was a third of showing it (benchmarks/tui_startup.py)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        ahead = await read_review(app, pilot, EXAMPLE_ANSWERS)
        await wait_until(pilot, lambda: ahead.size == (80, 24), "the result laid out while hidden")
        assert app.screen is not ahead and ahead.query_one("#tabs").size.width > 0


async def test_a_screen_built_ahead_at_one_size_is_shown_laid_out_for_the_size_at_showing(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        ahead = await read_welcome(app, pilot)  # laid out for 80 columns
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is ahead and ahead.size == (60, 20)
        assert ahead.has_class("-short", "-narrow")  # the small layout: no field border, a short bar
        assert ahead.query_one("#question").size.width <= 60


async def test_moving_to_the_next_question_does_not_restyle_the_whole_screen(make_app):
    """The kept question screen is the one shown: nothing resumes it (a restyle took 7-12 ms)."""
    app = make_app()
    async with app.run_test() as pilot:
        app.go(app.session.start())
        await pilot.pause()
        screen = app.screen
        restyles: list[object] = []
        original = screen.update_node_styles
        screen.update_node_styles = lambda *a, **k: restyles.append(a) or original(*a, **k)
        for question_id in ("business_units", "regulated", "departments"):
            app.show_question(app.pack.question(question_id))
            await pilot.pause()
        assert app.screen is screen and app.screen.question.id == "departments"
        assert restyles == []


async def test_save_report_asked_for_while_its_dialog_is_open_keeps_what_was_typed(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await show_result_built_ahead(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#path", Input).value = "board.md"
        app.ask_save("report")  # the palette's "Save report", with the dialog open
        await pilot.pause()
        assert app.screen_stack.count(dialog) == 1 and app.screen is dialog
        assert dialog.query_one("#path", Input).value == "board.md"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultScreen"


async def test_quitting_while_a_screen_is_being_built_ahead_ends_cleanly(make_app):
    """Found by a real-terminal test: SIGTERM just as the review was being built ahead
    ended on an internal error in Textual's Header (its title set after its children
    were gone), exit status 1 instead of 143."""
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        app.compose_review_ahead()
        await asyncio.sleep(0.001)  # composing now
        app.exit(0)
    assert app.crash is None and app.return_code == 0


async def test_quitting_while_a_save_dialog_is_being_built_waits_for_it_and_ends_cleanly(make_app):
    """Torn down while composing, the dialog's on_mount found its fields gone (NoMatches)."""
    app = make_app()
    async with app.run_test() as pilot:
        await show_result_built_ahead(app, pilot)
        app.compose_save_dialogs_ahead()  # composing now, as 0.3 s after the result shows
        app.exit(0)
        await pilot.pause()
    assert app.crash is None and app.return_code == 0
