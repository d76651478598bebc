"""docs/reliability.md states the figures of the tests as they are."""

from __future__ import annotations

import reliability_doc


def test_the_reliability_figures_match_the_tests():
    committed = reliability_doc.DOC.read_text(encoding="utf-8")
    assert committed == reliability_doc.render(), "run: python tests/reliability_doc.py"


def test_the_reliability_doc_is_clean_markdown():
    from test_report import markdown_problems

    assert markdown_problems(reliability_doc.render()) == []


def test_every_test_the_doc_names_exists():
    import re

    for _, _, test in reliability_doc.OTHER_FAULTS:
        path, name = test.split("::")
        source = (reliability_doc.HERE / path).read_text(encoding="utf-8")
        assert re.search(rf"^(async )?def {name}\(", source, flags=re.MULTILINE), test
