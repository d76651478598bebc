"""Custom report templates (--template): sandboxed, with errors that name the template line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO

from orgcheck.engine.assess import assess
from orgcheck.errors import OrgcheckError
from orgcheck.report.view import build_view

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
    assert (
        result.stdout.decode()
        == "Beispiel GmbH|Hub and spoke|43|hub_and_spoke|Summary|Customer or citizen service\n"
    )


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


# Templates that never end, or make more than anyone can read (issue 8, item 6); each must be one
# located line and exit 2, quickly. docs/reliability.md counts these.
TEMPLATE_LIMITS = [
    ("ok\n{% include 'mine.md.j2' %}\n", ":2: template: it includes, imports or calls itself without end"),
    (
        "ok\n{% import 'mine.md.j2' as me %}\n",
        ":2: template: it includes, imports or calls itself without end",
    ),
    (
        "{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}\n",
        ":1: template: it includes, imports or calls itself without end",
    ),
    ("{{ 5|wordwrap(3) }}\n", ":1: template: 'int' object has no attribute 'splitlines'"),
    ("ok\n{{ 3|xmlattr }}\n", ":2: template: 'int' object has no attribute 'items'"),
    ("{{ 'x' * 10**9 }}\n", ":1: refused: repeating 1 items 1,000,000,000 times makes more than 10,000,000"),
    ("{{ 7 ** (10**8) }}\n", ":1: refused: 7 ** 100000000 has more than 10,000 digits"),
    (
        "{% for i in range(100000) %}{{ 'y' * 1000 }}{% endfor %}\n",
        ": template: the output is longer than 10,000,000 characters",
    ),
]


@pytest.mark.parametrize(("source", "expected"), TEMPLATE_LIMITS)
def test_a_template_without_end_or_bound_is_one_located_line(orgcheck, tmp_path, source, expected):
    result, template = run_template(orgcheck, tmp_path, source)
    assert result.returncode == 2
    assert result.stderr.decode() == f"orgcheck: {template}{expected}\n"
    assert result.stdout == b""


def test_a_template_that_runs_too_long_is_stopped(tmp_path, monkeypatch, capsys):
    from orgcheck.doors.main import main
    from orgcheck.report import sandbox

    monkeypatch.setattr(sandbox, "SECONDS", 1)
    template = tmp_path / "slow.j2"
    template.write_text("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n")
    assert main(["--answers", str(EXAMPLE), "--template", str(template)]) == 2
    assert capsys.readouterr().err == (
        f"orgcheck: {template}: template: ran longer than 1 seconds; a template has at most that\n"
    )


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="the memory limit needs Linux's /proc")
@pytest.mark.parametrize("threads", [False, True], ids=["as this process is", "spawned beside a thread"])
def test_a_template_that_takes_too_much_memory_is_stopped(tmp_path, monkeypatch, capsys, threads):
    import threading

    from orgcheck.doors.main import main
    from orgcheck.report import sandbox

    monkeypatch.setattr(sandbox, "MEMORY_BYTES", 64 * 2**20)
    template = tmp_path / "greedy.j2"
    template.write_text(
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
        "{{ ns.s|length }}\n"
    )
    # A process with a thread (a server's, a browser's) renders in a spawned child, which
    # must keep the limits its caller set, not its module's defaults.
    done = threading.Event()
    waiting = threading.Thread(target=done.wait, daemon=True)
    if threads:
        waiting.start()
    try:
        assert threading.active_count() > 1 or not threads  # (another test may have left one)
        assert main(["--answers", str(EXAMPLE), "--template", str(template)]) == 2
    finally:
        done.set()
    assert (
        capsys.readouterr().err == f"orgcheck: {template}:1: template: it needs more than 64 MB of memory\n"
    )


def test_o_onto_the_template_itself_is_refused(orgcheck, tmp_path):
    template = tmp_path / "mine.md.j2"
    template.write_text("{{ organisation }}\n", encoding="utf-8")
    result = orgcheck("--answers", str(EXAMPLE), "--template", str(template), "-o", str(template))
    assert result.returncode == 2
    assert (
        result.stderr.decode()
        == f"orgcheck: {template}: is the template itself; choose another output path\n"
    )
    assert template.read_text(encoding="utf-8") == "{{ organisation }}\n"


def test_beside_other_threads_a_template_runs_in_a_fresh_interpreter_with_the_same_limits(
    tmp_path, monkeypatch
):
    """fork copies only the calling thread: a lock another thread of a server holds would stay
    locked in the child. With threads running, the sandbox spawns instead, and still bounds time."""
    import os
    import threading

    from orgcheck.report import sandbox

    template = tmp_path / "mine.md.j2"
    alone = sandbox.render(template, "{{ name | md_inline }}!", {"name": "*Ada*"}, filters={"md_inline": _md})
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked while other threads run"))
    monkeypatch.setattr(sandbox, "SECONDS", 2)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        beside = sandbox.render(
            template, "{{ name | md_inline }}!", {"name": "*Ada*"}, filters={"md_inline": _md}
        )
        with pytest.raises(OrgcheckError, match="ran longer than 2 seconds"):
            sandbox.render(
                template, "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", {}
            )
    finally:
        stop.set()
        other.join()
    assert alone == beside == "\\*Ada\\*!"


def _md(text: str) -> str:
    from orgcheck.textsafe import markdown_inline

    return markdown_inline(text)
