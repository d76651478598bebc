"""Save dialog: a file name with a sensible default, the format, and the result of writing."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from ...errors import OrgcheckError
from ...report import formats as report_formats
from ...textsafe import one_line
from ..words import Words

# Writes the file in the given format and returns its full path; raises OrgcheckError.
Saver = Callable[[str, str], Path]  # the path as typed (a trailing "/" matters), the format
ANSWERS_FORMAT = "yaml"


def suffix(fmt: str) -> str:
    """A format's file suffix: the answers' or a report format's (the registry's)."""
    return ".yaml" if fmt == ANSWERS_FORMAT else report_formats.FORMATS[fmt].suffix


class SaveDialog(ModalScreen[bool]):
    CSS_PATH = "save.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(
        self,
        words: Words,
        title: str,
        default: Path,
        formats: tuple[str, ...],
        save: Saver,
        *,
        directory: Path,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.words = words
        self.title_text = title
        self.default = default
        self.formats = formats
        self.save = save
        self.directory = directory
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        words = self.words
        with Vertical(id="dialog"):
            yield Static(self.title_text, id="dialog-title")
            yield Label(words("file"))
            yield Input(str(self.default), id="path")
            if len(self.formats) > 1:
                with Horizontal(id="format-row"):
                    yield Label(words("format"), id="format-label")
                    with RadioSet(id="format"):
                        for index, fmt in enumerate(self.formats):
                            yield RadioButton(report_formats.FORMATS[fmt].label, value=index == 0)
            yield Static("", id="error")
            with Horizontal(id="dialog-buttons"):
                yield Button(words("save"), id="save", variant="primary", compact=True)
                yield Button(words("cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        field = self.query_one("#path", Input)
        field.cursor_blink = self.cursor_blink
        field.focus()

    @property
    def format(self) -> str:
        if len(self.formats) == 1:
            return self.formats[0]
        return self.formats[max(self.query_one("#format", RadioSet).pressed_index, 0)]

    @on(RadioSet.Changed, "#format")
    def follow_format(self) -> None:
        """Change the file name's suffix with the format, unless the user chose another one."""
        field = self.query_one("#path", Input)
        path = Path(field.value)
        if path.suffix in {suffix(f) for f in self.formats}:
            field.value = str(path.with_suffix(suffix(self.format)))

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def write(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.show_error(self.words("error_no_path"))
            return
        # As typed: 'newdir/' must stay a folder's name, and '~nobody/x' must not raise.
        expanded = os.path.expanduser(text)
        path = expanded if os.path.isabs(expanded) else os.path.join(self.directory, expanded)
        try:
            written = self.save(path, self.format)
        except OrgcheckError as error:
            self.show_error("\n".join(one_line(str(p)) for p in error.problems))
            return
        self.app.notify(self.words("saved", path=one_line(str(written))), markup=False, timeout=8)
        self.dismiss(True)

    def show_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.update(Content(message))
        error.display = True

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
