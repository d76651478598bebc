"""How the key screens look at 80x24 (pytest-textual-snapshot; update with --snapshot-update)."""

from __future__ import annotations

from conftest import BASE_ANSWERS

from .conftest import SIZE, show_result

EARLY = ("company_size", "business_units", "regulated")


def test_welcome(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_single_choice(snap_compare, make_app):
    app = make_app()

    async def open_question(pilot):
        app.go(app.session.start())
        await pilot.pause()
        await pilot.press("down", "down")

    assert snap_compare(app, terminal_size=SIZE, run_before=open_question)


def test_multiple_choice(snap_compare, make_app):
    app = make_app()

    async def open_question(pilot):
        app.session.values = {k: BASE_ANSWERS[k] for k in EARLY}
        app.show_question(app.pack.question("departments"))
        await pilot.pause()
        await pilot.press("space", "down", "space", "down")

    assert snap_compare(app, terminal_size=SIZE, run_before=open_question)


def test_review(snap_compare, make_app):
    app = make_app()

    async def open_review(pilot):
        app.session.values = dict(BASE_ANSWERS)
        app.session.organisation = "Beispiel GmbH"
        app.show_review()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_review)


def test_result(snap_compare, make_app):
    app = make_app()

    async def open_result(pilot):
        await show_result(app, pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_result)


def _goals(app):
    async def open_goals(pilot):
        order = [q.id for q in app.pack.questions]
        app.session.values = {k: v for k, v in BASE_ANSWERS.items() if order.index(k) < order.index("goals")}
        app.show_question(app.pack.question("goals"))
        await pilot.pause()
        await pilot.press("space", "down", "down", "space")

    return open_goals


def test_goals_in_german_at_60x20_one_box_per_option(snap_compare, make_app):
    app = make_app(language="de")
    assert snap_compare(app, terminal_size=(60, 20), run_before=_goals(app))


def test_goals_in_german_at_80x24_one_box_per_option(snap_compare, make_app):
    app = make_app(language="de")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_goals(app))
