"""The keys in the user's language: the footer, the keys panel and the command palette.

Textual words its own keys and commands in English ("Focus Next", "Copy
selected text", "Search for commands…") and writes ctrl+n as ``^n``. Here they
are put into the questionnaire's words (strings.yaml) through Textual's
supported hooks: a screen's ``active_bindings`` (what the footer and the keys
panel read), ``App.get_key_display``, the palette's placeholder and
``App.get_system_commands``. Textual is pinned; tests/tui/test_keys.py fails
when one of its keys or commands is no longer worded here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.binding import ActiveBinding, Binding
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits
from textual.keys import format_key
from textual.screen import Screen
from textual.system_commands import SystemCommandsProvider

from ...questionnaire.words import Words

if TYPE_CHECKING:
    from textual.app import SystemCommand

    from .host import Host

# orgcheck's own keys, by action; the words are in strings.yaml.
KEY_WORDS = {
    "next": "key_next",
    "go_on": "key_next",
    "back": "key_back",
    "review": "key_review",
    "result": "key_result",
    "start": "key_start",
    "choose": "key_choose",
    "cancel": "key_cancel",
    "save_report": "key_save_report",
    "save_answers": "key_save_answers",
    "quit": "key_quit",
    "command_palette": "key_commands",
    "toggle_keys": "key_help",
}

# Textual's keys of the widgets orgcheck shows, by the description Textual gives them.
TEXTUAL_WORDS = {
    # every screen
    "Focus Next": "key_focus_next",
    "Focus Previous": "key_focus_previous",
    "Copy selected text": "key_copy",
    "Press button": "key_press",
    # scrolling (the welcome, the result's tabs, the report)
    "Scroll Up": "key_scroll_up",
    "Scroll Down": "key_scroll_down",
    "Scroll Left": "key_scroll_left",
    "Scroll Right": "key_scroll_right",
    "Scroll Home": "key_scroll_home",
    "Scroll End": "key_scroll_end",
    "Page Up": "key_page_up",
    "Page Down": "key_page_down",
    "Page Left": "key_page_left",
    "Page Right": "key_page_right",
    # lists: the options of a question, the review's rows, the result's tabs
    "Up": "key_up",
    "Down": "key_down",
    "First": "key_first",
    "Last": "key_last",
    "Select": "key_select",
    "Toggle option": "key_tick",
    "Next option": "key_next_option",
    "Previous option": "key_previous_option",
    "Toggle": "key_toggle",
    "Next tab": "key_next_tab",
    "Previous tab": "key_previous_tab",
    # a name, a number, a file name (Input)
    "Submit": "key_submit",
    "Move cursor left": "key_cursor_left",
    "Move cursor right or accept the completion suggestion": "key_cursor_right",
    "Move cursor left a word": "key_word_left",
    "Move cursor right a word": "key_word_right",
    "Move cursor left and select": "key_select_left",
    "Move cursor right and select": "key_select_right",
    "Move cursor left a word and select": "key_select_word_left",
    "Move cursor right a word and select": "key_select_word_right",
    "Go to start": "key_line_start",
    "Go to end": "key_line_end",
    "Select line start": "key_select_line_start",
    "Select line end": "key_select_line_end",
    "Delete character left": "key_delete_left",
    "Delete character right": "key_delete_right",
    "Delete left to start of word": "key_delete_word_left",
    "Delete right to start of word": "key_delete_word_right",
    "Delete all to the left": "key_delete_line_start",
    "Delete all to the right": "key_delete_line_end",
    "Select all": "key_select_all",
    "Cut selected text": "key_cut",
    "Paste text from the clipboard": "key_paste",
    # the notes (TextArea)
    "Cursor up": "key_cursor_up",
    "Cursor down": "key_cursor_down",
    "Cursor left": "key_cursor_left",
    "Cursor right": "key_cursor_right",
    "Cursor word left": "key_word_left",
    "Cursor word right": "key_word_right",
    "Cursor line start": "key_line_start",
    "Cursor line end": "key_line_end",
    "Cursor page up": "key_page_up",
    "Cursor page down": "key_page_down",
    "Cursor up select": "key_select_up",
    "Cursor down select": "key_select_down",
    "Cursor left select": "key_select_left",
    "Cursor right select": "key_select_right",
    "Cursor left word select": "key_select_word_left",
    "Cursor right word select": "key_select_word_right",
    "Cursor line start select": "key_select_line_start",
    "Cursor line end select": "key_select_line_end",
    "Select line": "key_select_line",
    "Delete line": "key_delete_line",
    "Delete to line start": "key_delete_line_start",
    "Delete to line end": "key_delete_line_end",
    "Undo": "key_undo",
    "Redo": "key_redo",
    "Copy": "key_copy",
    "Cut": "key_cut",
    "Paste": "key_paste",
}

# Key names as a keyboard in the language labels them ("Strg", "Pos1").
KEY_NAMES = {
    "ctrl": "key_name_ctrl",
    "shift": "key_name_shift",
    "escape": "key_name_escape",
    "enter": "key_name_enter",
    "space": "key_name_space",
    "backspace": "key_name_backspace",
    "delete": "key_name_delete",
    "home": "key_name_home",
    "end": "key_name_end",
    "pageup": "key_name_pageup",
    "pagedown": "key_name_pagedown",
}
ARROWS = {"up": "↑", "down": "↓", "left": "←", "right": "→"}

# Textual's own palette commands, by their title: the word orgcheck gives it, or None where
# it is left out. "Theme" opens a list of Textual's themes, in English; orgcheck's own
# command toggles light and dark. "Screenshot" writes an SVG of the screen and says so in
# English; the report is what people pass on.
TEXTUAL_COMMANDS = {
    "Theme": None,
    "Quit": "quit",
    "Keys": "cmd_keys",
    "Maximize": "cmd_maximize",
    "Minimize": "cmd_minimize",
    "Screenshot": None,
}

# Bindings are frozen and compared by value: a few hundred distinct ones at most.
_worded_cache: dict[tuple[Binding, str], Binding] = {}


def key_display(binding: Binding, words: Words) -> str:
    """A key as the footer and the keys panel show it: 'Strg+N', 'Esc', 'Umschalt+Tab'."""
    if binding.key_display:
        return binding.key_display
    modifiers, key = binding.parse_key()
    names = [words(KEY_NAMES[m]) if m in KEY_NAMES else m.capitalize() for m in modifiers]
    if key in KEY_NAMES:
        name = words(KEY_NAMES[key])
    elif key in ARROWS:
        name = ARROWS[key]
    else:
        name = format_key(key)  # "f1", "tab", "?"
        name = name.upper() if len(name) == 1 else name.capitalize()
    return "+".join([*names, name])


def _worded(binding: Binding, words: Words) -> Binding:
    """``binding`` with its description (and tooltip) in the words' language."""
    cached = _worded_cache.get((binding, words.language))
    if cached is not None:
        return cached
    action = binding.action.rpartition(".")[2]
    key = KEY_WORDS.get(action) or TEXTUAL_WORDS.get(binding.description)
    description = words(key) if key else binding.description
    # A tooltip of Textual's ("Open the command palette") would stay English: the footer
    # then shows the description, which is worded.
    worded = replace(binding, description=description, tooltip="")
    _worded_cache[(binding, words.language)] = worded
    return worded


