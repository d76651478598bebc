"""docs/reliability.md, made from the tests themselves so its figures cannot go stale.

    python tests/reliability_doc.py        # rewrite docs/reliability.md

tests/test_reliability_doc.py fails when the committed file differs from what
this produces, e.g. after a corpus case, a fuzz run or an attack vector was added.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import test_corpus  # noqa: E402
import test_files  # noqa: E402
import test_fuzz  # noqa: E402
import test_report  # noqa: E402
import test_templates  # noqa: E402

DOC = HERE.parent / "docs" / "reliability.md"

# File faults checked by tests outside test_files.py: (fault, what happens, the test that shows it).
OTHER_FAULTS = [
    (
        "output directory missing",
        "exit 2, `directory '...' does not exist`",
        "test_cli.py::test_usage_and_file_errors_exit_2_without_a_traceback",
    ),
    (
        "output path is the answers file",
        "exit 2, refused before anything is written",
        "test_cli.py::test_usage_and_file_errors_exit_2_without_a_traceback",
    ),
    (
        "questionnaire draft corrupt",
        "set aside as `draft.yaml.corrupt-...` with a notice; a fresh start",
        "tui/test_flow.py::test_a_corrupt_draft_is_set_aside_with_a_notice",
    ),
    (
        "draft directory read-only",
        "one notice; the answers stay in memory and can still be saved",
        "tui/test_flow.py::test_an_unwritable_draft_is_reported_once_and_answers_stay",
    ),
    (
        "saving from the questionnaire fails",
        "the reason is shown in the dialog, which stays open",
        "tui/test_flow.py::test_a_save_that_fails_says_why_and_keeps_the_dialog",
    ),
]

# What each fuzz test asserts, in a reader's words.
FUZZ_PROPERTIES = {
    "test_random_text_is_a_report_or_a_clean_error": "random YAML-like text: a report or a located error",
    "test_random_bytes_are_a_report_or_a_clean_error": "random bytes (any encoding): a report or a located error",
    "test_random_yaml_documents_are_a_report_or_a_clean_error": (
        "random YAML documents (nested mappings, lists, scalars, anchors): a report or a located error"
    ),
    "test_a_mutated_answers_file_is_a_report_or_a_clean_error": (
        "a valid answers file with lines deleted, duplicated, swapped or changed: a report or a located error"
    ),
    "test_valid_answers_always_give_a_report": "any valid answers: assessed and rendered as Markdown and JSON",
    "test_saved_answers_read_back_to_the_same_report": (
        "any valid answers, saved and read back: the same answers and the identical report"
    ),
    "test_random_answer_values_are_a_report_or_a_clean_error": (
        "random values of every type for every question: a report or a located error"
    ),
    "test_the_command_line_gives_a_report_or_a_clean_error": (
        "the real command in a subprocess: exit 0 or 2, no traceback, no control character"
    ),
}

# The bugs the corpus and the fuzzing found; all fixed, each kept as a corpus case or test.
FOUND = [
    "A 50 kB file of nested brackets crashed the process (PyYAML's C composer recurses once per "
    "level). Documents are now composed from the parser's events in a loop that stops at 64 levels.",
    "An explicit tag on a value of another type (`!!bool maybe`, `!!timestamp soon`, `!!int`) gave "
    "a traceback.",
    "Echoed control characters were deleted, so a message could read \"'none' is not an option "
    "(did you mean 'none'?)\", and a newline in a key could forge a second `orgcheck:` line. "
    "They are now shown as escapes (`\\x1b`, `\\n`).",
    "A control character in the file, a YAML syntax error and UTF-16 without a byte-order mark "
    "gave unlocated or unclear messages.",
    "Very long keys and values were echoed in full; they are cut after 40 characters.",
    "Free text containing U+0085 (a YAML line break) did not read back as written after saving.",
    "A date with a time, a list used as a key and a missing `lead` with nothing else answered got "
    "misleading messages.",
]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines


def render() -> str:
    counts = test_corpus.category_counts()
    cases = test_corpus.CASES
    total = sum(counts.values())
    examples_of: dict[str, list[str]] = {}
    for name, case in cases.items():
        examples_of.setdefault(name.split("/")[0], []).append(case["what"])
    corpus_rows = [
        [category, str(count), "; ".join(examples_of.get(category, [])[:3])]
        for category, count in counts.items()
    ]
    fuzz_rows = [[FUZZ_PROPERTIES[name], f"{runs:,}"] for name, runs in test_fuzz.FUZZ_RUNS.items()]
    fuzz_total = sum(test_fuzz.FUZZ_RUNS.values())
    vectors = test_report.HOSTILE_TEXTS
    fault_rows = [
        [
            f"`{target}` fails with {message}",
            "exit 2, `cannot write the file: ...; nothing was changed`, "
            "the old report intact, no temporary file left",
            "`test_files.py::test_a_failed_write_keeps_the_old_report_and_leaves_no_temporary_file`",
        ]
        for target, _, message in test_files.FILE_FAULTS
    ]
    fault_rows += [[fault, outcome, f"`{test}`"] for fault, outcome, test in OTHER_FAULTS]
    lines = [
        "# Reliability: what was tried and what happened",
        "",
        "Generated by `tests/reliability_doc.py` from the tests themselves; "
        "`tests/test_reliability_doc.py` fails when this file is out of date. Every row is a test "
        "that runs in CI.",
        "",
        "## Bad answers files",
        "",
        f"{total} cases in `tests/corpus/` (the expected messages are in `tests/corpus/expected.yaml`). "
        "Each runs `orgcheck --answers FILE -o report.md` in a directory that already holds a report. "
        "Every case: exit status 2; exactly the expected `orgcheck: file:line:column: message` lines "
        "(line and column wherever the problem has a place); nothing on standard output; no traceback; "
        "no control character or escape sequence on the terminal; the old report and the directory "
        "unchanged.",
        "",
        *_table(["category", "cases", "for example"], corpus_rows),
        "",
        "## Fuzzing",
        "",
        f"{fuzz_total:,} generated inputs per run (Hypothesis, derandomised so CI sees the same ones), "
        "through loading, assessment and rendering. The only outcomes allowed are a report or a clean "
        "error with a location; anything else fails the test.",
        "",
        *_table(["what is generated, and what must hold", "examples"], fuzz_rows),
        "",
        "## Hostile free text",
        "",
        f"{len(vectors)} vectors (Markdown headings, links, images, raw HTML, table pipes, emphasis, "
        "code spans, bare URLs and e-mail addresses, terminal escape sequences, newlines, link "
        "definitions), each tried in `organisation` and `respondent` and in `notes`: "
        f"{3 * len(vectors)} tests. The report is parsed as CommonMark with tables: no link, image, "
        "HTML, extra heading or emphasis appears, words GFM would autolink are code, the answers "
        "table stays one table, notes stay inside one literal block, no control character is "
        "left, and markdownlint's rules pass. In error messages echoed text shows its control "
        "characters as escapes (corpus category `hostile`).",
        "",
        "## Custom templates",
        "",
        f"{len(test_templates.TEMPLATE_ATTACKS)} templates that reach for Python internals "
        "(`__class__`, `__globals__`, `__subclasses__`) or try to change the data are refused by "
        "Jinja's immutable sandbox with `file:line` and exit 2; syntax and runtime errors name the "
        "template line.",
        "",
        "## File faults",
        "",
        *_table(["fault", "what happens", "test"], fault_rows),
        "",
        "## What the corpus and the fuzzing found",
        "",
        *[f"- {item}" for item in FOUND],
        "",
        "Each is fixed and kept as a corpus case or a regression test.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC.relative_to(HERE.parent)}")
