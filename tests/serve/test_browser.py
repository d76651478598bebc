"""The survey in a real browser: Chromium with JavaScript off, keyboard only, at 390 px, as a
respondent and as the admin; axe-core on every kind of page.

A real server (``orgcheck serve --port 0``) in a subprocess that ends itself after ten
minutes at the latest; Chromium from the system, driven by Playwright (tests/test_html_browser.py
says how, and skips where it is missing).
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from test_html_browser import axe_source, browser  # noqa: F401 - fixtures shared with the report's tests

from orgcheck.store.surveys import open_store
from orgcheck.survey.surveys import Surveys

from .conftest import TEAM_ANSWERS, Respondent

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
# A server a test starts stops by itself at the latest after this many seconds (SIGALRM).
SERVER_LIFETIME = 600
STARTED = re.compile(r"the team survey at (http://127\.0\.0\.1:\d+)/")
ADMIN_LINK = re.compile(r"admin \(a one-time link, valid for a day\): (\S+)")


class Server(NamedTuple):
    url: str
    admin_link: str
    data: Path
    process: subprocess.Popen[str]


def start_server(data: Path, *extra: str) -> Server:
    """``orgcheck serve`` on a free port of 127.0.0.1, once it says where it listens."""
    code = (
        f"import signal, sys; signal.alarm({SERVER_LIFETIME}); "
        "from orgcheck.doors.main import main; sys.exit(main(sys.argv[1:]))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--data", str(data), "--port", "0", "--lang", "en", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    said = ""
    for _ in range(10):
        said += process.stdout.readline()
        if ADMIN_LINK.search(said):
            break
    url, admin_link = STARTED.search(said), ADMIN_LINK.search(said)
    assert url and admin_link, said
    return Server(url.group(1), admin_link.group(1), data, process)


def stop_server(server: Server) -> None:
    server.process.send_signal(signal.SIGTERM)
    server.process.wait(timeout=20)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("served"))
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def surveys(server: Server, pack: Any) -> Surveys:
    return Surveys(open_store(server.data), pack)


def _links(surveys: Surveys, server: Server, count: int, language: str = "en", **options: Any) -> list[str]:
    _, invites = surveys.create("Social media Q4", language, count=count, **options)
    return [invite.link(server.url) for invite in invites]


_FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return {};
    return {tag: e.tagName.toLowerCase(), type: e.getAttribute("type") || "",
            name: e.getAttribute("name") || "", value: e.getAttribute("value") || ""};
}"""


def _focused(page: Any) -> dict[str, str]:
    """What has the keyboard's focus (the page's own scripts are off; Playwright's still run)."""
    return dict(page.evaluate(_FOCUSED))


def tab_to(page: Any, **wanted: str) -> dict[str, str]:
    """Press Tab until the focus is on an element with these attributes (at most 60 presses)."""
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if all(focused.get(key) == value for key, value in wanted.items()):
            return focused
    raise AssertionError(f"Tab never reached {wanted}")


