"""orgcheck report|team|compare|example|schema: the commands, and the options they name kept working."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES

EXAMPLE = EXAMPLES / "beispiel-gmbh.yaml"


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["report", str(EXAMPLE)], ["--answers", str(EXAMPLE)]),
        (
            ["report", str(EXAMPLE), "--format", "json", "--lang", "en"],
            ["--answers", str(EXAMPLE), "--format", "json", "--lang", "en"],
        ),
        (["example", "--lang", "de"], ["--example", "--lang", "de"]),
        (["schema"], ["--schema"]),
    ],
)
def test_a_command_gives_exactly_what_its_option_gives(orgcheck, command, option):
    by_command, by_option = orgcheck(*command), orgcheck(*option)
    assert by_command.returncode == by_option.returncode == 0, by_command.stderr
    assert by_command.stdout == by_option.stdout


@pytest.mark.parametrize("command", ["report", "team", "compare", "example", "schema"])
def test_each_command_says_what_it_does_with_an_example(orgcheck, command):
    result = orgcheck(command, "--help")
    text = result.stdout.decode()
    assert result.returncode == 0
    assert f"usage: orgcheck {command}" in text
    assert "examples:\n  orgcheck " + command in text


def test_the_main_help_lists_the_commands(orgcheck):
    text = orgcheck("--help").stdout.decode()
    for command in ("report FILE", "team PATH...", "compare BEFORE AFTER", "example", "schema"):
        assert f"orgcheck {command}" in text


def test_a_single_assessment_names_its_pack(orgcheck, pack):
    document = json.loads(orgcheck("report", str(EXAMPLE), "--format", "json").stdout)
    assert list(document)[:2] == ["schema_version", "pack"]
    assert document["pack"] == pack.fingerprint and len(pack.fingerprint) == 16


def test_a_wrong_argument_to_a_command_is_a_one_line_usage_error(orgcheck):
    result = orgcheck("compare", str(EXAMPLE))
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "orgcheck: the following arguments are required: AFTER; see 'orgcheck compare --help'\n"
    )


def test_the_output_may_not_be_one_of_the_answers_files(orgcheck, tmp_path):
    copy = tmp_path / "a.yaml"
    copy.write_bytes(EXAMPLE.read_bytes())
    result = orgcheck("compare", str(EXAMPLE), str(copy), "-o", str(copy))
    assert result.returncode == 2 and "is the answers file" in result.stderr.decode()
    assert copy.read_bytes() == EXAMPLE.read_bytes()


def test_o_with_an_html_or_json_name_picks_the_format_for_team_and_compare(orgcheck, tmp_path):
    team = EXAMPLES / "team"
    before, after = EXAMPLES / "progress" / "2026-q1.yaml", EXAMPLES / "progress" / "2026-q4.yaml"
    for command in (["team", str(team)], ["compare", str(before), str(after)]):
        for name, start in (("r.html", "<!DOCTYPE html>"), ("r.json", "{"), ("r.md", "# ")):
            result = orgcheck(*command, "-o", str(tmp_path / name))
            assert result.returncode == 0, result.stderr
            assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)


def test_team_reports_every_problem_of_every_file_not_only_the_first_fifty(orgcheck, tmp_path):
    # Eight files with a misspelt question each: a dozen problems a file, ~100 in all.
    for number in range(8):
        (tmp_path / f"r{number}.yaml").write_text(
            f"respondent: R{number}\nanswers:\n  company_sise: 1-9\n", encoding="utf-8"
        )
    result = orgcheck("team", str(tmp_path), "-o", str(tmp_path / "team.md"))
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 2
    assert len(lines) > 50 and not any("more problems" in line for line in lines)
    assert {line.split(":")[1].strip() for line in lines} == {str(tmp_path / f"r{n}.yaml") for n in range(8)}
    assert not (tmp_path / "team.md").exists()


def test_every_command_of_the_registry_is_a_subcommand_and_listed_in_the_main_help(orgcheck):
    from orgcheck.doors.cli import COMMANDS

    text = orgcheck("--help").stdout.decode()
    for command in COMMANDS.values():
        assert f"orgcheck {command.usage} " in text and command.summary[0] in text
        assert orgcheck(command.name, "--help").returncode == 0


def test_an_option_of_orgcheck_itself_before_a_command_is_refused_not_dropped(orgcheck, tmp_path):
    team = EXAMPLES / "team"
    result = orgcheck("-o", str(tmp_path / "team.md"), "team", str(team))
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "orgcheck: options before 'team' are orgcheck's own; put them after it; see 'orgcheck --help'\n"
    )
    assert not (tmp_path / "team.md").exists()
