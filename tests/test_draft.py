"""The draft: where it lives, what it keeps, and that a damaged one never stops the questionnaire."""

from __future__ import annotations

import datetime as dt

from conftest import BASE_ANSWERS

from orgcheck.questionnaire.draft import Draft, draft_from_mapping, load_draft, load_edit
from orgcheck.store.drafts import DraftStore


def test_a_draft_round_trips(pack, tmp_path):
    store = DraftStore(tmp_path / "new" / "dir")
    draft = Draft(
        values={**BASE_ANSWERS, "notes": "a: b\n- c"},
        language="de",
        organisation="Müller & Söhne",
        respondent="",
        date=dt.date(2025, 1, 31),
    )
    store.save(draft.to_yaml())
    loaded, corrupt = load_draft(store, pack)
    assert corrupt is None
    assert loaded == draft


def test_unknown_questions_wrong_types_and_impossible_options_are_dropped(pack):
    draft = draft_from_mapping(
        pack,
        {
            "language": "fr",
            "organisation": 42,
            "answers": {
                "company_size": "1-9",
                "nonsense": "x",
                "regulated": "yes",  # not a boolean
                "departments": ["marketing"],
                "lead": "support",  # not among the departments
                "editorial": ["marketing", "marketing"],  # duplicate
            },
        },
    )
    assert draft.values == {"company_size": "1-9", "departments": ["marketing"]}
    assert draft.language is None
    assert draft.organisation == ""


def test_a_corrupt_draft_is_moved_aside(pack, tmp_path):
    store = DraftStore(tmp_path)
    store.path.write_bytes(b"\xff\xfe not yaml")
    draft, corrupt = load_draft(store, pack)
    assert draft is None
    assert corrupt is not None and corrupt.name.startswith("draft.yaml.corrupt-")
    assert not store.path.exists()


def test_a_missing_draft_is_no_draft(pack, tmp_path):
    assert load_draft(DraftStore(tmp_path), pack) == (None, None)


def test_editing_a_half_filled_answers_file_keeps_what_is_valid(pack, tmp_path):
    path = tmp_path / "half.yaml"
    path.write_text("language: de\nanswers:\n  company_size: 1-9\n  budget: lots\n", encoding="utf-8")
    draft, dropped = load_edit(pack, path)
    assert draft.values == {"company_size": "1-9"}
    assert draft.language == "de"
    assert dropped == ["budget"]  # missing answers are simply asked, not reported


def test_free_text_with_yaml_line_breaks_survives_the_draft(pack, tmp_path):
    store = DraftStore(tmp_path)
    draft = Draft(values={**BASE_ANSWERS, "notes": "first\x85second\u2028third"}, organisation="A\x85B")
    store.save(draft.to_yaml())
    loaded, _ = load_draft(store, pack)
    assert loaded is not None
    assert (loaded.values["notes"], loaded.organisation) == ("first\x85second\u2028third", "A\x85B")


def test_two_questionnaires_saving_at_once_never_leave_a_broken_draft(pack, tmp_path):
    """Each save replaces the file atomically: a reader sees one whole draft or the other."""
    import threading
    import time

    drafts = [
        Draft(values={**BASE_ANSWERS, "notes": "first " * 300}, language="en", organisation="One"),
        Draft(values={"company_size": "1-9"}, language="de", organisation="Two"),
    ]
    stop = threading.Event()

    def keep_saving(draft: Draft) -> None:
        store = DraftStore(tmp_path)
        while not stop.is_set():
            store.save(draft.to_yaml())

    writers = [threading.Thread(target=keep_saving, args=(d,)) for d in drafts]
    for writer in writers:
        writer.start()
    try:
        reader = DraftStore(tmp_path)
        while not reader.path.exists():  # the writers' first save
            time.sleep(0.001)
        seen = set()
        for _ in range(300):
            loaded, corrupt = load_draft(reader, pack)
            assert corrupt is None
            if loaded is not None:
                assert loaded in drafts
                seen.add(loaded.organisation)
    finally:
        stop.set()
        for writer in writers:
            writer.join()
    assert seen == {"One", "Two"}  # both really wrote while we read
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]  # no temporary file left behind


def test_an_alias_bomb_in_the_draft_is_set_aside_not_expanded(pack, tmp_path):
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 12)]
    store = DraftStore(tmp_path)
    store.path.write_text("\n".join(lines) + "\nanswers: {}\n", encoding="utf-8")
    loaded, corrupt = load_draft(store, pack)
    assert loaded is None
    assert corrupt is not None and corrupt.name.startswith("draft.yaml.corrupt-")


def test_a_second_questionnaire_running_at_the_same_time_gets_its_own_draft(pack, tmp_path):
    """The first draft is held by a live process (pid 1 here), so this questionnaire takes draft-2."""
    (tmp_path / "draft.yaml").write_text("answers: {company_size: 1-9}\n", encoding="utf-8")
    (tmp_path / "draft.lock").write_text("1", encoding="ascii")
    store = DraftStore.claim(tmp_path)
    assert store.path.name == "draft-2.yaml"
    store.save(Draft(values={"company_size": "250-999"}).to_yaml())
    first, _ = load_draft(DraftStore(tmp_path), pack)
    assert first.values == {"company_size": "1-9"}  # the other questionnaire's answers are untouched
    store.release()
    assert not (tmp_path / "draft-2.lock").exists()


def test_a_draft_left_locked_by_a_process_that_ended_is_resumed(pack, tmp_path):
    import subprocess
    import sys

    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    (tmp_path / "draft.yaml").write_text("answers: {company_size: 1-9}\n", encoding="utf-8")
    (tmp_path / "draft.lock").write_text(ended.stdout.strip(), encoding="ascii")
    store = DraftStore.claim(tmp_path)
    assert store.path.name == "draft.yaml"
    assert load_draft(store, pack)[0].values == {"company_size": "1-9"}
