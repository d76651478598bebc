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


if __name__ == "__main__":
    for answers in sorted(HERE.glob("*.yaml")):
        for target, extra in outputs(answers):
            status = main(["--answers", str(answers), "-o", str(target), *extra])
            if status:
                sys.exit(status)
            print(f"wrote {target.relative_to(HERE.parent)}")
