"""The questionnaire for everyone (issue 25): tried as a new user would, in German, keyboard only.

Each point of the issue by what a user sees: the characters on the screen under
NO_COLOR=1 (as a monochrome terminal, a screen reader or a copy of the screen has
them), where the focus is, and which words the footer, the keys panel and the
command palette use.
"""

from __future__ import annotations

import re

import pytest
from conftest import BASE_ANSWERS
from textual.widgets import Input, OptionList, Static

from orgcheck.doors.tui.screens.question import QuestionScreen
from orgcheck.doors.tui.screens.review import ReviewScreen
from orgcheck.questionnaire.draft import Draft
from orgcheck.store.drafts import DraftStore

from .conftest import SIZE, dropped_notice, question_shown, screen_text, show_result, wait_until

SMALL = (60, 20)
BEFORE = {k: BASE_ANSWERS[k] for k in ("company_size", "business_units", "regulated")}


@pytest.fixture(autouse=True)
def no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


async def open_question(app, pilot, question_id: str, values: dict) -> None:
    app.session.values = dict(values)
    app.show_question(app.pack.question(question_id))
    await question_shown(app, pilot, question_id)


def options_shown(app) -> list[str]:
    """The options on the screen, each as its first line reads (without the list's border)."""
    lines = (line.replace("▊", "").replace("▎", "").strip() for line in screen_text(app).splitlines())
    return [line for line in lines if line.startswith("▐")]


# --- 1. what is chosen shows in characters, not only in colour ------------------------------


async def test_ticked_and_unticked_boxes_differ_in_characters(make_app):
    app = make_app(language="de")
    async with app.run_test(size=SIZE) as pilot:
        await open_question(app, pilot, "departments", dict(BEFORE, departments=["marketing", "support"]))
        assert options_shown(app)[:4] == [
            "▐X▌ Marketing",
            "▐ ▌ PR und Unternehmenskommunikation",
            "▐ ▌ Vertrieb",
            "▐X▌ Kunden- oder Bürgerservice",
        ]
        await pilot.press("down", "space")  # tick PR
        await pilot.pause()
        assert options_shown(app)[1] == "▐X▌ PR und Unternehmenskommunikation"


async def test_the_chosen_radio_button_is_the_only_one_with_a_dot(make_app):
    app = make_app(language="de")
    async with app.run_test(size=SIZE) as pilot:
        assert "Sprache ▊ ▐●▌ Deutsch   ▐ ▌ English" in screen_text(app)
        await open_question(app, pilot, "company_size", {"company_size": "250-999"})
        assert options_shown(app) == [
            "▐ ▌ 1 bis 9",
            "▐ ▌ 10 bis 49",
            "▐ ▌ 50 bis 249",
            "▐●▌ 250 bis 999",
            "▐ ▌ 1.000 oder mehr",
        ]
        await pilot.press("down", "space")  # space chooses without going on
        await pilot.pause()
        assert options_shown(app)[3:] == ["▐ ▌ 250 bis 999", "▐●▌ 1.000 oder mehr"]


async def test_a_score_bar_is_as_long_as_its_score_in_characters(make_app):
    app = make_app(language="de")
    async with app.run_test(size=(100, 60)) as pilot:  # the whole summary
        await show_result(app, pilot)
        bars = re.findall(r"([━╌]{22}) +(\d+) *$", screen_text(app), re.MULTILINE)
        assert len(bars) == 1 + len(app.assessment.dimensions)  # the overall score and each dimension's
        for bar, score in bars:
            filled = round(int(score) * 22 / 100)
            assert bar == "━" * filled + "╌" * (22 - filled), (bar, score)
        assert len({bar for bar, _ in bars}) > 1  # different scores, different bars


# --- 2. the welcome takes the name typed first and shows its headline ------------------------


