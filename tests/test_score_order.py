"""Scores rank setups the way a consultant would (issue 7: orderings written before tuning).

Each pair is (better, worse); the overall score of the first must be higher.
The profiles are whole answer sets, so a change to any weight or criterion
that breaks a consultant's ordering fails here.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_fuzz import PACK

from orgcheck.engine.assess import assess
from orgcheck.questionnaire import flow

WHOEVER_WANTS_500 = {
    "company_size": "250-999", "business_units": "single", "regulated": False,
    "departments": ["marketing", "pr", "sales", "support", "hr"], "dedicated_team": "none",
    "lead": "none", "coordination": "whoever_wants", "editorial": ["marketing", "pr", "sales"],
    "goals": [], "budget": "campaign", "inquiries": "daily", "guidelines": False,
    "executive_sponsor": False,
}  # fmt: skip
MODEST_CROSS_DEPARTMENTAL_80 = {
    "company_size": "50-249", "business_units": "single", "regulated": False,
    "departments": ["marketing", "sales", "support"], "dedicated_team": "none",
    "lead": "marketing", "coordination": "regular", "editorial": ["marketing", "support"],
    "goals": ["awareness", "customers"], "goals_defined": "written", "budget": "campaign",
    "inquiries": "occasional", "guidelines": False, "executive_sponsor": True,
}  # fmt: skip
GOVERNED_ENGINEERING = {
    "company_size": "250-999", "business_units": "single", "regulated": False,
    "departments": ["marketing", "pr", "sales", "support", "product", "hr"], "dedicated_team": "team",
    "team_size": 3, "lead": "social_team", "coordination": "governed",
    "editorial": ["social_team", "support"], "goals": ["awareness", "expertise", "recruiting"],
    "goals_defined": "measured", "budget": "dedicated", "inquiries": "occasional", "guidelines": True,
    "executive_sponsor": True,
}  # fmt: skip
BANK_TEAM_OF_TWELVE = {
    "company_size": "1000+", "business_units": "multiple", "regulated": True,
    "departments": ["marketing", "pr", "support", "legal", "hr"], "dedicated_team": "team",
    "team_size": 12, "lead": "social_team", "coordination": "regular",
    "editorial": ["social_team", "support"], "goals": ["awareness", "service", "recruiting"],
    "goals_defined": "written", "budget": "dedicated", "inquiries": "many", "guidelines": True,
    "executive_sponsor": True,
}  # fmt: skip
BAKERY_OWNER_POSTS = {
    "company_size": "1-9", "business_units": "single", "regulated": False,
    "departments": ["management"], "dedicated_team": "none", "lead": "management",
    "coordination": "informal", "editorial": ["management"], "goals": ["awareness", "customers"],
    "goals_defined": "informal", "budget": "none", "inquiries": "occasional", "guidelines": False,
    "executive_sponsor": True,
}  # fmt: skip
NOBODY_100 = {
    "company_size": "50-249", "business_units": "single", "regulated": False, "departments": [],
    "dedicated_team": "none", "lead": "none", "goals": [], "budget": "none", "inquiries": "occasional",
    "guidelines": False, "executive_sponsor": False,
}  # fmt: skip
MARKETING_ALONE_100 = {
    **MODEST_CROSS_DEPARTMENTAL_80, "departments": ["marketing"], "editorial": ["marketing"],
    "coordination": "informal", "goals_defined": "informal",
}  # fmt: skip


def overall(values: dict[str, Any]) -> int:
    return assess(PACK, flow.answer_set(PACK, values)).overall


ORDERINGS = {
    "modest cross-departmental with lead and written goals > whoever wants, no owner, no goals": (
        MODEST_CROSS_DEPARTMENTAL_80,
        WHOEVER_WANTS_500,
    ),
    "governed engineering firm > modest cross-departmental": (
        GOVERNED_ENGINEERING,
        MODEST_CROSS_DEPARTMENTAL_80,
    ),
    "a bank's twelve-person team > the same bank's one-person 'team'": (
        BANK_TEAM_OF_TWELVE,
        {**BANK_TEAM_OF_TWELVE, "team_size": 1},
    ),
    "a bakery whose owner posts and answers > a firm where nobody is involved": (
        BAKERY_OWNER_POSTS,
        NOBODY_100,
    ),
    "a bakery whose owner posts > whoever wants at 500": (BAKERY_OWNER_POSTS, WHOEVER_WANTS_500),
    "modest cross-departmental > marketing alone": (MODEST_CROSS_DEPARTMENTAL_80, MARKETING_ALONE_100),
    "marketing alone > nobody involved": (MARKETING_ALONE_100, NOBODY_100),
    "measured goals > written goals, all else equal": (
        {**MODEST_CROSS_DEPARTMENTAL_80, "goals_defined": "measured"},
        MODEST_CROSS_DEPARTMENTAL_80,
    ),
    "an owner who is heeded > the same owner while whoever wants posts": (
        MODEST_CROSS_DEPARTMENTAL_80,
        {**MODEST_CROSS_DEPARTMENTAL_80, "coordination": "whoever_wants"},
    ),
}


@pytest.mark.parametrize(("better", "worse"), ORDERINGS.values(), ids=ORDERINGS.keys())
def test_a_consultant_would_rank_these_the_same_way(better: dict[str, Any], worse: dict[str, Any]) -> None:
    assert overall(better) > overall(worse)


def test_the_bands_a_consultant_would_accept() -> None:
    """Not only the order: a poor setup does not look passable, a good one does not look poor."""
    assert overall(WHOEVER_WANTS_500) < 50
    assert overall(NOBODY_100) < 20
    assert overall(GOVERNED_ENGINEERING) >= 85
    assert 55 <= overall(BAKERY_OWNER_POSTS) <= 85
