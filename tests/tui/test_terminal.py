"""The questionnaire in a real pseudo-terminal: signals, crashes and odd draft locations (issue 8).

Pilot cannot show these: they are about the process (its exit status, the draft on disk) and
the terminal it leaves behind (raw mode, the alternate screen, mouse tracking). Each test
starts ``orgcheck`` on a pty, types like a person, and reads the screen through the master.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

import pytest
import yaml
from conftest import BASE_ANSWERS, as_ordinary_user

pty = pytest.importorskip("pty", reason="needs a pseudo-terminal (POSIX)")

ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[P^_][^\x1b]*\x1b\\|[@-Z\\-_])")
LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
MOUSE_OFF = b"\x1b[?1000l"
WAIT = 30  # seconds for anything to appear; it normally takes well under two

# Every process these tests start tells the test, through a pipe, which widget has the focus
# each time it moves. A key typed before the focus has landed is lost (Textual hands a key to
# the widget focused when it arrives: under load the notes field takes most of a second to
# mount after its question shows, and letters typed after a tab reach the button the tab
# leaves), so a test types into a field only once the program says it has the focus: it
# waits for what the program does, never for a time.
FOCUS_TOLD = """
import os, sys
from textual.screen import Screen
_told = os.fdopen(int(os.environ.pop("ORGCHECK_TEST_FOCUS_FD")), "w", buffering=1)
def _tell(screen):
    if screen.is_current:  # keys go to the focused widget of the screen shown
        focused = screen.focused
        _told.write(f"{type(focused).__name__} {getattr(focused, 'id', None)}\\n")
def _telling(method):
    def telling(self, *args, **kwargs):
        result = method(self, *args, **kwargs)
        _tell(self)
        return result
    return telling
