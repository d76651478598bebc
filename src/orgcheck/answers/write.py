"""The answers file format, written out: saving answers, a commented example, a JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from ..languages import LANGUAGES
from ..pack.conditions import AllOf, Condition, Leaf, Not
from ..pack.model import Pack
from ..pack.questiontypes import question_type
from .validate import AnswerSet

# What an answers file is named: the first is what orgcheck writes; both are read.
ANSWERS_SUFFIXES = (".yaml", ".yml")

# The spec's example (product contract, section 3): a valid set of answers.
EXAMPLE_ANSWERS: dict[str, Any] = {
    "company_size": "250-999",
    "business_units": "single",
    "regulated": False,
    "departments": ["marketing", "pr", "support"],
    "dedicated_team": "none",
    "lead": "marketing",
    "coordination": "informal",
    "editorial": ["marketing"],
    "goals": ["awareness", "customers"],
    "goals_defined": "written",
    "inquiries": "daily",
    "budget": "campaign",
    "guidelines": False,
    "executive_sponsor": True,
    "notes": "Works council wants to be asked first.",
}


# Characters a YAML reader would not give back as written inside a quoted
# scalar: controls, and the line breaks YAML knows beyond \n (NEL, LS, PS),
# which it folds into spaces. Escaped, every string survives a save and load.
_YAML_UNSAFE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]')


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text``."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in '\\"':
            return "\\" + char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return '"' + _YAML_UNSAFE.sub(escape, text) + '"'


def _scalar(value: Any) -> str:
    """One value in YAML flow style that reads back as exactly ``value``."""
    if isinstance(value, str):
        return _quoted(value) if _needs_quotes(value) else value
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    import yaml  # here, not at the top: PyYAML is slow to import (see yamlsource)

    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
    return text.removesuffix("\n...\n").removesuffix("\n")


def _needs_quotes(text: str) -> bool:
    """Plain only where YAML reads it back as the same string (option values, simple names)."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_+.\- ]*", text) or text != text.strip():
        return True
    import yaml

    return yaml.safe_load(text) != text  # e.g. "no" -> False, "2026-11-22" -> a date


def _block(text: str, indent: str) -> str | None:
    """Multi-line text as a YAML literal block (``|-``), readable and editable by hand.

    None where a block would not read back as exactly ``text`` (e.g. a control
    character, a line of spaces only, a line break YAML folds): then it is quoted.
    """
    if "\n" not in text or _YAML_UNSAFE.search(text.replace("\n", "").replace("\\", "").replace('"', "")):
        return None
    chomp = "+" if text.endswith("\n") else "-"
    head = "2" if text[:1] == " " else ""  # an indentation indicator when the text starts indented
    block = f"|{head}{chomp}\n" + "\n".join(f"{indent}{line}" if line else "" for line in text.split("\n"))
    if chomp == "+":
        block = block.removesuffix("\n" + indent).rstrip(" ")
    import yaml

    try:
        same = yaml.safe_load(f"key: {block}\n") == {"key": text}
    except yaml.YAMLError:
        same = False
    return block if same else None


def answers_yaml(header: str, meta: Mapping[str, Any], values: Mapping[str, Any]) -> str:
    """An answers-file-shaped YAML text whose every value reads back exactly as given.

    Multi-line text (the notes) is written as a literal block, so line breaks stay
    line breaks in the file, not ``\\x0a``.
    """
    lines = [f"# {header}"]
    for key, value in meta.items():
        lines.append(f"{key}: {value.isoformat() if isinstance(value, dt.date) else _scalar(value)}")
    lines.append("answers:" if values else "answers: {}")
    for question_id, value in values.items():
        block = _block(value, "    ") if isinstance(value, str) else None
        lines.append(f"  {question_id}: {block if block is not None else _scalar(value)}")
    return "\n".join(lines) + "\n"


def dump_answers(answers: AnswerSet, pack: Pack) -> str:
    """An answers file that ``orgcheck --answers`` reads back to the same AnswerSet."""
    meta = {
        key: getattr(answers, key)
        for key in ("organisation", "respondent", "language", "date")
        if getattr(answers, key) is not None
    }
    ordered = {q.id: answers.values[q.id] for q in pack.questions if q.id in answers.values}
    return answers_yaml("orgcheck answers. Re-run with: orgcheck --answers <this file>", meta, ordered)


def describe_condition(condition: Condition) -> str:
    """A condition as a short formula: 'dedicated_team = team'."""
    if isinstance(condition, Leaf):
        value = condition.value
        shown = "[" + ", ".join(map(str, value)) + "]" if isinstance(value, list) else _scalar(value)
        words = {
            "equals": "=", "in": "in", "contains": "contains", "contains_any": "contains any of",
            "contains_all": "contains all of", "count_at_least": "has at least",
            "count_at_most": "has at most", "at_least": ">=", "at_most": "<=",
        }  # fmt: skip
        if condition.op == "answered":
            return f"{condition.question} is answered"
        return f"{condition.question} {words[condition.op]} {shown}"
    if isinstance(condition, Not):
        return f"not ({describe_condition(condition.not_)})"
    children = condition.all if isinstance(condition, AllOf) else condition.any
    joiner = " and " if isinstance(condition, AllOf) else " or "
    return joiner.join(describe_condition(c) for c in children)


