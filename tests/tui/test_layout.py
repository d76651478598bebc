"""What the screens show at small sizes and in German: nothing cut, nothing drawn on the wrong line."""

from __future__ import annotations

import pytest
from conftest import BASE_ANSWERS
from textual.widgets._toggle_button import ToggleButton

from orgcheck.doors.tui.screens.question import QuestionScreen
from orgcheck.doors.tui.widgets.multi_field import ChoiceList

from .conftest import wait_until

BOX = ToggleButton.BUTTON_LEFT + ToggleButton.BUTTON_INNER + ToggleButton.BUTTON_RIGHT


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def open_question(app, pilot, question_id: str) -> None:
    order = [q.id for q in app.pack.questions]
    app.session.values = {k: v for k, v in BASE_ANSWERS.items() if order.index(k) < order.index(question_id)}
    app.show_question(app.pack.question(question_id))
    # A kept screen is shown once it is composed, which under load takes more than a pause.
    await wait_until(
        pilot,
        lambda: isinstance(app.screen, QuestionScreen) and app.screen.question.id == question_id,
        f"the question {question_id}",
    )
    await pilot.pause()  # and laid out


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (140, 45)])
@pytest.mark.parametrize("language", ["de", "en"])
async def test_each_goal_has_one_box_on_its_first_line(make_app, size, language):
    app = make_app(language=language)
    async with app.run_test(size=size) as pilot:
        await open_question(app, pilot, "goals")
        choices = app.screen.query_one(ChoiceList)
        lines = [choices.render_line(y).text for y in range(choices.size.height)]
        boxed = [line[len(BOX) + 1 :].rstrip() for line in lines if line.startswith(BOX)]
        labels = [app.words.text(o.label) for o in app.pack.question("goals").options]
        assert len(boxed) == len(labels), lines
        for shown, label in zip(boxed, labels, strict=True):
            assert label.startswith(shown.split(". ")[0][:20]), (shown, label)
        # Continuation lines are indented under the label, without a box.
        assert all(line.startswith(BOX) or line.startswith(" " * (len(BOX) + 1)) for line in lines)


async def test_a_tick_lands_on_the_option_whose_box_is_shown(make_app):
    app = make_app(language="de")
    async with app.run_test(size=(60, 20)) as pilot:
        await open_question(app, pilot, "goals")
        await pilot.press("down", "down", "space")  # the third goal
        choices = app.screen.query_one(ChoiceList)
        assert choices.selected == ["dialogue"]


@pytest.mark.parametrize(("language", "size"), [("en", (60, 20)), ("de", (60, 20)), ("de", (80, 24))])
async def test_long_single_choice_options_wrap_instead_of_being_cut(make_app, language, size):
    app = make_app(language=language)
    async with app.run_test(size=size) as pilot:
        await open_question(app, pilot, "coordination")
        shown = " ".join(screen_text(app).replace("▊", " ").replace("▎", " ").split())  # without the border
        assert "…" not in shown
        for option in app.pack.question("coordination").options:
            words = app.words.text(option.label)
            if option.help is not None:
                words += ". " + app.words.text(option.help)
            assert " ".join(words.split()) in shown


@pytest.mark.parametrize("question_id", ["company_size", "goals", "goals_defined", "notes"])
async def test_every_question_at_60x20_is_laid_out_for_a_small_terminal(make_app, question_id):
    app = make_app(language="de")
    async with app.run_test(size=(60, 20)) as pilot:
        await open_question(app, pilot, question_id)
        assert app.screen.has_class("-narrow") and app.screen.has_class("-short")
        assert app.screen.query_one("#progress").size.width == 8


async def test_at_60x20_the_question_shows_first_and_the_cursor_keeps_its_option_in_view(make_app):
    app = make_app(language="de")
    async with app.run_test(size=(60, 20)) as pilot:
        await open_question(app, pilot, "goals")
        await pilot.pause()
        assert "Was wollen Sie mit Social Media erreichen?" in screen_text(app)
        await pilot.press(*["down"] * 5)
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        last = app.words.text(app.pack.question("goals").options[-1].help)
        assert " ".join(last.split()) in shown  # both lines of the last goal
