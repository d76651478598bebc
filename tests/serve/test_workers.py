"""orgcheck serve --workers N: several processes on one port share the store, the links and the sessions."""

from __future__ import annotations

import time
from pathlib import Path

from .conftest import TEAM_ANSWERS, path_of
from .test_browser import complete_by_http, start_server, stop_server


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def test_two_workers_run_one_survey_and_its_admin(tmp_path, pack):
    import httpx2

    from orgcheck.store.surveys import open_store
    from orgcheck.survey.surveys import Surveys

    data = tmp_path / "data"
    server = start_server(data, "--workers", "2")
    try:
        surveys = Surveys(open_store(data), pack)
        _, invites = surveys.create("Workers", "en", count=3)
        with httpx2.Client(base_url=server.url, timeout=10) as probe:
            for _ in range(100):  # the workers start after the supervisor prints
                try:
                    if probe.get("/healthz").status_code == 200:
                        break
                except httpx2.HTTPError:
                    time.sleep(0.1)
        assert len(_children(server.process.pid)) >= 2
        for invite, answers in zip(invites, TEAM_ANSWERS, strict=False):
            complete_by_http(server, invite.link(server.url), answers)
        # Logged in by one worker, served by whichever takes the next request.
        with httpx2.Client(base_url=server.url, follow_redirects=False, timeout=10) as admin:
            assert admin.get(path_of(server.admin_link)).status_code == 303
            for _ in range(6):
                assert admin.get("/admin").status_code == 200
            document = admin.get("/admin/surveys/workers.json").json()
        assert document["submitted"] == 3 and len(document["team"]["respondents"]) == 3
    finally:
        stop_server(server)
