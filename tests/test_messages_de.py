"""Messages about an answers file exist in German too: `--lang de` and the German questionnaire show them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

from orgcheck.answers.validate import load_answers
from orgcheck.doors.main import main
from orgcheck.errors import OrgcheckError

CORPUS = Path(__file__).parent / "corpus"
# The kinds of mistake whose every message has a German text: all of them, what the YAML
# parser says about broken syntax too (its phrases put into German by yamlio/syntax.py).
TRANSLATED = (
    "unknown-names", "cross-field", "not-asked", "encoding", "wrong-types", "hostile", "limits",
    "duplicates", "structure", "syntax",
)  # fmt: skip


@pytest.mark.parametrize(
    "path",
    [p for kind in TRANSLATED for p in sorted((CORPUS / kind).iterdir()) if not p.name.startswith(".")],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_message_about_these_mistakes_has_a_german_text(pack, path):
    with pytest.raises(OrgcheckError) as caught:
        load_answers(path, pack)
    for problem in caught.value.problems:
        assert problem.de, problem.message
        assert problem.text("de") != problem.text("en")


def test_lang_de_prints_the_messages_in_german(tmp_path, capsys):
    answers = tmp_path / "a.yaml"
    answers.write_text("answers:\n  company_size: huge\n  departmens: [marketing]\n", encoding="utf-8")
    assert main(["--answers", str(answers), "--lang", "de"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"orgcheck: {answers}:3:3: unbekannte Frage 'departmens' (meinten Sie 'departments'?)"
    assert err[1].startswith(
        f"orgcheck: {answers}:2:3: 'company_size': 'huge' ist keine Option; wählen Sie eines von: 1-9,"
    )
    assert any("Antwort auf 'regulated' fehlt" in line for line in err)


def test_without_lang_the_messages_stay_english(tmp_path, capsys):
    assert main(["--answers", str(tmp_path / "missing.yaml")]) == 2
    assert capsys.readouterr().err.strip() == f"orgcheck: {tmp_path / 'missing.yaml'}: no such file"
    assert main(["--answers", str(tmp_path / "missing.yaml"), "--lang", "de"]) == 2
    assert capsys.readouterr().err.strip() == f"orgcheck: {tmp_path / 'missing.yaml'}: Datei nicht gefunden"


# --- every message the command line can print has its German (issue 26, point 4) ------------

SOURCE = Path(__file__).resolve().parent.parent / "src" / "orgcheck"
# Not the command line's: the TUI says its words from questionnaire/strings.yaml (both
# languages, checked there), and the pack's and the strings files' own checks speak to whoever
# edits those shipped files, as a traceback would.
NOT_THE_COMMAND_LINES = ("doors/tui/", "pack/load.py", "report/localizer.py")
# Calls that pass on words already in the language: OrgcheckError's own wrapping of a
# string, and the parser's one line (argparse's message put into German, or orgcheck's own
# usage error picked in the language; tested below).
PASSED_ON = {"errors.py:OrgcheckError", "doors/command.py:_say"}


def _calls(name: str):
    """Every call of ``name`` outside NOT_THE_COMMAND_LINES and PASSED_ON: (where, the call)."""
    import ast

    def visit(node, relative: str, scopes: tuple[str, ...]):
        if any(f"{relative}:{scope}" in PASSED_ON for scope in scopes):
            return
        for child in ast.iter_child_nodes(node):
            inner = (*scopes, child.name) if isinstance(child, (ast.FunctionDef, ast.ClassDef)) else scopes
            called = getattr(child, "func", None)
            if isinstance(child, ast.Call) and getattr(called, "id", getattr(called, "attr", None)) == name:
                yield f"{relative}:{child.lineno}", child
            yield from visit(child, relative, inner)

    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE).as_posix()
        if not relative.startswith(NOT_THE_COMMAND_LINES):
            yield from visit(ast.parse(path.read_text(encoding="utf-8")), relative, ())


def _is_text(node) -> bool:
    import ast

    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def test_every_problem_the_command_line_can_raise_has_a_german_text():
    """A Problem without de=, or an OrgcheckError of a bare string, would print English under
    --lang de; so would a line said as a bare string."""
    untranslated = [
        where for where, call in _calls("Problem") if not any(k.arg == "de" for k in call.keywords)
    ]
    untranslated += [where for where, call in _calls("OrgcheckError") if call.args and _is_text(call.args[0])]
    untranslated += [where for where, call in _calls("say") if call.args and _is_text(call.args[0])]
    assert untranslated == []


# Broken YAML of every kind the parsers know a phrase for (and the corpus's syntax files).
BROKEN_YAML = [
    "a: b: c\n", "a:\n  b: 1\n c: 2\n", "a: [1, 2\nb: 3\n", "a: {x: 1\nb: 2\n", 'a: "open\n', "a: 'open\n",
    "a:\n\tb: 1\n", "- a\nb: 1\n", "a: 1\n- b\n", "a: *nothing\n", "a: !<tag:x\n", "a: &\n", "a: *\n",
    "? a\n? b\n: c\n: d\n", "a: |0\n  x\n", "a: |x\n  x\n", 'a: "\\q"\n', "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
    "%YAML 2.0\n---\na: 1\n", "%FOO\n---\na: 1\n", "a: !x!y z\n", "[a, b]]\n", "{a: 1}}\n", "a: b\n...\nc\n",
    "a: @x\n", "a: `x\n", "a:\n  - b\n  c: d\n", "a: b\n  c: d\n", "key without colon\nb: 1\n",
    "a: 'x'y\n", 'a: "x"y\n', "a: [b, c]: d\n", "--- a\n--- b\n", "!tag1 !tag2 a\n", "a: &x &y b\n",
    "a: >\n b\n\tc\n", "- - - \n  - x\n y\n", "a: [\n", "a: {\n", "[", "{",
    "%TAG ! tag:a\n%TAG ! tag:b\n---\na: 1\n", 'a: "\\x4"\n', 'a: "\\u12"\n', "%YAML\n---\n", "a: !<>\n",
    "- a\n  - b\n", "a: - b\n", "a:\n- b\n - c\n",
]  # fmt: skip


def test_every_phrase_of_a_yaml_syntax_error_has_its_german():
    """PyYAML's Python parser and libyaml say a context and a problem in fixed phrases; each is
    translated (a phrase the tables do not know would stay English under --lang de)."""
    import yaml

    from orgcheck.yamlio.syntax import is_known

    loaders = [yaml.SafeLoader] + ([yaml.CSafeLoader] if yaml.__with_libyaml__ else [])
    texts = BROKEN_YAML + [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "syntax").glob("*.yaml"))]
    unknown = set()
    seen = 0
    for text in texts:
        for loader in loaders:
            try:
                for _ in yaml.parse(text, Loader=loader):
                    pass
            except yaml.MarkedYAMLError as error:
                seen += 1
                unknown |= {
                    phrase for phrase in (error.context, error.problem) if phrase and not is_known(phrase)
                }
    assert seen > 2 * len(BROKEN_YAML) - 10  # nearly every snippet is an error to both parsers
    assert unknown == set()


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        (
            "  notes: Geschäftsführer sagt: „nö“",
            'setzen Sie den Text in Anführungszeichen: notes: "Geschäftsführer sagt: „nö“"',
        ),
        ("  notes: Termin: morgen", 'setzen Sie den Text in Anführungszeichen: notes: "Termin: morgen"'),
        ('  notes: Er sagt: "nein"', "setzen Sie den Text in Anführungszeichen: notes: 'Er sagt: \"nein\"'"),
        (
            "  company_size:10-49\n  regulated: false",
            "setzen Sie in Zeile 2 ein Leerzeichen nach dem Doppelpunkt",
        ),
        (
            "\tcompany_size: 10-49",
            "rücken Sie mit Leerzeichen ein, nicht mit Tabulatoren (Zeile 2 hat einen)",
        ),
        ('  lead: "marketing', "das Anführungszeichen in Zeile 2, Spalte 9 wird nie geschlossen"),
        (
            "  departments: [marketing, pr\n  lead: pr",
            "das '[' in Zeile 2, Spalte 16 wird nie mit ']' geschlossen",
        ),
    ],
    ids=["german-quotes", "colon", "colon-and-quotes", "no-space", "tab", "unclosed-quote", "unclosed-list"],
)
def test_the_common_yaml_mistakes_get_a_hint_in_german(tmp_path, capsys, line, hint):
    """The most likely German mistake was answered 'mapping values are not allowed in this
    context' in English, with no hint to quote the text."""
    answers = tmp_path / "a.yaml"
    answers.write_text(f"answers:\n{line}\n", encoding="utf-8")
    assert main(["--answers", str(answers), "--lang", "de"]) == 2
    (message,) = capsys.readouterr().err.splitlines()
    assert message.startswith(f"orgcheck: {answers}:") and ": kein gültiges YAML: " in message
    assert hint in message


