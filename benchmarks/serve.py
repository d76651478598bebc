"""How does `orgcheck serve` hold up: 50 respondents at once, and the team report over 10,000?

Part 1, pages. A real `orgcheck serve` on 127.0.0.1 (it ends itself after ten
minutes at the latest), and N respondents at once (threads, each its own
connection) who each complete the whole questionnaire: the welcome, start,
every question (a GET and a POST that the server stores before it answers),
the review and submit. Measured, in one run:

    baseline:  the same N clients asking GET /healthz, the server's own trivial page,
               as often and with the same pauses as the respondents ask for pages
    survey:    the respondents' pages, with think time (a pause before every answer)
               and without (as fast as they come back)

and printed: p50 and p99 per kind of page, requests per second, and the ratios to
the baseline. Goal on 2 cores: p99 under 100 ms a page with think time.

Part 2, the team report. 10,000 submitted responses stored in the survey's
database (written straight into it), then in fresh processes, alternating rounds:

    baseline:  python -m orgcheck team <the same answers as files> -o team.md
    survey:    the survey's team report over the stored responses, rendered as Markdown

Goal: the survey's within 1.5x of `orgcheck team`.

    python benchmarks/serve.py [--respondents 50] [--think 0.5] [--responses 10000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx2
from team import random_values

from orgcheck.pack.load import load_pack
from orgcheck.store.surveys import open_store
from orgcheck.survey.surveys import Surveys
from orgcheck.survey.tokens import digest

SERVER = (
    "import signal, sys; signal.alarm(600); "
    "from orgcheck.doors.main import main; sys.exit(main(sys.argv[1:]))"
)
TEAM_REPORT = (
    "import sys, pathlib\n"
    "from orgcheck.survey.surveys import open_surveys\n"
    "from orgcheck.report.many import render_team\n"
    "surveys = open_surveys(pathlib.Path(sys.argv[1]))\n"
    "survey = surveys.get(sys.argv[2])\n"
    "team = surveys.team(survey)\n"
    "text = render_team('md', surveys.pack, team, survey.language, team.consensus.answers.date)\n"
    "pathlib.Path(sys.argv[3]).write_text(text, encoding='utf-8')\n"
)


def start_server(data: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER, "serve", "--data", str(data), "--port", "0", "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
    assert match, line
    return process, match.group(1)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


class Timings:
    def __init__(self) -> None:
        self.by_kind: dict[str, list[float]] = defaultdict(list)
        self.lock = threading.Lock()

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.by_kind[kind].append(seconds)

    def all(self) -> list[float]:
        return [t for values in self.by_kind.values() for t in values]


def _timed(timings: Timings, kind: str, call: Any, *args: Any, **kwargs: Any) -> Any:
    started = time.perf_counter()
    response = call(*args, **kwargs)
    timings.add(kind, time.perf_counter() - started)
    return response


def _form(fields: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "content": urlencode(fields),
        "headers": {"content-type": "application/x-www-form-urlencoded"},
    }


def respondent(
    url: str, link: str, answers: dict[str, Any], think: float, seed: int, timings: Timings
) -> int:
    """One person completing the questionnaire; how many requests it took."""
    rng = random.Random(seed)
    requests = 0
    with httpx2.Client(base_url=url, headers={"origin": url}, follow_redirects=False, timeout=30) as client:
        path = link.removeprefix(url)
        page = _timed(timings, "welcome", client.get, path)
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        location = _timed(
            timings, "start", lambda: client.post(path, **_form([("csrf", token), ("go", "next")]))
        )
        location = location.headers["location"]
        requests += 2
        for _ in range(40):
            page = _timed(timings, "question", client.get, location)
            requests += 1
            question = re.search(r"/q/([a-z_]+)", location)
            if question is None:
                break
            qid = question.group(1)
            value = answers.get(qid)
            fields = [("csrf", token), ("go", "next")]
            fields += [(qid, v) for v in value] if isinstance(value, list) else []
            if isinstance(value, bool):
                fields.append((qid, "true" if value else "false"))
            elif value is not None and not isinstance(value, list):
                fields.append((qid, str(value)))
            if isinstance(value, list) and not value:
                fields.append(("confirmed", "1"))
            if think:
                time.sleep(rng.uniform(0.5 * think, 1.5 * think))
            response = _timed(timings, "answer", client.post, location.split("?")[0], **_form(fields))
            requests += 1
            location = response.headers["location"]
        if think:
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))
        done = _timed(
            timings,
            "submit",
            lambda: client.post(f"{path}/review", **_form([("csrf", token), ("go", "submit")])),
        )
        assert done.status_code == 303, done.status_code
        return requests + 1


def _counted(counts: list[int], *arguments: Any) -> None:
    counts.append(respondent(*arguments))


def healthz_client(url: str, count: int, think: float, seed: int, timings: Timings) -> None:
    rng = random.Random(seed)
    with httpx2.Client(base_url=url, timeout=30) as client:
        for _ in range(count):
            _timed(timings, "healthz", client.get, "/healthz")
            if think:
                time.sleep(rng.uniform(0.5 * think, 1.5 * think) / 2)  # two requests a pause, as a page has


def run_clients(targets: list[tuple[Any, tuple[Any, ...]]]) -> float:
    """Run each (function, arguments) in a thread of its own, all at once; how long they took."""
    threads = [threading.Thread(target=function, args=arguments) for function, arguments in targets]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def pages(respondents: int, think: float) -> None:
    pack = load_pack()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        surveys = Surveys(open_store(data), pack)
        process, url = start_server(data)
        try:
            for label, pause in (("with think time", think), ("without think time", 0.0)):
                _, invites = surveys.create(f"Bench {label}", "en", count=respondents)
                people = [(i.link(url), random_values(pack, rng)) for i in invites]
                floor = Timings()
                per_client = 2 + 2 * 16
                floor_time = run_clients(
                    [(healthz_client, (url, per_client, pause, n, floor)) for n in range(respondents)]
                )
                survey = Timings()
                counts: list[int] = []
                took = run_clients(
                    [
                        (_counted, (counts, url, link, answers, pause, n, survey))
                        for n, (link, answers) in enumerate(people)
                    ]
                )
                base99, base50 = percentile(floor.all(), 0.99), percentile(floor.all(), 0.50)
                print(f"\n{respondents} respondents at once, {label} (pause {pause:.2f} s a page):")
                print(
                    f"  baseline GET /healthz: p50 {base50 * 1000:6.1f} ms, p99 {base99 * 1000:6.1f} ms, "
                    f"{len(floor.all()) / floor_time:6.0f} requests/s"
                )
                for kind in ("welcome", "start", "question", "answer", "submit"):
                    values = survey.by_kind[kind]
                    p50, p99 = percentile(values, 0.5), percentile(values, 0.99)
                    print(
                        f"  {kind:<9} {len(values):5d}  p50 {p50 * 1000:6.1f} ms, p99 {p99 * 1000:6.1f} ms "
                        f"({p99 / base99:4.1f}x the baseline's p99)"
                    )
                every = survey.all()
                print(
                    f"  every page: p50 {percentile(every, 0.5) * 1000:.1f} ms, "
                    f"p99 {percentile(every, 0.99) * 1000:.1f} ms (goal with think time: under 100 ms); "
                    f"{sum(counts) / took:.0f} requests/s over {took:.1f} s"
                )
        finally:
            process.terminate()
            process.wait(timeout=20)


def team_report(responses: int, rounds: int) -> None:
    pack = load_pack()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        surveys = Surveys(open_store(data), pack)
        survey, invites = surveys.create("Company-wide", "en", count=responses)
        when = "2026-12-01T09:00:00+00:00"
        rows = [
            (digest(i.token), "en", json.dumps(random_values(pack, rng)), when, when, when) for i in invites
        ]
        connection = surveys.store._connection()  # type: ignore[attr-defined]
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany("INSERT INTO responses VALUES (?, ?, ?, ?, ?, ?)", rows)
        connection.execute("COMMIT")
        files = Path(folder) / "files"
        surveys.export(survey, files)
        times: dict[str, list[float]] = {"orgcheck team": [], "survey": []}
        for _ in range(rounds):
            for name, command in (
                (
                    "orgcheck team",
                    [sys.executable, "-m", "orgcheck", "team", str(files), "-o", f"{folder}/a.md"],
                ),
                ("survey", [sys.executable, "-c", TEAM_REPORT, str(data), survey.id, f"{folder}/b.md"]),
            ):
                started = time.perf_counter()
                subprocess.run(command, check=True, env={**_env(folder)})
                times[name].append(time.perf_counter() - started)
        same = Path(f"{folder}/a.md").read_bytes() == Path(f"{folder}/b.md").read_bytes()
        base, mine = statistics.median(times["orgcheck team"]), statistics.median(times["survey"])
        print(f"\nthe team report over {responses:,} responses, median of {rounds} rounds:")
        print(f"  baseline orgcheck team over the exported files: {base:.2f} s")
        ratio = mine / base
        print(
            f"  the survey's, over the stored responses:       {mine:.2f} s ({ratio:.2f}x; goal: within 1.5x)"
        )
        print(f"  the same Markdown: {'yes' if same else 'NO'}")
        shutil.rmtree(files)


def _env(folder: str) -> dict[str, str]:
    import os

    return {**os.environ, "ORGCHECK_CACHE_DIR": f"{folder}/cache"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=50)
    parser.add_argument(
        "--think", type=float, default=0.5, help="seconds a respondent pauses before answering"
    )
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pages(args.respondents, args.think)
    team_report(args.responses, args.rounds)


if __name__ == "__main__":
    main()
