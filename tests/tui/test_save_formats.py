"""The save dialog offers every report format of the registry, HTML included, and opens nothing."""

from __future__ import annotations

from textual.widgets import RadioButton, RadioSet

from orgcheck.doors.tui.screens.save import SaveDialog
from orgcheck.report import formats

from .conftest import SIZE, show_result


async def test_the_save_dialog_offers_the_registrys_formats_and_saves_html(make_app, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda *args, **kwargs: opened.append(args))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await show_result(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SaveDialog)
        labels = [str(button.label) for button in dialog.query(RadioButton)]
        assert (
            labels
            == [entry.label for entry in formats.FORMATS.values()]
            == ["Markdown", "JSON", "HTML", "PDF"]
        )
        dialog.query_one("#format", RadioSet).query(RadioButton)[2].value = True
        await pilot.pause()
        path = dialog.query_one("#path").value
        assert path.endswith(".html"), path
        await pilot.press("enter")
        await pilot.pause()
    written = tmp_path / path
    assert written.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="en">')
    assert opened == []  # the report is saved, not opened in a browser


async def test_a_format_added_to_the_registry_is_offered(make_app, monkeypatch):
    toy = formats.Format("txt", "Plain text", ".txt", "report.txt.j2")
    monkeypatch.setitem(formats.FORMATS, "txt", toy)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await show_result(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [str(b.label) for b in app.screen.query(RadioButton)][-1] == "Plain text"
