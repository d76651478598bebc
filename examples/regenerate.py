"""Re-render the committed example reports after a deliberate change.

    python examples/regenerate.py

tests/test_examples.py fails whenever a committed report differs from what
the code produces, so a change to the pack, engine or templates shows up in
review as a diff of these reports. Each example's HTML report also gets a
picture of its first screen (``<example>.png``, linked from the README), taken
in Chromium when it is installed; pictures are not compared by the tests.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from orgcheck.doors.main import main

HERE = Path(__file__).resolve().parent
SCREEN = {"width": 1280, "height": 1000}


def outputs(answers: Path) -> list[tuple[Path, list[str]]]:
    """Each example's reports in its own language (Markdown, HTML) and the other (.de/.en), and JSON."""
    stem = answers.with_suffix("")
    other = "en" if "language: de" in answers.read_text(encoding="utf-8") else "de"
    return [
        (stem.with_suffix(".md"), []),
        (stem.with_suffix(f".{other}.md"), ["--lang", other]),
        (stem.with_suffix(".html"), []),
        (stem.with_suffix(f".{other}.html"), ["--lang", other]),
        (stem.with_suffix(".json"), ["--format", "json"]),
    ]


def team_and_progress_outputs() -> list[tuple[Path, list[str]]]:
    """The team of examples/team/ and the before/after pair in examples/progress/, each
    in German (the files' language) and English, as Markdown and HTML, and JSON:
    (report, command without -o)."""
    team = ["team", str(HERE / "team")]
    progress = ["compare", str(HERE / "progress" / "2026-q1.yaml"), str(HERE / "progress" / "2026-q4.yaml")]
    return [
        (HERE / f"{name}{suffix}", [*command, *extra])
        for name, command in (("team", team), ("progress", progress))
        for suffix, extra in (
            (".md", []),
            (".en.md", ["--lang", "en"]),
            (".html", []),
            (".en.html", ["--lang", "en"]),
            (".json", ["--format", "json"]),
        )
    ]


def all_outputs() -> list[tuple[Path, list[str]]]:
    """Every committed report and the arguments (without -o) that produce it."""
    singles = [
        (target, ["--answers", str(answers), *extra])
        for answers in sorted(HERE.glob("*.yaml"))
        for target, extra in outputs(answers)
    ]
    return singles + team_and_progress_outputs()


def take_pictures(pages: list[Path]) -> None:
    """``page.png`` beside each page: its first screen at 1280 pixels, as Chromium shows it."""
    chromium = os.environ.get("ORGCHECK_CHROMIUM") or shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if chromium is None:
        print("pictures not taken: needs Chromium and Playwright (pip install -e '.[test]')")
        return
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport=SCREEN)
        for html in pages:
            page.goto(html.as_uri())
            page.screenshot(path=str(html.with_suffix(".png")))
            print(f"wrote {html.with_suffix('.png').relative_to(HERE.parent)}")
        browser.close()


if __name__ == "__main__":
    for target, arguments in all_outputs():
        status = main([*arguments, "-o", str(target)])
        if status:
            sys.exit(status)
        print(f"wrote {target.relative_to(HERE.parent)}")
    take_pictures([answers.with_suffix(".html") for answers in sorted(HERE.glob("*.yaml"))])