Screen.set_focus = _telling(Screen.set_focus)  # the focus moved
Screen._on_screen_resume = _telling(Screen._on_screen_resume)  # a screen shown, focused already
"""
MAIN = "from orgcheck.doors.main import main\nsys.exit(main(sys.argv[1:]))\n"


class Terminal:
    """One ``orgcheck`` process on a pseudo-terminal of 80x24."""

    def __init__(self, data_dir: Path, *args: str, prefix: list[str] | None = None, code: str | None = None):
        try:
            self.master, self.slave = os.openpty()
        except OSError as exc:  # pragma: no cover - depends on the machine
            pytest.skip(f"no pseudo-terminal here: {exc}")
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.cooked = termios.tcgetattr(self.slave)
        self.data_dir = data_dir
        self.focus_reader, focus_writer = os.pipe()
        os.set_blocking(self.focus_reader, False)
        self.focused = ""  # "<widget class> <id>", as the program last told
        self._focus_told = b""
        command = [sys.executable, "-c", FOCUS_TOLD + (code or MAIN)]
        env = {
            **os.environ,
            "ORGCHECK_DATA_DIR": str(data_dir),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "ORGCHECK_TEST_FOCUS_FD": str(focus_writer),
        }
        self.process = subprocess.Popen(
            [*(prefix or []), *command, *args],
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            env=env,
            pass_fds=(focus_writer,),
            start_new_session=True,  # the pty becomes its controlling terminal
        )
        os.close(focus_writer)
        self.output = b""

    def read(self, timeout: float = 0.2) -> None:
        while True:
            ready = select.select([self.master, self.focus_reader], [], [], timeout)[0]
            if self.focus_reader in ready:
                self._read_focus()
            if self.master not in ready:
                return
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the other side is gone
                return
            if not chunk:
                return
            self.output += chunk
            timeout = 0.05

    def _read_focus(self) -> None:
        with contextlib.suppress(BlockingIOError):
            self._focus_told += os.read(self.focus_reader, 65536)
        *lines, self._focus_told = self._focus_told.split(b"\n")
        if lines:
            self.focused = lines[-1].decode()

    def wait_for_focus(self, widget: str) -> None:
        """Wait until the program says ``widget`` ("Input organisation", "TextArea") has the focus."""
        deadline = time.monotonic() + WAIT
        while not (self.focused == widget or self.focused.startswith(f"{widget} ")):
            assert time.monotonic() < deadline, f"{widget} never had the focus (last: {self.focused!r})"
            assert self.process.poll() is None, f"orgcheck ended ({self.process.returncode}):\n{self.text()}"
            self.read()

    def text(self) -> str:
        return ANSI.sub("", self.output.decode("utf-8", "replace"))

    def wait_for(self, words: str) -> None:
        deadline = time.monotonic() + WAIT
        while words not in self.text():
            assert time.monotonic() < deadline, f"{words!r} never appeared:\n{self.text()[-2000:]}"
            assert self.process.poll() is None, f"orgcheck ended ({self.process.returncode}):\n{self.text()}"
            self.read()

    def type(self, keys: bytes) -> None:
        for key in [keys[i : i + 1] for i in range(len(keys))] if keys.isalnum() else [keys]:
            os.write(self.master, key)
            time.sleep(0.02)
        self.read(0.05)

    def finish(self) -> int:
        deadline = time.monotonic() + WAIT
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read()
        self.read()
        if self.process.poll() is None:
            self.process.kill()
            pytest.fail(f"orgcheck did not end:\n{self.text()[-2000:]}")
        return self.process.returncode

    def restored(self) -> bool:
        """The terminal as it was: cooked mode, main screen, no mouse tracking."""
        attributes = termios.tcgetattr(self.slave)
        cooked = attributes[3] & (termios.ICANON | termios.ECHO) == termios.ICANON | termios.ECHO
        tail = self.output[self.output.rfind(b"\x1b[?1049h") :]
        return cooked and LEAVE_ALTERNATE_SCREEN in tail and MOUSE_OFF in tail

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for descriptor in (self.master, self.slave, self.focus_reader):
            with contextlib.suppress(OSError):
                os.close(descriptor)


@pytest.fixture
def terminal(tmp_path):
    """The program's data folder is tmp_path/data, named by a path of one length everywhere:
    a notice that shows it wraps at the same place whatever the test's name or the xdist
    worker (under -n 2 'Permission denied' was split over two lines, and never appeared)."""
    opened: list[Terminal] = []
    short = Path(tempfile.mkdtemp(prefix="oc-", dir="/tmp"))
    short.chmod(0o755)  # as_ordinary_user() must pass through it
    (short / "t").symlink_to(tmp_path)

    def start(*args: str, **options) -> Terminal:
        opened.append(Terminal(short / "t" / "data", *args, **options))
        return opened[-1]

    yield start
    for each in opened:
        each.close()
    shutil.rmtree(short)


def _draft(tmp_path: Path) -> dict:
    return yaml.safe_load((tmp_path / "data" / "draft.yaml").read_text(encoding="utf-8"))


def _go_to_the_organisation_field(screen: Terminal) -> None:
    screen.wait_for("Start")
    screen.wait_for_focus("Input organisation")  # the welcome opens in the organisation's field


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_keeps_the_name_typed_just_now_and_restores_the_terminal(terminal, tmp_path, name):
    """The name goes to the draft half a second after typing stops; the signal comes before."""
    screen = terminal()
    _go_to_the_organisation_field(screen)
    screen.type(b"Acme")
    screen.wait_for("Acme")
    screen.process.send_signal(getattr(signal, name))
    status = screen.finish()
    assert status == 128 + getattr(signal, name)
    assert _draft(tmp_path)["organisation"] == "Acme"
    assert screen.restored(), screen.output[-300:]
    draft = screen.data_dir / "draft.yaml"  # tmp_path/data, by its path of one length
    assert (
        f"orgcheck: stopped by {name}; your answers are kept in {draft}; run 'orgcheck' to go on"
        in screen.text()
    )


def test_a_signal_keeps_the_notes_typed_since_the_last_next(terminal, tmp_path, pack):
    """Resume at the question before the notes, answer it, type notes, and be stopped."""
    order = [q.id for q in pack.questions]
    before_notes = pack.question(order[order.index("notes") - 1])
    assert before_notes.type in ("boolean", "single"), "the test answers it with enter"
    seeded = {k: v for k, v in BASE_ANSWERS.items() if k != before_notes.id}
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "draft.yaml").write_text(
        yaml.safe_dump({"language": "en", "answers": seeded}), encoding="utf-8"
    )
    screen = terminal()
    screen.wait_for("Resume")
    screen.wait_for_focus("Input organisation")  # the welcome opens in the name's field
    screen.type(b"\r")  # enter there resumes: the first open question
    screen.wait_for(before_notes.text("en")[:20])
    screen.wait_for_focus("ChoiceSet")
    screen.type(b"\r")  # its first choice
    screen.wait_for(pack.question("notes").text("en")[:20])
    screen.wait_for_focus("TextArea")
    screen.type(b"Ask the works council")
    screen.wait_for("works council")
    screen.process.send_signal(signal.SIGTERM)
    assert screen.finish() == 128 + signal.SIGTERM
    assert _draft(tmp_path)["answers"]["notes"] == "Ask the works council"
    assert screen.restored()


# Starts the questionnaire with the start button broken, as a bug would break it.
CRASHING = (
    """
