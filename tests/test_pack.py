"""The questionnaire pack: the contract's ids, both languages, figures true to the sources."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import DEPARTMENTS, STRUCTURES

from orgcheck.errors import OrgcheckError
from orgcheck.pack import LANGUAGES, Pack, Text, load_pack, validate_pack
from orgcheck.report import report_strings
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


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="the source articles are not beside the repo")
def test_every_figure_is_in_its_source_article(pack):
    seeds = {
        "S1": (SHARED / "seeds" / "000_924f30ed907665ca.txt").read_text(encoding="utf-8"),
        "S2": (SHARED / "seeds" / "004_a7ee82c3b7b60db9.txt").read_text(encoding="utf-8"),
    }
    # S2 words three figures differently; the contract encodes them as numbers.
    in_words = {
        ("bitkom-no-goals", "4"): "lediglich vier Prozent",
        ("bitkom-cross-departmental", "33"): "jedem dritten Unternehmen",
        ("bitkom-goal-recruiting", "48"): "48 beziehungsweise 47 Prozent",
    }
    checked = 0
    for fact in pack.facts:
        if fact.source not in seeds:
            continue  # A1 is cited from the contract, not from a seed
        for figure in (fact.percent, fact.previous_percent):
            if figure is None:
                continue
            number = f"{figure:g}"
            checked += 1
            if (fact.id, number) in in_words:
                assert in_words[fact.id, number] in seeds[fact.source]
                continue
            assert re.search(rf"\b{number} ?(%|Prozent)", seeds[fact.source]), (fact.id, number)
    assert checked >= 17


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
            "sources.yaml",
            "source: S1",
            "source: S9",
            r"sources\.yaml:\d+:\d+: .*unknown source 'S9'",
        ),
        (
            "structures.yaml",
            "first_step_owner: marketing",
            "first_step_owner: marketeers",
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
            "title: {de: Ihr Unternehmen, en: Your company}",
            "title: {de: Ihr Unternehmen}",
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
    from orgcheck import packcache
    from orgcheck.pack import _load_pack

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
