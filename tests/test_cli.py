"""The headless command as a script or a user meets it: output, files, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES

EXAMPLE = EXAMPLES / "beispiel-gmbh.yaml"  # language: de, date 2026-11-22


def test_the_report_goes_to_stdout_in_the_files_language(orgcheck):
    result = orgcheck("--answers", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith(
        "# Verantwortung für Social Media: Beispiel GmbH (22. November 2026)"
    )
    assert result.stderr == b""


def test_lang_overrides_the_file_and_the_locale(orgcheck):
    result = orgcheck("--answers", str(EXAMPLE), "--lang", "en", env={"LANG": "de_DE.UTF-8"})
    assert result.stdout.decode().startswith("# Social media ownership: Beispiel GmbH (22 November 2026)")


def test_without_a_language_in_the_file_the_locale_decides_then_english(orgcheck, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text(EXAMPLE.read_text(encoding="utf-8").replace("language: de\n", ""), encoding="utf-8")
    german = orgcheck("--answers", str(answers), env={"LANG": "de_AT.UTF-8"})
    assert german.stdout.decode().startswith("# Verantwortung")
    english = orgcheck("--answers", str(answers), env={"LANG": "C.UTF-8"})
    assert english.stdout.decode().startswith("# Social media ownership")
    assert orgcheck("--answers", str(answers)).stdout.decode().startswith("# Social media ownership")


def test_without_a_date_source_date_epoch_decides(orgcheck, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("date: 2026-11-22\n", ""), encoding="utf-8"
    )
    result = orgcheck("--answers", str(answers), "--lang", "en", env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.stdout.decode().startswith("# Social media ownership: Beispiel GmbH (1 January 2026)")


def test_json_has_the_contract_shape(orgcheck):
    result = orgcheck("--answers", str(EXAMPLE), "--format", "json")
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    assert document["language"] == "de"
    assert 0 <= document["score"]["overall"] <= 100
    assert set(document["score"]["dimensions"]) == {
        "breadth",
        "editorial",
        "goals",
        "alignment",
        "coordination",
        "resources",
    }
    assert document["recommendation"]["structure"] == "hub_and_spoke"
    assert len(document["recommendation"]["fit"]) == 7
    finding = next(f for f in document["findings"] if f["id"] == "support-not-editorial")
    assert finding == {
        **finding,
        "severity": "high",
        "evidence": [
            "company_size = 250-999",
            "departments = [marketing, pr, support]",
            "editorial = [marketing]",
            "inquiries = daily",
        ],
        "sources": ["S1"],
    }
    assert document["actions"][0]["priority"] == 1
    support = next(r for r in document["responsibilities"] if r["unit"] == "support")
    assert support["roles"] == ["editorial"] and support["why"]


def test_output_file_is_written_and_a_json_name_implies_json(orgcheck, tmp_path):
    target = tmp_path / "report.json"
    result = orgcheck("--answers", str(EXAMPLE), "-o", str(target))
    assert result.returncode == 0 and result.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["organisation"] == "Beispiel GmbH"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_it_works_from_another_directory(orgcheck, tmp_path):
    result = orgcheck("--answers", str(EXAMPLE), "-o", "out.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.md").read_text(encoding="utf-8").startswith("# Verantwortung")


def test_bad_input_exits_2_with_one_located_line_and_leaves_the_output_alone(orgcheck, tmp_path):
    answers = tmp_path / "answers.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("language: de", "language: en")  # its messages too
    answers.write_text(text.replace("[marketing, pr, support]", "[markting, pr, support]"), encoding="utf-8")
    target = tmp_path / "report.md"
    target.write_text("the previous report\n", encoding="utf-8")
    result = orgcheck("--answers", str(answers), "-o", str(target))
    assert result.returncode == 2
    assert result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert lines == [
        f"orgcheck: {answers}:11:17: 'departments': 'markting' is not an option "
        "(did you mean 'marketing'?); give a list of: marketing, pr, sales, support, product, hr, "
        "it, legal, management"
    ]
    assert target.read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml", "report.md"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--answers", "does-not-exist.yaml"], "does-not-exist.yaml: no such file"),
        (["--answers", "."], ".: is a directory, not a file"),
        (
            ["--answers", "EXAMPLE", "-o", "no/such/dir/report.md"],
            "directory 'no/such/dir' does not exist",
        ),
        (["--answers", "EXAMPLE", "-o", "EXAMPLE"], "is the answers file itself"),
        (["--answers", "EXAMPLE", "--lang", "fr"], "invalid choice: 'fr'"),
        (["--answers", "EXAMPLE", "--format", "docx"], "invalid choice: 'docx'"),
        (["-o", "x.md"], "-o/--output, --format and --template need --answers FILE"),
        (["--answers", "EXAMPLE", "--example"], "not allowed with argument"),
    ],
)
def test_usage_and_file_errors_exit_2_without_a_traceback(orgcheck, tmp_path, args, message):
    args = [str(EXAMPLE) if a == "EXAMPLE" else a for a in args]
    result = orgcheck(*args, cwd=tmp_path)
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert message in stderr
    assert "Traceback" not in stderr


def test_an_unreadable_file_is_reported(orgcheck, tmp_path):
    import os

    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    answers = tmp_path / "a.yaml"
    answers.write_text("answers: {}\n", encoding="utf-8")
    answers.chmod(0)
    result = orgcheck("--answers", str(answers))
    assert result.returncode == 2 and b"permission denied" in result.stderr


def test_the_example_answers_file_lists_every_question_and_is_itself_valid(orgcheck, tmp_path, pack):
    result = orgcheck("--example", "--lang", "en")
    text = result.stdout.decode()
    for question in pack.questions:
        assert f"  {question.id}:" in text or f"  # {question.id}:" in text, question.id
    assert "whoever_wants | informal | regular | governed" in text
    (tmp_path / "answers.yaml").write_bytes(result.stdout)
    assert orgcheck("--answers", str(tmp_path / "answers.yaml")).returncode == 0


def test_the_json_schema_accepts_the_examples_and_refuses_a_typo(orgcheck):
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads(orgcheck("--schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    for answers in sorted(EXAMPLES.glob("*.yaml")):
        document = yaml.safe_load(answers.read_text(encoding="utf-8"))
        document["date"] = str(document["date"])
        jsonschema.validate(document, schema)
    document["answers"]["budgte"] = "none"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_version_and_help(orgcheck):
    assert orgcheck("--version").stdout.decode().startswith("orgcheck ")
    help_text = orgcheck("--help").stdout.decode()
    assert "--answers FILE" in help_text and "exit status" in help_text


def test_a_closed_pipe_is_not_an_error(tmp_path):
    import subprocess
    import sys

    command = f"{sys.executable} -m orgcheck --answers {EXAMPLE} | head -1"
    result = subprocess.run(command, shell=True, capture_output=True, timeout=60)
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr


def test_the_headless_path_never_imports_textual(tmp_path):
    """Textual costs ~200 ms at start-up; `orgcheck --answers` must not load it."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from orgcheck.doors.main import main\n"
        f"status = main(['--answers', {str(EXAMPLE)!r}, '-o', {str(tmp_path / 'r.md')!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') "
        "or m.startswith('orgcheck.doors.tui'))\n"
        "print(status, loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "0 []", result.stderr
    assert Path(tmp_path / "r.md").exists()


def test_a_flood_of_problems_is_cut_after_fifty_lines(orgcheck, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n" + "".join(f"  unknown_{n}: 1\n" for n in range(120)), encoding="utf-8")
    result = orgcheck("--answers", str(answers))
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 2
    assert len(lines) == 51
    assert lines[-1] == "orgcheck: ... and 81 more problems; fix these first"  # 120 unknown + 11 missing
