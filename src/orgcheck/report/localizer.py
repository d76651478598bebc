"""The report's words in one language: strings, numbers, dates and cited figures.

Shared by every report format and by the TUI (``tui/words.py``), so a figure
reads the same on screen as in the report. Nothing here knows a format: the
texts are plain, and escaping them is each format's business (``formats.py``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from .. import yamlio
from ..engine.assess import Assessment, FiredFinding, existing_unit
from ..errors import OrgcheckError, Problem
from ..languages import LANGUAGES
from ..pack.model import FACT_REFERENCE, RULE_OF_THUMB, Pack, Source, Text
from ..resources import templates_dir
from ..store import cache as trusted

_GERMAN_ARTICLES = frozenset({"Der", "Die", "Das", "Den", "Dem", "Ein", "Eine", "Einen", "Einem", "Einer"})

# The code a cached strings file depends on (see load_strings), relative to the package.
_STRINGS_CODE = ("report/localizer.py", "yamlio/source.py", "yamlio/compose.py", "store/cache.py")


@cache
def load_strings(path: Path) -> dict[str, Any]:
    """A strings file (the report's, the TUI's): every key must have every language.

    Once checked, the strings are cached like the pack, keyed by the file's bytes:
    the questionnaire then starts without PyYAML (see orgcheck.yamlio).
    """
    text = yamlio.read_text(path)
    kind = f"strings-{path.parent.name}"
    cache_key = trusted.key({path.name: text}, _STRINGS_CODE)
    strings = trusted.read_plain(kind, cache_key)
    if not isinstance(strings, dict):
        strings = _checked_strings(yamlio.parse(text, str(path)))
        trusted.write_plain(kind, cache_key, strings)
    return strings


def _checked_strings(document: yamlio.Document) -> dict[str, Any]:
    strings = document.value
    if not isinstance(strings, dict):
        raise OrgcheckError(Problem("expected a mapping of keys to texts", document.where(())))
    problems = [
        Problem(f"string '{key}' needs both languages ({', '.join(LANGUAGES)})", document.where((key,)))
        for key, value in strings.items()
        if not isinstance(value, dict) or any(not value.get(lang) for lang in LANGUAGES)
    ]
    if problems:
        raise OrgcheckError(problems)
    return strings


def report_strings() -> dict[str, Any]:
    """The report's words in both languages (reports/templates/strings.yaml)."""
    return load_strings(templates_dir() / "strings.yaml")


