"""Every word of the survey's pages exists in German and English, and every word a page asks for exists."""

from __future__ import annotations

import re

from conftest import REPO

from orgcheck.doors.serve.pages import page_strings
from orgcheck.languages import LANGUAGES
from orgcheck.questionnaire.words import ui_strings

TEMPLATES = REPO / "reports" / "templates" / "survey"
CODE = REPO / "src" / "orgcheck" / "doors" / "serve"
USED = re.compile(r"""(?:\bt|words|\bwords\[[^\]]+\])\(\s*["']([a-z_]+)["']""")
BUILT = {"state_{survey.state}": ["state_open", "state_closed"], "invite_{state}": [
    "invite_invited", "invite_started", "invite_submitted"]}  # fmt: skip


def _used() -> set[str]:
    keys: set[str] = set()
    for path in [*TEMPLATES.glob("*.j2"), *CODE.glob("*.py")]:
        source = path.read_text(encoding="utf-8")
        keys.update(USED.findall(source))
        for pattern, values in BUILT.items():
            if pattern in source:
                keys.update(values)
    return keys


def test_every_word_of_the_pages_has_both_languages():
    for key, value in page_strings().items():
        assert sorted(value) == sorted(LANGUAGES) and all(value[lang].strip() for lang in LANGUAGES), key


def test_every_word_a_page_asks_for_exists_and_none_is_left_unused():
    pages, shared = set(page_strings()), set(ui_strings())
    used = _used()
    assert used - pages - shared == set()
    assert pages - used == set()
    assert pages & shared == set()  # one word, one place
