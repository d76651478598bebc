"""A fast path for reading plain YAML, for thousands of answers files at a time.

The careful reader (:mod:`orgcheck.yamlsource`) composes the parser's events in
Python so it can give every problem its exact position; that costs about twice
libyaml's own loader. Most files have no problem, and a file without problems
needs no positions. So :func:`parse_plain` reads with libyaml's composer and a
constructor that refuses everything the careful reader refuses (duplicate or
non-string keys, tags outside the core schema, aliases, merge keys, numbers in
forms nobody means) by giving up: ``None`` means "read this one carefully".
A caller validates what it gets and, on any problem, reads the file carefully
for the messages with their positions; the fast path never decides that a file
is wrong, and never accepts one the careful path would refuse.
"""

from __future__ import annotations

from typing import Any

import yaml

from .yamlsource import ALLOWED_TAGS, Document, refused_form

try:
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - without libyaml there is no fast path
    _Base = None  # type: ignore[assignment,misc]

# libyaml's composer recurses once per nesting level in C (tens of thousands of
# levels crash it). Nesting needs an opener per level ('[', '{', '- ', 'key:'),
# so a file with at most this many is safe; an answers file has about 50.
_MAX_OPENERS = 1000


class _NotPlain(Exception):
    """Something only the careful reader may judge."""


if _Base is not None:

    class _PlainLoader(_Base):
        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            if node.tag not in ALLOWED_TAGS or node in self.constructed_objects:  # a tag, or an alias
                raise _NotPlain
            if isinstance(node, yaml.ScalarNode) and refused_form(node):
                raise _NotPlain
            return super().construct_object(node, deep=True)

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag != "tag:yaml.org,2002:str" or key_node.value in result:
                    raise _NotPlain  # a merge key, a non-string key or a duplicate
                result[key_node.value] = self.construct_object(value_node, deep=True)
            return result


def parse_plain(text: str, name: str) -> Document | None:
    """The document without positions, or None where the careful reader must look."""
    if _Base is None or sum(text.count(c) for c in "[{:-") > _MAX_OPENERS:
        return None
    loader = _PlainLoader(text)
    try:
        return Document(value=loader.get_single_data(), file=name)
    except Exception:  # any doubt at all: the careful reader decides, with positions
        return None
    finally:
        loader.dispose()
