"""The report people read: complete, lint-clean, cited, and safe against hostile free text."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from orgcheck.engine.assess import assess
from orgcheck.questionnaire.flow import answer_set
from orgcheck.report.rendering import render

DAY = dt.date(2026, 11, 22)
SECTIONS = {
    "en": [
        "## Summary",
        "## Where you stand",
        "## Scores by dimension",
        "## Findings",
        "## All structures compared",
        "## Recommended responsibilities",
        "## Action plan",
        "## Your answers",
        "## Methodology",
        "## Sources",
    ],
    "de": [
        "## Zusammenfassung",
        "## Wo Sie stehen",
        "## Bewertung nach Bereichen",
        "## Befunde",
        "## Alle Strukturen im Vergleich",
        "## Empfohlene Verantwortlichkeiten",
        "## Maßnahmenplan",
        "## Ihre Antworten",
        "## Methodik",
        "## Quellen",
    ],
}


def markdown_problems(text: str) -> list[str]:
    """markdownlint's default rules (line length aside), via its Python port."""
    from pymarkdown.api import PyMarkdownApi

    result = PyMarkdownApi().disable_rule_by_identifier("md013").scan_string(text)
    return [str(failure) for failure in result.scan_failures]


@pytest.fixture
def report_for(pack, answers_of):
    def make(language: str = "en", fmt: str = "md", **answers) -> str:
        answer_set_ = answers_of(**answers)
        return render(fmt, pack, assess(pack, answer_set_), language, DAY)

    return make


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_report_has_every_section_in_order(report_for, language):
    text = report_for(language)
    positions = [text.index(heading + "\n") for heading in SECTIONS[language]]
    assert positions == sorted(positions)


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_summary_names_the_structure_the_score_and_three_actions(report_for, language):
    text = report_for(language)
    summary = text[: text.index(SECTIONS[language][1])]
    assert ("Hub and Spoke" if language == "de" else "Hub and spoke") in summary
    assert re.search(r"\*\*(Gesamtwert|Overall score): \d+ (von|out of) 100\.\*\*", summary)
    assert re.findall(r"^\d\. \*\*", summary, flags=re.MULTILINE) == ["1. **", "2. **", "3. **"]


ANSWER_SETS = {
    "example": {},
    "nothing-in-place": {
        "company_size": "1-9",
        "departments": [],
        "dedicated_team": "none",
        "lead": "none",
        "drop": ["editorial"],
        "goals": [],
        "budget": "none",
    },
    "regulated-group": {
        "regulated": True,
        "company_size": "1000+",
        "business_units": "multiple",
        "dedicated_team": "team",
        "team_size": 3,
    },
    "small-cross-departmental": {
        "company_size": "10-49",
        "departments": ["marketing", "pr", "support", "hr"],
    },
}


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("answers", ANSWER_SETS.values(), ids=ANSWER_SETS.keys())
def test_the_report_is_clean_markdown(report_for, language, answers):
    assert markdown_problems(report_for(language, **answers)) == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_figure_names_its_source(report_for, language):
    """A percentage outside the charts is followed by its source on the same line;
    each chart is introduced by a sentence that names its source; the list of
    statements under each source's heading in "Sources" is that source's."""
    text = report_for(language)
    in_chart = False
    previous_paragraph = ""
    heading = ""
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line
        if re.match(r"### (S1|S2|B1|A1): ", heading) and line.startswith("- "):
            continue
        if line.startswith("```"):
            in_chart = not in_chart
            continue
        if in_chart:
            if "%" in line:
                assert re.search(r"\((S1|S2)\b", previous_paragraph), previous_paragraph
            continue
        if line.strip():
            previous_paragraph = line
        for match in re.finditer(r"\d+(?:[.,]\d+)? ?%", line):
            rest = line[match.end() :]
            assert re.search(r"\((S1|S2|B1|A1)[);,]|\bS[12]\b|\(A1", rest) or re.search(
                r"\((S1|S2|B1|A1)", line[: match.start()]
            ), f"unsourced figure in: {line}"


def test_the_bitkom_sample_is_named_where_its_figures_are_shown(report_for):
    for language, words in (
        ("en", "106 IT and telecommunications companies"),
        ("de", "106 IT- und Telekommunikationsunternehmen"),
    ):
        text = report_for(language)
        assert words in text


CITATION = re.compile(r"\((S1|S2|B1|A1)[);,]")


