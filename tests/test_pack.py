"""The questionnaire pack: the contract's ids, both languages, figures true to the sources."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import DEPARTMENTS, STRUCTURES

from orgcheck.errors import OrgcheckError
from orgcheck.languages import LANGUAGES
from orgcheck.pack.load import load_pack, validate_pack
from orgcheck.pack.model import Pack, Text
from orgcheck.report.localizer import report_strings
from orgcheck.resources import questions_dir, templates_dir

SHARED = Path(__file__).resolve().parents[2] / "shared"

# Product contract, section 4 (ids and values are public API).
CONTRACT_QUESTIONS = {
    "company_size": ["1-9", "10-49", "50-249", "250-999", "1000+"],
    "business_units": ["single", "multiple"],
    "departments": [
        "marketing",
        "pr",
        "sales",
        "support",
        "product",
        "hr",
        "it",
        "legal",
        "management",
    ],
    "regulated": None,
    "dedicated_team": ["none", "individual", "team"],
    "team_size": None,
    "lead": [*DEPARTMENTS, "social_team", "none"],
    "coordination": ["whoever_wants", "informal", "regular", "governed"],
    "editorial": [*DEPARTMENTS, "social_team", "agency"],
    "goals": ["awareness", "expertise", "dialogue", "recruiting", "customers", "service"],
    "goals_defined": ["none", "informal", "written", "measured"],
    "budget": ["none", "campaign", "dedicated"],
    "inquiries": ["none", "occasional", "daily", "many"],
    "guidelines": None,
    "executive_sponsor": None,
    "notes": None,
}


def test_every_contract_question_and_option_exists(pack):
    assert {q.id for q in pack.questions} == set(CONTRACT_QUESTIONS)
    for question_id, values in CONTRACT_QUESTIONS.items():
        if values is not None:
            assert sorted(pack.question(question_id).values) == sorted(values), question_id


def test_every_contract_structure_exists(pack):
    assert {s.id for s in pack.structures} == STRUCTURES


def test_the_policy_flags_match_the_contract(pack):
    never = {s.id for s in pack.structures if s.never_recommended}
    assert never == {"decentralized", "marketing_led"}


def _texts(value, path=()):
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, tuple) and not hasattr(value, "_fields"):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
    elif hasattr(value, "_fields"):
        for name in value._fields:
            yield from _texts(getattr(value, name), (*path, name))


def test_every_pack_text_is_written_in_both_languages(pack):
    count = 0
    for kind in Pack.PARTS:
        for path, text in _texts(getattr(pack, kind), (kind,)):
            for language in LANGUAGES:
                assert getattr(text, language).strip(), f"{path}: empty in {language}"
            assert text.de != text.en or len(text.de) < 20, f"{path}: German equals English"
            count += 1
    assert count > 200  # the walk really visited the pack


def test_every_report_string_is_written_in_both_languages():
    strings = report_strings()
    for key, value in strings.items():
        assert set(value) == set(LANGUAGES), key
        for language in LANGUAGES:
            assert value[language], f"{key}: empty in {language}"


def test_every_report_string_the_template_uses_exists():
    template = (templates_dir() / "report.md.j2").read_text(encoding="utf-8")
    used = set(re.findall(r"words\.([a-z_0-9]+)", template))
    assert used, "the template uses report strings"
    assert used <= set(report_strings()), used - set(report_strings())


def _percent(value: float, language: str) -> str:
    number = f"{value:g}"
    return number.replace(".", ",") + " %" if language == "de" else number + "%"


def test_each_fact_statement_states_its_own_figure(pack):
    for fact in pack.facts:
        for language in LANGUAGES:
            statement = fact.statement(language)
            for figure in (fact.percent, fact.previous_percent):
                if figure is not None:
                    assert _percent(figure, language) in statement, (fact.id, language)


SEEDS = {
    "S1": SHARED / "seeds" / "000_924f30ed907665ca.txt",
    "S2": SHARED / "seeds" / "004_a7ee82c3b7b60db9.txt",
}
needs_seeds = pytest.mark.skipif(
    not all(path.is_file() for path in SEEDS.values()),
    reason="the source articles are not beside the repo",
)
# The numbers the articles write as words.
GERMAN_NUMBER_WORDS = {"vier": "4"}


def _squash(text: str) -> str:
    return " ".join(text.split())


def _numbers(text: str, language: str = "de") -> set[str]:
    """Every number in a text, as digits: '35,4 %' and '35.4%' are '35.4', '1.000' is '1000'."""
    if language == "de":
        text = re.sub(r"(?<=\d)\.(?=\d{3}\b)", "", text).replace(",", ".")
    else:
        text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    numbers = set(re.findall(r"\d+(?:\.\d+)?", text))
    words = {GERMAN_NUMBER_WORDS[w] for w in re.findall(r"\w+", text) if w in GERMAN_NUMBER_WORDS}
    return numbers | words


def _figures(fact) -> set[str]:
    return {f"{f:g}" for f in (fact.percent, fact.previous_percent) if f is not None}


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    return {source: _squash(path.read_text(encoding="utf-8")) for source, path in SEEDS.items()}


@needs_seeds
def test_every_fact_of_an_article_quotes_it_verbatim(pack, seeds):
    """The quote is the article's own words, and every number the fact states is in it."""
    checked = 0
    for fact in pack.facts:
        if fact.source not in seeds:
            continue
        assert fact.quote, f"{fact.id}: a fact from {fact.source} needs the words that state it"
        assert _squash(fact.quote) in seeds[fact.source], fact.id
        quoted = _numbers(fact.quote)
        assert _figures(fact) <= quoted, fact.id
        for language in LANGUAGES:
            assert _numbers(fact.statement(language), language) <= quoted, (fact.id, language)
        checked += 1
    assert checked == len([f for f in pack.facts if f.source in ("S1", "S2")]) >= 21


