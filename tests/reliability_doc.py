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
import test_free_text  # noqa: E402
import test_fuzz  # noqa: E402
import test_report  # noqa: E402
import test_templates  # noqa: E402

DOC = HERE.parent / "docs" / "reliability.md"
# test_templates.py's time and memory limit tests (not parametrised).
TEMPLATE_RUN_LIMITS = 2

# Faults checked by tests outside the fault injection of test_files.py, by category:
# (fault, what happens, the test that shows it).
FAULTS: dict[str, list[tuple[str, str, str]]] = {
    "Outputs": [
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
            "output path is the `--template` file",
            "exit 2, refused before anything is written",
            "test_templates.py::test_o_onto_the_template_itself_is_refused",
        ),
        (
            "`-o` onto a character device (`mknod c 1 3`, as root)",
            "written into; still the same device with its mode",
            "test_files.py::test_o_onto_a_character_device_writes_into_it_and_leaves_the_device",
        ),
        (
            "`-o` onto a FIFO",
            "the report goes into the pipe; still a FIFO",
            "test_files.py::test_o_onto_a_fifo_writes_the_report_into_the_pipe",
        ),
        (
            "`-o` onto a link to `/proc/self/fd/1` (what `/dev/stdout` is)",
            "the report on standard output; the link stays",
            "test_files.py::test_o_dev_stdout_writes_to_standard_output_and_keeps_the_link",
        ),
        (
            "`-o` onto a symbolic link to a report",
            "the report it points to is replaced atomically, keeps its mode; the link stays",
            "test_files.py::test_o_onto_a_symlink_replaces_the_file_it_points_to_and_keeps_the_link",
        ),
        (
            "`-o` onto a symbolic link to nothing",
            "exit 2, refused; the link stays",
            "test_files.py::test_o_onto_a_symlink_to_nothing_is_refused_and_the_link_stays",
        ),
        (
            "`-o newdir/` (no such folder)",
            "exit 2, no file called `newdir`",
            "test_files.py::test_o_with_a_trailing_slash_names_a_folder_and_never_writes_a_file",
        ),
        (
            "`-o` into a folder that cannot be searched",
            "exit 2, one line: Permission denied and what to do",
            "test_files.py::test_o_into_a_folder_that_cannot_be_searched_is_one_line",
        ),
        (
            "a 300-character file name",
            "exit 2, one line: File name too long, choose a shorter name",
            "test_files.py::test_a_file_name_too_long_is_one_line",
        ),
        (
            "control or bidi characters in answers file names (`team`, `compare`)",
            "stripped from the JSON's `file`, as Markdown and HTML do",
            "test_team.py::test_control_and_bidi_characters_in_file_names_do_not_reach_the_json",
        ),
        (
            "`compare BEFORE AFTER` with the dates reversed, or of two organisations",
            "compared as given, with a warning in the report, the JSON (`warnings`) and on stderr",
            "test_compare.py::test_files_given_in_reverse_date_order_are_compared_as_given_with_a_warning",
        ),
        (
            "standard output full (`> /dev/full`)",
            "exit 2, one line",
            "test_files.py::test_a_full_standard_output_is_one_line",
        ),
        (
            "standard output closed (`>&-`)",
            "exit 2, one line: write the report with -o",
            "test_files.py::test_a_closed_standard_output_is_one_line",
        ),
        (
            "`--help`, `--version`, `--example` or `schema` into a full device",
            "exit 2, one line (was exit 0 with the text lost)",
            "test_files.py::test_help_version_and_the_example_into_a_full_device_say_so_and_exit_2",
        ),
        (
            "`-o -`, `--answers -`",
            "standard output and standard input, as most tools read `-`; a file named `-` is `-o ./-`",
            "test_files.py::test_o_dash_is_standard_output_and_answers_dash_standard_input",
        ),
        (
            "the reader of the output went away (`| head -1`)",
            "no message, exit 141 (128 + SIGPIPE, as `cat` gives; was 0)",
            "test_files.py::test_a_reader_that_went_away_ends_it_quietly_with_141_as_cat_does",
        ),
        (
            "standard error closed (`2>&-`)",
            "exit 2 for bad input, 0 for good; the report file holds only the report",
            "test_files.py::test_a_closed_standard_error_still_gives_the_exit_status_and_writes_nothing_else",
        ),
    ],
    "Signals": [
        (
            "SIGINT, SIGTERM or SIGHUP while `-o` writes",
            "exit 128+n, one line; the old report intact, no temporary file left",
            "test_files.py::test_a_signal_while_writing_leaves_the_old_report_and_no_temporary_file",
        ),
        (
            "SIGTERM or SIGHUP in the questionnaire, a name typed just now",
            "the name is in the draft; terminal restored; exit 128+n with where the draft is",
            "tui/test_terminal.py::test_a_signal_keeps_the_name_typed_just_now_and_restores_the_terminal",
        ),
        (
            "SIGTERM in the questionnaire, notes typed since the last Next",
            "the notes are in the draft; terminal restored",
            "tui/test_terminal.py::test_a_signal_keeps_the_notes_typed_since_the_last_next",
        ),
    ],
    "Inputs": [
        (
            "a file name that is not UTF-8 (`bad\\xff.yaml`) in `team` and `compare`",
            "the report, the name shown as `ls` shows it (was a traceback)",
            "test_inputs.py::test_a_file_name_that_is_not_utf8_is_named_as_ls_shows_it_in_team_and_compare",
        ),
        (
            "a link to nothing, a loop of links, a pipe or a folder under a `*.yaml` name in a `team` folder",
            "a bad file like any other: named, exit 2, nothing written (was exit 1, or one person fewer)",
            "test_inputs.py::test_an_entry_of_a_team_folder_that_is_no_file_is_a_bad_file_named_and_nothing_is_written",
        ),
        (
            "`--template /dev/zero`",
            "exit 2: a character device that never ends, a template is a few kB (was 'an answers file')",
            "test_inputs.py::test_a_template_that_never_ends_is_named_as_a_template_and_a_device",
        ),
        (
            "`--answers <(...)`",
            "the pipe is read to its end",
            "test_inputs.py::test_answers_from_a_process_substitution_are_read",
        ),
        (
            "a named pipe as `--answers`",
            "waits for its writer as `cat` does (a note on a terminal); ctrl+c ends the wait",
            "test_inputs.py::test_a_named_pipe_as_answers_waits_for_its_writer_and_ctrl_c_ends_the_wait",
        ),
        (
            "a YAML syntax error of the common kinds (an unquoted colon, German quotes, a tab, no space)",
            "what to do, in German too (was only PyYAML's English)",
            "test_messages_de.py::test_the_common_yaml_mistakes_get_a_hint_in_german",
        ),
        (
            "`LANG=de_DE.UTF-8`, or `language: de` in the file, and a mistake in it",
            "the message in German (was English whatever the locale)",
            "test_messages_de.py::test_a_problem_in_an_answers_file_is_said_in_lang_else_the_files_language_else_the_locales",
        ),
    ],
    "Caches": [
        (
            "another user's pickle and Jinja bytecode planted in a 1777 cache folder",
            "not read, no code runs; the report as without a cache",
            "test_cache.py::test_a_cache_planted_in_a_shared_folder_runs_no_code",
        ),
        (
            "another user's well-formed JSON cache (the pack, the report's words) planted",
            "not believed; the report as without a cache",
            "test_cache.py::test_a_planted_cache_in_plain_json_is_not_believed",
        ),
        (
            "a link planted under a cache name, pointing at another file",
            "the link is replaced by a private cache file; the file it pointed to untouched",
            "test_cache.py::test_a_link_planted_under_a_cache_name_never_overwrites_what_it_points_to",
        ),
        (
            "a `templates` link in a shared cache folder, anyone's",
            "never followed: no bytecode cache, the same report",
            "test_cache.py::test_a_templates_link_in_the_cache_folder_is_never_followed",
        ),
        (
            "another user's `templates` folder in the cache folder",
            "not used; the same report",
            "test_cache.py::test_another_users_templates_folder_in_the_cache_folder_is_not_used",
        ),
        (
            "damaged cache files",
            "ignored and written anew; the same report",
            "test_cache.py::test_a_damaged_cache_only_costs_time",
        ),
        (
            "the cache folder is a file",
            "no cache; the same report",
            "test_cache.py::test_a_cache_folder_that_is_a_file_only_costs_time",
        ),
        (
            "cache writes fail with ENOSPC, EROFS or EACCES",
            "no cache; the same report, nothing half-written",
            "test_cache.py::test_a_full_or_read_only_cache_only_costs_time",
        ),
        (
            "`HOME=` or a relative `HOME`",
            "no default cache or draft folder (was `/.cache`)",
            "test_places.py::test_without_a_real_home_there_is_no_default_folder",
        ),
    ],
    "The questionnaire": [
        (
            "no terminal (`orgcheck < /dev/null > out`)",
            "exit 2, one line: use --answers; nothing in the file",
            "test_cli_edges.py::test_the_questionnaire_without_a_terminal_says_what_to_do_and_exits",
        ),
        (
            "a crash (a bug)",
            "exit 1, the draft kept, one line says where; the traceback in a file",
            "tui/test_terminal.py::test_a_crash_exits_non_zero_keeps_the_draft_and_says_where",
        ),
        (
            "a FIFO as the draft",
            "a notice; neither read (it hung) nor replaced",
            "tui/test_terminal.py::test_a_fifo_as_the_draft_neither_hangs_nor_is_replaced",
        ),
        (
            "an unreadable draft folder",
            "a notice, not a crash",
            "tui/test_terminal.py::test_an_unreadable_draft_folder_is_a_notice_not_a_crash",
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
        (
            "saving to a too long name, `~unknown-user/...` or `newdir/`",
            "the reason in the dialog, which stays open; nothing written",
            "tui/test_save_paths.py::test_a_path_that_cannot_be_written_is_a_message_in_the_dialog",
        ),
    ],
}
# Kept for the doc test that checks every named test exists.
OTHER_FAULTS = [fault for faults in FAULTS.values() for fault in faults]

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
    "test_the_fast_path_reads_what_the_careful_reader_reads": (
        "random, mutated and saved answers files: `orgcheck team`'s fast reader accepts only what"
        " the careful reader accepts, as the same answers"
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
    "`-o /dev/null` as root replaced the device with a regular file; `-o /dev/stdout` replaced the "
    "link and a FIFO became a file.",
    "OS errors (an unsearchable folder, a too long name, a full or closed standard output, a closed "
    "standard error) gave tracebacks.",
    "The questionnaire exited 0 after a crash, and SIGTERM or SIGHUP lost recent typing and left the "
    "terminal in raw mode; without a terminal it drew escape codes into a file and never ended.",
    "A damaged, full or read-only cache ended the report with a traceback; a pickle planted in a "
    "shared cache folder ran code as the user. (While fixing it: a link planted under a cache "
    "name would have had root write the cache over the file it pointed to.)",
    "Self-including templates, recursive macros, filters given the wrong type, `'x'*10**9` and "
    "`7 ** (10**8)` crashed or ran for minutes.",
    "Invisible characters (U+200B and the like) were shown raw in messages and passed into the "
    "reports; YAML 1.1 forms (`1:00` as 60, `0x10`, `010`) and a quoted `20261122` were accepted.",
    "An outside attack (issue 22): a file name that is not UTF-8 crashed `team` and `compare`; in a "
    "`team` folder a loop of links was an internal error and a link to nothing silently one person "
    "fewer; `--help` and `--version` into a full device exited 0 with the text lost; "
    "`--template /dev/zero` spoke of an answers file; another user's `templates` link in a shared "
    "cache folder was followed and bytecode written where it pointed.",
    "The signal tests failed now and then under load: the fsync held up was a cache file's on a "
    "cold cache, and keys were typed before the field had the focus. They now wait for what the "
    "program does (the report's own fsync; the focus the program reports through a pipe).",
]