class Localizer:
    """Words, numbers, dates and cited figures in one language.

    It keeps the ids of the facts it cites, so the report's "Sources" lists
    those and no others; ``unrecorded()`` renders a text the report will not show.
    """

    def __init__(self, pack: Pack, language: str, strings: dict[str, Any]) -> None:
        self.pack = pack
        self.language = language
        self.strings = strings
        self.cited: set[str] = set()
        self._recording = True

    @contextlib.contextmanager
    def unrecorded(self) -> Iterator[None]:
        recording, self._recording = self._recording, False
        try:
            yield
        finally:
            self._recording = recording

    def record(self, fact_id: str) -> None:
        """Count a fact as cited (the charts show figures without a citation each)."""
        if self._recording:
            self.cited.add(fact_id)

    def cited_facts(self, source: Source) -> list[str]:
        """The ids of the facts cited from ``source``, in the order of sources.yaml."""
        return [f.id for f in self.pack.facts if f.source == source.id and f.id in self.cited]

    def word(self, key: str) -> str:
        """A report string; it may cite facts like pack texts do."""
        return self._cite_all(self.strings[key][self.language])

    def words(self) -> dict[str, str]:
        """Every report string by its key, for a template (the month names are the dates')."""
        return {key: self.word(key) for key in self.strings if key != "months"}

    # Numbers and dates by hand, not Babel: measured, importing Babel and formatting a date
    # and a percentage costs 60 ms a run (the headless command takes about 150 ms), its
    # package is 33 MB, and its German percent ('39\xa0%') would change every report's bytes.
    def percent(self, value: float) -> str:
        number = f"{value:g}"
        if self.language == "de":
            return number.replace(".", ",") + " %"
        return number + "%"

    def number(self, value: int) -> str:
        """10,000 in English, 10.000 in German (the pack writes its own numbers so too)."""
        grouped = f"{value:,}"
        return grouped.replace(",", ".") if self.language == "de" else grouped

    def date(self, day: dt.date) -> str:
        month = self.strings["months"][self.language][day.month - 1]
        return f"{day.day}. {month} {day.year}" if self.language == "de" else f"{day.day} {month} {day.year}"

    def cite(self, fact_id: str, *, trend: bool = False) -> str:
        """A fact's figure with its source: '39 % (S1)', 'von 24 % auf 35 % (S2)', '(S1)'."""
        self.record(fact_id)
        fact = self.pack.fact(fact_id)
        source = f"({self.pack.source(fact.source).short})"
        if fact.percent is None:
            return source
        if trend and fact.previous_percent is not None:
            before, now = self.percent(fact.previous_percent), self.percent(fact.percent)
            words = f"von {before} auf {now}" if self.language == "de" else f"from {before} to {now}"
            return f"{words} {source}"
        return f"{self.percent(fact.percent)} {source}"

    def text(self, text: Text) -> str:
        """A pack text with every [fact:id] and [fact-trend:id] rendered."""
        return self._cite_all(text(self.language))

    def _cite_all(self, text: str) -> str:
        """Render every citation; a fact that another source words differently
        brings its one-sentence note, once, at the end of the text."""
        notes: list[str] = []

        def one(match: re.Match[str]) -> str:
            differs = self.pack.fact(match.group(2)).differs
            if differs is not None and differs(self.language) not in notes:
                notes.append(differs(self.language))
            return self.cite(match.group(2), trend=bool(match.group(1)))

        rendered = FACT_REFERENCE.sub(one, text)
        if RULE_OF_THUMB in rendered:
            rendered = rendered.replace(RULE_OF_THUMB, self.strings["rule_of_thumb"][self.language])
        return " ".join([rendered, *notes])

    def unit(self, unit: str, assessment: Assessment) -> str:
        values = assessment.answers.values
        if unit == "legal" and existing_unit(unit, assessment.answers) != unit:
            return self.word("unit_legal_external")  # the firm has none: approval is an adviser's
        if unit in self.pack.department_values:
            option = self.pack.question("departments").option(unit)
            assert option is not None
            return option.label(self.language)
        if unit == "social_team" and values.get("dedicated_team") == "none":
            return self.word("unit_social_team_new")
        return self.word(f"unit_{unit}")

    def answer(self, question_id: str, value: object, *, within: bool = False) -> str:
        """An answer in words; a list's labels as a list reads in the language
        ('Marketing, the social media team'); ``within`` a sentence, its first too."""
        question = self.pack.question(question_id)
        if isinstance(value, bool):
            return self.word("answer_yes" if value else "answer_no")
        if isinstance(value, list):
            labels = [self._option_label(question_id, v) for v in value]
            listed = [self.within(label) if within or n else label for n, label in enumerate(labels)]
            return ", ".join(listed) if labels else self.word("none_chosen")
        if question.type == "single":
            return self._option_label(question_id, value)
        return str(value)

    def evidence(self, finding: FiredFinding, values: Any) -> list[str]:
        """The answers behind a finding in words: 'Final say: Nobody in particular'."""
        return [
            f"{self.pack.question(q).short(self.language)}: "
            + (self.answer(q, values[q]) if q in values else self.word("not_asked"))
            for q in finding.evidence
        ]

    def within(self, label: str) -> str:
        """An option's label inside a sentence or after the first of a list: English lowers
        a capitalised first word ('The', 'Customer'; not 'PR'), German only an article."""
        word = label.partition(" ")[0]
        if self.language == "de":
            lower = word in _GERMAN_ARTICLES
        else:
            lower = len(word) > 1 and word[0].isupper() and word[1:].islower()
        return label[0].lower() + label[1:] if lower else label

    def _option_label(self, question_id: str, value: object) -> str:
        option = self.pack.question(question_id).option(value)
        return option.label(self.language) if option else str(value)
