"""Textual's keys and palette commands are each worded by orgcheck (keys.py).

Textual (pinned) names its keys and commands in English. These tests walk every
screen and every field that can take the focus and fail when Textual shows a key
or a command that orgcheck has no words for: a new Textual is checked here, not
by a German user finding English in the keys panel.
"""

from __future__ import annotations

from conftest import BASE_ANSWERS
from textual.app import App
from textual.widgets import TabbedContent

from orgcheck.doors.tui.keys import KEY_WORDS, TEXTUAL_COMMANDS, TEXTUAL_WORDS, KeysInLanguage, key_display
from orgcheck.doors.tui.screens.confirm import ConfirmDialog

from .conftest import SIZE, show_result

QUESTIONS = ("company_size", "regulated", "departments", "team_size", "notes")  # every type of field


def unworded(screen) -> set[tuple[str, str, str]]:
    """The keys Textual itself would show on ``screen`` that orgcheck does not word."""
    found = set()
    for node, binding, _, _ in super(KeysInLanguage, screen).active_bindings.values():
        if binding.system:  # never shown
            continue
        if binding.action.rpartition(".")[2] not in KEY_WORDS and binding.description not in TEXTUAL_WORDS:
            found.add((type(node).__name__, binding.key, binding.description))
    return found


async def every_focus(app, pilot) -> set[tuple[str, str, str]]:
    found = unworded(app.screen)
    for widget in list(app.screen.focus_chain):
        widget.focus()
        await pilot.pause()
        found |= unworded(app.screen)
    return found


async def test_every_key_textual_shows_on_orgchecks_screens_is_worded(make_app):
    app = make_app(language="de")
    found = set()
    async with app.run_test(size=SIZE) as pilot:
        found |= await every_focus(app, pilot)  # the welcome
        for question_id in QUESTIONS:
            app.session.values = dict(BASE_ANSWERS, dedicated_team="team")
            app.show_question(app.pack.question(question_id))
            await pilot.pause()
            found |= await every_focus(app, pilot)
        app.show_review()
        await pilot.pause()
        found |= await every_focus(app, pilot)
        await show_result(app, pilot)
        for tab in ("summary", "findings", "structures", "report"):
            app.screen.query_one(TabbedContent).active = tab
            await pilot.pause(1.0 if tab == "report" else 0.1)
            found |= await every_focus(app, pilot)
        for kind in ("report", "answers"):
            app.ask_save(kind)
            await pilot.pause()
            found |= await every_focus(app, pilot)
            await pilot.press("escape")
            await pilot.pause()
        app.push_screen(ConfirmDialog("?", "?", "yes", "no", default_yes=False))
        await pilot.pause()
        found |= await every_focus(app, pilot)
    assert not found, f"keys of Textual's without orgcheck's words (keys.TEXTUAL_WORDS): {sorted(found)}"


async def test_every_palette_command_of_textuals_is_worded_or_left_out(make_app):
    app = make_app(language="de")
    titles = set()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        titles |= {command.title for command in App.get_system_commands(app, screen)}
        app.action_show_help_panel()
        screen.query_one("#organisation").focus()
        screen.action_maximize()
        await pilot.pause()
        titles |= {command.title for command in App.get_system_commands(app, screen)}
    assert titles == set(TEXTUAL_COMMANDS), (
        "a palette command of Textual's: word it in keys.py or leave it out"
    )


def test_keys_are_written_as_the_keyboard_labels_them(make_app):
    from textual.binding import Binding

    words = make_app(language="de").words
    shown = [key_display(Binding(key, "x"), words) for key in ("ctrl+n", "escape", "shift+tab", "home", "f1")]
    assert shown == ["Strg+N", "Esc", "Umschalt+Tab", "Pos1", "F1"]
    words = make_app(language="en").words
    assert key_display(Binding("ctrl+n", "x"), words) == "Ctrl+N"
