"""The survey's pages: Jinja2 templates under reports/templates/survey/, in the reports' style.

Every value a page prints is escaped (autoescape); the templates get plain
values and the words (``t``) of the page's language: the questionnaire's own
(the same as the terminal's) and the browser's few more (strings.yaml here).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ...languages import LANGUAGES
from ...pack.model import Pack
from ...questionnaire.words import Words
from ...report.localizer import load_strings
from ...resources import templates_dir

STRINGS_FILE = Path(__file__).with_name("strings.yaml")


class PageWords(Words):
    """The questionnaire's words and the survey pages' own, in one language."""

    def __init__(self, pack: Pack, language: str, pages: dict[str, dict[str, str]]) -> None:
        super().__init__(pack, language)
        self._ui = {**self._ui, **pages}


def page_strings() -> dict[str, dict[str, str]]:
    return load_strings(STRINGS_FILE)


class Pages:
    """The templates, the words in each language and the stylesheet, made once per process."""

    def __init__(self, pack: Pack) -> None:
        import jinja2

        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir()),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        # Compiled now, not by the first requests (50 respondents at once would compile each alike).
        for name in self.environment.list_templates(filter_func=lambda n: n.startswith("survey/")):
            self.environment.get_template(name)
        strings = page_strings()
        self.words = {language: PageWords(pack, language, strings) for language in LANGUAGES}
        self.stylesheet = self.environment.get_template("survey/style.css.j2").render()
        fingerprint = hashlib.sha256(self.stylesheet.encode("utf-8")).hexdigest()[:12]
        self.stylesheet_path = f"/assets/orgcheck-{fingerprint}.css"

    def render(self, template: str, language: str, **values: Any) -> str:
        words = self.words[language]
        return self.environment.get_template(f"survey/{template}.html.j2").render(
            lang=language, t=words, stylesheet=self.stylesheet_path, **values
        )
