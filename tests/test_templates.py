"""Custom report templates (--template): sandboxed, with errors that name the template line."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLES, REPO

from orgcheck.engine import assess
from orgcheck.report import build_view

EXAMPLE = EXAMPLES / "beispiel-gmbh.yaml"


def run_template(orgcheck, tmp_path, source: str, *extra: str):
    template = tmp_path / "mine.md.j2"
    template.write_text(source, encoding="utf-8")
    return orgcheck("--answers", str(EXAMPLE), "--template", str(template), *extra), template


def test_a_template_sees_the_view_and_the_json_data(orgcheck, tmp_path):
    source = (
        "{{ organisation }}|{{ recommendation.name }}|{{ data.score.overall }}|"
        "{{ data.recommendation.structure }}|{{ words.summary }}|{{ actions[0].owner_label }}\n"
    )
    result, _ = run_template(orgcheck, tmp_path, source, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "Beispiel GmbH|Hub and spoke|43|hub_and_spoke|Summary|Customer support\n"


def test_a_template_can_include_its_neighbours(orgcheck, tmp_path):
    (tmp_path / "part.j2").write_text("[{{ language }}]", encoding="utf-8")
    result, _ = run_template(orgcheck, tmp_path, "{% include 'part.j2' %}\n")
    assert result.stdout.decode() == "[de]"  # trim_blocks: no newline after a block tag


# Templates that reach for Python internals or try to mutate the data (docs/reliability.md counts these).
TEMPLATE_ATTACKS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ data.__class__ }}",
    "{{ words.title.format.__globals__ }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{% set x = data.pop('score') %}{{ x }}",
    "{{ actions.append(1) }}",
]


@pytest.mark.parametrize("source", TEMPLATE_ATTACKS)
def test_a_template_reaching_for_python_internals_is_refused(orgcheck, tmp_path, source):
    result, template = run_template(orgcheck, tmp_path, "first line\n" + source + "\n")
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert stderr.startswith(f"orgcheck: {template}:2: ")
    assert re.search(r"refused|undefined|unsafe", stderr), stderr
    assert "Traceback" not in stderr and result.stdout == b""


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("ok\n{% for x in %}\n", ":2: template syntax: "),
        ("ok\n\n{{ no_such_thing }}\n", ":3: template: 'no_such_thing' is undefined"),
        ("{{ data.score.nope }}\n", ":1: template: 'dict object' has no attribute 'nope'"),
        ("{{ 1 / 0 }}\n", ":1: template: division by zero"),
    ],
)
def test_template_errors_name_the_file_and_line(orgcheck, tmp_path, source, expected):
    result, template = run_template(orgcheck, tmp_path, source)
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"orgcheck: {template}{expected}"), result.stderr


def test_a_missing_template_and_template_with_json_are_usage_errors(orgcheck, tmp_path):
    missing = orgcheck("--answers", str(EXAMPLE), "--template", str(tmp_path / "nope.j2"))
    assert missing.returncode == 2 and b"nope.j2: no such file" in missing.stderr
    both = orgcheck("--answers", str(EXAMPLE), "--template", str(tmp_path / "x.j2"), "--format", "json")
    assert both.returncode == 2 and b"leave out --format json" in both.stderr


def test_template_output_carries_no_escape_sequences(orgcheck, tmp_path):
    result, _ = run_template(orgcheck, tmp_path, "a\x1b[31mred\x1b[0m\x07b\n")
    assert result.stdout == b"ared\x07b\n".replace(b"\x07", b"")


def test_the_readme_documents_every_key_of_the_template_context(pack, answers_of):
    import datetime as dt

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Custom templates") :]
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE))
    view = build_view(pack, assess(pack, answers_of()), "en", dt.date(2026, 11, 22))
    assert documented == {*view, "data"}
