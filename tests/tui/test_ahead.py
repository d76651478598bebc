"""The next screen is built while the user reads the current one (OrgcheckApp._compose_ahead).

What a user would notice: the screen shown is the one built ahead (so it comes
quickly, benchmarks/tui_startup.py), and it shows what it would have shown if
built at that moment: the answers, the language and the question asked for.
"""

from __future__ import annotations

import gc
import time

import orgcheck.tui.app as app_module
from orgcheck.answerfile import EXAMPLE_ANSWERS
from orgcheck.tui.screens.question import QuestionScreen
from orgcheck.tui.screens.review import ReviewScreen
from orgcheck.tui.screens.welcome import WelcomeScreen

from .conftest import wait_until


async def read_welcome(app, pilot) -> QuestionScreen:
    """The welcome, shown long enough to build the question its button leads to."""
    await wait_until(
        pilot, lambda: app._kept_question and app._kept_question.is_mounted, "the question ahead"
    )
    return app._kept_question


async def answer_first_question_and_leave(app) -> None:
    """A draft with one answer: 10-49 for the company's size."""
    async with app.run_test() as pilot:
        app.start()
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
        assert app.screen.question.id == "company_size" and app.screen.field.read() == ("10-49", None)


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
        app.start()
        await pilot.pause()
        assert app.screen.question.id == "company_size"
        assert app.screen.field.read()[0] is None


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
        ahead = app._kept_question
        app._let_go_later(ahead)  # e.g. the language changed at that moment
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
        lambda: app._kept_result not in (None, instead_of) and app._kept_result.is_mounted,
        "the result ahead",
    )
    return app._kept_result


async def test_the_review_of_complete_answers_builds_the_result_and_ctrl_n_shows_it(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        ahead = await read_review(app, pilot, EXAMPLE_ANSWERS)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen is ahead and ahead.assessment.answers.values == app.session.answer_set().values


async def test_a_review_with_open_questions_builds_no_result(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        app.session.values = {"company_size": "10-49"}
        app.show_review()
        await pilot.pause()
        app.compose_result_ahead()  # what the review's timer calls
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app._kept_result is None


async def test_an_answer_changed_after_the_result_was_built_gives_the_new_result(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        before = await read_review(app, pilot, EXAMPLE_ANSWERS)
        app.commit("budget", "dedicated")
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
