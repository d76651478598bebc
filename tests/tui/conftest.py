"""Helpers for the questionnaire's Pilot tests: an app with injected paths and date, and keys for answers."""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from orgcheck.doors.tui.app import OrgcheckApp
from orgcheck.doors.tui.screens.question import QuestionScreen
from orgcheck.questionnaire.flow import open_options

SIZE = (80, 24)
DAY = dt.date(2026, 11, 22)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests here with asyncio.run (the test stack has no asyncio plugin)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., OrgcheckApp]:
    """``make_app(**overrides)``: an English app writing only under tmp_path, on a fixed date."""

    def make(**overrides: Any) -> OrgcheckApp:
        options: dict[str, Any] = {
            "language": "en",
            "data_dir": tmp_path / "data",
            "output_dir": tmp_path,
            "date": DAY,
            "cursor_blink": False,
        }
        options.update(overrides)
        app = OrgcheckApp(**options)
        app.notices_seen = []  # type: ignore[attr-defined]

        def record(message: str, **_: Any) -> None:
            app.notices_seen.append(message)  # type: ignore[attr-defined]

        app.notify = record  # type: ignore[method-assign]
        return app

    return make


def keys_for(app: OrgcheckApp, screen: QuestionScreen, value: Any) -> list[str]:
    """The keys a person presses to give ``value`` on the question screen shown."""
    question = screen.question
    if question.type == "integer":
        return [*str(value), "enter"]
    if question.type == "text":
        return [("space" if c == " " else c) for c in value] + ["ctrl+n"]
    if question.type == "multi":
        keys = []
        for option in open_options(app.pack, question, app.session.values):
            if option.value in value:
                keys.append("space")
            keys.append("down")
        return [*keys, "enter"]
    choices = (
        [value for value, _ in app.words.yes_no()]
        if question.type == "boolean"
        else [o.value for o in open_options(app.pack, question, app.session.values)]
    )
    return ["down"] * choices.index(value) + ["enter"]


async def answer_all(pilot: Any, answers: dict[str, Any]) -> None:
    """Answer every question shown, by keyboard, until the questionnaire leaves the questions.

    Each key goes to a question whose field has the focus, and each answer waits for the
    next question: a fixed pause was a guess at the machine's speed (the welcome was still
    up, or the question had not changed yet, on a loaded machine).
    """
    app = pilot.app

    def ready() -> bool:
        screen = app.screen
        return not isinstance(screen, QuestionScreen) or (screen.ready and app.focused is not None)

    await wait_until(pilot, lambda: isinstance(app.screen, QuestionScreen), "the first question")
    while isinstance(app.screen, QuestionScreen):
        await wait_until(pilot, ready, "the question's field")
        screen = app.screen
        question = screen.question
        if question.id in answers:
            await pilot.press(*keys_for(app, screen, answers[question.id]))
        else:
            await pilot.press("ctrl+n")  # optional: skip
        # One question screen shows every question in turn: the question has to change.
        await wait_until(
            pilot,
            lambda s=screen, q=question: app.screen is not s or s.question is not q,
            f"going on from {question.id}",
        )


async def wait_until(pilot: Any, condition: Callable[[], object], what: str, timeout: float = 30.0) -> None:
    """Let the app run until ``condition()`` holds; fail naming ``what`` after ``timeout`` seconds.

    For what the app does on a timer (the draft, screens built ahead): a fixed
    pause is a guess at the machine's speed, and a loaded CI machine guessed wrong.
    """
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, f"waited {timeout} s for {what}"
        await pilot.pause(0.05)


async def question_shown(app: OrgcheckApp, pilot: Any, question_id: str) -> None:
    """Wait until the question is on the screen and its field has the focus.

    One pause was enough on an idle machine; on a loaded one the welcome was still up.
    """
    from orgcheck.doors.tui.screens.question import QuestionScreen

    def shown() -> bool:
        screen = app.screen
        return (
            isinstance(screen, QuestionScreen)
            and screen.question.id == question_id
            and screen.ready
            and app.focused is not None
        )

    await wait_until(pilot, shown, f"the question {question_id!r}")


def dropped_notice(app: OrgcheckApp) -> str:
    """What the screen shown says a change took away ("" if it says nothing)."""
    notice = app.screen.query_one("#dropped")
    return str(notice.render()) if notice.display else ""


def screen_text(app: OrgcheckApp) -> str:
    """The characters on the screen, as a copy of the terminal would have them."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def show_result(app: OrgcheckApp, pilot: Any, values: dict[str, Any] | None = None) -> None:
    """Put complete answers into the session and open the result screen."""
    from conftest import BASE_ANSWERS

    app.session.values = dict(values if values is not None else BASE_ANSWERS)
    app.show_result(app.session.assess())
    from orgcheck.doors.tui.screens.result import ResultScreen

    await wait_until(pilot, lambda: isinstance(app.screen, ResultScreen), "the result screen")
    await pilot.pause()  # and laid out