@needs_seeds
def test_no_fact_says_should_where_its_source_does_not(pack):
    """S1 says involving product or HR is "sinnvoll" (useful), and marketing "sollte
    nicht alleine" (should not be alone): a statement says "should" only after its source."""
    for fact in pack.facts:
        if fact.quote is None:
            continue
        claims = re.search(r"\b(sollte|sollten|soll|muss|müssen)\b", fact.statement.de) or re.search(
            r"\b(should|must)\b", fact.statement.en
        )
        if claims:
            assert re.search(r"\b(sollte|sollten|soll|muss|müssen)\b", fact.quote), fact.id
    assert "sinnvoll" in pack.fact("involve-product-hr").statement.de
    assert "useful" in pack.fact("involve-product-hr").statement.en
    assert "sollte" in pack.fact("marketing-not-alone").statement.de


# Bitkom's release (B1) is not beside the repo: its facts are pinned here, as
# investorszene.de (2014-09-08) and prreport.de (2014-09-02) print them, so
# they change only on purpose.
B1_FACTS = {
    "bitkom-sample": (None, None, {"106"}),
    "bitkom-comms-share": (32, 47, {"47", "32", "2013"}),
    "bitkom-cross-departmental": (33, None, {"33"}),
}
B1_WORDS = {
    "bitkom-sample": ("Marketingverantwortlichen von 106", "marketing heads of 106"),
    "bitkom-comms-share": (
        "Marketing, PR oder Unternehmenskommunikation",
        "marketing, PR or corporate communications",
    ),
    "bitkom-cross-departmental": ("jedem dritten Unternehmen (33 %)", "every third company (33%)"),
}


