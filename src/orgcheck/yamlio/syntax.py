"""YAML's own syntax errors in words a user can act on, in English and German.

PyYAML (its Python parser and libyaml's) says what went wrong in fixed English
phrases: a context ("while scanning a quoted scalar") and a problem ("found
unexpected end of stream"), some with the character found. Each phrase is put into
German by the tables here; a phrase they do not know stays as it is. For the
mistakes people make most, a hint says what to do, in both languages:

* a colon in an unquoted value (``notes: Geschäftsführer sagt: „nö“``; German
  quotes are no YAML quotes): put the text in quotes, with the line as it should be;
* no space after a colon (``company_size:10-49``): put one there;
* a tab in the indentation: indent with spaces;
* a quote or a ``[``/``{`` that is never closed: where it was opened.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import Location, Problem, shorten

CONTEXTS_DE = {
    "while scanning a simple key": "beim Lesen eines Schlüssels",
    "while scanning a plain scalar": "beim Lesen eines Werts ohne Anführungszeichen",
    "while scanning a quoted scalar": "beim Lesen eines Werts in Anführungszeichen",
    "while scanning a double-quoted scalar": "beim Lesen eines Werts in Anführungszeichen",
    "while scanning a single-quoted scalar": "beim Lesen eines Werts in Anführungszeichen",
    "while parsing a quoted scalar": "beim Lesen eines Werts in Anführungszeichen",
    "while scanning a block scalar": "beim Lesen eines Textblocks (| oder >)",
    "while scanning an alias": "beim Lesen eines Alias (*)",
    "while scanning an anchor": "beim Lesen eines Ankers (&)",
    "while scanning a tag": "beim Lesen eines Tags (!)",
    "while parsing a tag": "beim Lesen eines Tags (!)",
    "while scanning a directive": "beim Lesen einer Direktive (%)",
    "while scanning a %YAML directive": "beim Lesen einer %YAML-Direktive",
    "while scanning a %TAG directive": "beim Lesen einer %TAG-Direktive",
    "while scanning a tag directive": "beim Lesen einer %TAG-Direktive",
    "while parsing a %TAG directive": "beim Lesen einer %TAG-Direktive",
    "while parsing a tag directive": "beim Lesen einer %TAG-Direktive",
    "while scanning for the next token": "beim Suchen des nächsten Elements",
    "while parsing a block mapping": "beim Lesen einer Zuordnung (Schlüssel: Wert)",
    "while parsing a flow mapping": "beim Lesen einer Zuordnung in { }",
    "while parsing a flow sequence": "beim Lesen einer Liste in [ ]",
    "while parsing a block collection": "beim Lesen einer Liste (- Einträge)",
    "while parsing a block node": "beim Lesen eines Werts",
    "while parsing a flow node": "beim Lesen eines Werts",
    "while parsing a node": "beim Lesen eines Werts",
    "while increasing block level": "beim Einrücken",
    "while increasing flow level": "beim Verschachteln",
    "while composing a mapping": "beim Lesen einer Zuordnung",
    "expected a single document in the stream": "erwartet wird ein einziges Dokument",
}

# The problems: (a pattern over the English phrase, its German with the pattern's groups).
_PROBLEMS_DE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(pattern), german)
    for pattern, german in (
        (
            r"mapping values are not allowed (?:here|in this context)",
            "hier ist kein 'Schlüssel: Wert' erlaubt",
        ),
        (r"mapping keys are not allowed (?:here|in this context)", "hier ist kein Schlüssel erlaubt"),
        (
            r"(?:block )?sequence entries are not allowed (?:here|in this context)",
            "hier ist kein Listeneintrag ('- ') erlaubt",
        ),
        (r"could not find expected ':'", "das erwartete ':' fehlt"),
        (r"did not find expected key", "hier wird ein Schlüssel erwartet"),
        (r"did not find expected node content", "hier wird ein Wert erwartet"),
        (r"expected the node content, but found (.*)", r"hier wird ein Wert erwartet, gefunden: \1"),
        (r"did not find expected ',' or '\]'", "',' oder ']' fehlt"),
        (r"expected ',' or '\]', but got (.*)", r"',' oder ']' fehlt, gefunden: \1"),
        (r"did not find expected ',' or '\}'", "',' oder '}' fehlt"),
        (r"expected ',' or '\}', but got (.*)", r"',' oder '}' fehlt, gefunden: \1"),
        (r"did not find expected '-' indicator", "hier wird ein Listeneintrag ('- ') erwartet"),
        (r"did not find expected <document start>", "hier wird der Anfang eines Dokuments erwartet"),
        (
            r"expected '<document start>', but found (.*)",
            r"hier wird der Anfang eines Dokuments erwartet, gefunden: \1",
        ),
        (r"expected <block end>, but found (.*)", r"der eingerückte Block endet hier nicht, gefunden: \1"),
        (r"found character that cannot start any token", "ein Zeichen, mit dem nichts beginnen kann"),
        (
            r"found character (.*) that cannot start any token",
            r"das Zeichen \1, mit dem nichts beginnen kann",
        ),
        (
            r"found a tab character (?:that violates indentation|where an indentation space is expected)",
            "ein Tabulator, wo mit Leerzeichen eingerückt werden muss",
        ),
        (r"found unexpected end of stream", "die Datei endet unerwartet"),
        (r"found unknown escape character(.*)", r"unbekannte Escape-Sequenz nach '\\'\1"),
        (r"found unexpected ':'", "ein unerwartetes ':'"),
        (r"found undefined alias (.*)", r"der Alias \1 hat keinen Anker (&)"),
        (r"found undefined tag handle(.*)", r"unbekanntes Tag-Kürzel\1"),
        (r"found unexpected document (?:indicator|separator)", "ein unerwartetes '---' oder '...'"),
        (r"but found another document", "aber es folgt ein weiteres Dokument"),
        (
            r"did not find expected alphabetic or numeric character",
            "hier wird ein Buchstabe oder eine Ziffer erwartet",
        ),
        (
            r"expected alphabetic or numeric character, but found (.*)",
            r"hier wird ein Buchstabe oder eine Ziffer erwartet, gefunden: \1",
        ),
        (
            r"did not find expected comment or line break",
            "hier wird ein Kommentar oder das Zeilenende erwartet",
        ),
        (
            r"expected a comment or a line break, but found (.*)",
            r"hier wird ein Kommentar oder das Zeilenende erwartet, gefunden: \1",
        ),
        (r"did not find expected whitespace(?: or line break)?", "hier wird ein Leerzeichen erwartet"),
        (r"expected ' ', but found (.*)", r"hier wird ein Leerzeichen erwartet, gefunden: \1"),
        (r"did not find the expected '>'|expected '>', but found .*", "das erwartete '>' fehlt"),
        (r"did not find expected '!'|expected '!', but found .*", "das erwartete '!' fehlt"),
        (
            r"did not find expected tag URI|expected URI, but found .*",
            "hier wird die URI eines Tags erwartet",
        ),
        (
            r"did not find URI escaped octet|expected URI escape sequence.*",
            "eine ungültige %-Sequenz in einer URI",
        ),
        (
            r"found an indentation indicator equal to 0"
            r"|expected indentation indicator in the range 1-9, but found 0",
            "die Einrückungsangabe muss zwischen 1 und 9 liegen",
        ),
        (
            r"expected chomping or indentation indicators, but found (.*)",
            r"nach | oder > wird -, + oder eine Ziffer erwartet, gefunden: \1",
        ),
        (
            r"found invalid Unicode character escape code|expected escape sequence of .*",
            "eine ungültige Unicode-Escape-Sequenz",
        ),
        (r"found duplicate anchor (.*); first occurrence", r"doppelter Anker \1; zuerst"),
        (r"second occurrence", "dann noch einmal"),
        (r"found duplicate (?:%YAML|%TAG|YAML) directive", "doppelte Direktive"),
        (
            r"found incompatible YAML document.*|incompatible %YAML directive",
            "eine YAML-Version, die nicht gelesen wird",
        ),
        (r"found unknown directive name|could not find expected directive name", "unbekannte Direktive"),
        (
            r"(?:did not find expected|expected a) digit.*"
            r"|found extremely long version number|did not find expected version number",
            "eine ungültige YAML-Version",
        ),
        (r"found unexpected non-alphabetical character", "ein unerwartetes Zeichen"),
        (r"exceeded maximum nesting depth", "zu tief verschachtelt"),
        (r"did not find expected hexdecimal number", "hier wird eine Hexadezimalzahl erwartet"),
        (r"duplicate tag handle (.*)", r"doppeltes Tag-Kürzel \1"),
        (r"found non-specific tag '!'", "ein Tag '!' ohne Namen"),
    )
]


def syntax_problem(exc: Any, name: str, text: str) -> Problem:
    """The problem of a ``yaml.MarkedYAMLError``: where, what (in both languages), and a hint."""
    mark = exc.problem_mark or exc.context_mark
    english, german = [], []
    if exc.context:
        context_mark = exc.context_mark
        where = (context_mark.line + 1, context_mark.column + 1) if context_mark else None
        english.append(exc.context + (f" (line {where[0]}, column {where[1]})" if where else ""))
        german.append(
            CONTEXTS_DE.get(exc.context, exc.context)
            + (f" (Zeile {where[0]}, Spalte {where[1]})" if where else "")
        )
    if exc.problem:
        english.append(exc.problem)
        german.append(problem_de(exc.problem))
    hint = _hint(exc, text)
    message = "not valid YAML: " + (": ".join(english) or "invalid YAML")
    message_de = "kein gültiges YAML: " + (": ".join(german) or "ungültiges YAML")
    if hint:
        message, message_de = f"{message}; {hint[0]}", f"{message_de}; {hint[1]}"
    location = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
    return Problem(message, location, de=message_de)


def problem_de(problem: str) -> str:
    """A YAML problem phrase in German (as it is if the tables do not know it)."""
    for pattern, german in _PROBLEMS_DE:
        match = pattern.fullmatch(problem)
        if match:
            return match.expand(german)
    return problem


def is_known(phrase: str) -> bool:
    """Whether a context or problem phrase has its German (for the tests)."""
    return phrase in CONTEXTS_DE or any(pattern.fullmatch(phrase) for pattern, _ in _PROBLEMS_DE)


# --- hints ------------------------------------------------------------------------------

_KEY_AND_VALUE = re.compile(r"^(\s*(?:-\s+)?)([^\s:#'\"][^:#]*?):\s+(.*\S)\s*$")
_NO_SPACE_AFTER_COLON = re.compile(r"^\s*(?:-\s+)?([\w-]+):(\S.*)$")
_TYPOGRAPHIC_QUOTES = "„“”‚‘’«»"


def _hint(exc: Any, text: str) -> tuple[str, str] | None:
    lines = text.splitlines()
    mark = exc.problem_mark
    problem = exc.problem or ""
    context = exc.context or ""
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "mapping values are not allowed" in problem and mark is not None:
        return _colon_hint(line, mark.column) or _space_hint(lines, mark.line)
    if "tab" in problem or (line[: len(line) - len(line.lstrip())].count("\t") and mark and mark.column == 0):
        return (
            f"indent with spaces, not tabs (line {mark.line + 1} has a tab)",
            f"rücken Sie mit Leerzeichen ein, nicht mit Tabulatoren (Zeile {mark.line + 1} hat einen)",
        )
    opened = exc.context_mark
    if opened is None:
        return None
    at, at_de = (
        f"line {opened.line + 1}, column {opened.column + 1}",
        f"Zeile {opened.line + 1}, Spalte {opened.column + 1}",
    )
    if "quoted scalar" in context and "end of stream" in problem:
        return (
            f"the quote on {at} is never closed: close it, or for a quote inside the text put the "
            "text in the other kind of quotes",
            f"das Anführungszeichen in {at_de} wird nie geschlossen: schließen Sie es, oder setzen "
            "Sie Text, der selbst eines enthält, in die andere Art Anführungszeichen",
        )
    if "flow sequence" in context:
        return (
            f"the '[' on {at} is never closed with ']'",
            f"das '[' in {at_de} wird nie mit ']' geschlossen",
        )
    if "flow mapping" in context:
        return (
            f"the '{{' on {at} is never closed with '}}'",
            f"die '{{' in {at_de} wird nie mit '}}' geschlossen",
        )
    if "simple key" in context:
        return _space_hint(lines, opened.line + 1)
    return None


def _colon_hint(line: str, column: int) -> tuple[str, str] | None:
    """``key: text with: a colon``: put the text in quotes, with the line as it would read."""
    match = _KEY_AND_VALUE.match(line)
    if match is None or column <= match.start(3):
        return None
    indent, key, value = match.groups()
    quoted = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
    fixed = shorten(f"{indent.lstrip()}{key}: {quoted}", 70)
    german_quotes = any(q in value for q in _TYPOGRAPHIC_QUOTES)
    return (
        f"the text after '{key}:' has a ': ' in it"
        + (" (and „ “ are no quotes to YAML)" if german_quotes else "")
        + f"; put the text in quotes: {fixed}",
        f"im Text nach '{key}:' steht ': '"
        + (" (und „ “ sind für YAML keine Anführungszeichen)" if german_quotes else "")
        + f"; setzen Sie den Text in Anführungszeichen: {fixed}",
    )


def _space_hint(lines: list[str], before: int) -> tuple[str, str] | None:
    """``company_size:10-49`` on the line before ``before`` (0-based): a space after the colon."""
    for number in range(min(before, len(lines)) - 1, -1, -1):
        if not lines[number].strip() or lines[number].lstrip().startswith("#"):
            continue
        match = _NO_SPACE_AFTER_COLON.match(lines[number])
        if match is None or match.group(2).startswith(("/", ":")):
            return None
        fixed = shorten(f"{match.group(1)}: {match.group(2)}", 70)
        return (
            f"put a space after the colon on line {number + 1}: {fixed}",
            f"setzen Sie in Zeile {number + 1} ein Leerzeichen nach dem Doppelpunkt: {fixed}",
        )
    return None
