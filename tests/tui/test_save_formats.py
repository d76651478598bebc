"""The save dialog offers every report format of the registry this machine can write, HTML
included (PDF where its extra and a browser are installed), and opens nothing."""

from __future__ import annotations

import pytest
from textual.widgets import RadioButton, RadioSet

from orgcheck.doors.tui.screens.save import SaveDialog
from orgcheck.report import formats

from .conftest import SIZE, show_result


async def open_save_dialog(app, pilot) -> SaveDialog:
    """The result shown, then ctrl+s: the dialog saving the report."""
    await show_result(app, pilot)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, SaveDialog)
    return app.screen


async def test_the_save_dialog_offers_the_registrys_formats_and_saves_html(make_app, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda *args, **kwargs: opened.append(args))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_save_dialog(app, pilot)
        labels = [str(button.label) for button in dialog.query(RadioButton)]
        offered = len(formats.offered())  # PDF only with its extra and a browser
        assert (
            labels
            == [
                "HTML (a web page, to pass on)",
                "Markdown (text)",
                "JSON (data for programs)",
                "PDF (to print)",
            ][:offered]
        )
        path = dialog.query_one("#path").value
        assert path.endswith(".html"), path  # HTML unless chosen otherwise: what people pass on
        await pilot.press("enter")
        await pilot.pause()
    written = tmp_path / path
    assert written.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="en">')
    assert opened == []  # the report is saved, not opened in a browser


async def test_the_format_labels_are_german_in_german(make_app):
    app = make_app(language="de")
    async with app.run_test(size=SIZE) as pilot:
        await show_result(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        labels = [str(button.label) for button in app.screen.query(RadioButton)]
        assert (
            labels
            == [
                "HTML (Webseite, zum Weitergeben)",
                "Markdown (Text)",
                "JSON (Daten für Programme)",
                "PDF (zum Drucken)",
            ][: len(formats.offered())]
        )
        assert app.screen.query(RadioButton).first().value  # HTML chosen


async def test_the_command_line_still_writes_markdown_by_default():
    assert formats.DEFAULT == "md" and formats.names()[0] == "md"


async def test_a_format_added_to_the_registry_is_offered(make_app, monkeypatch):
    toy = formats.Format("txt", "Plain text", ".txt", "report.txt.j2")
    monkeypatch.setitem(formats.FORMATS, "txt", toy)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await show_result(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [str(b.label) for b in app.screen.query(RadioButton)][-1] == "Plain text"


async def test_the_save_dialog_writes_a_pdf_where_one_can_be_written(make_app, tmp_path):
    if "pdf" not in formats.offered():
        pytest.skip("no PDF here: the pdf extra or a browser is missing")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_save_dialog(app, pilot)
        buttons = dialog.query_one("#format", RadioSet).query(RadioButton)
        [pdf_button] = [button for button in buttons if str(button.label).startswith("PDF")]
        pdf_button.value = True
        await pilot.pause()
        path = dialog.query_one("#path").value
        assert path.endswith(".pdf"), path
        await pilot.press("enter")
        for _ in range(300):  # printing takes the browser a moment
            if (tmp_path / path).exists():
                break
            await pilot.pause(0.1)
    assert (tmp_path / path).read_bytes().startswith(b"%PDF-")
