"""The words a door shows, in the current language: the terminal's screens and the browser's pages.

The questionnaire's own words are in ``strings.yaml`` beside this module; words
the report already has (severities, statuses, yes/no) and the pack's texts with
their ``[fact:id]`` citations come through the report's :class:`Localizer`, so
a figure reads the same on screen as in the report.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..pack.model import Pack, Question, Text
from ..pack.questiontypes import Refusal
from ..report.localizer import Localizer, load_strings, report_strings
from .flow import Dropped
from .session import format_label

STRINGS_FILE = Path(__file__).with_name("strings.yaml")
# The formats' words: what each is for, beside its name.
FORMAT_WORDS = {
    "html": "format_html",
    "md": "format_md",
    "json": "format_json",
    "pdf": "format_pdf",
    "yaml": "format_yaml",
}


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

    def answer(self, question_id: str, value: object, *, within: bool = False) -> str:
        """An answer as the report shows it (option labels), yes/no as the question offered them;
        ``within`` a sentence, a list's first label reads as in running text too."""
        if isinstance(value, bool):
            return self("option_yes" if value else "option_no")
        return self.localizer.answer(question_id, value, within=within)

    def yes_no(self) -> list[tuple[bool, str]]:
        """A yes/no question's choices in the order every door shows them: no first, as the
        questions whose options answer no or yes (business_units, dedicated_team) have them."""
        return [(False, self("option_no")), (True, self("option_yes"))]

    def format_label(self, fmt: str) -> str:
        """A format as the save dialog offers it ('HTML (web page)'); one these words do not
        know (a format added to the registry) by the registry's label."""
        key = FORMAT_WORDS.get(fmt)
        return self(key) if key else format_label(fmt)

    def refusal(self, refusal: Refusal) -> str:
        """Why an input is not an answer, as the field says it."""
        return self(refusal.key, **refusal.fill())

    def dropped(self, item: Dropped) -> str:
        """What a change of an earlier answer took away, named by its question."""
        question = self.text(self.pack.question(item.question).text)
        if not item.asked:
            return self("dropped_whole", question=question)
        # "Removed the social media team": in the middle of a sentence ("{items} is no longer
        # possible" begins one).
        items = self.answer(item.question, item.value, within=not item.whole)
        return self("dropped_answer" if item.whole else "dropped_items", question=question, items=items)

    def questions(self, question_ids: Iterable[str]) -> str:
        """Questions named as the user sees them („How many ...?“), not by their ids;
        an id the pack does not have (a typo in an answers file) as it was written."""
        known = {question.id: question for question in self.pack.questions}
        return ", ".join(
            self("quoted", text=self.text(known[i].text)) if i in known else repr(i) for i in question_ids
        )

    def missing(self, questions: tuple[Question, ...]) -> str:
        """Which required questions are still open, the first named."""
        return self("missing", count=len(questions), question=self.text(questions[0].text))
