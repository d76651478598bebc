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

    python benchmarks/tui_startup.py [--rounds 15]
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="orgcheck-bench-")
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
