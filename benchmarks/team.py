"""How long does `orgcheck team` take over a folder of 10,000 answers files?

Writes N answers files with random but valid answers (each a different
respondent) into a temporary folder, then times, alternating rounds so that
machine noise hits both alike:

    baseline:  one process loading every file with yaml.CSafeLoader (no validation)
    orgcheck:  python -m orgcheck team <folder> -o <tmp>/team.md, and -o team.json
               (every file validated, assessed, the team assessed and written)

and prints the medians, the ratios, and orgcheck's peak memory (goal: under
5 s for 10,000 files on a 2-core machine; memory that does not grow with the
number of files beyond the report itself, which lists every respondent).

    python benchmarks/team.py [--files 10000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from orgcheck.flow import is_asked, open_options
from orgcheck.pack import Pack, load_pack

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


def timed(command: list[str]) -> tuple[float, int]:
    """Wall time and the child's peak resident memory in kB."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


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
        subprocess.run(
            [*team, outputs["team.md"]], check=True
        )  # warms the pack cache, as on a user's machine
        base_times: list[float] = []
        team_times: dict[str, list[float]] = {name: [] for name in outputs}
        peak = 0
        for _ in range(args.rounds):
            base_times.append(timed(baseline)[0])
            for name, output in outputs.items():
                seconds, peak = timed([*team, output])
                team_times[name].append(seconds)
    base = statistics.median(base_times)
    print(f"{args.files} files, median of {args.rounds} rounds")
    print(f"yaml.CSafeLoader only, one process: {base:.2f} s")
    for name, times in team_times.items():
        ours = statistics.median(times)
        print(
            f"orgcheck team -o {name} (validated, assessed): {ours:.2f} s  ({ours / base:.2f}x the baseline)"
        )
    print(f"peak memory of orgcheck team: {peak / 1024:.0f} MB")


if __name__ == "__main__":
    main()