def worded_bindings(bindings: Mapping[str, ActiveBinding], words: Words) -> dict[str, ActiveBinding]:
    """A screen's active bindings with every description in the words' language."""
    return {
        key: ActiveBinding(node, _worded(binding, words), enabled, "")
        for key, (node, binding, enabled, _) in bindings.items()
    }


ResultT = TypeVar("ResultT")


class KeysInLanguage(Screen[ResultT]):
    """A screen whose footer and keys panel speak the user's language (every screen of orgcheck's).

    The footer and the keys panel show a screen's ``active_bindings``; the keys
    themselves are not changed, so what a key does stays Textual's.
    """

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return worded_bindings(super().active_bindings, cast("Host", self.app).words)


def textual_commands(app: Any, screen: Screen[Any], words: Words) -> Iterable[SystemCommand]:
    """Textual's palette commands that orgcheck keeps, in its words, in Textual's order."""
    from textual.app import SystemCommand

    yield SystemCommand(words("quit"), words("cmd_quit_help"), app.action_quit)
    if screen.query("HelpPanel"):
        yield SystemCommand(words("cmd_keys_hide"), words("cmd_keys_hide_help"), app.action_hide_help_panel)
    else:
        yield SystemCommand(words("cmd_keys"), words("cmd_keys_help"), app.action_show_help_panel)
    if screen.maximized is not None:
        yield SystemCommand(words("cmd_minimize"), words("cmd_minimize_help"), screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(words("cmd_maximize"), words("cmd_maximize_help"), screen.action_maximize)


class OrgcheckCommands(SystemCommandsProvider):
    """The palette's commands in the app's order (orgcheck's first), not alphabetically.

    A search that finds nothing offers the keys and help rather than Textual's
    "No matches found".
    """

    async def discover(self) -> Hits:
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        found = False
        async for hit in super().search(query):
            found = True
            yield hit
        if not found and query.strip():
            words = cast("Host", self.app).words
            yield Hit(
                1.0,
                words("palette_nothing", query=query.strip()),
                self.app.action_show_help_panel,
                help=words("palette_nothing_help"),
            )


def command_palette(words: Words) -> CommandPalette:
    """The command palette, searched in the user's language."""
    return CommandPalette(placeholder=words("palette_placeholder"), id="--command-palette")