# --- the language of the messages: --lang, else the file's, else the locale (issue 26, point 4)

GERMAN = {"LANG": "de_DE.UTF-8"}


def _typo(tmp_path, language: str | None):
    text = (
        (EXAMPLES / "beispiel-gmbh.yaml")
        .read_text(encoding="utf-8")
        .replace("[marketing, pr, support]", "[markting, pr, support]")
    )
    if language is None:
        text = text.replace("language: de\n", "")
    else:
        text = text.replace("language: de", f"language: {language}")
    path = tmp_path / "typo.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("env", "args", "file_language", "german"),
    [
        (GERMAN, [], "de", True),  # was English: the CLI fixed the language of errors to English
        (GERMAN, [], None, True),  # the locale
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "en_GB.UTF-8"}, [], None, True),  # LC_ALL first
        ({}, [], "de", True),  # the file's language
        (GERMAN, [], "en", False),  # the file's before the locale
        (GERMAN, ["--lang", "en"], "de", False),  # --lang before both
        ({}, ["--lang=de"], "en", True),
    ],
)
def test_a_problem_in_an_answers_file_is_said_in_lang_else_the_files_language_else_the_locales(
    orgcheck, tmp_path, env, args, file_language, german
):
    result = orgcheck("--answers", str(_typo(tmp_path, file_language)), *args, env=env)
    assert result.returncode == 2
    (line,) = result.stderr.decode().splitlines()
    expected = "'markting' ist keine Option" if german else "'markting' is not an option"
    assert expected in line


