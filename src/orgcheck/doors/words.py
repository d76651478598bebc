"""The command line's own words, in English and German: its help, its usage errors, and
argparse's fixed phrases.

argparse takes its words from gettext, which is process-wide (a server's threads share
it) and has no German catalogue anyway; so the parser is built with the words of the
language chosen (:func:`orgcheck.doors.main.build_parser`), and argparse's few fixed
phrases in its error messages are put into German here (:func:`argparse_message`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

Words = tuple[str, str]  # (English, German)


def pick(words: Words, language: str) -> str:
    return words[1] if language == "de" else words[0]


EXIT_STATUS: Words = (
    "exit status: 0 success, 2 bad input or usage or an output that cannot be written,\n"
    "1 internal error, 128+n stopped by signal n (141: the reader of the output went away)",
    "Rückgabewert: 0 Erfolg, 2 fehlerhafte Eingabe, falscher Aufruf oder eine Ausgabe, die\n"
    "sich nicht schreiben lässt, 1 interner Fehler, 128+n angehalten durch Signal n\n"
    "(141: der Leser der Ausgabe ist weg)",
)
EXAMPLES: Words = ("examples:", "Beispiele:")
COMMANDS: Words = ("commands (each with its own --help):", "Befehle (jeder mit eigenem --help):")
USAGE_PREFIX: Words = ("usage: ", "Aufruf: ")
POSITIONALS: Words = ("positional arguments", "Argumente")
OPTIONS: Words = ("options", "Optionen")
HELP: Words = ("show this help message and exit", "diese Hilfe zeigen und beenden")
VERSION_HELP: Words = ("show the version and exit", "die Version zeigen und beenden")
SEE_HELP: Words = ("see '{prog} --help'", "siehe '{prog} --help'")

MAIN_DESCRIPTION: Words = (
    "Recommends who should own social media in your organisation, from up to 16\n"
    "questions, with a report that cites its sources. Without options it starts\n"
    "the interactive questionnaire.",
    "Empfiehlt, wer in Ihrer Organisation für Social Media verantwortlich sein\n"
    "sollte, nach bis zu 16 Fragen, mit einem Bericht, der seine Quellen nennt.\n"
    "Ohne Optionen startet der interaktive Fragebogen.",
)
MAIN_EXAMPLES: Words = (
    "  orgcheck                                  start the questionnaire\n"
    "  orgcheck --example > answers.yaml         an answers file to fill in\n"
    "  orgcheck --answers answers.yaml           the report, as Markdown\n"
    "  orgcheck --answers a.yaml -o report.md    written to a file\n"
    "  orgcheck --answers a.yaml -o report.html  for the board (print it from a browser)\n"
    "  orgcheck --answers a.yaml --format json   for scripts",
    "  orgcheck                                  den Fragebogen starten\n"
    "  orgcheck --example > antworten.yaml       eine Antwortdatei zum Ausfüllen\n"
    "  orgcheck --answers antworten.yaml         der Bericht, als Markdown\n"
    "  orgcheck --answers a.yaml -o bericht.md   in eine Datei geschrieben\n"
    "  orgcheck --answers a.yaml -o bericht.html für die Geschäftsführung (im Browser drucken)\n"
    "  orgcheck --answers a.yaml --format json   für Skripte",
)

# The help of each option, by its name.
OPTION_HELP: dict[str, Words] = {
    "answers": (
        "answers file (YAML; - for standard input); prints the report without the questionnaire",
        "Antwortdatei (YAML; - für die Standardeingabe); gibt den Bericht ohne den Fragebogen aus",
    ),
    "edit": (
        "open the questionnaire with this file's answers filled in",
        "den Fragebogen mit den Antworten dieser Datei öffnen",
    ),
    "example": (
        "print a commented answers file with every question and its allowed values",
        "eine kommentierte Antwortdatei mit jeder Frage und ihren erlaubten Werten ausgeben",
    ),
    "schema": ("print the JSON Schema of the answers file", "das JSON-Schema der Antwortdatei ausgeben"),
    "output": (
        "write to PATH (atomically; - for standard output) instead of standard output",
        "nach PFAD schreiben (atomar; - für die Standardausgabe) statt auf die Standardausgabe",
    ),
    "format": (
        "{formats} (default {default}); -o's suffix implies it (-o x.html: html; "
        "pdf needs the extra orgcheck[pdf])",
        "{formats} (Vorgabe {default}); die Endung von -o legt es fest (-o x.html: html; "
        "pdf braucht das Extra orgcheck[pdf])",
    ),
    "template": (
        "render the report with your own Jinja2 template (sandboxed; see README)",
        "den Bericht mit einer eigenen Jinja2-Vorlage erzeugen (abgeschirmt; siehe README)",
    ),
    "lang": (
        "language of the report and the messages; default: the file's 'language', else the locale, else en",
        "Sprache des Berichts und der Meldungen; Vorgabe: 'language' der Datei, sonst die "
        "Spracheinstellung (locale), sonst en",
    ),
    "lang_many": (
        "language of the report and the messages; default: the one most files use (the "
        "messages: the locale), else en",
        "Sprache des Berichts und der Meldungen; Vorgabe: die der meisten Dateien (die Meldungen: "
        "die Spracheinstellung), sonst en",
    ),
    "lang_example": (
        "language of the comments; default: the locale, else en",
        "Sprache der Kommentare; Vorgabe: die Spracheinstellung, sonst en",
    ),
    "file": ("answers file (YAML; - for standard input)", "Antwortdatei (YAML; - für die Standardeingabe)"),
    "paths": ("answers files or folders", "Antwortdateien oder Ordner"),
    "before": ("the earlier answers file", "die frühere Antwortdatei"),
    "after": ("the later answers file", "die spätere Antwortdatei"),
    "data": (
        "the folder of the survey database (default: orgcheck's data folder)",
        "der Ordner der Umfrage-Datenbank (Vorgabe: der Datenordner von orgcheck)",
    ),
}

# The metavars, where a word is shown: FILE, PATH.
METAVAR: dict[str, Words] = {
    "FILE": ("FILE", "DATEI"),
    "PATH": ("PATH", "PFAD"),
    "BEFORE": ("BEFORE", "VORHER"),
    "AFTER": ("AFTER", "NACHHER"),
    "ACTION": ("ACTION", "AKTION"),
    "DIR": ("DIR", "ORDNER"),
    "FOLDER": ("FOLDER", "ORDNER"),
    "NAME": ("NAME", "NAME"),
    "SURVEY": ("SURVEY", "UMFRAGE"),
    "TITLE": ("TITLE", "TITEL"),
}

# orgcheck's own usage errors.
USAGE_ERRORS: dict[str, Words] = {
    "empty_path": ("an empty path; give a file name", "ein leerer Pfad; geben Sie einen Dateinamen an"),
    "options_before_command": (
        "options before '{command}' are orgcheck's own; put them after it",
        "Optionen vor '{command}' sind die von orgcheck selbst; setzen Sie sie dahinter",
    ),
    "needs_answers": (
        "-o/--output, --format and --template need --answers FILE",
        "-o/--output, --format und --template brauchen --answers DATEI",
    ),
    "template_and_format": (
        "--template writes its own format; leave out --format {fmt}",
        "--template schreibt sein eigenes Format; lassen Sie --format {fmt} weg",
    ),
}

# argparse's fixed phrases in its error messages, in German; the variable parts kept.
_ARGPARSE_DE: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"the following arguments are required: (.*)"), r"es fehlen diese Argumente: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"unbekannte Argumente: \1"),
    (re.compile(r"argument (.+?): (.*)"), lambda m: f"Argument {m[1]}: {argparse_message(m[2], 'de')}"),
    (re.compile(r"expected one argument"), "erwartet einen Wert"),
    (re.compile(r"expected at least one argument"), "erwartet mindestens einen Wert"),
    (re.compile(r"expected (\d+) arguments?"), r"erwartet \1 Werte"),
    (re.compile(r"invalid choice: (.*) \(choose from (.*)\)"), r"ungültige Wahl: \1 (möglich: \2)"),
    (re.compile(r"not allowed with argument (.*)"), r"nicht zusammen mit \1 erlaubt"),
    (re.compile(r"ignored explicit argument (.*)"), r"nimmt keinen Wert an (\1)"),
    (re.compile(r"ambiguous option: (.*) could match (.*)"), r"mehrdeutige Option: \1 passt zu \2"),
    (re.compile(r"one of the arguments (.*) is required"), r"eines dieser Argumente ist nötig: \1"),
    (re.compile(r"invalid (\w+) value: (.*)"), r"ungültiger Wert für \1: \2"),
    # orgcheck's own, from a type= function (argparse puts 'argument --answers: ' before it)
    (re.compile(re.escape(USAGE_ERRORS["empty_path"][0])), USAGE_ERRORS["empty_path"][1]),
]


def argparse_message(message: str, language: str) -> str:
    """An argparse error message in ``language`` (argparse says it in English)."""
    if language != "de":
        return message
    for pattern, german in _ARGPARSE_DE:
        match = pattern.fullmatch(message)
        if match:
            return german(match) if callable(german) else match.expand(german)
    return message


def is_translated(message: str) -> bool:
    """Whether argparse_message knows ``message`` (for the test that every one is)."""
    return any(pattern.fullmatch(message) for pattern, _ in _ARGPARSE_DE)
