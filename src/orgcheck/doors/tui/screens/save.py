"""Save dialog: a file name with a sensible default, the folder it goes to, the format.

Nothing is replaced without asking: an existing file, or a name whose suffix
does not fit the format (a report saved over the answers file just edited, as
``a.yaml``), is confirmed first.
"""

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

from ....errors import OrgcheckError
from ....questionnaire.session import format_label, suffix, suffix_fits
from ....questionnaire.words import Words
from ....textsafe import one_line
from ..keys import KeysInLanguage
from ..widgets.marks import MarkedRadioButton
from .confirm import ConfirmDialog

# Writes the file in the given format and returns its full path; raises OrgcheckError.
Saver = Callable[[str, str], Path]  # the path as typed (a trailing "/" matters), the format


class SaveDialog(KeysInLanguage[bool], ModalScreen[bool]):
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
        self.language = words.language  # the app keeps a dialog while its language holds
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
            yield Static("", id="folder")
            if len(self.formats) > 1:
                with Horizontal(id="format-row"):
                    yield Label(words("format"), id="format-label")
                    with RadioSet(id="format"):
                        for index, fmt in enumerate(self.formats):
                            yield MarkedRadioButton(words.format_label(fmt), value=index == 0)
            yield Static("", id="error")
            with Horizontal(id="dialog-buttons"):
                yield Button(words("save"), id="save", variant="primary", compact=True)
                yield Button(words("cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        field = self.query_one("#path", Input)
        field.cursor_blink = self.cursor_blink
        field.focus()
        self.show_folder()

    def reset(self, default: Path) -> None:
        """As if new, proposing ``default``: the app keeps one dialog for each result
        (orgcheck.tui.kept), and a dialog opened again forgets what was typed."""
        self.default = default
        field = self.query_one("#path", Input)
        field.value = str(default)
        field.cursor_position = len(field.value)
        if len(self.formats) > 1:
            self.query_one("#format", RadioSet).query(RadioButton).first().value = True
        field.focus()
        self.show_folder()

    def target(self) -> str:
        """The path to write, as typed but relative to the output folder ('newdir/' stays a folder's name)."""
        text = self.query_one("#path", Input).value.strip()
        expanded = os.path.expanduser(text)  # '~nobody/x' stays as it is, never raises
        return expanded if os.path.isabs(expanded) else os.path.join(self.directory, expanded)

    @on(Input.Changed, "#path")
    def show_folder(self) -> None:
        folder = os.path.dirname(os.path.normpath(self.target()))
        self.query_one("#folder", Static).update(Content(self.words("save_folder", folder=one_line(folder))))
        self.query_one("#error", Static).display = False  # said about the name before this one

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
        if not self.query_one("#path", Input).value.strip():
            self.show_error(self.words("error_no_path"))
            return
        path = self.target()
        doubts = self.doubts(path)
        if not doubts:
            self.write_to(path)
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.write_to(path)

        words = self.words
        self.app.push_screen(
            ConfirmDialog(
                words("save_confirm_title"),
                "\n".join(doubts),
                words("save_anyway"),
                words("cancel"),
                default_yes=False,
            ),
            confirmed,
        )

    def doubts(self, path: str) -> list[str]:
        """Why writing ``path`` might not be what the user means, in their language."""
        words = self.words
        fmt = self.format
        doubts = []
        typed_suffix = os.path.splitext(path.rstrip("/" + os.sep))[1]
        if not path.endswith(("/", os.sep)) and not suffix_fits(fmt, typed_suffix):
            doubts.append(
                words(
                    "save_wrong_suffix" if typed_suffix else "save_no_suffix",
                    suffix=one_line(typed_suffix),
                    format=format_label(fmt),
                    expected=suffix(fmt),
                )
            )
        if os.path.isfile(path):
            doubts.append(
                words(
                    "save_replaces",
                    name=one_line(os.path.basename(path)),
                    folder=one_line(os.path.dirname(os.path.abspath(path))),
                )
            )
        return doubts

    def write_to(self, path: str) -> None:
        try:
            written = self.save(path, self.format)
        except OrgcheckError as error:
            self.show_error("\n".join(one_line(p.text(self.words.language)) for p in error.problems))
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