def test_team_lang_de_says_its_problems_in_german(orgcheck, tmp_path):
    """Was: 'team --lang de' errors stayed English."""
    shutil.copy(EXAMPLES / "northwind-studio.yaml", tmp_path / "ben.yaml")
    _typo(tmp_path, "en")
    (tmp_path / "empty").mkdir()
    result = orgcheck("team", str(tmp_path), str(tmp_path / "empty"), "--lang", "de")
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 2
    assert f"orgcheck: {tmp_path / 'empty'}: ein Ordner ohne Antwortdateien (*.yaml, *.yml)" in lines
    assert any("'markting' ist keine Option" in line for line in lines)
    one = orgcheck("team", str(tmp_path / "ben.yaml"), env=GERMAN)
    assert "eine Team-Bewertung braucht die Antwortdateien von mindestens 2 Personen" in one.stderr.decode()


def test_a_yaml_syntax_error_is_said_in_the_locales_language(orgcheck, tmp_path):
    """A file that does not parse has no language of its own: the locale's."""
    answers = tmp_path / "a.yaml"
    answers.write_text("language: de\nanswers:\n  notes: Geschäftsführer sagt: „nö“\n", encoding="utf-8")
    german = orgcheck("--answers", str(answers), env=GERMAN).stderr.decode()
    assert german.startswith(
        f"orgcheck: {answers}:3:30: kein gültiges YAML: hier ist kein 'Schlüssel: Wert' erlaubt"
    )
    english = orgcheck("--answers", str(answers)).stderr.decode()
    assert (
        "not valid YAML: mapping values are not allowed in this context; the text after 'notes:'" in english
    )


