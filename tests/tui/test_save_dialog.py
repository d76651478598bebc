"""Saving never replaces a file without asking, warns about a suffix that does not fit, shows the folder."""

from __future__ import annotations

from textual.widgets import Input, Static

from orgcheck.doors.tui.screens.confirm import ConfirmDialog
from orgcheck.doors.tui.screens.save import SaveDialog

from .conftest import SIZE, show_result


async def open_save(app, pilot, key: str, name: str) -> None:
    await show_result(app, pilot)
    await pilot.press(key)
    await pilot.pause()
    app.screen.query_one("#path", Input).value = name
    await pilot.pause()


async def test_saving_the_report_over_the_answers_file_asks_first(make_app, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("kept: true\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_save(app, pilot, "ctrl+s", "a.yaml")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        body = str(app.screen.query_one("#dialog-body", Static).content)
        assert "“a.yaml” already exists" in body
        assert "ends in “.yaml”, but this saves HTML" in body
        await pilot.press("escape")  # no: back in the dialog, nothing written
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        assert answers.read_text(encoding="utf-8") == "kept: true\n"


async def test_confirming_replaces_the_file(make_app, tmp_path):
    report = tmp_path / "report.html"
    report.write_text("old\n", encoding="utf-8")
    app = make_app(language="de")
    async with app.run_test(size=SIZE) as pilot:
        await open_save(app, pilot, "ctrl+s", "report.html")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        body = str(app.screen.query_one("#dialog-body", Static).content)
        assert body == f"„report.html“ gibt es in {tmp_path} schon; Speichern ersetzt die Datei."
        await pilot.click("#yes")
        await pilot.pause()
        assert not isinstance(app.screen, (SaveDialog, ConfirmDialog))
    assert report.read_text(encoding="utf-8") == app.report_text("html")


async def test_a_new_file_with_a_fitting_name_is_saved_without_a_question(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_save(app, pilot, "ctrl+e", "answers.yml")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, (SaveDialog, ConfirmDialog))
    assert (tmp_path / "answers.yml").exists()


async def test_the_dialog_shows_the_folder_that_will_be_written(make_app, tmp_path):
    (tmp_path / "out").mkdir()
    app = make_app(language="de")
    async with app.run_test(size=SIZE) as pilot:
        await open_save(app, pilot, "ctrl+s", "out/r.md")
        shown = str(app.screen.query_one("#folder", Static).content)
        assert shown == f"Ordner: {tmp_path / 'out'}"


async def test_the_german_dialog_says_why_a_path_cannot_be_written_in_german(make_app, tmp_path):
    app = make_app(language="de")
    async with app.run_test(size=SIZE) as pilot:
        await open_save(app, pilot, "ctrl+s", "no-such-folder/r.html")
        await pilot.press("enter")
        await pilot.pause()
        shown = str(app.screen.query_one("#error", Static).content)
        assert shown.endswith(
            f"kann nicht schreiben: den Ordner '{tmp_path / 'no-such-folder'}' gibt es nicht"
        )