def test_the_release_facts_carry_exactly_its_figures_and_words(pack):
    release = {f.id: f for f in pack.facts if f.source == "B1"}
    assert set(release) == set(B1_FACTS)
    for fact_id, (percent, previous, numbers) in B1_FACTS.items():
        fact = release[fact_id]
        assert (fact.percent, fact.previous_percent) == (percent, previous), fact_id
        for language, words in zip(LANGUAGES, B1_WORDS[fact_id], strict=True):
            assert _numbers(fact.statement(language), language) == numbers, (fact_id, language)
            assert words in fact.statement(language), (fact_id, language)
    description = pack.source("B1").description
    assert "106" in description.de and "Marketingverantwortlichen" in description.de
    assert "106" in description.en and "marketing heads" in description.en
    assert [(r.site, r.date.isoformat()) for r in pack.source("B1").reprints] == [
        ("prreport.de", "2014-09-02"),
        ("investorszene.de", "2014-09-08"),
    ]


@needs_seeds
def test_no_fact_is_cited_to_a_source_that_words_it_otherwise(pack, seeds):
    """S2 says "alle Abteilungen" fell from 47 % to 32 % and "jedem dritten Unternehmen"
    without a figure; the release says marketing, PR or corporate communications, and 33 %."""
    assert "alle Abteilungen" in seeds["S2"] and "Unternehmenskommunikation" in seeds["S2"]
    assert not re.search(r"\b33\b", seeds["S2"])
    for fact in pack.facts:
        trend = (fact.previous_percent, fact.percent) == (47, 32)
        names_comms = "Unternehmenskommunikation" in fact.statement.de
        if trend:
            assert names_comms == (fact.source == "B1"), fact.id
            if fact.source == "S2":
                assert "alle Abteilungen" in fact.statement.de and "all departments" in fact.statement.en
        if fact.percent == 33:
            assert fact.source == "B1", fact.id
    # S2's wording is kept as S2's, and each side says how the other differs.
    assert pack.fact("bitkom-s2-all-departments").source == "S2"
    assert pack.fact("bitkom-s2-every-third").source == "S2"
    for fact_id in ("bitkom-comms-share", "bitkom-cross-departmental"):
        differs = pack.fact(fact_id).differs
        assert differs is not None and "S2" in differs.de and "S2" in differs.en, fact_id
    for fact_id in ("bitkom-s2-all-departments", "bitkom-s2-every-third"):
        differs = pack.fact(fact_id).differs
        assert differs is not None and "B1" in differs.de and "B1" in differs.en, fact_id


SPEC = SHARED / "spec" / "questionnaire.md"


@pytest.mark.skipif(not SPEC.is_file(), reason="the product contract is not beside the repo")
def test_the_altimeter_figures_are_the_contracts(pack):
    """A1 is cited from the product contract (section 2): its numbers are there."""
    section = SPEC.read_text(encoding="utf-8").split("## 2.", 1)[1].split("## 3.", 1)[0]
    table = section[section.index("`altimeter-shares`") :]
    in_contract = _numbers(table.splitlines()[0], "en")
    for fact in pack.facts:
        if fact.source == "A1":
            for language in LANGUAGES:
                assert _numbers(fact.statement(language), language) <= in_contract, (fact.id, language)


def _broken_pack(tmp_path: Path, filename: str, old: str, new: str) -> Path:
    directory = tmp_path / "questions"
    shutil.copytree(questions_dir(), directory)
    path = directory / filename
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {filename}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return directory


def _load_error(directory: Path) -> str:
    sources = {
        name: (directory / name).read_text(encoding="utf-8")
        for name in (
            "questionnaire.yaml",
            "sources.yaml",
            "findings.yaml",
            "structures.yaml",
            "scoring.yaml",
        )
    }
    with pytest.raises(OrgcheckError) as caught:
        validate_pack(directory, sources)
    return str(caught.value)


