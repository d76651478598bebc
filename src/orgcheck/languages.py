"""Which language to speak: the one asked for, else the file's, else the locale's, else English."""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("de", "en")  # every text of the pack, the report and the doors is in each


def locale_language(environ: Mapping[str, str] = os.environ) -> str | None:
    """The first of LC_ALL, LC_MESSAGES, LANG that is set, if it names a supported language."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in LANGUAGES else None
    return None


def choose_language(flag: str | None, from_file: str | None) -> str:
    return flag or from_file or locale_language() or "en"


# Each language's name in itself, for a choice between them.
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}
