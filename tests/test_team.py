"""orgcheck team: the consensus, the perception gaps, who each finding fired for, and bad input."""

from __future__ import annotations

import importlib.util
import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
import test_html_browser
import yaml
from conftest import EXAMPLES, REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgcheck.answers.validate import AnswerSet
from orgcheck.engine.assess import assess
from orgcheck.engine.record import Record, record
from orgcheck.engine.team import consensus_answers, team
from orgcheck.errors import OrgcheckError
from orgcheck.questionnaire.flow import answer_set
from orgcheck.report.many import render_team

_spec = importlib.util.spec_from_file_location("team_benchmark", REPO / "benchmarks" / "team.py")
assert _spec and _spec.loader
team_benchmark = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(team_benchmark)

PROPERTY = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def record_of(pack: Any, values: dict[str, Any], file: str, respondent: str | None = None) -> Record:
    answers = answer_set(pack, values, respondent=respondent, language="en")
    return record(pack, assess(pack, AnswerSet(**{**answers.__dict__, "source": file})))


def random_values(pack: Any, seed: int) -> dict[str, Any]:
    return team_benchmark.random_values(pack, random.Random(seed))


def write_answers(folder: Path, name: str, values: dict[str, Any], **meta: Any) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump({**meta, "answers": values}, sort_keys=False), encoding="utf-8")
    return path


# --- properties -----------------------------------------------------------------------------


@PROPERTY
@given(seed=st.integers(0, 10**6), copies=st.integers(2, 5))
def test_identical_files_show_no_gaps_and_their_consensus_is_the_single_assessment(pack, seed, copies):
    values = random_values(pack, seed)
    records = [record_of(pack, values, f"r{i}.yaml") for i in range(copies)]
    result = team(pack, records)
    assert result.gaps == ()
    single = records[0]
    assert consensus_answers(pack, records).values == answer_set(pack, values).values
    assert record(pack, result.consensus)._replace(
        file="", respondent=None, language=None
    ) == single._replace(file="", respondent=None, language=None)
    assert all(f.respondents == copies and f.in_consensus for f in result.findings)


@PROPERTY
@given(seeds=st.lists(st.integers(0, 10**6), min_size=2, max_size=5, unique=True), order=st.randoms())
def test_the_order_of_the_files_does_not_change_the_output(pack, seeds, order):
    records = [record_of(pack, random_values(pack, s), f"r{s}.yaml") for s in seeds]
    shuffled = records[:]
    order.shuffle(shuffled)
    import datetime as dt

    day = dt.date(2026, 11, 22)
    for fmt in ("md", "json"):
        assert render_team(fmt, pack, team(pack, shuffled), "en", day) == render_team(
            fmt, pack, team(pack, records), "en", day
        )


@PROPERTY
@given(seeds=st.lists(st.integers(0, 10**6), min_size=2, max_size=6, unique=True))
def test_gaps_are_the_questions_answered_differently_most_divided_first(pack, seeds):
    records = [record_of(pack, random_values(pack, s), f"r{s}.yaml") for s in seeds]
    result = team(pack, records)
    differing = {
        q.id
        for q in pack.questions
        if q.type != "text" and len({json.dumps(r.answers.get(q.id)) for r in records}) > 1
    }
    assert {g.question for g in result.gaps} == differing
    agreements = [g.agreement for g in result.gaps]
    assert agreements == sorted(agreements) and all(0 < a < 1 for a in agreements)


def test_a_team_of_one_is_refused_with_a_clear_message(pack):
    with pytest.raises(
        OrgcheckError, match=r"at least 2 respondents.*got 1; for one file use 'orgcheck report FILE'"
    ):
        team(pack, [record_of(pack, random_values(pack, 1), "only.yaml")])


# --- the consensus rule ------------------------------------------------------------------------


def test_the_consensus_takes_the_majority_and_the_options_at_least_half_chose(pack, answers_of):
    base = dict(answers_of().values)
    people = [
        {**base, "inquiries": "daily", "editorial": ["marketing", "support"]},
        {**base, "inquiries": "daily", "editorial": ["marketing", "support"]},
        {**base, "inquiries": "many", "editorial": ["marketing"]},
        {**base, "inquiries": "occasional", "editorial": ["marketing", "pr"]},
    ]
    records = [record_of(pack, v, f"p{i}.yaml") for i, v in enumerate(people)]
    values = consensus_answers(pack, records).values
    assert values["inquiries"] == "daily"
    assert values["editorial"] == ["marketing", "support"]  # pr: 1 of 4; support: 2 of 4


def test_a_tie_goes_to_the_answer_that_raises_the_finding(pack, answers_of):
    base = dict(answers_of().values)
    with_guidelines = record_of(pack, {**base, "guidelines": True}, "a.yaml")
    without = record_of(pack, {**base, "guidelines": False}, "b.yaml")
    result = team(pack, [with_guidelines, without])
    assert result.consensus.answers.values["guidelines"] is False
    assert "no-guidelines" in {f.id for f in result.consensus.findings}


