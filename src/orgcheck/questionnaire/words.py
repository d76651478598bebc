"""The words a door shows, in the current language: the terminal's screens and the browser's pages.

The questionnaire's own words are in ``strings.yaml`` beside this module; words
the report already has (severities, statuses, yes/no) and the pack's texts with
their ``[fact:id]`` citations come through the report's :class:`Localizer`, so
a figure reads the same on screen as in the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..pack.model import Pack, Question, Text
from ..pack.questiontypes import Refusal
from ..report.localizer import Localizer, load_strings, report_strings
from .flow import Dropped

STRINGS_FILE = Path(__file__).with_name("strings.yaml")


def ui_strings(path: Path = STRINGS_FILE) -> dict[str, dict[str, str]]:
    """The questionnaire's strings; every key must have every language."""
    return load_strings(path)


class Words:
    """Everything a door shows in one language."""

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

    def refusal(self, refusal: Refusal) -> str:
        """Why an input is not an answer, as the field says it."""
        return self(refusal.key, **refusal.fill())

    def dropped(self, item: Dropped) -> str:
        """What a change of an earlier answer took away, named by its question."""
        question = self.text(self.pack.question(item.question).text)
        if not item.asked:
            return self("dropped_whole", question=question)
        items = self.answer(item.question, item.value)
        return self("dropped_answer" if item.whole else "dropped_items", question=question, items=items)

    def missing(self, questions: tuple[Question, ...]) -> str:
        """Which required questions are still open, the first named."""
        return self("missing", count=len(questions), question=self.text(questions[0].text))