USAGE_ERRORS = [
    ["--frobnicate"],
    ["--answers"],
    ["--answers", ""],
    ["--format", "docx", "--answers", "a.yaml"],
    ["--answers", "a.yaml", "--edit", "b.yaml"],
    ["-o", "x.md"],
    ["team"],
    ["compare", "a.yaml"],
    ["nonsense"],
    ["--lang", "de", "report", "a.yaml"],
    ["report", "a.yaml", "--template", "t.j2", "--format", "md"],
    ["survey"],
    ["survey", "new"],
    ["survey", "show", "--format", "x"],
    ["serve", "--workers", "99"],
]


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=" ".join)
def test_a_usage_error_is_one_line_in_german_where_the_locale_is_german(orgcheck, args):
    result = orgcheck(*args, env=GERMAN)
    (line,) = result.stderr.decode().splitlines()
    assert result.returncode == 2
    assert "siehe 'orgcheck" in line and "; see '" not in line
    for english in (
        "argument",
        "expected",
        "invalid choice",
        "unrecognized",
        "required",
        "options before",
        " need ",
    ):
        assert english not in line.replace("Argument", ""), line


def test_help_is_german_where_the_locale_is_german(orgcheck):
    from orgcheck.doors.main import COMMANDS

    for command in [[], *([name] for name in COMMANDS)]:
        text = orgcheck(*command, "--help", env=GERMAN).stdout.decode()
        assert text.startswith(f"Aufruf: orgcheck {' '.join(command)}".rstrip() + " ")
        assert "Optionen:" in text and "diese Hilfe zeigen und beenden" in text and "Rückgabewert:" in text
        for english in ("usage:", "options:", "show this help", "positional arguments", "exit status"):
            assert english not in text
    assert "Befehle (jeder mit eigenem --help):" in orgcheck("--help", env=GERMAN).stdout.decode()
    assert orgcheck("--help", "--lang", "de").stdout.decode().startswith("Aufruf: orgcheck")
    assert orgcheck("--help").stdout.decode().startswith("usage: orgcheck")


def test_every_command_line_word_has_both_languages():
    from orgcheck.doors import words
    from orgcheck.doors.main import COMMANDS

    tables = [words.OPTION_HELP, words.METAVAR, words.USAGE_ERRORS]
    pairs = [pair for table in tables for pair in table.values()]
    pairs += [value for value in vars(words).values() if isinstance(value, tuple) and len(value) == 2]
    pairs += [pair for command in COMMANDS.values() for pair in (command.summary, command.description)]
    for english, german in pairs:
        assert english and german and (english != german or english.isupper() or english.startswith("(")), (
            english
        )


@pytest.mark.parametrize("language", ["en", "de"])
def test_serve_says_where_it_listens_in_the_language_of_the_messages(tmp_path, capsys, language):
    """Was: orgcheck serve's lines on the terminal were English whatever the locale."""
    pytest.importorskip("starlette")
    from orgcheck.doors.serve.door import Settings
    from orgcheck.doors.serve.server import _say_where
    from orgcheck.errors import messages_in
    from orgcheck.survey.surveys import open_surveys

    settings = Settings("https://umfrage.example.com", "de", "http://0.0.0.0:8765")
    with messages_in(language):
        _say_where(settings, "0.0.0.0", open_surveys(tmp_path), 2)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6
    first = {
        "en": "orgcheck serve: the team survey at http://0.0.0.0:8765/ (ctrl+c stops it)",
        "de": "orgcheck serve: die Team-Umfrage unter http://0.0.0.0:8765/ (Strg+C beendet sie)",
    }
    assert lines[0] == first[language]
    assert lines[-2].startswith("Verwaltung (ein Einmal-Link" if language == "de" else "admin (a one-time")


def test_survey_says_what_it_deleted_in_the_locales_language(tmp_path, capsys, monkeypatch):
    data = str(tmp_path / "surveys")
    assert main(["survey", "new", "Q4", "--invites", "3", "--data", data]) == 0
    survey = capsys.readouterr().out.splitlines()[0]
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert main(["survey", "delete", survey, "--data", data]) == 2  # no terminal: asks for --yes
    assert "fügen Sie --yes hinzu" in capsys.readouterr().err
    assert main(["survey", "delete", survey, "--yes", "--data", data]) == 0
    assert capsys.readouterr().out == f"gelöscht: {survey}\n"
