"""How long until orgcheck's screens are up, against minimal Textual apps.

Each program runs in a pseudo-terminal of 80x24, in a fresh process, the two
of a comparison alternating so both see the same machine; each exits by itself
once its screen is painted. orgcheck runs through its real entry point
(``python -m orgcheck``) with ORGCHECK_BENCH_EXIT_AFTER_FIRST_SCREEN set (see
orgcheck/tui/app.py). Two comparisons:

* first screen: orgcheck's welcome against a minimal app with the welcome's
  widgets (Header, Footer, Static, Label, RadioSet, Input, Button);
* first question: orgcheck from start through the welcome to the first
  question, against a minimal app that shows the question's widgets (Header,
  Footer, Label, Static, ProgressBar, RadioSet, Button) directly.

Goal: a ratio of 1.3 or less.

Then, in this process, each screen change of the questionnaire driven by keys
through Textual's Pilot (80x24): from the key press until the new screen is
mounted and laid out (the Pilot's pause waits for that). Goal: under 100 ms
each. For scale, the same is measured for a minimal app switching between two
screens of a few widgets.

    python benchmarks/tui_startup.py [--rounds 15] [--only startup|screens]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import fcntl
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Minimal apps: the same widgets as orgcheck's screens, nothing else, exiting
# once painted. {widgets} is filled in per comparison.
MINIMAL_APP = """
from textual.app import App
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (Button, Footer, Header, Input, Label, ProgressBar, RadioButton,
                             RadioSet, Static)

class Minimal(App):
    def compose(self):
        yield Header()
        with VerticalScroll():
{widgets}
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.exit)

Minimal().run()
"""
QUESTION_WIDGETS = """
            yield Label("Your company   Question 1 of 14")
            bar = ProgressBar(total=14, show_eta=False, show_percentage=False)
            bar.progress = 1
            yield bar
            yield Static("How many people does your company employ?")
            yield Static("Size decides which structure holds up: small companies coordinate ...")
            yield RadioSet(*(RadioButton(label) for label in ("1 to 9", "10 to 49", "50 to 249",
                                                               "250 to 999", "1,000 or more")))
            with Horizontal():
                yield Button("Back")
                yield Button("Next")
"""
WELCOME_WIDGETS = """
            yield Static("Who should own social media in your company?")
            yield Static("orgcheck asks about 15 questions ... " * 4)
            yield RadioSet(RadioButton("Deutsch"), RadioButton("English", value=True))
            yield Label("Organisation (optional)")
            yield Input(placeholder="shown in the report title")
            yield Label("Completed by (optional)")
            yield Input(placeholder="e.g. Head of Marketing")
            yield Button("Start")
"""
COMPARISONS = {
    # name: (value of the orgcheck hook, widgets of the minimal app)
    "first screen (welcome)": ("welcome", WELCOME_WIDGETS),
    "first question (welcome, then question 1)": ("question", QUESTION_WIDGETS),
}


def timed_run(command: list[str], env: dict[str, str]) -> float:
    """Seconds from start to exit of ``command`` on an 80x24 pseudo-terminal."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

    def drain() -> None:  # the terminal must be read, or the app blocks writing to it
        while True:
            try:
                if not os.read(master, 65536):
                    return
            except OSError:
                return

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    start = time.perf_counter()
    process = subprocess.run(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, timeout=60, check=False
    )
    elapsed = time.perf_counter() - start
    os.close(slave)
    os.close(master)
    reader.join(timeout=1)
    if process.returncode != 0:
        raise SystemExit(f"{command[:3]} exited with {process.returncode}")
    return elapsed


CHANGE_GOAL_MS = 100


async def _timed_change(pilot: Any, keys: tuple[str, ...], done: Callable[[], bool]) -> float:
    """Seconds from the key presses until ``done()`` holds and the screen has been painted once.

    Keys are posted as a terminal would send them, not with ``pilot.press``: that waits for
    the whole process to be idle, which on a shared machine measures the machine.
    """
    app = pilot.app
    start = time.perf_counter()
    for key in keys:
        app.simulate_key(key)
    deadline = start + 5
    while not done():
        if time.perf_counter() > deadline:
            raise SystemExit(f"no new screen within 5 s (on {app.screen!r})")
        await asyncio.sleep(0.0005)
    painted = asyncio.Event()
    app.screen.call_after_refresh(painted.set)
    await painted.wait()
    elapsed = time.perf_counter() - start
    await pilot.pause()  # let it settle before the next change
    return elapsed


