"""Every word on the screens exists in German and English, and every key the code asks for exists."""

from __future__ import annotations

import re
from pathlib import Path

from orgcheck.doors.tui.screens.base import KEY_WORDS
from orgcheck.languages import LANGUAGES
from orgcheck.questionnaire.words import STRINGS_FILE, ui_strings

SRC = Path(__file__).resolve().parents[2] / "src" / "orgcheck"
# The code that names the questionnaire's words: the TUI, the questionnaire, the question types' refusals
# (the survey pages' own words are checked in tests/serve/test_words.py).
WORD_USERS = [SRC / "doors" / "tui", SRC / "questionnaire", SRC / "pack" / "questiontypes.py"]


def _code() -> list[Path]:
    return [
        p for folder in WORD_USERS for p in ([folder] if folder.is_file() else sorted(folder.rglob("*.py")))
    ]


# words("key", ...) and words(f"prefix_{x}") calls in the TUI's code.
CALL = re.compile(r"""words\(\s*(f?)["']([a-z_{}.]+)["']""")
# Keys built from a variable part, with every value that part takes.
DYNAMIC = {
    "save_{kind}_title": ["save_report_title", "save_answers_title"],
    "{field}_label": ["organisation_label", "respondent_label"],
    "{field}_placeholder": ["organisation_placeholder", "respondent_placeholder"],
}
REPORT_WORDS = re.compile(r"""words\.report\(\s*(f?)["']([a-z_{}']+)["']""")


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in _code():
        for is_f, key in CALL.findall(path.read_text(encoding="utf-8")):
            keys.update(DYNAMIC[key] if is_f else [key])
    return keys | set(KEY_WORDS.values())


def test_every_string_has_both_languages():
    strings = ui_strings(STRINGS_FILE)
    for key, value in strings.items():
        assert sorted(value) == sorted(LANGUAGES), key
        assert all(value[lang].strip() for lang in LANGUAGES), key


def test_every_key_the_code_uses_exists():
    missing = used_keys() - set(ui_strings(STRINGS_FILE))
    assert not missing


def test_no_string_is_left_unused():
    # Keys may also be named in tables (e.g. the hint for each question type).
    literals = set()
    for path in _code():
        literals.update(re.findall(r"""["']([a-z_]+)["']""", path.read_text(encoding="utf-8")))
    unused = set(ui_strings(STRINGS_FILE)) - used_keys() - literals
    assert not unused


def test_placeholders_match_between_languages():
    for key, value in ui_strings(STRINGS_FILE).items():
        names = {lang: set(re.findall(r"{(\w+)}", value[lang])) for lang in LANGUAGES}
        assert names["de"] == names["en"], key


def test_dynamic_keys_are_found_in_the_code():
    found = set()
    for path in _code():
        found.update(key for is_f, key in CALL.findall(path.read_text(encoding="utf-8")) if is_f)
    assert found == set(DYNAMIC)
