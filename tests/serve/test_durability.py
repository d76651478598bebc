"""An acknowledged answer survives kill -9: a real server, respondents posting, SIGKILL at a random moment."""

from __future__ import annotations

import os
import random
import signal
import threading
import time
from typing import Any

import pytest

from orgcheck.store.surveys import SqliteStore, open_store
from orgcheck.survey.surveys import Surveys
from orgcheck.survey.tokens import digest

from .conftest import Respondent, csrf, post_form
from .test_browser import start_server, stop_server

RESPONDENTS = 8
MAX_POSTS = 150  # each, at most: the loop is bounded whatever the server does
SIZES = ["1-9", "10-49", "50-249", "250-999", "1000+"]
UNITS = ["single", "multiple"]


def _respond(url: str, link: str, sent: list[tuple[str, str, bool]], stop: threading.Event) -> None:
    """Post answer after answer; record each (question, value, acknowledged)."""
    import httpx2

    with httpx2.Client(base_url=url, headers={"origin": url}, follow_redirects=False, timeout=5) as client:
        try:
            person = Respondent(client, link)  # type: ignore[arg-type]
            person.start()
            token = csrf(person.page.text)
            for number in range(MAX_POSTS):
                if stop.is_set():
                    return
                question, options = ("company_size", SIZES) if number % 2 == 0 else ("business_units", UNITS)
                value = options[(number // 2) % len(options)]
                sent.append((question, value, False))
                response = post_form(
                    client,
                    f"{person.base}/q/{question}",
                    [("csrf", token), (question, value), ("go", "next")],
                )
                if response.status_code == 303:  # acknowledged: the store has it
                    sent[-1] = (question, value, True)
        except httpx2.HTTPError:
            return  # the server is gone


def _survives(stored: dict[str, Any], sent: list[tuple[str, str, bool]]) -> list[str]:
    """Problems: an acknowledged answer that is not stored (nor replaced by one sent after it)."""
    problems = []
    for question in ("company_size", "business_units"):
        mine = [(value, acked) for q, value, acked in sent if q == question]
        last_acked = max((i for i, (_, acked) in enumerate(mine) if acked), default=None)
        if last_acked is None:
            continue
        allowed = {value for value, _ in mine[last_acked:]}  # that one, or one sent later
        if stored.get(question) not in allowed:
            problems.append(
                f"{question}: stored {stored.get(question)!r}, acknowledged {mine[last_acked][0]!r}"
            )
    return problems


@pytest.mark.parametrize("round_", range(2))
def test_every_acknowledged_answer_survives_kill_9_of_the_server(tmp_path, pack, round_):
    data = tmp_path / "data"
    surveys = Surveys(open_store(data), pack)
    _, invites = surveys.create("Durability", "en", count=RESPONDENTS)
    server = start_server(data)
    sent: list[list[tuple[str, str, bool]]] = [[] for _ in invites]
    stop = threading.Event()
    threads = [
        threading.Thread(target=_respond, args=(server.url, invite.link(server.url), sent[i], stop))
        for i, invite in enumerate(invites)
    ]
    for thread in threads:
        thread.start()
    # Once answers flow, at a random moment: no warning, no clean-up.
    deadline = time.monotonic() + 30
    while sum(acked for answers in sent for _, _, acked in answers) < 20 and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(random.uniform(0.05, 0.6))
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=20)
    acknowledged = sum(acked for answers in sent for _, _, acked in answers)
    assert acknowledged >= 20, "the answers never flowed"
    # The server starts again on the same file, and every acknowledged answer is there.
    again = start_server(data)
    try:
        store = SqliteStore(data / "orgcheck-surveys.sqlite3")
        assert store.integrity() == "ok"
        problems = []
        for invite, answers in zip(invites, sent, strict=True):
            response = store.response(digest(invite.token))
            stored = response.answers if response is not None else {}
            problems += _survives(stored, answers)
        assert problems == []
        with_answers = sum(1 for invite in invites if store.response(digest(invite.token)) is not None)
        assert with_answers == RESPONDENTS
    finally:
        stop_server(again)