async def _orgcheck_changes(scratch: str) -> dict[str, float]:
    """Seconds for each screen change of one walk through the questionnaire."""
    from textual.widgets import MarkdownViewer

    from orgcheck.answerfile import EXAMPLE_ANSWERS
    from orgcheck.tui.app import OrgcheckApp
    from orgcheck.tui.screens.question import QuestionScreen
    from orgcheck.tui.screens.review import ReviewScreen
    from orgcheck.tui.screens.save import SaveDialog

    app = OrgcheckApp(
        language="en",
        data_dir=Path(tempfile.mkdtemp(dir=scratch)),
        output_dir=Path(scratch),
        date=dt.date(2026, 11, 22),
        cursor_blink=False,
    )
    times: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        # Nobody answers within a second: the app imports the later screens meanwhile.
        await pilot.pause(1.5)

        async def change(name: str, keys: tuple[str, ...], done: Callable[[], bool]) -> None:
            times[name] = await _timed_change(pilot, keys, done)

        def on(kind: type) -> Callable[[], bool]:
            return lambda: isinstance(app.screen, kind)

        def on_result() -> bool:
            return type(app.screen).__name__ == "ResultScreen"

        def on_question(question_id: str) -> Callable[[], bool]:
            return lambda: isinstance(app.screen, QuestionScreen) and app.screen.question.id == question_id

        await change("welcome -> question 1", ("enter",), on_question("company_size"))
        await change("question 1 -> question 2 (enter)", ("enter",), on_question("business_units"))
        await change("question 2 -> question 3 (enter)", ("enter",), on_question("regulated"))
        app.session.values = dict(EXAMPLE_ANSWERS)
        await change("question -> review (ctrl+r)", ("ctrl+r",), on(ReviewScreen))
        await pilot.press("down")  # from the names' row to the first question
        await change("review -> question (enter)", ("enter",), on(QuestionScreen))
        await change("question -> review (esc)", ("escape",), on(ReviewScreen))
        await change("review -> result (ctrl+n)", ("ctrl+n",), on_result)
        await change("result -> save dialog (ctrl+s)", ("ctrl+s",), on(SaveDialog))
        await change("save dialog -> result (esc)", ("escape",), on_result)
        await change("result -> review (esc)", ("escape",), on(ReviewScreen))
        await change("review -> result again (ctrl+n)", ("ctrl+n",), on_result)
        # A tab, not a screen: the report is laid out behind a loading indicator.
        await change(
            "report tab, laid out (not a screen change)",
            ("right", "right", "right"),
            lambda: bool(app.screen.query(MarkdownViewer)) and not app.screen.query_one("#report").loading,
        )
        await pilot.press("ctrl+q")
    return times


async def _minimal_changes() -> dict[str, float]:
    """The same measure for a minimal app switching between two screens of a few widgets."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Button, Footer, Header, RadioButton, RadioSet, Static

    class Page(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("A question?")
            yield Static("Why it is asked. " * 6)
            yield RadioSet(*(RadioButton(f"Option {n}") for n in range(5)))
            yield Button("Next")
            yield Footer()

    class Minimal(App[None]):
        def on_mount(self) -> None:
            self.push_screen(Page())

        def key_n(self) -> None:
            self.switch_screen(Page())

    app = Minimal()
    times = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for number in range(3):
            before = app.screen
            times[f"switch {number + 1}"] = await _timed_change(
                pilot, ("n",), lambda before=before: app.screen is not before
            )
    return times


def screen_changes(rounds: int, scratch: str) -> None:
    ours: dict[str, list[float]] = {}
    baseline: list[float] = []
    for _ in range(rounds):
        for name, seconds in asyncio.run(_orgcheck_changes(scratch)).items():
            ours.setdefault(name, []).append(seconds)
        baseline += asyncio.run(_minimal_changes()).values()
    base = statistics.median(baseline)
    print(f"screen changes with Pilot at 80x24, {rounds} rounds (median; goal: under {CHANGE_GOAL_MS} ms):")
    print(f"  minimal app, one screen for another            {base * 1000:5.0f} ms")
    for name, samples in ours.items():
        median = statistics.median(samples)
        verdict = "" if "not a screen" in name else ("  ok" if median * 1000 < CHANGE_GOAL_MS else "  SLOW")
        print(f"  {name:<46} {median * 1000:5.0f} ms  ratio {median / base:4.1f}{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--only", choices=("startup", "screens"))
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="orgcheck-bench-")
    if args.only != "startup":
        screen_changes(max(args.rounds // 3, 3), scratch)
    if args.only == "screens":
        return
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(
        TERM="xterm-256color",
        ORGCHECK_DATA_DIR=os.path.join(scratch, "data"),
        ORGCHECK_CACHE_DIR=os.path.join(scratch, "cache"),
    )
    for name, (hook, widgets) in COMPARISONS.items():
        orgcheck = [sys.executable, "-m", "orgcheck"]
        minimal = [sys.executable, "-c", MINIMAL_APP.format(widgets=widgets.strip("\n"))]
        hooked = {**env, "ORGCHECK_BENCH_EXIT_AFTER_FIRST_SCREEN": hook}
        timed_run(orgcheck, hooked)  # warm up: bytecode, the pack cache, the file system cache
        timed_run(minimal, env)
        times: dict[str, list[float]] = {"orgcheck": [], "minimal": []}
        for _ in range(args.rounds):  # alternating, so both see the same machine
            times["orgcheck"].append(timed_run(orgcheck, hooked))
            times["minimal"].append(timed_run(minimal, env))
        ours, baseline = statistics.median(times["orgcheck"]), statistics.median(times["minimal"])
        # The fastest run is the one least disturbed by anything else on the machine.
        ours_min, baseline_min = min(times["orgcheck"]), min(times["minimal"])
        print(f"{name}, {args.rounds} rounds:")
        for label, (a, b) in (
            ("orgcheck           ", (ours, ours_min)),
            ("minimal Textual app", (baseline, baseline_min)),
        ):
            print(f"  {label}  median {a * 1000:5.0f} ms, fastest {b * 1000:5.0f} ms")
        print(
            f"  ratio {ours / baseline:.2f} (medians), {ours_min / baseline_min:.2f} (fastest runs);"
            " goal: 1.30 or less"
        )


if __name__ == "__main__":
    main()
