"""How much slower is `orgcheck --answers` than importing what it is built on?

Runs, alternating so that machine noise hits both alike, N rounds of

    baseline:  python -c "import yaml, jinja2, pydantic"
    orgcheck:  python -m orgcheck --answers examples/beispiel-gmbh.yaml -o <tmp>

and prints both medians and their ratio (goal: 1.3x or less). The pack cache
is warmed first, as it is for every run after the first on a user's machine;
`--cold` measures with the cache disabled instead.

    python benchmarks/headless.py [--rounds 30] [--cold]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "beispiel-gmbh.yaml"


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--cold", action="store_true", help="disable the pack cache (first run on a machine)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "ORGCHECK_CACHE_DIR": "" if args.cold else str(Path(scratch) / "cache"),
        }
        baseline = [sys.executable, "-c", "import yaml, jinja2, pydantic"]
        orgcheck = [
            sys.executable,
            "-m",
            "orgcheck",
            "--answers",
            str(EXAMPLE),
            "-o",
            str(Path(scratch) / "r.md"),
        ]
        timed(orgcheck, env)  # warm the cache and the file system
        samples: dict[str, list[float]] = {"baseline": [], "orgcheck": []}
        for _ in range(args.rounds):
            samples["baseline"].append(timed(baseline, env))
            samples["orgcheck"].append(timed(orgcheck, env))

    base = statistics.median(samples["baseline"])
    ours = statistics.median(samples["orgcheck"])
    print(f"rounds: {args.rounds}{' (pack cache disabled)' if args.cold else ''}")
    print(f"baseline  python -c 'import yaml, jinja2, pydantic'   median {base * 1000:7.1f} ms")
    print(f"orgcheck  --answers {EXAMPLE.name:<30} median {ours * 1000:7.1f} ms")
    print(f"ratio {ours / base:.2f}x (goal: 1.3x or less)")


if __name__ == "__main__":
    main()
