"""The app around the screens: start-up choices, commands, names in the draft, errors at the edge."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from conftest import BASE_ANSWERS
from textual.widgets import Static

from orgcheck.doors.tui.app import run
from orgcheck.doors.tui.screens.welcome import WelcomeScreen
from orgcheck.questionnaire.draft import load_draft

from .conftest import SIZE, wait_until


def test_the_locale_chooses_the_language_when_nothing_else_does(make_app, monkeypatch):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert make_app(language=None).session.language == "de"
    assert make_app(language="en").session.language == "en"


def test_an_unreadable_edit_file_is_a_one_line_error(tmp_path, capsys):
    assert run(edit=tmp_path / "missing.yaml") == 2
    assert capsys.readouterr().err.strip() == f"orgcheck: {tmp_path / 'missing.yaml'}: no such file"


def test_orgcheck_edit_with_a_missing_file_exits_2_without_a_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "orgcheck", "--edit", str(tmp_path / "nope.yaml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "no such file" in result.stderr


async def test_the_command_palette_offers_the_less_common_actions(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Switch language: Deutsch", "Toggle dark/light theme", "Start over"} <= set(titles)
        assert "Save report" not in titles  # only once there is a result
        dark = app.current_theme.dark
        app.toggle_theme()
        await pilot.pause()
        assert app.current_theme.dark is not dark


async def test_organisation_and_respondent_go_into_the_draft(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.click("#organisation")
        await pilot.press(*"Acme", "tab", *"CMO")

        def drafted() -> tuple[str, str] | None:  # the draft is written once typing pauses
            draft, _ = load_draft(app.drafts, app.pack)
            return draft and (draft.organisation, draft.respondent)

        await wait_until(pilot, lambda: drafted() == ("Acme", "CMO"), "a draft with both names")
        assert app.session.organisation == "Acme"


async def test_editing_a_half_filled_file_asks_the_rest_and_names_what_was_dropped(make_app, tmp_path):
    source = tmp_path / "half.yaml"
    source.write_text("answers:\n  company_size: 1-9\n  budget: lots\n  budgett: none\n", encoding="utf-8")
    app = make_app(edit=source)
    async with app.run_test(size=SIZE) as pilot:
        # Named by the question, as the user sees it, not by its id ("budget"); a key that is
        # no question as it was written. On the welcome, not in a toast.
        notice = str(app.screen.query_one("#notice", Static).render())
        assert notice.endswith(
            "Some of its answers were not valid and are asked again: "
            "“Is there extra money for social media?”, 'budgett'."
        ), notice
        await pilot.press("enter")  # Start
        await pilot.pause()
        assert app.screen.question.id == "company_size"
        assert app.session.values == {"company_size": "1-9"}
    assert app.notices_seen == []


async def test_the_answers_saved_a_day_after_the_report_keep_the_reports_date(make_app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    first = make_app(date=None)
    async with first.run_test(size=SIZE) as pilot:
        first.session.values = dict(BASE_ANSWERS)
        first.show_result(first.session.assess())
        await pilot.pause()
        await pilot.press("ctrl+s", "enter")  # the report only
        await pilot.pause()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1769904000")  # 2026-02-01
    later = make_app(date=None)
    assert later.resumable
    assert later.session.report_date() == dt.date(2026, 1, 1)
