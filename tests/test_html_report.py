"""The HTML report: the Markdown report's sections and content on one self-contained page.

What a browser makes of it (console, network, screenshots, print, axe-core) is
tests/test_html_browser.py; this file reads the HTML as a parser would.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from conftest import EXAMPLES
from test_report import ANSWER_SETS, HOSTILE_TEXTS, SECTIONS

from orgcheck.engine.assess import assess
from orgcheck.questionnaire.flow import answer_set
from orgcheck.report.rendering import render
from orgcheck.textsafe import one_line

DAY = dt.date(2026, 11, 22)


class Page(HTMLParser):
    """Every element with its attributes, and the text inside each element of interest."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[tuple[str, list[str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3", "h4", "title", "pre", "p", "li", "td", "figcaption"):
            self._open.append((tag, []))

    def handle_data(self, data: str) -> None:
        for _, parts in self._open:
            parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            _, parts = self._open.pop()
            self.texts.setdefault(tag, []).append(" ".join("".join(parts).split()))

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.elements if tag == name]


@pytest.fixture
def reports(pack, answers_of):
    def make(language: str = "en", **answers) -> tuple[str, str]:
        assessment = assess(pack, answers_of(**answers))
        return (
            render("html", pack, assessment, language, DAY),
            render("md", pack, assessment, language, DAY),
        )

    return make


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("answers", ANSWER_SETS.values(), ids=ANSWER_SETS.keys())
def test_the_html_has_the_markdown_reports_sections_and_headings(reports, language, answers):
    html, markdown = reports(language, **answers)
    page = Page(html)
    sections = [heading.removeprefix("## ") for heading in SECTIONS[language]]
    h2 = page.texts["h2"]
    assert [h for h in h2 if h in sections] == sections
    for level, tag in (("###", "h3"), ("####", "h4")):
        for line in markdown.splitlines():
            if line.startswith(level + " "):
                heading = re.escape(line[len(level) + 1 :])  # a severity's heading carries its count
                assert any(re.fullmatch(rf"{heading}( \d+)?", text) for text in page.texts[tag]), line


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_html_says_what_the_markdown_says(reports, language):
    """Every sentence of the Markdown report's prose, tables and lists is on the page."""
    html, markdown = reports(language, **ANSWER_SETS["regulated-group"])
    page = Page(html)
    text = " ".join(" ".join(page.texts[tag]) for tag in ("p", "li", "td", "h3", "h4", "figcaption"))
    text = re.sub(r"[()]", "", text)
    checked = 0
    for line in markdown.splitlines()[1:]:  # the title line is the page's cover
        cells = [line] if not line.startswith("|") else line.strip("|").split(" | ")
        for cell in cells:
            plain = re.sub(r"\*\*|^#+ |^\d+\. |^- ", "", cell.strip())
            plain = re.sub(r"\[([^]]+)\]\([^)]+\)", r"\1", plain)  # a link's text
            # Sentence by sentence: the page sets some labels apart ("Recommended structure" above its name).
            for sentence in re.split(r"(?<=[.:;])\s+", plain):
                if len(sentence) > 40 and not sentence.startswith(("```", "---")) and "█" not in sentence:
                    # A status is a badge on the page, after a dash in Markdown: dash and brackets aside,
                    # the same words.
                    assert re.sub(r"[()]| –", "", sentence.rstrip(".:;")) in text, sentence
                    checked += 1
    assert checked > 60


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_page_names_its_language_and_loads_nothing(reports, language):
    html, _ = reports(language)
    page = Page(html)
    assert page.tags("html") == [{"lang": language}]
    assert not page.tags("script") and not page.tags("link") and not page.tags("img")
    assert not page.tags("iframe") and not page.tags("object") and not page.tags("embed")
    assert not any("src" in attrs for _, attrs in page.elements)
    assert "url(" not in html and "@import" not in html
    policy = next(m for m in page.tags("meta") if m.get("http-equiv") == "Content-Security-Policy")
    assert (policy["content"] or "").startswith("default-src 'none'")
    for link in page.tags("a"):
        href = link["href"] or ""
        assert href.startswith("#") or re.match(r"https?://[a-z0-9.-]+/", href), href
        if href.startswith("#"):
            assert f'id="{href[1:]}"' in html, href  # no link into nowhere


def test_every_chart_has_a_text_alternative(reports):
    html, _ = reports("en")
    charts = re.findall(r"<svg\b[^>]*>.*?</svg>", html, flags=re.DOTALL)
    assert len(charts) >= 1 + 4 + 6 + 6 + 7  # gauge, departments, goals, dimensions, structures
    for svg in charts:
        label = re.search(r'aria-label="([^"]+)"', svg)
        title = re.search(r"<title>([^<]+)</title>", svg)
        assert 'role="img"' in svg and label and title and label.group(1) == title.group(1), svg
    assert "Overall score: " in charts[0] and "Marketing: 90%" in html


@pytest.mark.parametrize("field", ["organisation", "respondent", "notes"])
@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
def test_hostile_free_text_stays_text(pack, field, hostile):
    values = {field: hostile} if field != "notes" else {}
    answers = _base() if field != "notes" else {**_base(), "notes": hostile}
    html = render("html", pack, assess(pack, answer_set(pack, answers, language="en", **values)), "en", DAY)
    page = Page(html)
    assert not page.tags("script") and not page.tags("img") and not page.tags("b")
    assert all(not name.startswith("on") for _, attrs in page.elements for name in attrs)
    assert all("evil" not in (link["href"] or "") for link in page.tags("a"))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", html)
    shown = one_line(re.sub(r"\x1b\[[0-9;]*m|\x07", "", hostile))
    if field == "organisation":
        assert page.texts["h1"] == [shown] and page.texts["title"][0].startswith(
            f"Social media ownership: {shown}"
        )
    elif field == "respondent":
        assert any(text.endswith(f"Completed by: {shown}") for text in page.texts["p"])
    else:
        assert page.texts["pre"] == [" ".join(re.sub(r"\x1b\[[0-9;]*m|\x07", "", hostile).split())]


def test_the_same_answers_give_the_same_bytes(orgcheck, tmp_path):
    example = EXAMPLES / "beispiel-gmbh.yaml"
    first = orgcheck("--answers", str(example), "-o", str(tmp_path / "a.html"))
    second = orgcheck("--answers", str(example), "--format", "html")
    assert first.returncode == 0 and second.returncode == 0
    written = (tmp_path / "a.html").read_bytes()
    assert written.startswith(b'<!DOCTYPE html>\n<html lang="de">') and written == second.stdout


def test_o_with_an_html_name_writes_html_and_other_names_markdown(orgcheck, tmp_path):
    example = EXAMPLES / "northwind-studio.yaml"
    for name, start in (("r.HTML", b"<!DOCTYPE html>"), ("r.htm", b"# "), ("r.txt", b"# ")):
        assert orgcheck("--answers", str(example), "-o", str(tmp_path / name)).returncode == 0
        assert (tmp_path / name).read_bytes().startswith(start), name


def _base():
    from conftest import BASE_ANSWERS

    return dict(BASE_ANSWERS)
