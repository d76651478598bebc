"""The words on the screens, in the current language.

The TUI's own words are in ``strings.yaml`` beside this module; words the
report already has (severities, statuses, yes/no) and the pack's texts with
their ``[fact:id]`` citations come through the report's :class:`Localizer`, so
a figure reads the same on screen as in the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..pack.model import Pack, Text
from ..report.localizer import Localizer, load_strings, report_strings

STRINGS_FILE = Path(__file__).with_name("strings.yaml")


def ui_strings(path: Path = STRINGS_FILE) -> dict[str, dict[str, str]]:
    """The TUI's strings; every key must have every language."""
    return load_strings(path)


class Words:
    """Everything a screen shows in one language."""

    def __init__(self, pack: Pack, language: str) -> None:
        self.pack = pack
        self.language = language
        self.localizer = Localizer(pack, language, report_strings())
        self._ui = ui_strings()

    def __call__(self, key: str, **values: Any) -> str:
        text = self._ui[key][self.language]
        return text.format(**values) if values else text

    def report(self, key: str) -> str:
        """A word the report uses (reports/templates/strings.yaml)."""
        return self.localizer.word(key)

    def text(self, text: Text) -> str:
        """A pack text with its [fact:id] citations rendered ("39 % (S1)")."""
        return self.localizer.text(text)

    def answer(self, question_id: str, value: object) -> str:
        """An answer as the report shows it (option labels), yes/no as the question offered them."""
        if isinstance(value, bool):
            return self("option_yes" if value else "option_no")
        return self.localizer.answer(question_id, value)
