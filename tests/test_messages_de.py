"""Messages about an answers file exist in German too: `--lang de` and the German questionnaire show them."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgcheck.answers.validate import load_answers
from orgcheck.doors.main import main
from orgcheck.errors import OrgcheckError

CORPUS = Path(__file__).parent / "corpus"
# The kinds of mistake whose every message has a German text. Still English only: what
# the YAML parser itself says about broken syntax (the corpus's "syntax" files).
TRANSLATED = (
    "unknown-names", "cross-field", "not-asked", "encoding", "wrong-types", "hostile", "limits",
    "duplicates", "structure",
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
