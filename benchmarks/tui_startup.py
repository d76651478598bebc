"""How long until orgcheck's screens are up, against minimal Textual apps.

Start-up: each program runs in a pseudo-terminal of 80x24, in a fresh process,
the two of a comparison alternating so both see the same machine. The time is
taken when a screen's text reaches the terminal, as a user would see it, not
when the program thinks it has drawn (Textual writes a frame after its
"after refresh" callbacks run: an app that exits from one has drawn nothing).
orgcheck runs through its real entry point (``python -m orgcheck``) and is
driven by keys, as a person would: nothing in orgcheck knows it is measured.
The minimal apps have the widgets of orgcheck's welcome (Header, Footer,
Static, Label, RadioSet, Input, Button) and, on enter, of its first question
(Header, Footer, Label, Static, ProgressBar, RadioSet, Button), and nothing
else. Comparisons:

* first screen: until the welcome shows;
* first question: until the welcome shows, then enter, until the question shows;
* for scale, not a goal: orgcheck's first question against an app that shows
  the question at once, with no welcome before it.

Goal: a ratio of 1.3 or less. Each program is killed once its screen shows;
how long Python and Textual take to shut down is not part of start-up.

Then, in this process, each screen change of the questionnaire driven by keys
through Textual's Pilot (80x24): from the key press until the new screen is
mounted and painted. Goal: under 100 ms each (median; the worst is printed
too). Keys come at a reader's pace, READING seconds after a screen shows, as
orgcheck builds the next screen and collects garbage while the user reads; and
the app runs with the objects of its start frozen, as ``orgcheck`` runs it.
For scale, the same is measured for a minimal app switching between two
screens of a few widgets.

    python benchmarks/tui_startup.py [--rounds 15] [--only startup|screens]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import fcntl
import gc
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

# What each screen shows first, in orgcheck (English) and in the minimal apps alike.
WELCOME_TEXT = "Who should own social media in your organisation?"
QUESTION_TEXT = "How many people does your organisation employ?"

# Minimal apps: the same widgets as orgcheck's screens, nothing else: {first} is what
# the app shows at start, {question} what enter shows next.
MINIMAL_APP = """
from textual.app import App
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import (Button, Footer, Header, Input, Label, ProgressBar, RadioButton,
                             RadioSet, Static)

class Question(Screen):
    def compose(self):
        yield Header()
        with VerticalScroll():
{question}
        yield Footer()

class Minimal(App):
    BINDINGS = [Binding("enter", "next", priority=True)]

    def compose(self):
        yield Header()
        with VerticalScroll():
{first}
        yield Footer()

    def action_next(self):
        self.push_screen(Question())

Minimal().run()
"""
QUESTION_WIDGETS = f"""
            yield Label("Your organisation   Question 1 of 16")
            bar = ProgressBar(total=16, show_eta=False, show_percentage=False)
            bar.progress = 1
            yield bar
            yield Static("{QUESTION_TEXT}")
            yield Static("Size decides which structure fits: small organisations coordinate ...")
            yield RadioSet(*(RadioButton(label) for label in ("1 to 9", "10 to 49", "50 to 249",
                                                               "250 to 999", "1,000 or more")))
            with Horizontal():
                yield Button("Back")
                yield Button("Next")
"""
WELCOME_WIDGETS = f"""
            yield Static("{WELCOME_TEXT}")
            yield Static("orgcheck asks up to 16 questions ... " * 4)
            yield RadioSet(RadioButton("Deutsch"), RadioButton("English", value=True))
            yield Label("Organisation (optional)")
            yield Input(placeholder="shown in the report title")
            yield Label("Completed by (optional)")
            yield Input(placeholder="e.g. Head of Marketing")
            yield Button("Start")