@pytest.mark.parametrize(
    ("filename", "old", "new", "expected"),
    [
        (
            "findings.yaml",
            "when: {question: departments, op: equals, value: [marketing]}",
            "when: {question: departmens, op: equals, value: [marketing]}",
            r"findings\.yaml:\d+:\d+: .*marketing-only.*unknown question 'departmens' \(did you mean 'departments'\?\)",
        ),
        (
            "findings.yaml",
            "when: {question: departments, op: equals, value: [marketing]}",
            "when: {question: departments, op: equals, value: [markting]}",
            r"findings\.yaml:\d+:\d+: .*'markting' is not an option of 'departments' \(did you mean 'marketing'\?\)",
        ),
        (
            "findings.yaml",
            "when: {question: departments, op: equals, value: [marketing]}",
            "when: {question: departments, op: bigger, value: [marketing]}",
            r"findings\.yaml:\d+:\d+: findings\[1\] \(marketing-only\)\.when\.op: operator 'bigger' is not one of",
        ),
        (
            "findings.yaml",
            "when: {question: departments, op: equals, value: [marketing]}",
            "when: {question: departments, op: at_least, value: 3}",
            r"findings\.yaml:\d+:\d+: .*operator 'at_least' does not apply to multi question 'departments'",
        ),
        (
            "findings.yaml",
            "[fact:pivotcon-marketing]",
            "[fact:pivotcon-marketting]",
            r"findings\.yaml:\d+:\d+: .*unknown fact 'pivotcon-marketting' \(did you mean 'pivotcon-marketing'\?\)",
        ),
        (
            "findings.yaml",
            "[fact:pivotcon-marketing]",
            "[fakt:pivotcon-marketing]",
            r"findings\.yaml:\d+:\d+: .*'\[fakt:pivotcon-marketing\]' is not a reference",
        ),
        (
            "structures.yaml",
            "[fact:altimeter-shares]",
            "[rule-of-thump]",
            r"structures\.yaml:\d+:\d+: .*hub_and_spoke.*'\[rule-of-thump\]' is not a reference",
        ),
        (
            "sources.yaml",
            "Nur 22 % sehen Social Media als Servicekanal.",
            "Nur 22 % sehen Social Media als Servicekanal [fact:bitkom-no-goals].",
            r"sources\.yaml:\d+:\d+: .*bitkom-goal-service.*cannot cite",
        ),
        (
            "sources.yaml",
            "source: S1",
            "source: S9",
            r"sources\.yaml:\d+:\d+: .*unknown source 'S9'",
        ),
        (
            "structures.yaml",
            "- owner: marketing",
            "- owner: marketeers",
            r"structures\.yaml:\d+:\d+: .*unknown unit 'marketeers'",
        ),
        (
            "scoring.yaml",
            "points: 30",
            "pionts: 30",
            r"scoring\.yaml:\d+:\d+: .*pionts.*Extra inputs",
        ),
        (
            "questionnaire.yaml",
            "title: {de: Ihre Organisation, en: Your organisation}",
            "title: {de: Ihre Organisation}",
            r"questionnaire\.yaml:\d+:\d+: sections\[0\] \(company\)\.title\.en: Field",
        ),
    ],
)
def test_a_broken_pack_names_file_line_and_rule(tmp_path, filename, old, new, expected):
    message = _load_error(_broken_pack(tmp_path, filename, old, new))
    assert re.search(expected, message), message


def test_a_duplicate_finding_id_is_refused(tmp_path):
    directory = _broken_pack(tmp_path, "findings.yaml", "- id: marketing-only", "- id: no-involvement")
    assert "duplicate id 'no-involvement'" in _load_error(directory)


def test_a_validated_pack_is_cached_and_a_damaged_cache_is_ignored(tmp_path, monkeypatch):
    from orgcheck.pack import cache as packcache
    from orgcheck.pack.load import _load_pack

    monkeypatch.setenv("ORGCHECK_CACHE_DIR", str(tmp_path))
    _load_pack.cache_clear()
    first = load_pack()
    cached = list(tmp_path.glob("pack-*.json"))
    assert len(cached) == 1
    cached[0].write_bytes(b"not a cached pack")
    _load_pack.cache_clear()
    assert load_pack() == first  # validated again, not crashed
    assert packcache.read("no-such-key") is None
    _load_pack.cache_clear()
