"""A fast path for reading plain YAML, for thousands of answers files at a time.

The careful reader (:mod:`orgcheck.yamlsource`) composes the parser's events in
Python so it can give every problem its exact position; that costs about twice
libyaml's own loader. Most files have no problem, and a file without problems
needs no positions. So :func:`parse_plain` lets libyaml compose the nodes and
turns them into values itself, accepting only what an answers file holds:
strings, yes/no, plain whole numbers, nothing, dates, lists and mappings with
string keys. Anything else (duplicate or non-string keys, tags, anchors and
aliases, merge keys, floats, numbers in forms nobody means) makes it give up:
``None`` means "read this one carefully". A caller validates what it gets and,
on any problem, reads the file carefully for the messages with their
positions; the fast path never decides that a file is wrong, and never accepts
one the careful path would refuse.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .source import MAX_DIGITS, NULL_WORDS, PLAIN_INT, Document

try:
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - without libyaml there is no fast path
    _Base = None  # type: ignore[assignment,misc]

# libyaml's composer recurses once per nesting level in C (tens of thousands of
# levels crash it). Nesting needs an opener per level ('[', '{', '- ', 'key:'),
# so a file with at most this many is safe; an answers file has about 50.
_MAX_OPENERS = 1000
# Without these characters a file has no explicit tag ('!'), anchor ('&') or
# alias ('*'), so every node's tag comes from the resolver and no node is shared.
_NOT_PLAIN = ("!", "&", "*")

_STR, _BOOL, _INT, _NULL, _TIMESTAMP, _SEQ, _MAP = (
    f"tag:yaml.org,2002:{kind}" for kind in ("str", "bool", "int", "null", "timestamp", "seq", "map")
)
_BOOLEANS = SafeConstructor.bool_values
_DATES = SafeConstructor()  # only its timestamp constructor is used, which keeps no state
# The tag of each short plain scalar seen (see _NodeLoader.resolve): ids, options, numbers and
# dates repeat from file to file, free text does not. Bounded in entries and in their length, so a
# folder of hostile files cannot fill the memory with it.
_PLAIN_TAGS: dict[str, str] = {}
_PLAIN_TAGS_MAX = 10_000
_PLAIN_TAG_LENGTH = 64


class _NotPlain(Exception):
    """Something only the careful reader may judge."""


if _Base is not None:

    class _NodeLoader(_Base):
        """libyaml's parser and composer; the tag of a plain scalar is looked up once per text.

        libyaml calls ``resolve`` in Python for every node; an answers file repeats
        the same few dozen words, and with no path resolvers the tag depends on
        the value alone.
        """

        def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode and implicit[0]:
                tag = _PLAIN_TAGS.get(value)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)
                    if len(value) <= _PLAIN_TAG_LENGTH and len(_PLAIN_TAGS) < _PLAIN_TAGS_MAX:
                        _PLAIN_TAGS[value] = tag
                return tag
            return super().resolve(kind, value, implicit)


def _value(node: yaml.Node) -> Any:
    tag = node.tag
    if type(node) is yaml.ScalarNode:
        text = node.value
        if tag == _STR:
            return text
        if tag == _BOOL:
            return _BOOLEANS[text.lower()]
        if tag == _INT and PLAIN_INT.fullmatch(text) and len(text) <= MAX_DIGITS:
            return int(text)
        if tag == _NULL and text in NULL_WORDS:
            return None
        if tag == _TIMESTAMP:
            return _DATES.construct_yaml_timestamp(node)
        raise _NotPlain  # floats, and numbers in forms the careful reader explains
    if type(node) is yaml.SequenceNode and tag == _SEQ:
        return [_value(item) for item in node.value]
    if type(node) is yaml.MappingNode and tag == _MAP:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag != _STR or type(key_node) is not yaml.ScalarNode or key_node.value in result:
                raise _NotPlain  # a merge key, a non-string key or a duplicate
            result[key_node.value] = _value(value_node)
        return result
    raise _NotPlain


def parse_plain(text: str, name: str) -> Document | None:
    """The document without positions, or None where the careful reader must look."""
    if _Base is None or any(c in text for c in _NOT_PLAIN):
        return None
    if sum(text.count(c) for c in "[{:-") > _MAX_OPENERS:
        return None
    loader = _NodeLoader(text)
    try:
        node = loader.get_single_node()
        return Document(value=None if node is None else _value(node), file=name)
    except Exception:  # any doubt at all: the careful reader decides, with positions
        return None
    finally:
        loader.dispose()
