"""The format registry: adding a format is one entry and one template, and every door reads it.

The toy format below is a plain-text action plan. It touches the registry (one
``Format``) and a template, nothing else, and then ``--format``, ``-o``'s suffix
inference, rendering and the TUI's save dialog (tests/tui/test_save_formats.py)
all offer it.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import EXAMPLES

from orgcheck.answers.validate import load_answers
from orgcheck.doors.main import build_parser, main
from orgcheck.engine.assess import assess
from orgcheck.errors import OrgcheckError
from orgcheck.report import formats, rendering
from orgcheck.report.view import build_view
from orgcheck.resources import templates_dir

EXAMPLE = EXAMPLES / "northwind-studio.yaml"
TOY_TEMPLATE = """{{ words.actions | upper }}
{% for action in actions %}
{{ action.priority }}. {{ action.owner_label | shout }}: {{ action.text }}
{% endfor %}
"""


@pytest.fixture
def toy_format(tmp_path, monkeypatch):
    """A 'txt' format: one registry entry, and its template beside the shipped ones."""
    shipped = tmp_path / "templates"
    shutil.copytree(templates_dir(), shipped)
    (shipped / "report.txt.j2").write_text(TOY_TEMPLATE, encoding="utf-8")
    monkeypatch.setattr(rendering, "templates_dir", lambda: shipped)
    entry = formats.Format("txt", "Plain text", ".txt", "report.txt.j2", filters={"shout": str.upper})
    monkeypatch.setitem(formats.FORMATS, "txt", entry)
    return entry


def test_a_new_format_is_rendered_chosen_by_name_and_by_suffix(toy_format, pack, tmp_path, capsys):
    assert build_parser().parse_args(["--answers", "a", "--format", "txt"]).main_format == "txt"
    assert main(["--answers", str(EXAMPLE), "--format", "txt"]) == 0
    by_flag = capsys.readouterr().out
    answers = load_answers(EXAMPLE, pack)
    view = build_view(pack, assess(pack, answers), "en", answers.date)
    assert by_flag.splitlines() == [
        "ACTION PLAN",
        *(f"{a['priority']}. {a['owner_label'].upper()}: {a['text']}" for a in view["actions"]),
    ]
    assert main(["--answers", str(EXAMPLE), "-o", str(tmp_path / "plan.TXT")]) == 0
    assert (tmp_path / "plan.TXT").read_text(encoding="utf-8") == by_flag


def test_without_the_entry_the_format_is_unknown(capsys):
    assert "txt" not in formats.names()
    with pytest.raises(SystemExit) as stop:
        main(["--answers", str(EXAMPLE), "--format", "txt"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "--format: invalid choice: 'txt'" in err and all(name in err for name in ("md", "json", "html"))


def test_every_shipped_format_has_its_template_and_a_distinct_suffix():
    suffixes = [entry.suffix for entry in formats.FORMATS.values()]
    assert len(set(suffixes)) == len(suffixes)
    for entry in formats.FORMATS.values():
        assert (templates_dir() / entry.template).is_file(), entry.name


def test_a_binary_format_is_made_of_its_source_formats_text():
    """PDF is the HTML report printed: a registry entry with a source and a conversion."""
    entry = formats.FORMATS["pdf"]
    assert entry.binary and entry.text_format == "html" and entry.suffix == ".pdf"
    assert not any(formats.FORMATS[name].binary for name in ("md", "json", "html"))
    assert formats.for_template("mine.pdf.j2").name == formats.DEFAULT  # a template writes text


def test_each_shipped_format_says_what_a_download_of_it_is():
    assert {name: entry.media_type for name, entry in formats.FORMATS.items()} == {
        "md": "text/markdown; charset=utf-8",
        "json": "application/json",
        "html": "text/html; charset=utf-8",
        "pdf": "application/pdf",
    }


def test_a_suffix_no_format_writes_says_what_to_do_instead(orgcheck, tmp_path, monkeypatch):
    monkeypatch.setitem(
        formats.NOT_WRITTEN,
        ".docx",
        (
            "orgcheck writes no Word file; write HTML",
            "orgcheck schreibt keine Word-Datei; schreiben Sie HTML",
        ),
    )
    with pytest.raises(OrgcheckError, match=r"report.docx: orgcheck writes no Word file; write HTML"):
        formats.by_suffix(tmp_path / "report.docx")


def test_a_custom_html_template_is_autoescaped_and_a_markdown_one_has_the_markdown_filters(
    orgcheck, tmp_path
):
    answers = tmp_path / "answers.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("Northwind Studio Ltd", "<b>Northwind</b> *Ltd*")
    answers.write_text(text, encoding="utf-8")
    (tmp_path / "mine.html.j2").write_text("<h1>{{ organisation }}</h1>\n", encoding="utf-8")
    (tmp_path / "mine.md.j2").write_text(
        "# {{ organisation | md_inline }} {{ overall | bar(10) }}\n", encoding="utf-8"
    )
    html = orgcheck("--answers", str(answers), "--template", str(tmp_path / "mine.html.j2"))
    assert html.stdout.decode() == "<h1>&lt;b&gt;Northwind&lt;/b&gt; *Ltd*</h1>\n"
    markdown = orgcheck("--answers", str(answers), "--template", str(tmp_path / "mine.md.j2"))
    assert markdown.stdout.decode() == "# \\<b\\>Northwind\\</b\\> \\*Ltd\\* ██░░░░░░░░\n"
