"""What does a PDF cost: printing a report with the browser running, and with one started per call?

Runs, alternating so that machine noise hits all alike, N rounds of

    baseline:  an empty page printed by the running browser (the fixed cost of a print)
    reused:    the Stadtwerke Verbund report (10-11 A4 pages) printed by the running browser
    per call:  the same report with a browser started for it and closed after it

each through orgcheck.report.pdf (Chromium, then pypdf's metadata), and prints the
medians, their ratios to the baseline, the part of a reused print that is pypdf's,
and the installed size of the pdf extra's packages.

    python benchmarks/pdf.py [--rounds 10]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import re
import statistics
import time
from pathlib import Path

from orgcheck.report import pdf

REPO = Path(__file__).resolve().parent.parent
REPORT = REPO / "examples" / "stadtwerke-verbund.html"
EMPTY = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Empty</title></head></html>'
EXTRA = ("playwright", "pypdf")  # and what they require, as installed here


def timed(job) -> float:
    started = time.perf_counter()
    job()
    return time.perf_counter() - started


def installed_megabytes(name: str) -> float:
    distribution = importlib.metadata.distribution(name)
    files = distribution.files or []
    return (
        sum(Path(str(distribution.locate_file(f))).stat().st_size for f in files if f.size is not None) / 1e6
    )


def with_requirements(names: tuple[str, ...]) -> list[str]:
    """The distributions and those they require, as far as installed here (not their extras)."""
    found: list[str] = []
    todo = list(names)
    while todo:
        name = todo.pop(0)
        if name in found:
            continue
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        found.append(name)
        todo += [
            re.split(r"[\s;<>=!~\[(]", line, maxsplit=1)[0] for line in requires if "extra ==" not in line
        ]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    problem = pdf.missing()
    if problem is not None:
        raise SystemExit(f"no PDF here: {problem}")

    page = REPORT.read_text(encoding="utf-8")
    head = pdf.read_head(page)
    samples: dict[str, list[float]] = {"baseline": [], "reused": [], "per call": [], "pypdf": []}

    def per_call() -> None:
        with pdf.Printer() as fresh:
            fresh.print(page)

    with pdf.Printer() as running:
        pages = len(running.print(page).split(b"/Type /Page\n")) - 1  # warm: the browser starts
        raw = running._started().run(lambda browser: browser.print(page, head))
        for _ in range(args.rounds):
            samples["baseline"].append(timed(lambda: running.print(EMPTY)))
            samples["reused"].append(timed(lambda: running.print(page)))
            samples["per call"].append(timed(per_call))
            samples["pypdf"].append(timed(lambda: pdf.finish(raw, head, page)))

    base = statistics.median(samples["baseline"])
    print(f"rounds: {args.rounds}; the report: {REPORT.name}, {pages} A4 pages")
    for name, label in (
        ("baseline", "an empty page, browser running"),
        ("reused", "the report, browser running"),
        ("per call", "the report, browser started for it"),
    ):
        median = statistics.median(samples[name])
        print(f"{label:<40} median {median * 1000:7.0f} ms  {median / base:5.1f}x the baseline")
    reused = statistics.median(samples["reused"])
    pypdf_part = statistics.median(samples["pypdf"])
    share = pypdf_part / reused
    print(f"of a reused print, pypdf's metadata pass  median {pypdf_part * 1000:7.0f} ms  ({share:.0%})")
    ratio = statistics.median(samples["per call"]) / reused
    print(f"a browser per call is {ratio:.1f}x a running one")
    sizes = {name: installed_megabytes(name) for name in with_requirements(EXTRA)}
    listed = ", ".join(f"{name} {size:.1f}" for name, size in sizes.items())
    print(f"the pdf extra installed: {sum(sizes.values()):.0f} MB ({listed}); the browser not counted")
    node = Path(str(importlib.metadata.distribution("playwright").locate_file("playwright/driver/node")))
    if node.exists():
        print(f"  of which Node.js, which Playwright's driver runs on: {node.stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