@pytest.mark.parametrize("size", [SIZE, SMALL])
@pytest.mark.parametrize("draft", [False, True], ids=["new", "with-a-draft"])
async def test_the_name_typed_first_goes_into_its_field_below_the_headline(make_app, tmp_path, size, draft):
    if draft:
        DraftStore(tmp_path / "data").save(Draft(values=dict(BEFORE), language="de").to_yaml())
    app = make_app(language="de")
    async with app.run_test(size=size) as pilot:
        await pilot.press(*"Beispiel", "space", *"GmbH")
        await pilot.pause()
        assert app.screen.query_one("#organisation", Input).value == "Beispiel GmbH"
        shown = screen_text(app)
        assert "Wer sollte Social Media in Ihrer Organisation" in shown  # not scrolled away
        assert "Beispiel GmbH" in shown  # and what was typed can be seen
        assert app.session.language == "de"


# --- 3. the palette, the keys panel and the footer speak German --------------------------------


async def test_the_command_palette_speaks_german_and_finds_the_help(make_app):
    from textual.command import CommandList

    app = make_app(language="de")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        assert "Befehl suchen …" in screen_text(app)
        commands = app.screen.query_one(CommandList)
        shown = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
        english = ("Theme", "Quit", "Keys", "Maximize", "Screenshot", "Change the current theme")
        assert not [line for line in shown for word in english if word in line], shown
        await pilot.press(*"hilfe")
        await pilot.pause(0.8)
        shown = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
        assert shown and shown[0].startswith("Tasten und Hilfe"), shown
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query("HelpPanel")  # the keys panel


async def test_a_search_that_finds_nothing_says_so_in_german_and_offers_the_help(make_app):
    app = make_app(language="de")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"xyzzy")
        await pilot.pause(1.0)  # Textual says "No matches found" after half a second
        shown = screen_text(app)
        assert "Nichts gefunden für „xyzzy“: Tasten und Hilfe zeigen" in shown
        assert "No matches" not in shown


async def keys_panel(app, pilot) -> str:
    await pilot.press("f1")
    await pilot.pause()
    return screen_text(app)


async def test_the_keys_panel_speaks_german(make_app):
    app = make_app(language="de")
    async with app.run_test(size=(180, 60)) as pilot:  # the panel's lines not wrapped
        await open_question(app, pilot, "notes", {})
        panel = await keys_panel(app, pilot)
        for german in ("Zum nächsten Feld", "Markierten Text kopieren", "Rückgängig", "Beenden"):
            assert german in panel
        for english in ("Focus Next", "Copy", "Undo", "Quit"):
            assert english not in panel
        assert "Strg+Z" in panel and "Umschalt+Tab" in panel and "^z" not in panel


def footer(app) -> str:
    """The bottom line of the screen ("" while a new screen is not drawn yet)."""
    return (screen_text(app).splitlines() or [""])[-1]


@pytest.mark.parametrize(
    ("language", "key", "hint"),
    [("de", "Strg+N Weiter", "Strg+N geht weiter"), ("en", "Ctrl+N Next", "Ctrl+N goes on")],
)
async def test_the_footer_writes_a_key_as_the_hints_do(make_app, language, key, hint):
    app = make_app(language=language)
    async with app.run_test(size=SIZE) as pilot:
        await open_question(app, pilot, "notes", BASE_ANSWERS)
        # The footer is built once the new screen's keys are known: on a busy machine later.
        await wait_until(pilot, lambda: key in footer(app), f"{key!r} in the footer")
        assert "^n" not in footer(app), footer(app)
        assert hint in str(app.screen.query_one("#hint", Static).render())


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("size", [SMALL, (70, 24), SIZE])
async def test_the_footer_keys_fit_the_width(make_app, language, size):
    palette = {"de": "Strg+P Befehle", "en": "Ctrl+P Commands"}[language]
    quit_key = {"de": "Strg+Q Beenden", "en": "Ctrl+Q Quit"}[language]
    app = make_app(language=language)
    async with app.run_test(size=size) as pilot:
        for show in (lambda: None, lambda: app.go(app.session.start()), lambda: app.show_review()):
            show()
            await wait_until(
                pilot, lambda: footer(app).rstrip().endswith(palette), "the palette's key, whole"
            )
            assert quit_key in footer(app), footer(app)


# --- 4. what a change took away is said on the screen, not over it -------------------------------


