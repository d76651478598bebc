"""How long does `orgcheck team` take over a folder of 10,000 answers files?

Writes N answers files with random but valid answers (each a different
respondent) into a temporary folder, then times, alternating rounds so that
machine noise hits both alike:

    baseline:  one process loading every file with yaml.CSafeLoader (no validation)
    orgcheck:  python -m orgcheck team <folder> -o <tmp>/team.md, and -o team.json
               (every file validated, assessed, the team assessed and written)

and prints the medians of wall and CPU time, their ratios, and the peak memory (goal: under
5 s for 10,000 files on a 2-core machine; memory that does not grow with the
number of files beyond the report itself, which lists every respondent).

    python benchmarks/team.py [--files 10000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from orgcheck.answers.validate import is_asked
from orgcheck.pack.load import load_pack
from orgcheck.pack.model import Pack
from orgcheck.questionnaire.flow import open_options

BASELINE = (
    "import sys, yaml, pathlib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
    "    yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n"
)


def random_values(pack: Pack, rng: random.Random) -> dict[str, Any]:
    """A valid answer to every question asked, chosen at random in questionnaire order."""
    values: dict[str, Any] = {}
    for question in pack.questions:
        if not is_asked(question, values) or question.type == "text":
            continue
        options = [o.value for o in open_options(pack, question, values)]
        if question.type == "boolean":
            values[question.id] = rng.random() < 0.5
        elif question.type == "integer":
            values[question.id] = rng.randint(question.minimum or 0, min(question.maximum or 50, 50))
        elif question.type == "single":
            values[question.id] = rng.choice(options)
        else:
            chosen = [o for o in options if rng.random() < 0.35]
            values[question.id] = chosen or (
                [rng.choice(options)] if question.min_items or rng.random() < 0.5 else []
            )
    return values


def write_files(folder: Path, count: int, pack: Pack) -> None:
    rng = random.Random(20261122)
    for number in range(count):
        document = {
            "organisation": "Benchmark AG",
            "respondent": f"Respondent {number}",
            "language": rng.choice(["de", "en"]),
            "answers": random_values(pack, rng),
        }
        (folder / f"r{number:05d}.yaml").write_text(
            yaml.safe_dump(document, sort_keys=False), encoding="utf-8"
        )


class Run(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + system seconds of the command and its worker processes
    peak: int  # the largest resident memory of any process so far, kB


def timed(command: list[str]) -> Run:
    """Wall and CPU time and peak memory. CPU time says what the machine's other load does
    not: on a shared machine the wall time is the CPU time spread over the free cores."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, after.ru_maxrss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pack = load_pack()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "answers"
        folder.mkdir()
        write_files(folder, args.files, pack)
        baseline = [sys.executable, "-c", BASELINE, str(folder)]
        team = [sys.executable, "-m", "orgcheck", "team", str(folder), "-o"]
        outputs = {name: str(Path(scratch) / name) for name in ("team.md", "team.json")}
        subprocess.run([*team, outputs["team.md"]], check=True)  # warms the pack cache, as for a user
        base_runs: list[Run] = []
        team_runs: dict[str, list[Run]] = {name: [] for name in outputs}
        for _ in range(args.rounds):
            base_runs.append(timed(baseline))
            for name, output in outputs.items():
                team_runs[name].append(timed([*team, output]))
    base_wall = statistics.median(r.wall for r in base_runs)
    base_cpu = statistics.median(r.cpu for r in base_runs)
    load = os.getloadavg()[0]
    print(
        f"{args.files} files, median of {args.rounds} rounds, {os.cpu_count()} cores, load average {load:.1f}"
    )
    print(f"yaml.CSafeLoader only, one process: {base_wall:.2f} s wall, {base_cpu:.2f} s CPU")
    for name, runs in team_runs.items():
        wall, cpu = statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs)
        print(
            f"orgcheck team -o {name}: {wall:.2f} s wall ({wall / base_wall:.2f}x), "
            f"{cpu:.2f} s CPU ({cpu / base_cpu:.2f}x)"
        )
    peak = max(r.peak for runs in team_runs.values() for r in runs)
    print(f"peak memory of one process: {peak / 1024:.0f} MB")


if __name__ == "__main__":
    main()