# What was observed and decided, as a user would expect it (issue 22, point 8).
DECIDED = [
    "`-o -` is standard output and `--answers -` standard input, as for most tools; a file named "
    "`-` is written with `-o ./-`.",
    "A reader that goes away (`orgcheck ... | head`) ends orgcheck without a message and with exit "
    "141 (128 + SIGPIPE), as `cat` and `yes` do: the report did not all arrive, so not 0, and a "
    "broken pipe is no mistake worth a line.",
    "A FIFO as `--answers` is read like `<(...)`: orgcheck waits for its writer as `cat` would "
    "(on a terminal it says it is waiting); ctrl+c, SIGTERM or SIGHUP end the wait. No timeout: a "
    "writer may rightly take long, and a wait the user sees and can end is not a hang.",
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
            "exit 2, `cannot write the file: ...; nothing was changed; <what to do>`, "
            "the old report intact, no temporary file left",
            "`test_files.py::test_a_failed_write_keeps_the_old_report_and_leaves_no_temporary_file`",
        ]
        for target, _, message in test_files.FILE_FAULTS
    ]
    fault_tables: list[str] = []
    for category, faults in FAULTS.items():
        fault_tables += [
            "",
            f"### {category}: {len(faults)} cases",
            "",
            *_table(["fault", "what happens", "test"], [[f, o, f"`{t}`"] for f, o, t in faults]),
        ]
    template_total = (
        len(test_templates.TEMPLATE_ATTACKS) + len(test_templates.TEMPLATE_LIMITS) + TEMPLATE_RUN_LIMITS
    )
    glance = [
        ["bad answers files (the corpus)", f"{total}"],
        ["generated inputs (fuzzing)", f"{fuzz_total:,}"],
        ["hostile free text", f"{2 * 3 * len(vectors) + len(test_free_text.INVISIBLE) + 2}"],
        ["custom templates", f"{template_total}"],
        ["file faults injected", f"{len(fault_rows)}"],
        *[[category.lower(), str(len(faults))] for category, faults in FAULTS.items()],
    ]
    lines = [
        "# Reliability: what was tried and what happened",
        "",
        "Generated by `tests/reliability_doc.py` from the tests themselves; "
        "`tests/test_reliability_doc.py` fails when this file is out of date. Every row is a test "
        "that runs in CI.",
        "",
        "## At a glance",
        "",
        *_table(["category", "cases"], glance),
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
        "left, and markdownlint's rules pass. The same vectors in the same three fields of the "
        f"HTML report, {3 * len(vectors)} tests more (`test_html_report.py`): no script, image, bold "
        "or event attribute appears, no link leads anywhere they name, no control character is left, "
        "and the heading, the line and the notes block show the text as written. "
        "In error messages echoed text shows its control "
        "and invisible characters as escapes (corpus category `hostile`). "
        f"{len(test_free_text.INVISIBLE)} invisible characters (U+200B, U+2060, U+FEFF, U+00AD, "
        "U+180E, U+061C, a tag character) are each kept out of the Markdown and the JSON, in names "
        "and in notes, while an Arabic name keeps its marks and a Persian one its zero-width "
        "non-joiner (`test_free_text.py`).",
        "",
        "## Custom templates",
        "",
        f"{len(test_templates.TEMPLATE_ATTACKS)} templates that reach for Python internals "
        "(`__class__`, `__globals__`, `__subclasses__`) or try to change the data are refused by "
        "Jinja's immutable sandbox with `file:line` and exit 2; syntax and runtime errors name the "
        "template line. "
        f"{len(test_templates.TEMPLATE_LIMITS)} templates that never end or make too much "
        "(self-include, self-import, a recursive macro, filters given a number, `'x' * 10**9`, "
        "`7 ** (10**8)`, ten million characters of output) and "
        f"{TEMPLATE_RUN_LIMITS} that run too long or take too much memory each end in one located "
        "line and exit 2 (`test_templates.py`).",
        "",
        "## File faults",
        "",
        *_table(["fault", "what happens", "test"], fault_rows),
        *fault_tables,
        "",
        "## What the corpus and the fuzzing found",
        "",
        *[f"- {item}" for item in FOUND],
        "",
        "Each is fixed and kept as a corpus case or a regression test.",
        "",
        "## Decided",
        "",
        *[f"- {item}" for item in DECIDED],
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC.relative_to(HERE.parent)}")