def submit_by_keyboard(page: Any, key: str = "Enter") -> None:
    """A key that sends the form, and the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)


def answer_by_keyboard(page: Any, question: str, value: Any) -> None:
    """Answer the question shown with the keyboard alone, then go on (enter, or tab to Next)."""
    kind = "multi" if page.locator(f'input[type="checkbox"][name="{question}"]').count() else ""
    if not kind and page.locator(f'input[type="radio"][name="{question}"]').count():
        kind = "radio"
    if kind == "radio":
        wanted = {True: "true", False: "false"}.get(value, value) if isinstance(value, bool) else value
        tab_to(page, name=question)
        for _ in range(12):  # arrows move through the group and choose
            if _focused(page)["value"] == wanted:
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        submit_by_keyboard(page)
    elif kind == "multi":
        for option in value or []:
            tab_to(page, name=question, value=option)
            page.keyboard.press("Space")
        tab_to(page, tag="button", value="next")
        submit_by_keyboard(page)
    else:
        field = tab_to(page, name=question)
        page.keyboard.type("" if value is None else str(value))
        if field["tag"] == "textarea":
            tab_to(page, tag="button", value="next")
        submit_by_keyboard(page)


def complete_by_http(server: Server, link: str, answers: dict[str, Any], *, submit: bool = True) -> None:
    """A respondent the test needs but does not watch: the forms sent straight to the server."""
    import httpx2

    with httpx2.Client(base_url=server.url, headers={"origin": server.url}, follow_redirects=False) as client:
        Respondent(client, link).complete(answers, submit=submit)  # type: ignore[arg-type]


def _question_of(url: str) -> str | None:
    match = re.search(r"/q/([a-z_]+)", url)
    return match.group(1) if match else None


def complete_by_keyboard(
    page: Any, link: str, answers: dict[str, Any], *, stop_after: int | None = None
) -> int:
    """Open the link and answer question after question with the keyboard; how many were answered."""
    page.goto(link)
    tab_to(page, tag="button", value="next")
    submit_by_keyboard(page)
    answered = 0
    for _ in range(40):
        question = _question_of(page.url)
        if question is None or (stop_after is not None and answered == stop_after):
            break
        before = page.url
        answer_by_keyboard(page, question, answers.get(question))
        if (
            page.url == before and page.locator('input[name="confirmed"]').count()
        ):  # nothing ticked: once more
            tab_to(page, tag="button", value="next")
            submit_by_keyboard(page)
        assert page.url != before, (question, page.locator(".field-error").all_inner_texts())
        answered += 1
    return answered


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_whole_survey_with_javascript_off_by_keyboard_on_a_phone(browser, server, surveys, language):  # noqa: F811
    (link,) = _links(surveys, server, 1, language)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    answers = {**TEAM_ANSWERS[0], "dedicated_team": "team", "team_size": 3}
    complete_by_keyboard(page, link, answers)
    assert page.url.endswith("/review") and page.locator("html").get_attribute("lang") == language
    assert (
        page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    )  # nothing wider than the phone
    tab_to(page, tag="button", value="submit")
    submit_by_keyboard(page)
    assert page.url.endswith("/thanks")
    page.get_by_role("link", name="Open your report" if language == "en" else "Ihren Bericht öffnen").click()
    assert page.locator("html").get_attribute("lang") == language
    assert ("recommended structure" if language == "en" else "empfohlene struktur") in page.inner_text(
        "body"
    ).lower()
    context.close()


def test_an_error_is_shown_next_to_its_field_and_what_was_typed_stays(browser, server, surveys):  # noqa: F811
    (link,) = _links(surveys, server, 1)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    complete_by_keyboard(page, link, {**TEAM_ANSWERS[0], "dedicated_team": "team"}, stop_after=5)
    assert _question_of(page.url) == "team_size"
    field = tab_to(page, name="team_size")
    assert field["tag"] == "input"
    page.keyboard.type("twelve")
    submit_by_keyboard(page)
    error = page.locator("#error-team_size")
    assert error.inner_text() == "Please enter a whole number from 1 to 500."
    assert page.locator("#field-team_size").input_value() == "twelve"
    assert "error-team_size" in (page.locator("#field-team_size").get_attribute("aria-describedby") or "")
    context.close()


def test_a_respondent_resumes_in_a_new_browser_where_they_left_off(browser, server, surveys):  # noqa: F811
    (link,) = _links(surveys, server, 1)
    first = browser.new_context(java_script_enabled=False, viewport=PHONE)
    complete_by_keyboard(first.new_page(), link, TEAM_ANSWERS[1], stop_after=3)
    first.close()
    second = browser.new_context(java_script_enabled=False, viewport=LAPTOP)
    page = second.new_page()
    page.goto(link)
    assert page.get_by_role("button", name="Resume").is_visible()
    page.get_by_role("button", name="Resume").click()
    assert _question_of(page.url) == "departments"  # the fourth question
    second.close()


def test_the_admin_link_clicked_in_a_mail_logs_in_and_the_admin_runs_a_survey(browser, server, surveys):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, viewport=LAPTOP)
    page = context.new_page()
    # A link in a mail is a navigation from another site: SameSite=Strict would lose the cookie here.
    page.set_content(f'<a href="{surveys.new_admin_link(server.url)}">Log in to orgcheck</a>')
    page.get_by_role("link", name="Log in to orgcheck").click()
    page.wait_for_load_state()
    assert page.url == f"{server.url}/admin"
    assert page.get_by_role("heading", name="Your surveys").is_visible()
    page.get_by_label("Title").fill("Leadership view")
    page.get_by_label("Number of invite links").fill("3")
    page.get_by_role("button", name="Create survey").click()
    links = page.locator("ol.links code").all_inner_texts()
    assert len(links) == 3 and all(link.startswith(f"{server.url}/s/") for link in links)
    survey_page = page.url
    for link, answers in zip(links, TEAM_ANSWERS, strict=False):
        complete_by_http(server, link, answers)
    page.goto(f"{server.url}/admin/surveys/leadership-view")
    assert "3 of 3 submitted, 3 started" in page.inner_text("main")
    page.get_by_role("link", name="Open the team report").click()
    assert "The consensus" in page.inner_text("body")
    page.goto(f"{server.url}/admin/surveys/leadership-view")
    page.get_by_role("button", name="Close the survey").first.click()
    assert page.url.startswith(survey_page.split("?")[0].rsplit("/", 1)[0])
    closed = browser.new_context(java_script_enabled=False)
    assert closed.new_page().goto(links[0]).status == 404
    closed.close()
    context.close()


def _serious(page: Any, axe: str) -> list[str]:
    page.add_script_tag(content=axe)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_axe_finds_no_serious_problem_on_any_kind_of_page(browser, server, surveys, axe_source):  # noqa: F811
    """Every page type at 390 px (the respondent's) or 1280 px (the admin's), in a context that lets
    the test's own axe script in (the pages' policy forbids every script)."""
    links = _links(surveys, server, 5, "de")
    plain = browser.new_context(java_script_enabled=False, viewport=PHONE)
    walker = plain.new_page()
    complete_by_keyboard(walker, links[0], TEAM_ANSWERS[2], stop_after=0)
    pages: dict[str, str] = {"welcome": links[0], "not found": f"{server.url}/s/{'x' * 32}"}
    for question in ("company_size", "departments", "regulated", "notes"):
        pages[f"question {question}"] = f"{links[0]}/q/{question}"
    complete_by_http(server, links[1], TEAM_ANSWERS[0])  # submitted: its thanks and report
    pages["review"] = f"{links[3]}/review"
    pages["thanks"] = f"{links[1]}/thanks"
    pages["own report"] = f"{links[1]}/report"
    for link, answers in ((links[2], TEAM_ANSWERS[1]), (links[4], TEAM_ANSWERS[2])):
        complete_by_http(server, link, answers)  # three submitted: the team report shows
    complete_by_http(server, links[3], TEAM_ANSWERS[3], submit=False)
    plain.close()
    checked = browser.new_context(bypass_csp=True, viewport=PHONE)
    found = {}
    page = checked.new_page()
    for name, url in pages.items():
        page.goto(url)
        found[name] = _serious(page, axe_source)
    error_page = checked.new_page()
    error_page.goto(f"{links[0]}/q/company_size")  # an answer missing: the error state
    error_page.get_by_role("button", name="Weiter").click()
    found["question with an error"] = _serious(error_page, axe_source)
    admin = browser.new_context(bypass_csp=True, viewport=LAPTOP)
    page = admin.new_page()
    page.goto(f"{server.url}/admin")
    found["admin, logged out"] = _serious(page, axe_source)
    page.goto(surveys.new_admin_link(server.url))
    found["admin index"] = _serious(page, axe_source)
    survey_id = surveys.all()[-1].id
    for name, path in (
        ("admin survey", f"/admin/surveys/{survey_id}"),
        ("admin delete", f"/admin/surveys/{survey_id}/delete"),
        ("team report", f"/admin/surveys/{survey_id}/report"),
    ):
        page.goto(server.url + path)
        found[name] = _serious(page, axe_source)
    checked.close()
    admin.close()
    assert {name: problems for name, problems in found.items() if problems} == {}