"""
# A step: the text to wait for on the terminal, and the keys to type once it shows.
Step = tuple[str, bytes]
FIRST_SCREEN = [(WELCOME_TEXT, b"")]
FIRST_QUESTION = [(WELCOME_TEXT, b"\r"), (QUESTION_TEXT, b"")]
COMPARISONS: dict[str, tuple[list[Step], str, list[Step], bool]] = {
    # name: (orgcheck's steps, what the minimal app shows first, its steps, is it the goal?)
    "first screen (welcome)": (FIRST_SCREEN, WELCOME_WIDGETS, FIRST_SCREEN, True),
    "first question (welcome, enter, question 1)": (FIRST_QUESTION, WELCOME_WIDGETS, FIRST_QUESTION, True),
    # For scale: orgcheck's way to its first question against an app with no welcome at all.
    "first question, against an app showing only the question": (
        FIRST_QUESTION,
        QUESTION_WIDGETS,
        FIRST_QUESTION[-1:],
        False,
    ),
}


def timed_run(command: list[str], env: dict[str, str], steps: list[Step]) -> float:
    """Seconds from start until the last step's text shows on an 80x24 pseudo-terminal.

    The program is killed then: its shutdown is not start-up. A program that never
    shows the text (it crashed, or drew something else) stops the benchmark.
    """
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    shown_at: list[float] = []
    pending = [(text.encode(), keys) for text, keys in steps]

    def watch() -> None:  # the terminal must be read anyway, or the app blocks writing to it
        recent = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            recent = recent[-256:] + chunk  # a text may arrive split over two reads
            while pending and pending[0][0] in recent:
                text, keys = pending.pop(0)
                recent = recent[recent.index(text) + len(text) :]
                if keys:
                    os.write(master, keys)
                elif not pending:
                    shown_at.append(time.perf_counter())

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env)
    deadline = start + 30
    while not shown_at and process.poll() is None and time.perf_counter() < deadline:
        time.sleep(0.001)
    process.kill()
    process.wait()
    os.close(slave)
    os.close(master)
    watcher.join(timeout=1)
    if not shown_at:
        missing = pending[0][0].decode() if pending else "?"
        raise SystemExit(f"{command[:3]} never showed {missing!r} (exit code {process.returncode})")
    return shown_at[0] - start


CHANGE_GOAL_MS = 100
READING = 1.2  # seconds a person spends on a screen before the next key, at the least


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
    await pilot.pause(READING)
    return elapsed


async def _orgcheck_changes(scratch: str) -> dict[str, float]:
    """Seconds for each screen change of one walk through the questionnaire."""
    from textual.widgets import MarkdownViewer

    from orgcheck.answers.write import EXAMPLE_ANSWERS
    from orgcheck.doors.tui.app import OrgcheckApp
    from orgcheck.doors.tui.screens.question import QuestionScreen
    from orgcheck.doors.tui.screens.review import ReviewScreen
    from orgcheck.doors.tui.screens.save import SaveDialog

    app = OrgcheckApp(
        language="en",
        data_dir=Path(tempfile.mkdtemp(dir=scratch)),
        output_dir=Path(scratch),
        date=dt.date(2026, 11, 22),
        cursor_blink=False,
    )
    times: dict[str, float] = {}
    gc.collect()
    gc.freeze()  # as orgcheck.doors.tui.app.run() does
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
    gc.unfreeze()
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
    print(
        f"screen changes with Pilot at 80x24, {rounds} rounds, a key {READING} s after each screen shows"
        f" (goal: median under {CHANGE_GOAL_MS} ms):"
    )
    print(f"  {'':<46} median  worst")
    minimal = "minimal app, one screen for another"
    print(f"  {minimal:<46} {base * 1000:5.0f} ms {max(baseline) * 1000:4.0f} ms")
    for name, samples in ours.items():
        median = statistics.median(samples)
        verdict = "" if "not a screen" in name else ("  ok" if median * 1000 < CHANGE_GOAL_MS else "  SLOW")
        print(
            f"  {name:<46} {median * 1000:5.0f} ms {max(samples) * 1000:4.0f} ms"
            f"  ratio {median / base:4.1f}{verdict}"
        )


def startup(rounds: int, scratch: str) -> None:
    # No locale, so orgcheck speaks English; bytecode may be written (the warm-up
    # run writes it), as an installed orgcheck has it: without it Python compiles
    # orgcheck's modules on every start (some 35 ms) and Textual's not at all.
    unset = ("LC_ALL", "LC_MESSAGES", "LANG", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(
        TERM="xterm-256color",
        ORGCHECK_DATA_DIR=os.path.join(scratch, "data"),
        ORGCHECK_CACHE_DIR=os.path.join(scratch, "cache"),
    )
    for name, (steps, first, minimal_steps, is_goal) in COMPARISONS.items():
        orgcheck = [sys.executable, "-m", "orgcheck"]
        source = MINIMAL_APP.format(first=first.strip("\n"), question=QUESTION_WIDGETS.strip("\n"))
        minimal = [sys.executable, "-c", source]
        # warm up: bytecode, the pack cache, the file system cache
        timed_run(orgcheck, env, steps)
        timed_run(minimal, env, minimal_steps)
        times: dict[str, list[float]] = {"orgcheck": [], "minimal": []}
        for _ in range(rounds):  # alternating, so both see the same machine
            times["orgcheck"].append(timed_run(orgcheck, env, steps))
            times["minimal"].append(timed_run(minimal, env, minimal_steps))
        ours, baseline = statistics.median(times["orgcheck"]), statistics.median(times["minimal"])
        # The fastest run is the one least disturbed by anything else on the machine.
        ours_min, baseline_min = min(times["orgcheck"]), min(times["minimal"])
        print(f"{name}, {rounds} rounds:")
        for label, (a, b) in (
            ("orgcheck           ", (ours, ours_min)),
            ("minimal Textual app", (baseline, baseline_min)),
        ):
            print(f"  {label}  median {a * 1000:5.0f} ms, fastest {b * 1000:5.0f} ms")
        goal = "goal: 1.30 or less" if is_goal else "not a goal: orgcheck shows a welcome first"
        ratios = f"{ours / baseline:.2f} (medians), {ours_min / baseline_min:.2f} (fastest runs)"
        print(f"  ratio {ratios}; {goal}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--only", choices=("startup", "screens"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="orgcheck-bench-") as scratch:
        if args.only != "startup":
            screen_changes(max(args.rounds // 3, 3), scratch)
        if args.only != "screens":
            startup(args.rounds, scratch)


if __name__ == "__main__":
    main()
