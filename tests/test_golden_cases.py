"""Twenty realistic organisations, with the advice a consultant wrote down before running them.

``tests/golden/NN-*.yaml`` are answers files; ``tests/golden/expected.yaml``
is the advice expected for each (structure, findings that must and must not
fire, severities, who may own actions, responsibilities, a score band) and
score orderings between cases. Soft keys (``findings_advised*``) are the
consultant's opinion beyond the contract and are not checked. Where orgcheck
was changed to agree, or the consultant's expectation was revised after
discussion, ``expected.yaml`` says so in a comment beside the case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from orgcheck.answers.validate import load_answers
from orgcheck.engine.assess import Assessment, assess
from orgcheck.pack.load import load_pack
from orgcheck.pack.model import SEVERITIES
from orgcheck.yamlio import load

GOLDEN = Path(__file__).parent / "golden"
EXPECTED: dict[str, Any] = load(GOLDEN / "expected.yaml").value
ORDERS = EXPECTED.pop("score_order")
PACK = load_pack()


def assessment_of(case: str) -> Assessment:
    return assess(PACK, load_answers(GOLDEN / f"{case}.yaml", PACK))


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)  # type: ignore[arg-type]


def disagreements(case: str, want: dict[str, Any]) -> list[str]:
    result = assessment_of(case)
    found: list[str] = []
    shown = {f.id: f for f in result.findings}
    if result.recommendation.id != want["structure"]:
        found.append(f"structure {result.recommendation.id}, expected {want['structure']}")
    next_stage = result.next_stage.id if result.next_stage else None
    if "next_stage" in want and next_stage != want["next_stage"]:
        found.append(f"next stage {next_stage}, expected {want['next_stage']}")
    found += [f"{f} did not fire" for f in want.get("findings_present", []) if f not in shown]
    found += [f"{f} fired" for f in want.get("findings_absent", []) if f in shown]
    for finding, severity in want.get("severities", {}).items():
        if finding in shown and shown[finding].severity != severity:
            found.append(f"{finding} is {shown[finding].severity}, expected {severity}")
    for finding, severity in want.get("severity_at_most", {}).items():
        if finding in shown and severity_rank(shown[finding].severity) < severity_rank(severity):
            found.append(f"{finding} is {shown[finding].severity}, expected at most {severity}")
    owners = [a.owner for a in result.actions]
    if "action_owners_allowed" in want:
        found += [f"action owned by {o}" for o in owners if o not in want["action_owners_allowed"]]
    found += [f"action owned by {o}" for o in owners if o in want.get("action_owners_forbidden", [])]
    if "first_action_owner_in" in want and owners[0] not in want["first_action_owner_in"]:
        found.append(f"first action owned by {owners[0]}")
    first = result.actions[0].text(result.answers.language or "en").lower()
    first += " " + result.actions[0].text("en").lower()
    found += [
        f"first action mentions {s!r}"
        for s in want.get("first_action_must_not_mention", [])
        if s.lower() in first
    ]
    if want.get("no_action_names_existing_owner"):
        found += [
            f"action asks {a.asks}" for a in result.actions if a.asks in ("appoint-owner", "appoint-hub")
        ]
    roles = {r.unit: set(r.roles) for r in result.responsibilities}
    for unit, needed in want.get("responsibilities", {}).items():
        missing = set(needed) - roles.get(unit, set())
        if missing:
            found.append(f"{unit} lacks {sorted(missing)} (has {sorted(roles.get(unit, set()))})")
    for unit, banned in want.get("responsibilities_absent", {}).items():
        extra = set(banned) & roles.get(unit, set())
        if extra:
            found.append(f"{unit} has {sorted(extra)}")
    found += [f"{u} has no role" for u in want.get("responsibility_units_present", []) if u not in roles]
    low, high = want["score_band"]
    if not low <= result.overall <= high:
        found.append(f"score {result.overall}, expected {low}-{high}")
    return found


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_orgcheck_gives_the_advice_a_consultant_wrote_down(case: str) -> None:
    assert disagreements(case, EXPECTED[case]) == []


@pytest.mark.parametrize(("better", "worse"), ORDERS, ids=[f"{b} > {w}" for b, w in ORDERS])
def test_scores_rank_the_cases_as_the_consultant_did(better: str, worse: str) -> None:
    assert assessment_of(better).overall > assessment_of(worse).overall