def _listed_sources(text: str) -> dict[str, list[str]]:
    """The Sources section: each source's id and the statements listed under it."""
    section = text[text.index("\n## Sources") if "\n## Sources" in text else text.index("\n## Quellen") :]
    listed: dict[str, list[str]] = {}
    current = None
    for line in section.splitlines():
        if match := re.match(r"### (\w+): ", line):
            current = match.group(1)
            listed[current] = []
        elif current and line.startswith("- "):
            listed[current].append(line[2:])
    return listed


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("answers", list(ANSWER_SETS))
def test_sources_lists_exactly_the_sources_and_figures_the_report_cites(pack, report_for, language, answers):
    text = report_for(language, **ANSWER_SETS[answers])
    body = text[: text.index("\n## Sources" if language == "en" else "\n## Quellen")]
    listed = _listed_sources(text)
    cited_in_body = set(CITATION.findall(body))
    assert set(listed) == cited_in_body, answers
    statements = {pack.fact(f).statement(language): f for f in (x.id for x in pack.facts)}
    listed_facts = []
    for source, lines in listed.items():
        for line in lines:
            fact_id = next(f for s_, f in statements.items() if line.startswith(s_))
            assert pack.fact(fact_id).source == source, fact_id
            listed_facts.append(fact_id)
    assert len(listed_facts) == len(set(listed_facts)), "each statement once"
    assert len(listed_facts) < len(pack.facts), "only what this report cites"
    # Each listed figure is shown in the body; each figure the body cites is listed.
    for fact in pack.facts:
        if fact.percent is None:
            continue
        figure = f"{fact.percent:g}".replace(".", ",") + " %" if language == "de" else f"{fact.percent:g}%"
        shown = f"{figure} ({pack.source(fact.source).short})" in body
        if shown:
            assert fact.id in listed_facts, (answers, fact.id)
    listed_order = [f.id for f in pack.facts if f.id in listed_facts]
    assert listed_facts == listed_order, "grouped by source, in the order of sources.yaml"


def test_a_fact_shown_only_in_a_conditional_sentence_is_listed_only_when_shown(report_for):
    regulated = _listed_sources(report_for("en", **ANSWER_SETS["regulated-group"]))
    plain = _listed_sources(report_for("en", **ANSWER_SETS["small-cross-departmental"]))
    central = "Central control suits regulated industries"
    assert any(line.startswith(central) for line in regulated["A1"])
    assert not any(line.startswith(central) for line in plain.get("A1", []))


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("answers", list(ANSWER_SETS))
def test_where_s2_words_a_figure_differently_the_report_says_how(pack, report_for, language, answers):
    """Product contract, section 6: the release's 33 % and 47 % to 32 % are cited to
    B1, and wherever one is shown, the same paragraph says how S2 words it."""
    text = report_for(language, **ANSWER_SETS[answers])
    differing = [f for f in pack.facts if f.differs is not None]
    assert {f.source for f in differing} == {"S2", "B1"}
    for fact in differing:
        figure = None
        if fact.percent is not None:
            figure = (
                f"{fact.percent:g}".replace(".", ",") + " %" if language == "de" else f"{fact.percent:g}%"
            )
        for line in text.splitlines():
            if figure is not None and f"{figure} ({fact.source})" in line:
                assert fact.differs(language) in line, line
            if line.startswith("- " + fact.statement(language)):
                assert fact.differs(language) in line, line
    for wrong in ("33 % (S2)", "33% (S2)"):
        assert wrong not in text


def test_the_release_is_shown_with_where_it_can_be_read(report_for):
    text = report_for("de")
    assert "### B1: " in text
    assert "Zu lesen bei [prreport.de](http" in text and "(8. September 2014)" in text
    english = report_for("en")
    assert "It can be read at [prreport.de](http" in english and "(2 September 2014)" in english


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_rule_of_thumb_is_named_as_orgchecks_own(pack, language):
    from orgcheck.pack.model import RULE_OF_THUMB
    from orgcheck.report.localizer import Localizer, report_strings

    loc = Localizer(pack, language, report_strings())
    text = loc._cite_all(f"From 50 employees a hub pays off {RULE_OF_THUMB}.")
    marker = "(Faustregel von orgcheck)" if language == "de" else "(orgcheck rule of thumb)"
    assert text == f"From 50 employees a hub pays off {marker}."
    assert loc.cited == set()


def test_no_size_threshold_is_cited_to_a_source(pack):
    """Product contract, section 6: the thresholds are orgcheck's own rules of thumb."""
    threshold = re.compile(r"\b(Ab|Unter|unter|ab|From|Under|under|from) (50|250)\b")
    checked = 0
    for structure in pack.structures:
        for adjustment in structure.adjustments:
            for language in ("de", "en"):
                reason = adjustment.reason(language)
                if threshold.search(reason):
                    assert "[rule-of-thumb]" in reason, reason
                    start = threshold.search(reason).start()
                    until = reason.index("[rule-of-thumb]")
                    assert "[fact" not in reason[start:until], reason
                    checked += 1
    assert checked >= 10


