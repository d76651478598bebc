"""The bad-input corpus (issue #4): every bad answers file is refused cleanly, end to end.

Each case in tests/corpus/expected.yaml is run as ``orgcheck --answers FILE -o report.md`` in a
directory that holds only the case and a report.md from an earlier run. It must exit 2 with exactly
the expected ``orgcheck: file:line:col: message`` lines on standard error, print nothing on standard
output, print no traceback and no control character (so no escape sequence reaches the terminal),
and leave report.md and the directory as they were.

Two tests per case: ``test_..._is_refused_cleanly`` checks the safety properties and
``test_..._gets_its_exact_message`` the wording. A case whose message is not yet right carries
``bug:`` in the manifest (its message test is xfail, strict); ``unsafe:`` marks the safety test too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, run_orgcheck

CORPUS = Path(__file__).resolve().parent / "corpus"
MANIFEST = CORPUS / "expected.yaml"

# The list, grouped. Docs report the counts per category (see category_counts()).
CATEGORIES = (
    "encoding",  # binary, invalid UTF-8, UTF-16, byte-order mark, control characters
    "syntax",  # not YAML
    "structure",  # empty, comments only, a list or scalar at the top, missing or wrong 'answers'
    "unknown-names",  # unknown question ids, option values, language
    "wrong-types",  # a string for a list, a list for a choice, YAML 1.1 booleans, numbers, dates
    "duplicates",  # duplicate keys at every level, duplicate list entries
    "not-asked",  # answers to questions that are not asked
    "cross-field",  # every rule that relates two answers
    "limits",  # free text too long, deep nesting, size limit, alias bombs
    "hostile",  # Python tags, escape sequences, NUL, newlines and very long names
    "filesystem",  # a directory, a missing or unreadable file
)
MANIFEST_KEYS = {"what", "stderr", "bug", "unsafe", "libyaml"}
OLD_REPORT = b"# The report from last week\n\nIt must survive a bad answers file.\n"
# C0 and C1 control characters except newline, DEL, and every invisible format character
# (Unicode category Cf: zero-width spaces and joiners, bidi controls, the byte-order mark, ...).
CONTROL = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f]|"
    + "|".join(re.escape(c) for c in map(chr, range(0x110000)) if unicodedata.category(c) == "Cf")
)


def load_manifest() -> dict[str, Any]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


_MANIFEST = load_manifest()
FILE_CASES: dict[str, dict[str, Any]] = _MANIFEST["cases"]
GENERATED_CASES: dict[str, dict[str, Any]] = _MANIFEST["generated"]
CASES: dict[str, dict[str, Any]] = {**FILE_CASES, **GENERATED_CASES}


def category_counts() -> dict[str, int]:
    """Cases per category, in CATEGORIES order (for the docs)."""
    counts = Counter(name.split("/")[0] for name in CASES)
    return {category: counts[category] for category in CATEGORIES}


def corpus_files() -> list[str]:
    """Every input file in tests/corpus, as ``category/name``."""
    return sorted(
        path.relative_to(CORPUS).as_posix()
        for path in CORPUS.rglob("*")
        if path.is_file() and path != MANIFEST and not path.name.startswith(".")
    )


# --- cases that cannot be committed as files ------------------------------------------------


def _valid_answers() -> str:
    return (EXAMPLES / "beispiel-gmbh.yaml").read_text(encoding="utf-8")


def _directory(directory: Path) -> str:
    (directory / "answers.yaml").mkdir()
    return "answers.yaml"


def _missing_file(directory: Path) -> str:
    return "answers.yaml"


def _dangling_symlink(directory: Path) -> str:
    (directory / "answers.yaml").symlink_to("moved-away.yaml")
    return "answers.yaml"


def _unreadable(directory: Path) -> str:
    path = directory / "answers.yaml"
    path.write_text(_valid_answers(), encoding="utf-8")
    path.chmod(0)
    return "answers.yaml"


def _empty_path(directory: Path) -> str:
    return ""


def _escape_in_file_name(directory: Path) -> str:
    return "\x1b[31mred.yaml"


def _over_size_limit(directory: Path) -> str:
    text = _valid_answers() + "# "
    text += "x" * (1_000_001 - len(text.encode("utf-8")) - 1) + "\n"
    assert len(text.encode("utf-8")) == 1_000_001
    (directory / "answers.yaml").write_text(text, encoding="utf-8")
    return "answers.yaml"


def _too_many_values(directory: Path) -> str:
    text = "answers:\n  goals: [" + ", ".join(["awareness"] * 50_001) + "]\n"
    (directory / "answers.yaml").write_text(text, encoding="utf-8")
    return "answers.yaml"


def _very_deep_nesting(directory: Path) -> str:
    # 900 kB, under the 1 MB limit; far more levels than any stack holds.
    text = "answers: " + "[" * 450_000 + "]" * 450_000 + "\n"
    (directory / "answers.yaml").write_text(text, encoding="utf-8")
    return "answers.yaml"


GENERATORS: dict[str, Callable[[Path], str]] = {
    "filesystem/directory": _directory,
    "filesystem/missing-file": _missing_file,
    "filesystem/dangling-symlink": _dangling_symlink,
    "filesystem/unreadable": _unreadable,
    "filesystem/empty-path": _empty_path,
    "filesystem/escape-in-file-name": _escape_in_file_name,
    "limits/over-size-limit": _over_size_limit,
    "limits/too-many-values": _too_many_values,
    "limits/very-deep-nesting": _very_deep_nesting,
}
NEEDS_NON_ROOT = {"filesystem/unreadable": "runs as root, and root can read a file without read permission"}


# --- running the cases ------------------------------------------------------------------------


@dataclass
class Outcome:
    shown: str  # the path as given on the command line, for {file}
    result: subprocess.CompletedProcess[bytes]
    before: dict[str, tuple[int, int, int]]
    after: dict[str, tuple[int, int, int]]
    report: bytes | None


def _snapshot(directory: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry below ``directory``: mode, size, modification time (links not followed)."""
    entries = {}
    for path in directory.rglob("*"):
        status = path.lstat()
        entries[path.relative_to(directory).as_posix()] = (status.st_mode, status.st_size, status.st_mtime_ns)
    return entries


