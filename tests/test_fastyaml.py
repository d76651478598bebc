"""The fast path for many answers files never accepts what the careful reader refuses."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from test_corpus import CORPUS

from orgcheck import yamlio
from orgcheck.answers.batch import read_answers
from orgcheck.answers.validate import validate_document
from orgcheck.errors import OrgcheckError
from orgcheck.yamlio.fast import parse_plain

CASES = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml"))


def careful(path: Path, pack):
    try:
        return validate_document(yamlio.load(path), pack)
    except OrgcheckError as error:
        return [str(p) for p in error.problems]


@pytest.mark.parametrize("path", CASES, ids=[str(p.relative_to(CORPUS)) for p in CASES])
def test_the_fast_path_gives_what_the_careful_reader_gives(path, pack):
    try:
        fast = read_answers(path, pack)
    except OrgcheckError as error:
        fast = [str(p) for p in error.problems]
    assert fast == careful(path, pack)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key
        "1: x\n",  # a key that is not a string
        "a: !!binary aGk=\n",  # a tag outside the core schema
        "a: &x [1]\nb: *x\n",  # an alias
        "a: {<<: {b: 1}}\n",  # a merge key
        "a: 0x10\n",  # a hexadecimal number
        "a: 1:00\n",  # base 60
        "a: [" * 1200 + "]" * 1200 + "\n",  # deeper than libyaml's composer should go
    ],
)
def test_anything_unusual_is_left_to_the_careful_reader(text):
    assert parse_plain(text, "x.yaml") is None


def test_a_plain_file_is_read_without_positions():
    document = parse_plain("answers:\n  departments: [marketing]\n  regulated: false\n", "x.yaml")
    assert document is not None and document.value == {
        "answers": {"departments": ["marketing"], "regulated": False}
    }


@pytest.mark.parametrize(
    "text",
    [
        "a: 1.5\n",  # a float: no answer is one, the validator explains it with its place
        "a: !!str x\n",  # any explicit tag
        "a: x\nb: '&'\n",  # '&' anywhere: perhaps an anchor, so read carefully
        "a: 2026-02-30\n",  # a date that does not exist
        "a: yes\na: no\n",  # a duplicate after a yes/no value
    ],
)
def test_more_of_the_unusual_is_left_to_the_careful_reader(text):
    assert parse_plain(text, "x.yaml") is None


def test_plain_values_are_read_as_yaml_reads_them():
    text = "a: yes\nb: Off\nc: -12\nd: ~\ne: 2026-05-01\nf: 'x: y'\ng: |\n  two\n  lines\nh: 007x\n"
    document = parse_plain(text, "x.yaml")
    # repr, not ==: True == 1 and 1 == 1.0, but a yes/no read as a number is a different answer
    assert document is not None and repr(document.value) == repr(yamlio.parse(text, "x.yaml").value)


def test_a_file_is_read_whole_whatever_its_size_says(tmp_path):
    # A named pipe reports size 0; /dev/zero never ends and must hit the limit, not hang.
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    text = "answers:\n" + "  departments: [marketing]\n" * 2000
    writer = threading.Thread(target=fifo.write_text, args=(text,))
    writer.start()
    assert yamlio.read_text(fifo) == text
    writer.join()
    with pytest.raises(OrgcheckError, match="character device that gave more than 1,000 bytes"):
        yamlio.read_text(Path("/dev/zero"), limit=1000)


def test_the_tag_cache_keeps_only_short_words(monkeypatch):
    from orgcheck.yamlio import fast as fastyaml

    monkeypatch.setattr(fastyaml, "_PLAIN_TAGS", {})  # not filled up by the tests before
    long_text = "word " * 5000
    assert parse_plain(f"notes: {long_text}\nsize: 250-999\n", "x.yaml") is not None
    assert "250-999" in fastyaml._PLAIN_TAGS
    assert all(len(value) <= fastyaml._PLAIN_TAG_LENGTH for value in fastyaml._PLAIN_TAGS)
