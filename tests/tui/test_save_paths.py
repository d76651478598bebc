"""The save dialog on the paths that crashed it (issue 8, item 3): each is a message, the dialog stays."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from orgcheck.doors.tui.screens.save import SaveDialog

from .conftest import SIZE, show_result


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "r" * 300 + ".html",
            "cannot write the file: File name too long; nothing was changed; choose a shorter name",
        ),
        ("~no-such-user-here/report.html", "directory '{dir}/~no-such-user-here' does not exist"),
        ("newdir/", "names a folder (it ends in '/') and there is none"),
    ],
    ids=["name-too-long", "unknown-user", "trailing-slash"],
)
async def test_a_path_that_cannot_be_written_is_a_message_in_the_dialog(make_app, tmp_path, typed, message):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await show_result(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#path").value = typed
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        shown = str(app.screen.query_one("#error", Static).content)
        assert message.format(dir=tmp_path) in shown, shown
    assert app.crash is None
    assert list(tmp_path.iterdir()) == []  # nothing written, no folder made
