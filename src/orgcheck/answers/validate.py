"""Answers: reading an answers file and checking it against the questionnaire.

The result is an :class:`AnswerSet` whose values are normalised (multiple
choices in the questionnaire's option order), so the order of a list in the
file never changes a report. Every problem is collected and reported with its
file, line and column; a file with mistakes never gets a partial assessment.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import yamlio
from ..errors import Location, OrgcheckError, Problem, did_you_mean, shorten
from ..languages import LANGUAGES
from ..pack.conditions import AnswerValue, holds, leaves
from ..pack.model import Pack, Question
from ..pack.questiontypes import question_type

TOP_LEVEL_KEYS = ("organisation", "respondent", "language", "date", "answers")
MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class AnswerSet:
    """Validated answers plus the file's metadata."""

    values: Mapping[str, AnswerValue]
    organisation: str | None = None
    respondent: str | None = None
    language: str | None = None
    date: dt.date | None = None
    source: str = "<answers>"

    def chosen(self, question_id: str) -> list[str]:
        """The options chosen in a multiple choice; none where it was not asked."""
        chosen = self.values.get(question_id) or []
        assert isinstance(chosen, list), question_id
        return chosen


def default_date() -> dt.date:
    """The date of an assessment whose file gives none: SOURCE_DATE_EPOCH, else today."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise OrgcheckError(
                Problem(
                    f"SOURCE_DATE_EPOCH must be a Unix timestamp in whole seconds, not {shorten(epoch)!r}",
                    de="SOURCE_DATE_EPOCH muss ein Unix-Zeitstempel in ganzen Sekunden sein, "
                    f"nicht {shorten(epoch)!r}",
                )
            ) from None
    return dt.date.today()


def iso_date(text: str) -> dt.date | None:
    """A date written as 2026-11-22, or None; not the other forms fromisoformat takes (20261122, 2026-W47)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def load_answers(path: Path, pack: Pack, *, label: str | None = None) -> AnswerSet:
    """Read, parse and validate an answers file."""
    document = yamlio.load(path, label=label)
    return validate_document(document, pack)


def parse_answers(text: str, pack: Pack, *, name: str = "<answers>") -> AnswerSet:
    return validate_document(yamlio.parse(text, name), pack)


def validate_document(document: yamlio.Document, pack: Pack) -> AnswerSet:
    return _Validator(document, pack).run()


