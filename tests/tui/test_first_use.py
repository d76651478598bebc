"""What a first-time user tripped over (issue 9, item 5), each pinned down."""

from __future__ import annotations

from conftest import BASE_ANSWERS
from textual.widgets import Button, Input, Static

from orgcheck.doors.tui.screens.question import QuestionScreen
from orgcheck.questionnaire.draft import Draft
from orgcheck.store.drafts import DraftStore

from .conftest import SIZE, answer_all, keys_for, show_result


async def test_the_question_count_never_grows_going_forward(make_app):
    app = make_app()
    totals = []
    async with app.run_test(size=SIZE) as pilot:
        app.go(app.session.start())
        await pilot.pause()
        answers = dict(BASE_ANSWERS, dedicated_team="team", team_size=4)
        while isinstance(app.screen, QuestionScreen):
            screen = app.screen
            totals.append(app.session.position(screen.question)[1])
            shown = str(screen.query_one("#progress-text").content)
            assert shown.endswith(f"of {totals[-1]}")
            question = screen.question
            keys = keys_for(app, screen, answers[question.id]) if question.id in answers else ["ctrl+n"]
            await pilot.press(*keys)
            await pilot.pause()
    assert totals == sorted(totals, reverse=True), totals
    assert totals[0] == app.session.most_questions() == 16


async def test_the_welcome_says_how_many_questions_at_most(make_app):
    app = make_app(language="de")
    async with app.run_test(size=SIZE):
        assert "bis zu 16 Fragen" in str(app.screen.query_one("#intro", Static).content)