# The example file's own words, in the language asked for (the questions' texts come from the pack).
EXAMPLE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "header": (
            "# orgcheck answers file (YAML, UTF-8). Fill in and run:\n"
            "#   orgcheck --answers answers.yaml\n"
            "# Every question below is required unless marked optional. A question with\n"
            "# 'asked when' must be left out when its condition does not hold."
        ),
        "organisation": "Example Ltd",
        "respondent": "Head of Marketing",
        "organisation_note": "optional, shown in the report title",
        "optional": "optional",
        "language_note": "optional: {languages} (report language)",
        "date_note": "optional: date of the assessment",
        "asked_when": "asked when: {condition}",
        "notes": "Works council wants to be asked first.",
    },
    "de": {
        "header": (
            "# orgcheck-Antwortdatei (YAML, UTF-8). Ausfüllen und aufrufen mit:\n"
            "#   orgcheck --answers antworten.yaml\n"
            "# Jede Frage unten ist Pflicht, außer sie ist als optional markiert. Eine Frage\n"
            "# mit „gefragt, wenn“ muss fehlen, wenn ihre Bedingung nicht zutrifft."
        ),
        "organisation": "Beispiel GmbH",
        "respondent": "Leitung Marketing",
        "organisation_note": "optional, erscheint im Titel des Berichts",
        "optional": "optional",
        "language_note": "optional: {languages} (Sprache des Berichts)",
        "date_note": "optional: Datum der Einschätzung",
        "asked_when": "gefragt, wenn: {condition}",
        "notes": "Der Betriebsrat möchte vorher gefragt werden.",
    },
}


def example_answers(pack: Pack, language: str, today: dt.date) -> str:
    """A commented answers file listing every question and its allowed values; valid as it is.

    Comments and sample names are in ``language``; values (option ids, true/false) are the
    file's own, the same in every language.
    """
    words = EXAMPLE_WORDS[language]
    meta = [
        (f"organisation: {_scalar(words['organisation'])}", words["organisation_note"]),
        (f"respondent: {_scalar(words['respondent'])}", words["optional"]),
        (f"language: {language}", words["language_note"].format(languages=" | ".join(LANGUAGES))),
        (f"date: {today.isoformat()}", words["date_note"]),
    ]
    lines = [words["header"], ""]
    lines += [f"{setting:<32} # {note}" for setting, note in meta]
    lines.append("answers:")
    values = dict(EXAMPLE_ANSWERS, notes=words["notes"])
    section = None
    for question in pack.questions:
        if question.section != section:
            section = question.section
            title = next(s.title(language) for s in pack.sections if s.id == section)
            lines += ["", f"  # --- {title} ---"]
        lines.append(f"  # {question.text(language)}")
        lines.append(f"  #   {question_type(question).allowed(question, language)}")
        if question.when is not None:
            lines.append("  #   " + words["asked_when"].format(condition=describe_condition(question.when)))
        if not question.required:
            lines.append(f"  #   {words['optional']}")
        if question.id in values:
            lines.append(f"  {question.id}: {_scalar(values[question.id])}")
        else:
            lines.append(f"  # {question.id}: {_scalar(question_type(question).example(question))}")
    return "\n".join(lines) + "\n"


def json_schema(pack: Pack) -> str:
    """JSON Schema (draft 2020-12) of the answers file, for editors and CI checks."""
    properties: dict[str, Any] = {}
    required = []
    for question in pack.questions:
        schema: dict[str, Any] = {"title": question.text("en"), "description": question.help("en")}
        schema.update(question_type(question).schema(question))
        if question.when is not None:
            schema["description"] += f" Asked only when {describe_condition(question.when)}."
        properties[question.id] = schema
        if question.required and question.when is None:
            required.append(question.id)
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://orgcheck.invalid/schema/answers-v1.json",
        "title": "orgcheck answers file",
        "type": "object",
        "additionalProperties": False,
        "required": ["answers"],
        "properties": {
            "organisation": {"type": "string", "maxLength": 200},
            "respondent": {"type": "string", "maxLength": 200},
            "language": {"enum": list(LANGUAGES)},
            "date": {"type": "string", "format": "date"},
            "answers": {
                "type": "object",
                "additionalProperties": False,
                "required": required,
                "properties": properties,
            },
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


__all__ = ["answers_yaml", "dump_answers", "example_answers", "json_schema"]