def format_value(value: AnswerValue) -> str:
    """An answer as the evidence and the answers file show it: ``[a, b]``, ``true``, ``daily``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return str(value)


def _yaml_word(value: Any, language: str = "en") -> str:
    """What YAML read, in words: 'a list', 'the number 5', ''markting''."""
    de = language == "de"
    if isinstance(value, dt.datetime):
        return f"ein Datum mit Uhrzeit, {value}" if de else f"a date and time, {value}"
    if isinstance(value, bool):
        return "einen Ja/Nein-Wert (true/false)" if de else "a yes/no value (true/false)"
    if value is None:
        return "nichts" if de else "nothing"
    if isinstance(value, list):
        return "eine Liste" if de else "a list"
    if isinstance(value, dict):
        return "eine Zuordnung (Mapping)" if de else "a mapping"
    if isinstance(value, (int, float)):
        return f"die Zahl {value}" if de else f"the number {value}"
    if isinstance(value, dt.date):
        return "ein Datum" if de else "a date"
    return f"'{shorten(value)}'"


def is_asked(question: Question, values: Mapping[str, AnswerValue]) -> bool:
    """Whether ``question`` is asked given the earlier answers: the one rule for the file and the TUI."""
    return question.when is None or holds(question.when, values)


def option_problem(
    pack: Pack, question: Question, value: Any, values: Mapping[str, AnswerValue], language: str = "en"
) -> str | None:
    """Why ``value`` cannot be chosen for ``question`` given the earlier answers, or None.

    Options copied with ``options_from`` must also be answers of that question;
    ``option_rules`` add conditions of their own.
    """
    source = question.options_from
    if source and value in pack.question(source).values:
        chosen = values.get(source)
        if not isinstance(chosen, list) or value not in chosen:
            if language == "de":
                return (
                    f"'{value}' ist keine der Antworten auf {source} ({format_value(chosen or [])}); "
                    f"ergänzen Sie es zuerst dort"
                )
            return (
                f"'{value}' is not one of the {source} answered ({format_value(chosen or [])}); "
                f"add it to {source} first"
            )
    for rule in pack.option_rules:
        if rule.question == question.id and rule.value == value and not holds(rule.requires, values):
            return rule.message(language)
    return None


class _Validator:
    def __init__(self, document: yamlio.Document, pack: Pack) -> None:
        self.document = document
        self.pack = pack
        self.problems: list[Problem] = []
        self.values: dict[str, AnswerValue] = {}
        self.invalid: set[str] = set()  # answered, but wrongly: not reported as missing too

    def fail(self, message: str, *path: str | int, de: str | None = None) -> None:
        self.problems.append(Problem(message, self.document.where(path), de=de))

    def run(self) -> AnswerSet:
        data = self.document.value
        if data is None:
            raise OrgcheckError(
                Problem(
                    "the file is empty; an answers file needs an 'answers:' mapping "
                    "(run 'orgcheck --example' for one to fill in)",
                    Location(self.document.file, 1, 1),
                    de="die Datei ist leer; eine Antwortdatei braucht einen Abschnitt 'answers:' "
                    "(eine Vorlage zum Ausfüllen gibt 'orgcheck --example --lang de')",
                )
            )
        if not isinstance(data, dict):
            raise OrgcheckError(
                Problem(
                    f"expected a mapping with 'answers:' at the top, found {_yaml_word(data)}",
                    Location(self.document.file, 1, 1),
                    de="erwartet wird eine Zuordnung mit 'answers:' oben, "
                    f"gefunden: {_yaml_word(data, 'de')}",
                )
            )
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                self.fail(
                    f"unknown key '{shorten(key)}'{did_you_mean(key, list(TOP_LEVEL_KEYS))}; "
                    f"allowed: {', '.join(TOP_LEVEL_KEYS)}",
                    key,
                    de=f"unbekannter Schlüssel '{shorten(key)}'"
                    f"{did_you_mean(key, list(TOP_LEVEL_KEYS), 'de')}; "
                    f"erlaubt: {', '.join(TOP_LEVEL_KEYS)}",
                )
        organisation = self._name(data, "organisation")
        respondent = self._name(data, "respondent")
        language = self._language(data)
        date = self._date(data)
        answers = data.get("answers")
        if "answers" not in data:
            self.problems.append(
                Problem(
                    "missing 'answers:' (the mapping of question id to answer)",
                    Location(self.document.file, 1, 1),
                    de="'answers:' fehlt (die Zuordnung von Fragen-ID zu Antwort)",
                )
            )
        elif not isinstance(answers, dict):
            self.fail(
                f"'answers' must be a mapping of question id to answer, found {_yaml_word(answers)}",
                "answers",
                de="'answers' muss eine Zuordnung von Fragen-ID zu Antwort sein, "
                f"gefunden: {_yaml_word(answers, 'de')}",
            )
        else:
            self._answers(answers)
        if self.problems:
            raise OrgcheckError(self.problems, language=language)
        return AnswerSet(
            values=self.values,
            organisation=organisation,
            respondent=respondent,
            language=language,
            date=date,
            source=self.document.file,
        )

    # --- metadata ---------------------------------------------------------------

    def _name(self, data: dict[str, Any], key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(
                f"'{key}' must be text, found {_yaml_word(value)}; put it in quotes",
                key,
                de=f"'{key}' muss Text sein, gefunden: {_yaml_word(value, 'de')}; "
                "setzen Sie ihn in Anführungszeichen",
            )
            return None
        if len(value) > MAX_NAME_LENGTH:
            self.fail(
                f"'{key}' is {len(value)} characters long; at most {MAX_NAME_LENGTH}",
                key,
                de=f"'{key}' ist {len(value)} Zeichen lang; höchstens {MAX_NAME_LENGTH}",
            )
            return None
        return value.strip() or None

    def _language(self, data: dict[str, Any]) -> str | None:
        value = data.get("language")
        if value is None:
            return None
        if value not in LANGUAGES:
            self.fail(
                f"language {_yaml_word(value)} is not supported{did_you_mean(value, list(LANGUAGES))}; "
                f"use one of: {', '.join(LANGUAGES)}",
                "language",
                de=f"die Sprache {_yaml_word(value, 'de')} wird nicht unterstützt"
                f"{did_you_mean(value, list(LANGUAGES), 'de')}; möglich sind: {', '.join(LANGUAGES)}",
            )
            return None
        return str(value)

    def _date(self, data: dict[str, Any]) -> dt.date | None:
        value = data.get("date")
        if value is None:
            return None
        if yamlio.is_date(value):
            return value
        if isinstance(value, str):
            day = iso_date(value)
            if day is not None:
                return day
        self.fail(
            f"'date' must be a date like 2026-11-22, found {_yaml_word(value)}",
            "date",
            de=f"'date' muss ein Datum wie 2026-11-22 sein, gefunden: {_yaml_word(value, 'de')}",
        )
        return None

    # --- answers ------------------------------------------------------------------

    def _answers(self, answers: dict[str, Any]) -> None:
        ids = [q.id for q in self.pack.questions]
        for key in answers:
            if key not in ids:
                self.fail(
                    f"unknown question '{shorten(key)}'{did_you_mean(key, ids)}",
                    "answers",
                    key,
                    de=f"unbekannte Frage '{shorten(key)}'{did_you_mean(key, ids, 'de')}",
                )
        missing: list[Question] = []
        for question in self.pack.questions:
            asked = is_asked(question, self.values)
            if question.id not in answers or (answers[question.id] is None and not question.required):
                if asked and question.required and not self._depends_on_invalid(question):
                    missing.append(question)
                continue
            if self._depends_on_invalid(question):
                self.invalid.add(question.id)  # judged once the earlier answer is fixed
                continue
            if not asked:
                self.fail(
                    self._not_asked(question), "answers", question.id, de=self._not_asked(question, "de")
                )
                continue
            value = self._value(question, answers[question.id])
            if value is not None or question.id in self.values:
                self.values[question.id] = value
            else:
                self.invalid.add(question.id)
        for question in missing:
            self.fail(
                f"missing answer to '{question.id}' ({question.text('en')}); {self._expected(question)}",
                "answers",
                de=f"Antwort auf '{question.id}' fehlt ({question.text('de')}); "
                f"{self._expected(question, 'de')}",
            )

    def _depends_on_invalid(self, question: Question) -> bool:
        """A question whose condition or options look at a wrongly answered one cannot be judged."""
        if not self.invalid:  # the usual case: nothing answered wrongly so far
            return False
        looked_at = {leaf.question for leaf in leaves(question.when)} if question.when else set()
        return bool((looked_at | self._option_sources(question)) & self.invalid)

    def _option_sources(self, question: Question) -> set[str]:
        """The earlier questions whose answers decide which options are open here."""
        sources = {question.options_from} if question.options_from else set()
        for rule in self.pack.option_rules:
            if rule.question == question.id:
                sources.update(leaf.question for leaf in leaves(rule.requires))
        return sources

    def _not_asked(self, question: Question, language: str = "en") -> str:
        unanswered = "nicht beantwortet" if language == "de" else "not answered"
        shown = ", ".join(
            f"{q} = {format_value(self.values[q])}" if q in self.values else f"{q} {unanswered}"
            for q in dict.fromkeys(leaf.question for leaf in leaves(question.when))  # type: ignore[arg-type]
        )
        if language == "de":
            return f"'{question.id}' wird hier nicht gefragt ({shown}); entfernen Sie die Antwort"
        return f"'{question.id}' is not asked here ({shown}); remove it"

    def _expected(self, question: Question, language: str = "en") -> str:
        choices = ", ".join(str(v) for v in self._allowed(question)) if question.options else ""
        if language == "de":
            return {
                "boolean": "antworten Sie mit true oder false",
                "integer": f"geben Sie eine ganze Zahl von {question.minimum} bis {question.maximum} an",
                "text": "geben Sie Text an",
                "multi": f"geben Sie eine Liste an aus: {choices}" if choices else "geben Sie eine Liste an",
                "single": f"wählen Sie eines von: {choices}",
            }[question.type]
        if question.type == "boolean":
            return "answer true or false"
        if question.type == "integer":
            return f"give a whole number from {question.minimum} to {question.maximum}"
        if question.type == "text":
            return "give text"
        if question.type == "multi":
            return f"give a list of: {choices}" if choices else "give a list"
        return f"choose one of: {choices}"

    def _allowed(self, question: Question) -> list[Any]:
        """The options open given the earlier answers (options_from and option_rules).

        While an answer they depend on is missing, every option is listed: the
        user is about to give that answer too.
        """
        if any(source not in self.values for source in self._option_sources(question)):
            return list(question.values)
        return [o.value for o in question.options if self._option_problem(question, o.value) is None]

    def _option_problem(self, question: Question, value: Any) -> str | None:
        return option_problem(self.pack, question, value, self.values)

    def _value(self, question: Question, raw: Any) -> AnswerValue:
        path = ("answers", question.id)
        kind = question.type
        rules = question_type(question)  # the type's own rules, shared with the draft and the TUI
        if kind == "boolean":
            if rules.accepts(raw):
                return raw
            return self._bad(
                f"'{question.id}' must be true or false, found {_yaml_word(raw)}",
                path,
                de=f"'{question.id}' muss true oder false sein, gefunden: {_yaml_word(raw, 'de')}",
            )
        if kind == "integer":
            if not rules.accepts(raw):
                return self._bad(
                    f"'{question.id}' must be a whole number, found {_yaml_word(raw)}",
                    path,
                    de=f"'{question.id}' muss eine ganze Zahl sein, gefunden: {_yaml_word(raw, 'de')}",
                )
            low, high = question.minimum, question.maximum
            if not rules.within_limits(question, raw):
                return self._bad(
                    f"'{question.id}' must be from {low} to {high}, found {raw}",
                    path,
                    de=f"'{question.id}' muss zwischen {low} und {high} liegen, gefunden: {raw}",
                )
            return raw
        if kind == "text":
            if not rules.accepts(raw):
                return self._bad(
                    f"'{question.id}' must be text, found {_yaml_word(raw)}; put it in quotes",
                    path,
                    de=f"'{question.id}' muss Text sein, gefunden: {_yaml_word(raw, 'de')}; "
                    "setzen Sie ihn in Anführungszeichen",
                )
            if not rules.within_limits(question, raw):
                return self._bad(
                    f"'{question.id}' is {len(raw)} characters long; at most {question.max_length}",
                    path,
                    de=f"'{question.id}' ist {len(raw)} Zeichen lang; höchstens {question.max_length}",
                )
            return raw
        if kind == "single":
            if isinstance(raw, (list, dict)):
                return self._bad(
                    f"'{question.id}' takes one answer, found {_yaml_word(raw)}; {self._expected(question)}",
                    path,
                    de=f"'{question.id}' nimmt eine Antwort, gefunden: {_yaml_word(raw, 'de')}; "
                    f"{self._expected(question, 'de')}",
                )
            return self._option(question, raw, path)
        # multi
        if not isinstance(raw, list):
            example = f"[{shorten(raw)}]" if isinstance(raw, str) else "[a, b]"
            return self._bad(
                f"'{question.id}' must be a list, e.g. {example}, found {_yaml_word(raw)}",
                path,
                de=f"'{question.id}' muss eine Liste sein, z. B. {example}, "
                f"gefunden: {_yaml_word(raw, 'de')}",
            )
        chosen: list[str] = []
        ok = True
        for index, item in enumerate(raw):
            if isinstance(item, (list, dict)):
                self._bad(
                    f"'{question.id}' lists {_yaml_word(item)}; give plain values",
                    (*path, index),
                    de=f"'{question.id}' enthält {_yaml_word(item, 'de')}; geben Sie einfache Werte an",
                )
                ok = False
                continue
            value = self._option(question, item, (*path, index))
            if value is None:
                ok = False
            elif value in chosen:
                self._bad(
                    f"'{question.id}' lists '{value}' twice",
                    (*path, index),
                    de=f"'{question.id}' enthält '{value}' zweimal",
                )
                ok = False
            else:
                chosen.append(str(value))
        if not ok:
            return None
        if not rules.within_limits(question, chosen):
            return self._bad(
                f"'{question.id}' needs at least {question.min_items} answer; {self._expected(question)}",
                path,
                de=f"'{question.id}' braucht mindestens {question.min_items} Antwort; "
                f"{self._expected(question, 'de')}",
            )
        order = [o.value for o in question.options]
        return sorted(chosen, key=order.index)

    def _option(self, question: Question, raw: Any, path: tuple[str | int, ...]) -> AnswerValue:
        if isinstance(raw, str) and question.option(raw) is not None:
            return self._open_option(question, raw, path)
        values = [str(v) for v in question.values]
        if isinstance(raw, bool):
            word = {True: "yes/true/on", False: "no/false/off"}[raw]
            return self._bad(
                f"'{question.id}': YAML read {word} as a yes/no value, not an option; "
                f"{self._expected(question)}",
                path,
                de=f"'{question.id}': YAML liest {word} als Ja/Nein-Wert, nicht als Option; "
                f"{self._expected(question, 'de')}",
            )
        if not isinstance(raw, str) or raw not in values:
            return self._bad(
                f"'{question.id}': {_yaml_word(raw)} is not an option"
                f"{did_you_mean(raw, values)}; {self._expected(question)}",
                path,
                de=f"'{question.id}': {_yaml_word(raw, 'de')} ist keine Option"
                f"{did_you_mean(raw, values, 'de')}; {self._expected(question, 'de')}",
            )
        return self._open_option(question, raw, path)

    def _open_option(self, question: Question, raw: str, path: tuple[str | int, ...]) -> AnswerValue:
        """An option of the question, if the earlier answers leave it open."""
        problem = self._option_problem(question, raw)
        if problem:
            german = option_problem(self.pack, question, raw, self.values, "de")
            return self._bad(f"'{question.id}': {problem}", path, de=f"'{question.id}': {german}")
        return raw

    def _bad(self, message: str, path: tuple[str | int, ...], de: str | None = None) -> AnswerValue:
        """Record the problem; returns None, the value of a wrong answer (``return self._bad(...)``)."""
        self.fail(message, *path, de=de)
        return None