async def test_a_change_that_drops_answers_says_so_above_the_options_until_the_user_moves_on(make_app):
    app = make_app(language="de")
    async with app.run_test(size=SMALL) as pilot:
        app.session.values = dict(BASE_ANSWERS, lead="pr", editorial=["marketing", "pr"])
        app.show_review()
        await pilot.pause()
        answers = app.screen.query_one(OptionList)
        answers.highlighted = answers.get_option_index("departments")
        await pilot.press("enter")  # change the departments: untick PR
        await pilot.pause()
        await pilot.press("down", "space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "lead"
        said = dropped_notice(app)
        assert said.startswith("„Wer hat heute das letzte Wort bei Social Media?“: PR und ")  # this one first
        assert "entfernt; das ist nach Ihrer Änderung nicht mehr möglich." in said  # the editorial team's
        notice = app.screen.query_one("#dropped")
        assert notice.region.bottom <= app.screen.field.region.y  # above the options, not over them
        assert app.notices_seen == []  # no toast
        await pilot.press("enter")  # answer again: Marketing
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert dropped_notice(app) == ""  # moved on: said once, on the screen it was about


# --- 5. small things ---------------------------------------------------------------------------


async def test_yes_and_no_come_in_the_order_of_the_questions_that_answer_no_or_yes(make_app):
    app = make_app(language="de")
    async with app.run_test(size=SIZE) as pilot:
        await open_question(app, pilot, "business_units", {"company_size": "1-9"})
        assert options_shown(app) == [
            "▐ ▌ Nein, ein gemeinsamer Auftritt",
            "▐ ▌ Ja, mehrere Einheiten mit eigenem Publikum",
        ]
        await open_question(app, pilot, "regulated", {"company_size": "1-9", "business_units": "single"})
        assert options_shown(app) == ["▐ ▌ Nein", "▐ ▌ Ja"]


async def test_an_answer_of_yes_or_no_reads_alike_everywhere(make_app):
    app = make_app(language="de")
    async with app.run_test(size=SIZE) as pilot:
        await show_result(app, pilot, dict(BASE_ANSWERS, guidelines=False))
        report = app.report_text("md")
        assert (
            "| Ist Ihre Branche reguliert oder steht Ihre Marke unter besonderer Beobachtung? | Nein |"
            in (report)
        )
        assert "Schriftliche Richtlinien: Nein" in report  # evidence, beside "…Team: Nein"
        assert ": nein" not in report and "| nein |" not in report


@pytest.mark.parametrize(
    ("language", "listed"),
    [
        ("en", "→ Marketing, the social media team or named person, an external agency"),
        ("de", "→ Marketing, das Social-Media-Team oder die benannte Person, eine externe Agentur"),
    ],
)
async def test_a_list_of_answers_reads_as_a_list(make_app, language, listed):
    app = make_app(language=language)
    async with app.run_test(size=(100, 40)) as pilot:
        editorial = ["marketing", "social_team", "agency"]
        app.session.values = dict(BASE_ANSWERS, dedicated_team="individual", editorial=editorial)
        app.show_review()
        await pilot.pause()
        shown = str(app.screen.query_one(OptionList).get_option("editorial").prompt)
        assert shown.endswith(listed), shown


async def test_the_help_offers_the_social_media_team_only_where_there_is_one(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        values = dict(BEFORE, departments=["marketing"], dedicated_team="none")
        await open_question(app, pilot, "editorial", values)
        help_text = " ".join(str(app.screen.query_one("#help", Static).render()).split())
        assert "an agency and, if there is one, the social media team" in help_text
        assert "social media team" not in " ".join(options_shown(app))  # and it is not offered


async def test_the_summary_names_the_first_steps(make_app):
    app = make_app(language="de")
    async with app.run_test(size=(100, 50)) as pilot:
        await show_result(app, pilot)
        shown = " ".join(screen_text(app).split())
        assert "Die wichtigsten Schritte" in shown
        first = app.assessment.actions[0]
        owner = app.words.localizer.unit(first.owner, app.assessment)
        assert f"1. {owner}: {app.words.text(first.text)[:40]}" in shown
