"""A respondent's survey in the browser: the same questions, order, rules and words as the terminal."""

from __future__ import annotations

import re

from orgcheck.survey.surveys import Surveys

from .conftest import ORIGIN, TEAM_ANSWERS, Respondent, errors, text


def _invite(surveys: Surveys, language: str = "en", **options: object) -> str:
    _, invites = surveys.create("Social media Q4", language, count=1, **options)  # type: ignore[arg-type]
    return invites[0].link(ORIGIN)


def test_the_link_opens_a_welcome_that_says_how_private_it_is_and_starts_the_first_question(client, surveys):
    person = Respondent(client, _invite(surveys))
    assert person.page.status_code == 200
    assert '<html lang="en">' in person.page.text
    assert "anonymous" in text(person.page.text) and "3 people" in text(person.page.text)
    page = person.start()
    assert person.visited == [f"{person.base}/q/company_size"]
    assert "How many people does your organisation employ?" in text(page.text)
    assert "Question 1 of 16" in text(page.text)
    # The field's name is the question id, an option's value the option value.
    assert 'name="company_size" value="50-249"' in page.text
    assert re.search(r'<button type="submit" name="go" value="next"', page.text)


def test_a_whole_survey_in_german_ends_in_the_respondents_own_report(client, surveys):
    person = Respondent(client, _invite(surveys, "de"))
    assert '<html lang="de">' in person.page.text and "anonym" in text(person.page.text)
    thanks = person.complete(TEAM_ANSWERS[0])
    assert "Vielen Dank" in text(thanks.text)
    report = client.get(f"{person.base}/report")
    assert report.status_code == 200 and '<html lang="de">' in report.text
    assert "Empfohlene Struktur" in text(report.text)
    assert "style-src 'unsafe-inline'" in report.headers["content-security-policy"]
    assert surveys.progress(surveys.all()[0].id).submitted == 1


def test_an_input_that_is_no_answer_stays_on_the_page_with_the_reason_next_to_the_field(client, surveys):
    person = Respondent(client, _invite(surveys))
    person.start()
    response = person.answer(None)
    assert response.status_code == 422
    assert errors(response.text) == ["Please choose an answer."]
    assert 'aria-invalid="true"' in response.text and 'id="error-company_size"' in response.text


def test_a_number_typed_wrong_is_kept_as_typed_beside_its_range(client, surveys):
    person = Respondent(client, _invite(surveys))
    answers = {**TEAM_ANSWERS[0], "dedicated_team": "team"}
    person.start()
    while person.current_question() != "team_size":
        person.go(person.answer(answers.get(person.current_question())))
    response = person.answer("12 people")
    assert response.status_code == 422
    assert errors(response.text) == ["Please enter a whole number from 1 to 500."]
    assert 'value="12 people"' in response.text


def test_nothing_ticked_is_asked_about_once_then_means_none(client, surveys):
    person = Respondent(client, _invite(surveys))
    person.start()
    for question, value in (("company_size", "1-9"), ("business_units", "single"), ("regulated", False)):
        assert person.current_question() == question
        person.go(person.answer(value))
    first = person.answer([])
    assert first.status_code == 422 and "Nothing ticked means none" in errors(first.text)[0]
    person.page = first
    person.go(person.answer([]))
    assert person.current_question() == "dedicated_team"


def test_back_keeps_what_was_chosen_and_goes_to_the_question_before(client, surveys):
    person = Respondent(client, _invite(surveys))
    person.start()
    person.go(person.answer("250-999"))
    person.go(person.answer("multiple", go="back"))
    assert person.current_question() == "company_size"
    assert 'value="250-999" checked' in person.page.text
    person.go(person.answer("250-999"))
    assert 'value="multiple" checked' in person.page.text  # kept on the way back


def test_the_review_lists_every_answer_with_a_change_link_that_comes_back(client, surveys):
    person = Respondent(client, _invite(surveys))
    review = person.complete(TEAM_ANSWERS[0], submit=False)
    assert "Review your answers" in text(review.text)
    link = re.search(r'href="([^"]+/q/budget\?review=1)"', review.text)
    assert link, "no change link for the budget"
    person.visited.append(link.group(1))
    person.page = client.get(link.group(1))
    assert 'name="review" value="1"' in person.page.text
    person.go(person.answer("dedicated"))
    assert person.visited[-1].endswith("/review#row-budget")
    assert "A dedicated annual budget" in text(person.page.text)


def test_a_change_that_drops_later_answers_says_so_on_the_next_page(client, surveys):
    person = Respondent(client, _invite(surveys))
    answers = {**TEAM_ANSWERS[0], "departments": ["marketing", "pr", "support"], "lead": "pr"}
    person.complete(answers, submit=False)
    person.visited.append(f"{person.base}/q/departments?review=1")
    person.page = client.get(person.visited[-1])
    person.go(person.answer(["marketing", "support"]))
    assert person.current_question() == "lead"
    assert "no longer possible after your change" in text(person.page.text)


def test_submitting_with_a_question_open_names_it(client, surveys):
    person = Respondent(client, _invite(surveys))
    person.start()
    person.go(person.answer("10-49"))
    person.page = client.get(f"{person.base}/review")
    response = person.post(f"{person.base}/review", [("go", "submit")])
    assert response.status_code == 422
    assert errors(response.text)[0].startswith("Questions still open:")


def test_the_link_resumes_where_the_respondent_left_off_on_any_device(client, surveys):
    link = _invite(surveys)
    first = Respondent(client, link)
    first.start()
    first.go(first.answer("10-49"))
    client.cookies.clear()  # another browser: nothing but the link
    again = Respondent(client, link)
    assert "Resume" in text(again.page.text)
    again.start()
    assert again.current_question() == "business_units"


def test_after_submitting_the_questionnaire_pages_lead_to_the_thanks(client, surveys):
    person = Respondent(client, _invite(surveys))
    person.complete(TEAM_ANSWERS[1])
    for path in ("", "/q/company_size", "/review"):
        response = client.get(f"{person.base}{path}")
        assert response.status_code == 303 and response.headers["location"].endswith("/thanks")


def test_a_question_not_asked_leads_on_to_where_the_questionnaire_is(client, surveys):
    person = Respondent(client, _invite(surveys))
    person.start()
    response = client.get(f"{person.base}/q/team_size")
    assert response.status_code == 303 and response.headers["location"].endswith("/q/company_size")


def test_the_other_language_is_one_link_away_and_stays_once_chosen(client, surveys):
    person = Respondent(client, _invite(surveys))
    switch = re.search(r'href="([^"]+\?lang=de)"', person.page.text)
    assert switch
    person.page = client.get(switch.group(1))
    assert '<html lang="de">' in person.page.text
    person.go(person.post(person.base, [("lang", "de"), ("go", "next")]))
    assert "Wie viele Beschäftigte" in text(person.page.text)