from orgcheck.doors.tui import app
def broken(self, place):
    raise RuntimeError("a bug")
app.OrgcheckApp.go = broken
"""
    + MAIN
)


def test_a_crash_exits_non_zero_keeps_the_draft_and_says_where(terminal, tmp_path):
    screen = terminal(code=CRASHING)
    _go_to_the_organisation_field(screen)
    screen.type(b"Acme")
    screen.type(b"\r")  # enter in the field starts the questionnaire: the bug
    assert screen.finish() == 1
    assert _draft(tmp_path)["organisation"] == "Acme"
    assert screen.restored()
    text = screen.text()
    draft = screen.data_dir / "draft.yaml"  # tmp_path/data, by its path of one length
    assert (
        f"orgcheck: the questionnaire stopped on an internal error; your answers are kept in {draft}; "
        "run 'orgcheck' to go on; details for a bug report are in " in text
    )
    assert "Traceback" not in text
    (crash_file,) = (tmp_path / "data").glob("orgcheck-crash-*.txt")
    assert "RuntimeError: a bug" in crash_file.read_text(encoding="utf-8")


def test_a_fifo_as_the_draft_neither_hangs_nor_is_replaced(terminal, tmp_path):
    (tmp_path / "data").mkdir()
    os.mkfifo(tmp_path / "data" / "draft.yaml")
    screen = terminal()
    # The notice, on the welcome screen. Its reason names the path, so where its lines wrap
    # depends on how long the path is (a test worker's is longer): wait for its first words.
    screen.wait_for("Could not save the draft")
    screen.type(b"\x11")  # ctrl+q
    assert screen.finish() == 0
    assert screen.restored()
    assert (tmp_path / "data" / "draft.yaml").is_fifo()


def test_an_unreadable_draft_folder_is_a_notice_not_a_crash(terminal, tmp_path):
    (tmp_path / "data").mkdir(mode=0)
    try:
        screen = terminal(prefix=as_ordinary_user())
        screen.wait_for("Could not save the draft")  # (its reason wraps where the path makes it)
        screen.type(b"\x11")
        assert screen.finish() == 0
    finally:
        (tmp_path / "data").chmod(0o700)
    assert screen.restored()


def test_a_first_start_reads_no_yaml_once_the_caches_are_warm(tmp_path):
    """PyYAML costs some 17 ms to import: with the pack and the words cached and no draft to
    resume, the questionnaire starts without it (benchmarks/tui_startup.py)."""
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from orgcheck.doors.tui.app import OrgcheckApp\n"
        "OrgcheckApp(data_dir=Path(sys.argv[1]), language='en')\n"
        "print('yaml' in sys.modules)\n"
    )
    env = {**os.environ, "ORGCHECK_CACHE_DIR": str(tmp_path / "cache")}
    data = tmp_path / "data"

    def yaml_loaded() -> str:
        result = subprocess.run(
            [sys.executable, "-c", probe, str(data)], env=env, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert yaml_loaded() == "True"  # the first start of all fills the caches from the YAML files
    assert yaml_loaded() == "False"
    data.mkdir()
    (data / "draft.yaml").write_text("language: en\nanswers: {company_size: 1-9}\n", encoding="utf-8")
    assert yaml_loaded() == "True"  # a draft to resume is read with it
