"""Shared fixtures: the shipped pack, a complete set of answers, and ways to run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from orgcheck.answers.write import EXAMPLE_ANSWERS

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def pytest_configure(config: pytest.Config) -> None:
    """Keep tests away from the user's cache, data and locale (subprocesses inherit this)."""
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="orgcheck-tests-"))
    os.environ["ORGCHECK_CACHE_DIR"] = str(base / "cache")
    os.environ["ORGCHECK_DATA_DIR"] = str(base / "data")
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        os.environ.pop(variable, None)


# The spec's example (product contract, section 3) without its notes: a
# mid-sized company where marketing, PR and support take part and marketing
# answers the comments.
BASE_ANSWERS: dict[str, Any] = {k: v for k, v in EXAMPLE_ANSWERS.items() if k != "notes"}

# Public API from the product contract (sections 4 and 5).
DEPARTMENTS = ["marketing", "pr", "sales", "support", "product", "hr", "it", "legal", "management"]
STRUCTURES = frozenset({
    "decentralized", "marketing_led", "dedicated_team", "cross_departmental", "hub_and_spoke",
    "multiple_hub_and_spoke", "holistic",
})  # fmt: skip


@pytest.fixture(scope="session")
def pack() -> Any:
    from orgcheck.pack.load import load_pack

    return load_pack()


@pytest.fixture
def answers_of(pack: Any) -> Callable[..., Any]:
    """``answers_of(departments=[...], ...)``: BASE_ANSWERS with overrides, validated.

    A base answer to a question the overrides make irrelevant (``goals_defined``
    once ``goals=[]``, ``coordination`` once nobody is involved) is left out, as
    the questionnaire would. Pass ``drop=[ids]`` to leave out more.
    """
    from orgcheck.answers.validate import is_asked
    from orgcheck.questionnaire.flow import answer_set

    def make(drop: tuple[str, ...] | list[str] = (), **overrides: Any) -> Any:
        values = {**BASE_ANSWERS, **overrides}
        for key in drop:
            values.pop(key, None)
        for question in pack.questions:
            if question.id in values and question.id not in overrides and not is_asked(question, values):
                del values[question.id]
        return answer_set(pack, values, language="en")

    return make


@pytest.fixture
def assess_with(pack: Any, answers_of: Callable[..., Any]) -> Callable[..., Any]:
    """``assess_with(**overrides)``: the Assessment for BASE_ANSWERS with overrides."""
    from orgcheck.engine.assess import assess

    return lambda drop=(), **overrides: assess(pack, answers_of(drop=drop, **overrides))


def run_orgcheck(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    stdout: int | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed command as a user would, in a subprocess. Its output is captured,
    or goes to ``stdout`` where given (a descriptor: a terminal's, say)."""
    return subprocess.run(
        [sys.executable, "-m", "orgcheck", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        input=stdin,
        stdout=subprocess.PIPE if stdout is None else stdout,
        stderr=subprocess.PIPE,
        timeout=60,
    )


@pytest.fixture
def orgcheck() -> Callable[..., subprocess.CompletedProcess[bytes]]:
    return run_orgcheck


def as_ordinary_user() -> list[str]:
    """A command prefix under which file permissions apply, also when the tests run as root.

    Root passes every permission check; ``setpriv --bounding-set=-all`` keeps uid 0 but drops
    the capabilities that let it, so a folder with mode 000 is closed to it as to anyone.
    """
    if os.geteuid() != 0:
        return []
    import shutil

    if shutil.which("setpriv") is None:
        pytest.skip("runs as root, and setpriv (util-linux) is not there to drop root's powers")
    return ["setpriv", "--bounding-set=-all", "--"]
