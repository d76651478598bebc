"""Re-render the committed example reports after a deliberate change.

    python examples/regenerate.py

tests/test_examples.py fails whenever a committed report differs from what
the code produces, so a change to the pack, engine or templates shows up in
review as a diff of these reports.
"""

from __future__ import annotations

import sys
from pathlib import Path

from orgcheck.cli import main

HERE = Path(__file__).resolve().parent


def outputs(answers: Path) -> list[tuple[Path, list[str]]]:
    """Each example's Markdown report in its own language, plus the other language and JSON."""
    stem = answers.with_suffix("")
    return [
        (stem.with_suffix(".md"), []),
        (
            stem.with_suffix(".en.md")
            if "language: de" in answers.read_text()
            else stem.with_suffix(".de.md"),
            ["--lang", "en" if "language: de" in answers.read_text() else "de"],
        ),
        (stem.with_suffix(".json"), ["--format", "json"]),
    ]


def team_and_progress_outputs() -> list[tuple[Path, list[str]]]:
    """The team of examples/team/ and the before/after pair in examples/progress/, each
    in German (the files' language), English and JSON: (report, command without -o)."""
    team = ["team", str(HERE / "team")]
    progress = ["compare", str(HERE / "progress" / "2026-q1.yaml"), str(HERE / "progress" / "2026-q4.yaml")]
    return [
        (HERE / f"{name}{suffix}", [*command, *extra])
        for name, command in (("team", team), ("progress", progress))
        for suffix, extra in ((".md", []), (".en.md", ["--lang", "en"]), (".json", ["--format", "json"]))
    ]


def all_outputs() -> list[tuple[Path, list[str]]]:
    """Every committed report and the arguments (without -o) that produce it."""
    singles = [
        (target, ["--answers", str(answers), *extra])
        for answers in sorted(HERE.glob("*.yaml"))
        for target, extra in outputs(answers)
    ]
    return singles + team_and_progress_outputs()


if __name__ == "__main__":
    for target, arguments in all_outputs():
        status = main([*arguments, "-o", str(target)])
        if status:
            sys.exit(status)
        print(f"wrote {target.relative_to(HERE.parent)}")