async def test_tab_from_start_goes_to_the_name_not_the_language(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.focused.id == "start"
        await pilot.press("tab")
        assert app.focused.id == "organisation"
        await pilot.press(*"Beispiel", "space", *"GmbH")
        await pilot.pause()
        assert app.session.language == "en"
        assert app.screen.query_one("#organisation", Input).value == "Beispiel GmbH"


async def test_a_complete_draft_is_not_called_unfinished(make_app, tmp_path):
    DraftStore(tmp_path / "data").save(
        Draft(values=dict(BASE_ANSWERS), language="en").to_yaml()
    )  # notes left empty
    app = make_app()
    async with app.run_test(size=SIZE):
        notice = str(app.screen.query_one("#notice", Static).content)
        assert notice.startswith("You answered every question but have not saved the result yet")


async def test_a_complete_draft_offers_resume_and_start_over_and_resume_opens_the_review(make_app, tmp_path):
    from orgcheck.doors.tui.screens.review import ReviewScreen

    DraftStore(tmp_path / "data").save(Draft(values=dict(BASE_ANSWERS), language="en").to_yaml())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        buttons = [str(b.label) for b in app.screen.query(Button)]
        assert buttons == ["Resume", "Start over"]  # no second button that does what Resume does
        await pilot.click("#resume")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_a_half_done_draft_counts_the_questions_as_the_progress_line_does(make_app, tmp_path):
    values = {k: BASE_ANSWERS[k] for k in ("company_size", "business_units", "regulated")}
    DraftStore(tmp_path / "data").save(Draft(values=values, language="en").to_yaml())
    app = make_app()
    async with app.run_test(size=SIZE):
        notice = str(app.screen.query_one("#notice", Static).content)
        assert "(3 of 16 answered)" in notice


async def test_removing_the_department_that_has_the_final_say_asks_again(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.values = dict(BASE_ANSWERS, lead="pr")
        app.keep(app.pack.question("departments"), ["marketing", "support"])
        await pilot.pause()
        assert app.notices_seen == [
            "“Who has the final say on social media today?”: PR and corporate communications is no "
            "longer possible after your change; please answer it again."
        ]


async def test_a_message_goes_once_the_answer_is_fixed_and_never_hides_the_buttons(make_app):
    app = make_app(language="de")
    async with app.run_test(size=SIZE) as pilot:
        app.session.values = {
            k: BASE_ANSWERS[k]
            for k in ("company_size", "business_units", "regulated", "departments", "dedicated_team")
        }
        app.show_question(app.pack.question("editorial"))
        await pilot.pause()
        await pilot.press("enter")  # nothing ticked
        await pilot.pause()
        error = app.screen.query_one("#error", Static)
        assert error.display
        for button in app.screen.query(Button):
            assert button.region.bottom <= SIZE[1] - 1, button.id  # above the footer, on screen
        await pilot.press("space")
        await pilot.pause()
        assert not error.display


async def test_the_whole_flow_still_ends_on_the_review(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        app.go(app.session.start())
        await pilot.pause()
        await answer_all(pilot, BASE_ANSWERS)
        assert type(app.screen).__name__ == "ReviewScreen"


async def test_the_command_palette_lists_orgchecks_commands_first(make_app):
    from textual.command import CommandList

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        commands = app.screen.query_one(CommandList)
        shown = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
        assert shown[0].startswith("Switch language: Deutsch"), shown
        ours = [
            i
            for i, text in enumerate(shown)
            if text.startswith(("Switch language", "Toggle dark", "Start over"))
        ]
        assert ours == [0, 1, 2], shown


async def test_the_result_footer_shows_back_and_quit_in_german_at_60_columns(make_app):
    app = make_app(language="de")
    async with app.run_test(size=(60, 20)) as pilot:
        await show_result(app, pilot)
        bottom = "\n".join(strip.text for strip in app.screen._compositor.render_strips()).splitlines()
        assert "esc Zurück" in bottom[-1] and "^q Beenden" in bottom[-1], bottom[-1]
        assert "Antworten speichern ^e" in bottom[-2], bottom[-2]


async def test_structure_names_are_not_cut_by_their_bars(make_app):
    app = make_app(language="de")
    async with app.run_test(size=(60, 20)) as pilot:
        await show_result(app, pilot)
        await pilot.press("right", "right")
        await pilot.pause()

        bars = list(app.screen.query("#structures ScoreBar"))
        assert "Mehrere Koordinationsstellen (Multiple Hub and Spoke)" in [bar.label for bar in bars]
        for bar in bars:  # the whole name is shown, above its bar
            shown = " ".join(bar.render_line(y).text.strip() for y in range(bar.size.height))
            assert shown.startswith(bar.label + " ━"), (shown, bar.label)


async def test_the_report_preview_shows_the_figures_and_yes_no_at_60_columns(make_app):
    from textual.widgets import MarkdownViewer

    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await show_result(app, pilot)
        await pilot.press("right", "right", "right")
        await pilot.pause(1.0)
        viewer = app.screen.query_one(MarkdownViewer)
        await pilot.pause()
        from textual.widgets._markdown import MarkdownFence

        lines = []
        for fence in viewer.query(MarkdownFence):
            label = fence.query_one("Label")
            assert label.size.width <= fence.size.width
            lines += [label.render_line(y).text for y in range(label.size.height)]
        assert any("%" in line and "✓ yes" in line for line in lines), lines
        assert any("%" in line and "– no" in line for line in lines), lines


async def test_review_shows_yes_as_the_question_offered_it_and_keeps_the_row_after_an_edit(make_app):
    from textual.widgets import OptionList

    from orgcheck.doors.tui.screens.review import ReviewScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.values = dict(BASE_ANSWERS)
        app.show_review()
        await pilot.pause()
        answers = app.screen.query_one(OptionList)
        sponsor = str(answers.get_option("executive_sponsor").prompt)
        assert sponsor.endswith("→ Yes"), sponsor
        answers.highlighted = answers.get_option_index("guidelines")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # back the way it came: to the review, on the same row
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.query_one(OptionList).highlighted_option.id == "guidelines"
        app.screen.query_one(OptionList).highlighted = app.screen.query_one(OptionList).get_option_index(
            "budget"
        )
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")  # a changed answer
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.query_one(OptionList).highlighted_option.id == "budget"