def test_a_number_takes_the_median(pack, answers_of):
    base = dict(answers_of(dedicated_team="team", team_size=3).values)
    records = [record_of(pack, {**base, "team_size": n}, f"{n}.yaml") for n in (2, 5, 40)]
    assert consensus_answers(pack, records).values["team_size"] == 5


# --- the report ---------------------------------------------------------------------------------


def test_a_gap_reads_as_who_said_what(pack, answers_of):
    base = dict(answers_of(departments=["marketing", "support"], editorial=["marketing", "support"]).values)
    names = ["Head of marketing", "Managing director", "Head of sales"]
    records = [record_of(pack, base, f"{i}.yaml", respondent=n) for i, n in enumerate(names)]
    records.append(
        record_of(pack, {**base, "editorial": ["marketing"]}, "9.yaml", respondent="Head of support")
    )
    text = render_team("md", pack, team(pack, records), "en", __import__("datetime").date(2026, 1, 1))
    support = pack.question("departments").option("support")
    assert f"3 of 4 include “{support.label('en')}”; Head of support does not." in text
    german = render_team("md", pack, team(pack, records), "de", __import__("datetime").date(2026, 1, 1))
    assert f"3 von 4 nennen „{support.label('de')}“; Head of support nicht." in german


def test_every_finding_says_how_many_respondents_it_fired_for(pack):
    """Counted by the respondents whose own answers raise it: as a finding of their own, or
    folded into another one in their report (one root cause, one finding)."""
    records = [record_of(pack, random_values(pack, s), f"{s}.yaml") for s in range(6)]
    result = team(pack, records)
    for count in result.findings:
        assert count.respondents == sum(count.id in r.causes for r in records)
        assert count.who == tuple(
            i for i, r in enumerate(result.respondents) if count.id in records[i].causes
        )
        assert count.share == count.respondents / 6


def test_a_finding_folded_into_another_still_counts_for_that_respondent(pack, answers_of):
    """Marketing alone folds 'support is not involved' into its own finding: the person who
    answered so raises the support gap as much as the one whose sales team takes part too."""
    alone = dict(answers_of(departments=["marketing"], editorial=["marketing"], lead="marketing").values)
    records = [
        record_of(pack, alone, "alone.yaml", respondent="Alone"),
        record_of(
            pack, {**alone, "departments": ["marketing", "sales"]}, "sales.yaml", respondent="With sales"
        ),
    ]
    assert "support-not-involved" not in records[0].finding_ids  # folded into marketing-only there
    counts = {f.id: f for f in team(pack, records).findings}
    assert counts["support-not-involved"].respondents == 2
    assert counts["marketing-only"].respondents == 1


# --- the command ------------------------------------------------------------------------------


def test_team_over_a_folder_writes_json_with_the_contracts_keys(orgcheck, tmp_path):
    result = orgcheck("team", str(EXAMPLES / "team"), "-o", str(tmp_path / "team.json"))
    assert result.returncode == 0, result.stderr
    document = json.loads((tmp_path / "team.json").read_text(encoding="utf-8"))
    assert document["kind"] == "team" and document["schema_version"] == 1
    assert {"file", "respondent", "score", "recommendation"} <= set(document["respondents"][0])
    assert document["consensus"]["pack"] == document["pack"]
    gap = document["gaps"][0]
    assert {"question", "agreement", "answers"} <= set(gap) and len(gap["answers"]) == 4
    assert {"id", "respondents", "share"} <= set(document["findings"][0])


def test_every_problem_in_every_file_is_reported_and_nothing_is_written(orgcheck, tmp_path, pack):
    good = random_values(pack, 3)
    write_answers(tmp_path, "a.yaml", good, respondent="A")
    (tmp_path / "b.yaml").write_text(
        "answers:\n  company_size: 10-49\n  company_size: 1-9\n", encoding="utf-8"
    )
    write_answers(tmp_path, "c.yaml", {**good, "departments": ["markting"]}, respondent="C")
    report = tmp_path / "out" / "team.md"
    report.parent.mkdir()
    report.write_text("last week's report\n", encoding="utf-8")
    result = orgcheck("team", str(tmp_path), "-o", str(report))
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert f"{tmp_path / 'b.yaml'}:3:3: duplicate key 'company_size'" in stderr
    assert f"{tmp_path / 'c.yaml'}:" in stderr and "'markting' is not an option" in stderr
    assert "Traceback" not in stderr
    assert report.read_text(encoding="utf-8") == "last week's report\n"