def html_of(markdown: str) -> str:
    """CommonMark with GFM tables, as most viewers render it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render(markdown)


# Free text that tries to become markup or reach the terminal (docs/reliability.md counts these).
HOSTILE_TEXTS = [
    "# Fake heading",
    "Evil [click](https://evil.example)",
    "![x](https://evil.example/p.png)",
    "<script>alert(1)</script>",
    "<b onmouseover=x>bold</b>",
    "A | B | C",
    "Bold **claim** and _more_",
    "`code` and ``more``",
    "see www.evil.example or https://evil.example",
    "mail ceo@evil.example",
    "\x1b[31mred\x1b[0m\x07 bell",
    "Line one\n## Line two",
    "[ref]: https://evil.example",
]


@pytest.mark.parametrize("field", ["organisation", "respondent"])
@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
def test_hostile_names_stay_plain_text(pack, field, hostile):
    answers = answer_set(pack, _base(), language="en", **{field: hostile})
    text = render("md", pack, assess(pack, answers), "en", DAY)
    line = text.splitlines()[0 if field == "organisation" else 2]
    html = html_of(line)
    if field == "organisation":
        assert html.startswith("<h1>") and html.count("<h1>") == 1, html
    else:
        assert html.startswith("<p>Completed by: "), html
    for markup in ("<a ", "<img", "<script", "<b ", "<strong", "<em", "<h2", "<table"):
        assert markup not in html, html
    outside_code = re.sub(r"<code>.*?</code>", "", html)
    for word in ("www.evil.example", "https://evil.example", "ceo@evil.example"):
        assert word not in outside_code, html  # GFM would autolink it: it must be code, not text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert markdown_problems(text) == []
    answers_section = text[text.index("## Your answers") : text.index("## Methodology")]
    assert html_of(answers_section).count("<table>") == 1


@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
def test_hostile_notes_are_shown_as_written_inside_one_block(pack, hostile):
    answers = answer_set(pack, {**_base(), "notes": hostile}, language="en")
    text = render("md", pack, assess(pack, answers), "en", DAY)
    section = text[text.index("### Notes") : text.index("## Methodology")]
    html = html_of(section)
    assert html.count("<pre>") == 1 and "<a " not in html and "<script" not in html and "<h2" not in html
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert markdown_problems(text) == []


def test_notes_are_shown_verbatim_and_cannot_break_out(pack):
    notes = "```\n# not a heading\n[link](https://x)\n````\nend"
    answers = answer_set(pack, {**_base(), "notes": notes}, language="en")
    text = render("md", pack, assess(pack, answers), "en", DAY)
    block = text[text.index("### Notes") : text.index("## Methodology")]
    assert block.count("`````text") == 1  # a fence longer than any run inside
    assert "# not a heading" in block
    assert markdown_problems(text) == []


def test_json_is_the_same_assessment_as_the_markdown(report_for):
    import json

    document = json.loads(report_for("en", "json"))
    markdown = report_for("en")
    assert f"**Overall score: {document['score']['overall']} out of 100.**" in markdown
    for finding in document["findings"]:
        assert f"#### {finding['title']}" in markdown


def _base():
    from conftest import BASE_ANSWERS

    return dict(BASE_ANSWERS)


@pytest.mark.parametrize(
    ("language", "lead_in", "editorial", "inquiries"),
    [
        (
            "en",
            "Because you answered",
            "Who writes posts and answers comments: Marketing",
            "Inquiries via social media: Daily",
        ),
        (
            "de",
            "Weil Sie geantwortet haben",
            "Wer Beiträge schreibt und Kommentare beantwortet: Marketing",
            "Anfragen über Social Media: Täglich",
        ),
    ],
)
def test_evidence_reads_as_the_answers_in_words(report_for, language, lead_in, editorial, inquiries):
    """Each finding names the answers behind it as '<short label>: <answer>', one per question of its JSON evidence."""
    import json

    text = report_for(language)
    document = json.loads(report_for(language, "json"))
    for finding in document["findings"]:
        section = text[text.index(f"#### {finding['title']}\n") :]
        line = section.splitlines()[2]
        assert line.startswith(f"{lead_in}: ") and line.endswith("."), line
        answers = line[len(lead_in) + 2 : -1].split("; ")
        assert len(answers) == len(finding["evidence"]), (answers, finding["evidence"])
        assert all(re.fullmatch(r"[^:=]+: [^=]+", answer) for answer in answers), answers
    support = next(f for f in document["findings"] if f["id"] == "support-not-editorial")
    section = text[text.index(f"#### {support['title']}\n") :]
    assert f"; {editorial}; {inquiries}." in section.splitlines()[2]