def run_case(name: str, directory: Path) -> Outcome:
    directory.mkdir(parents=True)
    if name in GENERATORS:
        shown = GENERATORS[name](directory)
    else:
        shown = Path(name).name
        shutil.copyfile(CORPUS / name, directory / shown)
    report = directory / "report.md"
    report.write_bytes(OLD_REPORT)
    before = _snapshot(directory)
    result = run_orgcheck("--answers", shown, "-o", "report.md", cwd=directory)
    after = _snapshot(directory)
    return Outcome(shown, result, before, after, report.read_bytes() if report.is_file() else None)


@pytest.fixture(scope="session")
def outcomes(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """The outcome of every case selected in this session, run in parallel once."""
    module = sys.modules[__name__]
    names = sorted(
        {
            item.callspec.params["name"]
            for item in request.session.items
            if getattr(item, "module", None) is module and hasattr(item, "callspec")
        }
        - (set(NEEDS_NON_ROOT) if os.geteuid() == 0 else set())
    )
    base = tmp_path_factory.mktemp("corpus")
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        runs = pool.map(lambda pair: run_case(pair[1], base / f"case{pair[0]}"), enumerate(names))
        return dict(zip(names, runs, strict=True))


def _outcome(outcomes: dict[str, Outcome], name: str) -> Outcome:
    if name in NEEDS_NON_ROOT and os.geteuid() == 0:
        pytest.skip(NEEDS_NON_ROOT[name])
    return outcomes[name]


def _params(xfail_key: str) -> list[Any]:
    return [
        pytest.param(
            name,
            id=name,
            marks=[pytest.mark.xfail(strict=True, reason=case[xfail_key])] if case.get(xfail_key) else [],
        )
        for name, case in CASES.items()
    ]


@pytest.mark.parametrize("name", _params("unsafe"))
def test_a_bad_input_is_refused_cleanly(name: str, outcomes: dict[str, Outcome]) -> None:
    outcome = _outcome(outcomes, name)
    result = outcome.result
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr, stderr
    assert result.returncode == 2, stderr
    assert result.stdout == b""
    assert not CONTROL.search(stderr), repr(stderr)
    assert stderr.endswith("\n")
    lines = stderr.splitlines()
    assert all(line.startswith("orgcheck: ") for line in lines), stderr
    assert len(lines) == len(CASES[name]["stderr"]), stderr  # one line per problem: none forged
    assert outcome.report == OLD_REPORT
    assert outcome.after == outcome.before  # nothing written, renamed or left behind


@pytest.mark.parametrize("name", _params("bug"))
def test_a_bad_input_gets_its_exact_message(name: str, outcomes: dict[str, Outcome]) -> None:
    case = CASES[name]
    if case.get("libyaml") and not yaml.__with_libyaml__:
        pytest.skip("the expected wording is libyaml's; this PyYAML has no C loader")
    outcome = _outcome(outcomes, name)
    expected = [line.replace("{file}", outcome.shown) for line in case["stderr"]]
    assert outcome.result.stderr.decode("utf-8", "backslashreplace").splitlines() == expected


# --- the corpus itself --------------------------------------------------------------------------


def test_the_manifest_lists_every_corpus_file_and_nothing_else() -> None:
    assert corpus_files() == sorted(FILE_CASES)


def test_every_generated_case_has_a_generator() -> None:
    assert sorted(GENERATORS) == sorted(GENERATED_CASES)
    assert set(NEEDS_NON_ROOT) <= set(GENERATORS)


def test_every_case_says_what_is_wrong_and_what_must_be_printed() -> None:
    for name, case in CASES.items():
        assert set(case) <= MANIFEST_KEYS, name
        assert case["what"].strip(), name
        assert case["stderr"] and all(line.startswith("orgcheck: ") for line in case["stderr"]), name
        assert not any(CONTROL.search(line) for line in case["stderr"]), name
        assert not case.get("unsafe") or case.get("bug"), f"{name}: an unsafe case is a bug too"


def test_the_corpus_covers_every_category_with_at_least_40_cases() -> None:
    assert {name.split("/")[0] for name in CASES} == set(CATEGORIES)
    counts = category_counts()
    assert all(count >= 3 for count in counts.values()), counts
    assert sum(counts.values()) >= 40, counts


def test_the_harness_notices_a_written_report(tmp_path: Path) -> None:
    """A valid file through the same harness rewrites report.md: 'unchanged' above means something."""
    (tmp_path / "answers.yaml").write_text(_valid_answers(), encoding="utf-8")
    (tmp_path / "report.md").write_bytes(OLD_REPORT)
    result = run_orgcheck("--answers", "answers.yaml", "-o", "report.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "report.md").read_bytes() != OLD_REPORT