def test_two_files_from_the_same_respondent_are_flagged(orgcheck, tmp_path, pack):
    write_answers(tmp_path, "a.yaml", random_values(pack, 1), respondent="Head of sales")
    write_answers(tmp_path, "b.yaml", random_values(pack, 2), respondent="head of  Sales")
    result = orgcheck("team", str(tmp_path))
    assert result.returncode == 2 and result.stdout == b""
    assert (
        f"{tmp_path / 'b.yaml'}:1:1: respondent 'head of  Sales' also answered {tmp_path / 'a.yaml'}"
        in result.stderr.decode()
    )


def test_files_in_different_languages_make_one_team_named_by_respondent_else_file(orgcheck, tmp_path, pack):
    write_answers(tmp_path, "anna.yaml", random_values(pack, 1), language="de")
    write_answers(tmp_path, "ben.yml", random_values(pack, 2), language="en", respondent="Ben")
    write_answers(tmp_path, "de.yaml", random_values(pack, 3), language="de")
    result = orgcheck(
        "team", str(tmp_path / "anna.yaml"), str(tmp_path / "ben.yml"), str(tmp_path / "de.yaml")
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    assert text.startswith("# Teamauswertung")  # two of three answered in German
    assert "3 Personen haben den Fragebogen ausgefüllt: anna.yaml, Ben und de.yaml." in text


def test_files_of_the_same_name_in_different_folders_are_told_apart(orgcheck, tmp_path, pack):
    for quarter, seed in (("2026-q1", 1), ("2026-q4", 2)):
        (tmp_path / quarter).mkdir()
        write_answers(tmp_path / quarter, "anna.yaml", random_values(pack, seed))
    write_answers(tmp_path / "2026-q4", "ben.yaml", random_values(pack, 3))
    folders = [str(tmp_path / "2026-q1"), str(tmp_path / "2026-q4")]
    text = orgcheck("team", *folders, "--lang", "en").stdout.decode()
    assert "3 people answered the questionnaire: 2026-q1/anna.yaml, 2026-q4/anna.yaml and ben.yaml." in text
    document = json.loads(orgcheck("team", *folders, "--format", "json").stdout)
    assert [r["file"] for r in document["respondents"]] == [
        "2026-q1/anna.yaml",
        "2026-q4/anna.yaml",
        "ben.yaml",
    ]
    files = [str(tmp_path / q / "anna.yaml") for q in ("2026-q1", "2026-q4")]
    progress = json.loads(orgcheck("compare", *files, "--format", "json").stdout)
    assert (progress["before"]["file"], progress["after"]["file"]) == (
        "2026-q1/anna.yaml",
        "2026-q4/anna.yaml",
    )
    itself = json.loads(orgcheck("compare", files[0], files[0], "--format", "json").stdout)
    assert itself["before"]["file"] == itself["after"]["file"] == "anna.yaml"


def test_a_folder_without_answers_files_and_a_team_of_one_are_usage_errors(orgcheck, tmp_path, pack):
    (tmp_path / "empty").mkdir()
    result = orgcheck("team", str(tmp_path / "empty"))
    assert result.returncode == 2
    assert f"{tmp_path / 'empty'}: a folder without answers files (*.yaml, *.yml)" in result.stderr.decode()
    write_answers(tmp_path, "one.yaml", random_values(pack, 1))
    result = orgcheck("team", str(tmp_path / "one.yaml"))
    assert result.returncode == 2 and "needs at least 2 respondents" in result.stderr.decode()


def test_the_readmes_team_excerpt_is_from_the_committed_example():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## A team, and progress over time") :]
    excerpt = section[section.index("```text\n") + 8 : section.index("```\n", section.index("```text\n") + 8)]
    report = (EXAMPLES / "team.en.md").read_text(encoding="utf-8")
    assert excerpt.strip() and all(line in report for line in excerpt.splitlines())


@pytest.mark.parametrize("language", ["de", "en"])
def test_team_and_progress_reports_pass_markdownlint(language, pack):
    import datetime as dt

    from test_report import markdown_problems

    for name in ("team", "progress"):
        path = EXAMPLES / (f"{name}.md" if language == "de" else f"{name}.en.md")
        assert markdown_problems(path.read_text(encoding="utf-8")) == [], path.name
    names = ["# Head | of *PR*", "<b>CEO</b>", "[x](http://e.test)", "`IT`"]
    records = [
        record_of(pack, random_values(pack, i), f"{i}.yaml", respondent=n) for i, n in enumerate(names)
    ]
    text = render_team("md", pack, team(pack, records), language, dt.date(2026, 1, 1))
    assert markdown_problems(text) == []
    assert "<b>CEO</b>" not in text and "| # Head" not in text


def test_the_json_is_the_team_document_with_one_line_per_respondent(pack):
    import datetime as dt

    from orgcheck.report.many import team_document

    names = ['He said "no"', "Zoë\\", "x"]
    records = [
        record_of(pack, random_values(pack, i), f"{i}.yaml", respondent=n) for i, n in enumerate(names)
    ]
    result = team(pack, records)
    text = render_team("json", pack, result, "en", dt.date(2026, 1, 1))
    assert json.loads(text) == json.loads(json.dumps(team_document(pack, result, "en", dt.date(2026, 1, 1))))
    assert '    {"file": "0.yaml", "respondent": "He said \\"no\\"", "score"' in text


def test_a_lead_nobody_else_can_have_goes_to_the_cautious_reading(pack, answers_of):
    """Each names a lead from their own departments; the consensus keeps none of those departments."""
    people = [
        (["marketing", "support"], "marketing"),
        (["pr", "support"], "pr"),
        (["sales", "support"], "sales"),
    ]
    records = [
        record_of(
            pack, dict(answers_of(departments=d, lead=lead, editorial=["support"]).values), f"{lead}.yaml"
        )
        for d, lead in people
    ]
    result = team(pack, records)
    assert result.consensus.answers.values["departments"] == ["support"]
    assert result.consensus.answers.values["lead"] == "none"
    assert "no-clear-owner" in {f.id for f in result.consensus.findings}


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_team_and_progress_pages_load_nothing_and_keep_names_as_text(pack, language):
    import datetime as dt

    from test_html_report import Page

    from orgcheck.engine.compare import compare
    from orgcheck.report.many import render_comparison

    names = ['<script>alert("x")</script>', '<img src="http://evil.test/x.png">', "Anna"]
    records = [
        record_of(pack, random_values(pack, i), f"{i}.yaml", respondent=n) for i, n in enumerate(names)
    ]
    pages = [
        render_team("html", pack, team(pack, records), language, dt.date(2026, 1, 1)),
        render_comparison("html", pack, compare(pack, records[0], records[1]), language),
    ]
    for html in pages:
        page = Page(html)
        assert page.tags("html") == [{"lang": language}]
        assert not page.tags("script") and not page.tags("img") and not page.tags("link")
        assert not any("src" in attrs for _, attrs in page.elements)
        policy = next(m for m in page.tags("meta") if m.get("http-equiv") == "Content-Security-Policy")
        assert (policy["content"] or "").startswith("default-src 'none'")
        for svg in re.findall(r"<svg\b[^>]*>.*?</svg>", html, flags=re.DOTALL):
            assert 'role="img"' in svg and "<title>" in svg
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in pages[0]


def test_in_a_large_team_a_side_of_more_than_four_is_counted_not_named(pack, answers_of):
    import datetime as dt

    base = dict(answers_of(departments=["marketing", "support"], editorial=["marketing", "support"]).values)
    records = [record_of(pack, base, f"a{i}.yaml", respondent=f"Support {i}") for i in range(6)]
    records += [
        record_of(pack, {**base, "editorial": ["marketing"]}, f"b{i}.yaml", respondent=f"Marketing {i}")
        for i in range(5)
    ]
    records.append(record_of(pack, {**base, "guidelines": not base["guidelines"]}, "c.yaml", respondent="Z"))
    text = render_team("md", pack, team(pack, records), "en", dt.date(2026, 1, 1))
    support = pack.question("departments").option("support").label("en")
    assert f"7 of 12 include “{support}”; 5 of 12 do not." in text
    assert "11 of 12 answer" in text and "; Z answers" in text
    assert "12 people answered the questionnaire: Support 0," in text


def test_a_name_that_looks_like_a_placeholder_stays_a_name(pack):
    from orgcheck.report import many as multireport

    words = multireport._localizer(pack, "en", "html")
    names = ["{k}", "{n}", "Ben", "Carla", "Dana", "Emil"]
    assert multireport._names(words, names) == "{k}, {n}, Ben, Carla, Dana and Emil"


# --- a survey rather than a team ----------------------------------------------------------------


def survey(pack: Any, size: int) -> list[Record]:
    """``size`` respondents with random answers, each a different team size (an integer
    question with as many distinct answers as people asked)."""
    records = []
    for i in range(size):
        values = random_values(pack, i)
        if "team_size" in values:
            values["team_size"] = 1 + i % 50
        records.append(record_of(pack, values, f"r{i:03d}.yaml", respondent=f"Person {i}"))
    return records


@pytest.mark.parametrize("language", ["de", "en"])
def test_beyond_fifty_respondents_the_results_are_shown_as_distributions(pack, language):
    import datetime as dt

    from orgcheck.report.many import SIDE_BY_SIDE_MAX, team_view

    day = dt.date(2026, 1, 1)
    small, large = survey(pack, SIDE_BY_SIDE_MAX), survey(pack, SIDE_BY_SIDE_MAX + 1)
    assert team_view(pack, team(pack, small), language, day)["distribution"] is None
    view = team_view(pack, team(pack, large), language, day)
    assert view["respondents"] is None
    total = SIDE_BY_SIDE_MAX + 1
    of = " von " if language == "de" else " of "
    for table in ("scores", "recommendations"):
        counts = [int(row["count"].split(of)[0]) for row in view["distribution"][table]]
        assert sum(counts) == total, table  # every respondent is in exactly one row
        assert max(row["share"] for row in view["distribution"][table]) == 100  # the largest bar is full
    markdown = render_team("md", pack, team(pack, large), language, day)
    assert "| Person 7 | r007.yaml |" not in markdown  # no row per person
    assert view["distribution"]["intro"] in markdown
    html = render_team("html", pack, team(pack, large), language, day)
    assert 'id="distribution"' in html and 'id="side-by-side"' not in html
    document = json.loads(render_team("json", pack, team(pack, large), language, day))
    assert len(document["respondents"]) == total  # the JSON lists everyone


def test_a_question_with_many_different_answers_names_the_most_given_and_counts_the_rest(pack):
    import datetime as dt

    from orgcheck.report.many import ANSWER_ROWS, ANSWERS_IN_HEADLINE, team_view

    records = survey(pack, 120)
    view = team_view(pack, team(pack, records), "en", dt.date(2026, 1, 1))
    gap = next(g for g in view["gaps"] if g["question"] == pack.question("team_size").short("en"))
    parts = gap["headline"].rstrip(".").split("; ")
    answered = [p for p in parts if "were not asked" not in p]
    assert len(answered) == ANSWERS_IN_HEADLINE + 1 and re.fullmatch(
        r"\d+ of 120 give one of \d+ other answers", answered[-1]
    )

    def people(part: str) -> int:  # "7 of 120 answer …", or a few named: "Person 3 and Person 53 answer …"
        if re.match(r"\d+ of 120", part):
            return int(part.split(" of ")[0])
        return len(re.split(r", | and ", re.split(r" answers? | w[ae]re? ", part)[0]))

    assert sum(people(p) for p in parts) == 120  # nobody is lost in the summary
    assert len(gap["rows"]) <= ANSWER_ROWS + 2  # the most given, "not asked", then the rest in one row
    assert re.fullmatch(r"\d+ other answers", gap["rows"][-1]["answer"])
    assert sum(int(r["count"].split(" of ")[0]) for r in gap["rows"]) == 120


def test_large_counts_are_written_as_numbers_are_in_the_language(pack):
    from orgcheck.report import many as multireport

    assert multireport._localizer(pack, "en", "md").fill("k_of_n", k=2049, n=10000) == "2,049 of 10,000"
    assert multireport._localizer(pack, "de", "md").fill("k_of_n", k=2049, n=10000) == "2.049 von 10.000"


def test_a_gap_lists_answers_most_given_first_and_names_a_small_rest(pack, answers_of):
    import datetime as dt

    from orgcheck.report.many import team_view

    # Team sizes 2 to 6 given by 7, 6, 5, 4 and 3 people; 2 have no team, so are not asked.
    records = []
    for count, size in zip((7, 6, 5, 4, 3), range(2, 7), strict=True):
        values = dict(answers_of(dedicated_team="team", team_size=size).values)
        records += [record_of(pack, values, f"s{size}-{i}.yaml") for i in range(count)]
    no_team = dict(answers_of(dedicated_team="none", drop=["team_size"]).values)
    records += [record_of(pack, no_team, f"z{i}.yaml") for i in range(2)]
    view = team_view(pack, team(pack, records), "en", dt.date(2026, 1, 1))
    gap = next(g for g in view["gaps"] if g["question"] == pack.question("team_size").short("en"))
    counts = [int(row["count"].split(" of ")[0]) for row in gap["rows"]]
    assert counts == sorted(counts, reverse=True) == [7, 6, 5, 4, 3, 2]  # 'not asked' in its place
    assert "other answers" not in gap["headline"]  # seven people left over: named, not counted
    assert gap["headline"].index("were not asked") > gap["headline"].index("answer “6”")


def test_file_labels_tell_files_of_one_name_apart_and_keep_one_file_given_twice():
    from orgcheck.engine.team import file_labels

    assert file_labels(["q1/anna.yaml", "q2/anna.yaml", "q2/ben.yaml"]) == [
        "q1/anna.yaml",
        "q2/anna.yaml",
        "ben.yaml",
    ]
    assert file_labels(["a/x.yaml", "a/x.yaml"]) == ["x.yaml", "x.yaml"]
    assert file_labels(["/a/x.yaml", "/b/a/x.yaml"]) == ["/a/x.yaml", "b/a/x.yaml"]


# --- a team a board can trust (issue 26) ------------------------------------------------------

# Eight managers of a firm of about 200: the head of HR says HR takes part, nobody else does;
# five of eight answer that there are no guidelines, but for most of them the rule does not
# apply (two departments, nobody named for social media).
BOARD_BASE: dict[str, Any] = {
    "company_size": "50-249",
    "business_units": "single",
    "regulated": False,
    "dedicated_team": "none",
    "coordination": "informal",
    "goals": ["awareness", "recruiting", "customers"],
    "goals_defined": "informal",
    "inquiries": "daily",
    "budget": "campaign",
    "guidelines": False,
    "executive_sponsor": False,
}
BOARD: dict[str, tuple[str, dict[str, Any]]] = {
    "gf": ("Managing director", {"departments": ["marketing", "sales", "management"], "lead": "management",
                                 "editorial": ["marketing"], "executive_sponsor": True,
                                 "dedicated_team": "individual", "goals_defined": "written"}),
    "hr": ("Head of HR", {"departments": ["marketing", "hr"], "lead": "marketing",
                          "editorial": ["marketing", "hr"], "guidelines": True}),
    "it": ("Head of IT", {"departments": ["marketing"], "lead": "none", "editorial": ["marketing"],
                          "budget": "none"}),
    "ks": ("Head of support", {"departments": ["marketing", "support"], "lead": "marketing",
                               "editorial": ["marketing"], "coordination": "whoever_wants"}),
    "mk": ("Head of marketing", {"departments": ["marketing", "sales", "support"], "lead": "marketing",
                                 "editorial": ["marketing", "support"], "guidelines": True,
                                 "dedicated_team": "individual", "coordination": "regular",
                                 "goals_defined": "written"}),
    "pm": ("Product management", {"departments": ["marketing", "product"], "lead": "marketing",
                                  "editorial": ["marketing"], "goals": ["awareness", "customers"]}),
    "pr": ("Press officer", {"departments": ["marketing", "pr", "sales"], "lead": "marketing",
                             "editorial": ["marketing", "pr"], "guidelines": True, "goals_defined": "written"}),
    "vt": ("Head of sales", {"departments": ["marketing", "sales"], "lead": "marketing",
                             "editorial": ["marketing"]}),
}  # fmt: skip


def board_team(pack: Any, **changes: dict[str, Any]) -> Any:
    """The eight, each file's answers changed by ``changes[key]`` where given."""
    records = [
        record_of(pack, {**BOARD_BASE, **over, **changes.get(key, {})}, f"{key}.yaml", respondent=name)
        for key, (name, over) in BOARD.items()
    ]
    return team(pack, records)


browser = test_html_browser.browser  # the Chromium fixture
DAY = __import__("datetime").date(2026, 11, 20)


def test_the_consensus_score_is_shown_beside_the_spread_of_the_individual_scores(pack):
    result = board_team(pack)
    scores = sorted(r.overall for r in result.respondents)
    assert (result.spread.minimum, result.spread.maximum) == (scores[0], scores[-1])
    assert result.spread.median == (scores[3] + scores[4]) / 2
    assert result.spread.above_consensus == sum(s > result.consensus.overall for s in scores)
    text = render_team("md", pack, result, "en", DAY)
    summary = text[text.index("## The team's result") : text.index("## Where the team")]
    assert f"Individual scores from {scores[0]} to {scores[-1]}, median {result.spread.median:g}: " in summary
    assert all(f"{r.name} {r.overall}" in summary for r in result.respondents)  # each person's score
    assert "not an average of the scores" in summary and "How the consensus is formed" in summary
    same = sum(s == result.consensus.overall for s in scores)
    assert same == 2 and f"lower: {result.spread.below_consensus}; the same: 2." in summary
    german = render_team("md", pack, result, "de", DAY)
    assert f"niedriger: {result.spread.below_consensus}; gleich: 2." in german
    document = json.loads(render_team("json", pack, result, "en", DAY))
    assert document["spread"] == {
        "min": scores[0],
        "median": result.spread.median,
        "max": scores[-1],
        "consensus": result.consensus.overall,
        "above_consensus": result.spread.above_consensus,
        "below_consensus": result.spread.below_consensus,
    }


def test_an_option_fewer_than_half_chose_is_named_where_leaving_it_out_raises_a_finding(pack):
    """Only the head of HR says HR takes part: the consensus leaves HR out, and so raises
    'recruiting is a goal but HR is not involved' against her own answer. The report says so."""
    result = board_team(pack)
    departments = next(o for o in result.overruled if o.question == "departments")
    hr = next(left for left in departments.left_out if left.option == "hr")
    assert [result.respondents[i].name for i in hr.who] == ["Head of HR"]
    assert hr.raises == ("goal-gap-recruiting",)
    for language, sentence in (
        ("en", "Fewer than half name “Human resources (HR)” (1 of 8: Head of HR), so the consensus leaves it out and raises “Recruiting is a goal, but HR is not involved”."),
        ("de", "„Personal (HR)“ nennt weniger als die Hälfte (1 von 8: Head of HR); das gemeinsame Bild lässt die Option deshalb weg und löst damit „Bewerbergewinnung als Ziel, aber die Personalabteilung fehlt“ aus."),
    ):  # fmt: skip
        assert sentence in render_team("md", pack, result, language, DAY), language
    document = json.loads(render_team("json", pack, result, "en", DAY))
    overruled = next(o for o in document["overruled"] if o["question"] == "departments")
    assert {"option": "hr", "respondents": 1, "raises": ["goal-gap-recruiting"]} in overruled["left_out"]


def test_a_tie_says_the_cautious_reading_decided_and_what_it_raises(pack):
    """Four say there are guidelines, four say there are none; with a social media manager
    named, 'no guidelines' applies. The tie goes to 'no', and the report says it decided."""
    result = board_team(
        pack,
        **{
            key: {"dedicated_team": "individual", "guidelines": key in ("gf", "it", "ks", "pm")}
            for key in BOARD
        },
    )
    guidelines = next(o for o in result.overruled if o.question == "guidelines")
    assert guidelines.value is False and guidelines.tied == (True,)
    assert guidelines.raises == ("no-guidelines",)
    assert len(guidelines.who) == 4
    text = render_team("md", pack, result, "en", DAY)
    assert (
        "A tie between “No” and “Yes”: the cautious reading “No” applies. It raises “No social media guidelines for employees”."
        in text
    )
    assert "Where a rule rather than a majority decided" in text and "a tie on “Written guidelines”" in text
    german = render_team("md", pack, result, "de", DAY)
    assert "Gleichstand zwischen „Nein“ und „Ja“: Es gilt die vorsichtigere Lesart „Nein“." in german


def test_every_question_where_the_consensus_differs_from_someones_answer_is_listed(pack):
    result = board_team(pack)
    values = result.consensus.answers.values
    expected = {
        q.id
        for q in pack.questions
        if q.type != "text"
        and any(q.id in r.answers and r.answers[q.id] != values.get(q.id) for r in result.respondents)
    }
    assert {o.question for o in result.overruled} == expected
    document = json.loads(render_team("json", pack, result, "en", DAY))
    gaps = {gap["question"]: gap for gap in document["gaps"]}
    for o in document["overruled"]:
        consensus = document["consensus"]["answers"].get(o["question"])
        assert o["consensus"] == consensus
        said = gaps[o["question"]]["answers"]  # who said what: in the gap of the same question
        assert o["respondents"] == sum(a["value"] is not None and a["value"] != consensus for a in said) > 0


def test_a_finding_says_for_whom_it_does_not_apply_and_which_answers_keep_it_away(pack):
    """Five of eight answer 'no guidelines', but the finding applies to one: the others
    have two departments and nobody named for social media. The table says who and why."""
    result = board_team(pack)
    count = next(f for f in result.findings if f.id == "no-guidelines")
    said_no = [r.name for r in result.respondents if r.answers["guidelines"] is False]
    assert len(said_no) == 5 and count.respondents == 1
    text = render_team("md", pack, result, "en", DAY)
    row = next(line for line in text.splitlines() if line.startswith("| No social media guidelines"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[1:4] == ["medium", "1 of 8", "Managing director"]
    assert (
        "Head of IT, Head of support, Product management and Head of sales (Written guidelines"
        not in cells[4]
    )
    assert (
        "Head of IT, Head of support, Product management and Head of sales (Departments involved" in cells[4]
    )
    assert "Head of marketing and Press officer (Written guidelines)" in cells[4]
    support = next(
        line for line in text.splitlines() if line.startswith("| Customer or citizen service takes part")
    )
    assert (
        "| Head of marketing (Who writes posts and answers comments); everyone else (Departments involved) |"
        in support
    )  # the six others are the rest, not a count of 'six people' nobody can name
    findings = text[text.index("## Findings across") : text.index("## Each respondent")]
    assert not re.search(r"\b\d+ people\b", findings)
    german = render_team("md", pack, result, "de", DAY)
    assert (
        "Head of marketing (Wer Beiträge schreibt und Kommentare beantwortet); alle anderen (Beteiligte Abteilungen)"
        in german
    )


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_first_page_is_the_recommendation_the_score_with_its_spread_and_three_steps(pack, language):
    result = board_team(pack)
    text = render_team("md", pack, result, language, DAY)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[:3] == [
        "## " + ("Das Ergebnis des Teams" if language == "de" else "The team's result"),
        "## " + ("Wo das Team die Lage unterschiedlich sieht" if language == "de" else "Where the team sees things differently"),
        "## " + ("Befunde im Team" if language == "de" else "Findings across the team"),
    ]  # fmt: skip
    summary = text[text.index(headings[0]) : text.index(headings[1])]
    structure = result.consensus.recommendation.structure.name(language)
    assert summary.index(structure) < summary.index(f"{result.consensus.overall}/100")
    assert re.findall(r"^\d\. \*\*", summary, flags=re.MULTILINE) == ["1. **", "2. **", "3. **"]
    first_steps = [a.text(language) for a in result.consensus.actions[:3]]
    assert all(step.split(":")[0][:40] in summary for step in first_steps)


def test_strengths_stand_apart_from_problems_and_problems_say_how_urgent(pack):
    from orgcheck.report.many import team_view

    view = team_view(pack, board_team(pack), "en", DAY)
    groups = {group["key"]: group for group in view["findings"]}
    assert list(groups) == ["problems", "strengths"]
    problem_titles = {row["title"] for row in groups["problems"]["rows"]}
    strength_titles = {row["title"] for row in groups["strengths"]["rows"]}
    assert "Three or more departments take part" in strength_titles
    assert not problem_titles & {
        pack.finding(f.id).title.en for f in pack.findings if f.severity == "strength"
    }
    levels = [row["severity"] for row in groups["problems"]["rows"]]
    assert levels == sorted(levels, key=["high", "medium", "improvement"].index)


@pytest.mark.parametrize("language", ["de", "en"])
def test_no_list_of_names_is_cut_off(pack, language):
    """Nine names in a table cell are nine names: no 'and 4 others', no German 'und 1 weitere'."""
    result = board_team(pack)
    text = render_team("md", pack, result, language, DAY) + render_team("html", pack, result, language, DAY)
    assert not re.search(r"\bund \d+ weitere\b|\band \d+ others\b", text)
    every = ", ".join(r.name for r in result.respondents[:-1])
    assert f"| {every} {'und' if language == 'de' else 'and'} {result.respondents[-1].name} |" in text


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_team_report_ends_with_the_full_report_of_the_consensus_answers(pack, language):
    from test_html_report import Page

    from orgcheck.report.rendering import render

    result = board_team(pack)
    text = render_team("md", pack, result, language, DAY)
    section = text[text.index("## " + ("Der vollständige" if language == "de" else "The full report")) :]
    single = render("md", pack, result.consensus, language, DAY)
    for heading in (line for line in single.splitlines() if line.startswith("## ")):
        assert "\n#" + heading + "\n" in section  # every section, a level down
    single_body = single[single.index("\n## ") : single.rindex("\n---\n")]
    assert all(line.lstrip("#") in section for line in single_body.splitlines())
    html = render_team("html", pack, result, language, DAY)
    ids = [attrs["id"] for _, attrs in Page(html).elements if attrs.get("id")]
    assert len(ids) == len(set(ids))  # the embedded report's ids do not clash with the page's
    links = re.findall(r'href="#([^"]+)"', html)
    assert links and set(links) <= set(ids)
    assert 'id="consensus-summary"' in html and 'id="consensus-sources"' in html


def test_control_and_bidi_characters_in_file_names_do_not_reach_the_json(orgcheck, tmp_path, pack):
    names = ["evil\u202egpj.yaml", "bell\x07\x1b[31m.yaml", "plain.yaml"]
    for i, name in enumerate(names):
        write_answers(tmp_path, name, random_values(pack, i))
    result = orgcheck("team", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    for char in ("\u202e", "\x07", "\x1b", "\\u202e", "\\u0007", "\\u001b"):
        assert char not in text
    document = json.loads(text)
    files = {r["file"] for r in document["respondents"]}
    assert files == {"evilgpj.yaml", "bell.yaml", "plain.yaml"}  # the escape sequence goes whole
    assert {a["file"] for gap in document["gaps"] for a in gap["answers"]} <= files


def test_the_full_report_moves_headings_down_but_not_lines_inside_a_longer_fence():
    """Free text is set in a fence longer than any run of backticks in it, so a line of three
    backticks inside does not close it, and a '#' line after it is text, not a heading."""
    from orgcheck.report.many import _markdown_section

    single = "# Title\n\n## Notes\n\n````text\n```\n# not a heading\n````\n\n## Sources\n\n---\n\nfooter"
    assert _markdown_section(single) == ("### Notes\n\n````text\n```\n# not a heading\n````\n\n### Sources")


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_team_and_progress_pages_do_not_scroll_sideways_on_a_phone(browser, pack, language, tmp_path):
    """At 390 pixels every table stacks: the side-by-side scores and the changed answers ran
    up to 31 pixels off the edge."""
    from orgcheck.engine.compare import compare
    from orgcheck.report.many import render_comparison

    records = [record_of(pack, random_values(pack, i), f"r{i}.yaml") for i in range(2)]
    pages = {
        "team": render_team("html", pack, board_team(pack), language, DAY),
        "progress": render_comparison("html", pack, compare(pack, *records), language),
    }
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        page, problems = test_html_browser.opened(browser, path, width=390)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
        assert problems == []
        page.context.close()
