"""Parsing YAML into a :class:`~orgcheck.yamlsource.Document`, safely.

PyYAML's loaders lose positions, keep the last of two duplicate keys and expand
aliases without limit; its composer also recurses once per nesting level (a
50 kB file of brackets crashes the C one). Here the C parser's *event stream*
(when libyaml is available) is composed into nodes by a loop that stops at the
depth limit, and the nodes are turned into plain Python values by our own
walk, which

* refuses duplicate keys, non-string keys and tags outside the YAML core
  schema (so no ``!!python/...``),
* counts every node it visits, so an alias bomb is refused at once,
* records the ``(line, column)`` of every key and value by path, so later
  validation can say ``answers.yaml:14:3``.

Imported on first use by ``yamlsource.parse`` (PyYAML is slow to import).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..errors import Location, OrgcheckError, Problem, shorten
from .source import MAX_DIGITS, NULL_WORDS, PLAIN_INT, Document, Path_, line_and_column
from .syntax import problem_de, syntax_problem

try:  # the C composer is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_NODES = 50_000
MAX_DEPTH = 64

ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


# libyaml (PyYAML 6.0.3 and newer bundle one that does) refuses nesting deeper than
# 1,000 levels with its own English message, and its scanner looks ahead, so it can
# fire before the event stream reaches MAX_DEPTH.
_LIBYAML_DEPTH_PROBLEM = "exceeded maximum nesting depth"


def parse_document(text: str, name: str) -> Document:
    """Compose ``text`` and turn it into a :class:`Document`."""
    try:
        try:
            node = _compose(text, name)
        except yaml.MarkedYAMLError as exc:
            if _LIBYAML_DEPTH_PROBLEM not in (exc.problem or "") or _Loader is yaml.SafeLoader:
                raise
            # Python's parser has no limit of its own: our MAX_DEPTH fires, at its place.
            node = _compose(text, name, loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise OrgcheckError(syntax_problem(exc, name, text)) from None
    except yaml.reader.ReaderError as exc:
        line, column = line_and_column(text, exc.position)
        raise OrgcheckError(
            Problem(
                f"not valid YAML: control character U+{exc.character:04X} is not allowed",
                Location(name, line, column),
                de=f"kein gültiges YAML: das Steuerzeichen U+{exc.character:04X} ist nicht erlaubt",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise OrgcheckError(
            Problem(
                f"not valid YAML: {_one_line(exc)}",
                Location(name),
                de=f"kein gültiges YAML: {problem_de(_one_line(exc))}",
            )
        ) from None
    document = Document(value=None, file=name)
    if node is None:
        return document
    builder = _Builder(document)
    document.value = builder.build(node, (), 0)
    return document


def _marks(event: yaml.Event) -> tuple[Any, Any]:
    """An event's start and end marks (the C and Python parsers' marks are different, alike types)."""
    return event.start_mark, event.end_mark


def _compose(text: str, name: str, loader: type = _Loader) -> yaml.Node | None:
    """Nodes from the parser's events, built with a loop (no recursion) that stops at MAX_DEPTH."""
    resolver = yaml.resolver.Resolver()
    anchors: dict[str, yaml.Node] = {}
    open_nodes: list[tuple[yaml.Node, list[yaml.Node]]] = []
    root: yaml.Node | None = None
    documents = 0
    first_start = (1, 1)

    def attach(node: yaml.Node) -> None:
        nonlocal root
        if open_nodes:
            open_nodes[-1][1].append(node)
        else:
            root = node

    def fail(message: str, mark: Any, de: str | None = None) -> OrgcheckError:
        return OrgcheckError(Problem(message, Location(name, mark.line + 1, mark.column + 1), de=de))

    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            start, _ = _marks(event)
            if documents == 1:
                first_start = (start.line + 1, start.column + 1)
            else:
                raise fail(
                    "not valid YAML: expected a single document in the stream "
                    f"(line {first_start[0]}, column {first_start[1]}): but found another document",
                    event.start_mark,
                    de="kein gültiges YAML: erwartet wird ein einziges Dokument "
                    f"(Zeile {first_start[0]}, Spalte {first_start[1]}): aber es folgt ein weiteres; "
                    "eine Antwortdatei ist ein Dokument (nehmen Sie '---' heraus)",
                )
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise fail(
                    f"not valid YAML: found undefined alias '{event.anchor}'",
                    event.start_mark,
                    de=f"kein gültiges YAML: der Alias '{event.anchor}' hat keinen Anker (&{event.anchor})",
                )
            attach(anchors[event.anchor])
        elif isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
            node: yaml.Node = yaml.ScalarNode(tag, event.value, *_marks(event), event.style)
            if event.anchor:
                anchors[event.anchor] = node
            attach(node)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(open_nodes) > MAX_DEPTH:
                raise fail(
                    f"nested deeper than {MAX_DEPTH} levels",
                    event.start_mark,
                    de=f"tiefer als {MAX_DEPTH} Ebenen verschachtelt",
                )
            is_mapping = isinstance(event, yaml.MappingStartEvent)
            kind = yaml.MappingNode if is_mapping else yaml.SequenceNode
            tag = event.tag if event.tag not in (None, "!") else resolver.resolve(kind, None, event.implicit)
            node = kind(tag, [], *_marks(event), flow_style=event.flow_style)
            if event.anchor:
                anchors[event.anchor] = node
            attach(node)
            open_nodes.append((node, []))
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            node, items = open_nodes.pop()
            node.value = (
                list(zip(items[::2], items[1::2], strict=True))
                if isinstance(node, yaml.MappingNode)
                else items
            )
    return root


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


class _Builder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.visited = 0

    def _fail(self, message: str, node: yaml.Node, de: str | None = None) -> OrgcheckError:
        mark = node.start_mark
        where = Location(self.document.file, mark.line + 1, mark.column + 1)
        return OrgcheckError(Problem(message, where, de=de))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise self._fail(
                f"document is too large or expands too far (more than {MAX_NODES:,} values; an alias bomb?)",
                node,
                de="das Dokument ist zu groß oder wächst zu weit an "
                f"(mehr als {MAX_NODES:,} Werte; eine Alias-Bombe?)".replace(",", "."),
            )
        if depth > MAX_DEPTH:
            raise self._fail(
                f"nested deeper than {MAX_DEPTH} levels",
                node,
                de=f"tiefer als {MAX_DEPTH} Ebenen verschachtelt",
            )
        if node.tag not in ALLOWED_TAGS:
            raise self._fail(
                f"tag {node.tag!r} is not allowed; use plain YAML values",
                node,
                de=f"das Tag {node.tag!r} ist nicht erlaubt; verwenden Sie einfache YAML-Werte",
            )
        self.document.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._fail(
                    "merge keys ('<<') are not supported; write the keys out",
                    key_node,
                    de="Merge-Schlüssel ('<<') werden nicht unterstützt; schreiben Sie die Schlüssel aus",
                )
            if isinstance(key_node, (yaml.SequenceNode, yaml.MappingNode)):
                is_list = isinstance(key_node, yaml.SequenceNode)
                raise self._fail(
                    f"a key must be a plain name (a string), found {'a list' if is_list else 'a mapping'}",
                    key_node,
                    de="ein Schlüssel muss ein einfacher Name (Text) sein, gefunden: "
                    + ("eine Liste" if is_list else "eine Zuordnung"),
                )
            if key_node.tag != "tag:yaml.org,2002:str":
                raise self._fail(
                    f"key {shorten(key_node.value)!r} must be a plain name (a string)",
                    key_node,
                    de=f"der Schlüssel {shorten(key_node.value)!r} muss ein einfacher Name (Text) sein",
                )
            key = key_node.value
            key_path = (*path, key)
            if key in result:
                first = self.document.positions.get(key_path, (0, 0))[0]
                raise self._fail(
                    f"duplicate key '{key}' (first given on line {first})",
                    key_node,
                    de=f"doppelter Schlüssel '{key}' (zuerst in Zeile {first})",
                )
            self.visited += 1
            self.document.positions[key_path] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        refused = refused_form(node)
        if refused:
            value = shorten(node.value)
            raise self._fail(
                f"cannot read value {value!r}: {refused[0]}",
                node,
                de=f"der Wert {value!r} ist nicht lesbar: {refused[1]}",
            )
        try:
            return _SCALARS.construct_object(node)
        except ValueError as exc:
            if _LOOKS_LIKE_DATE.match(node.value):  # 2026-02-30: say what is wrong with the date
                raise self._fail(
                    f"cannot read value {node.value!r}: {exc}",
                    node,
                    de=f"der Wert {node.value!r} ist kein gültiges Datum",
                ) from None
            raise self._mismatch(node) from None
        except Exception:  # an explicit tag on a value that is not of its type (!!bool maybe)
            raise self._mismatch(node) from None

    def _mismatch(self, node: yaml.ScalarNode) -> OrgcheckError:
        kind = node.tag.rsplit(":", 1)[-1]
        expected = _TAG_WORDS.get(kind, (f"a {kind}", f"nicht vom Typ {kind}"))
        value = shorten(node.value)
        return self._fail(
            f"cannot read value {value!r}: it is tagged !!{kind} but is not {expected[0]}",
            node,
            de=f"der Wert {value!r} ist nicht lesbar: er ist als !!{kind} markiert, ist aber {expected[1]}",
        )


_LOOKS_LIKE_DATE = re.compile(r"\d{4}-\d\d?-\d\d?")
_PLAIN_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_RESOLVER = yaml.resolver.Resolver()


def refused_form(node: yaml.ScalarNode) -> tuple[str, str] | None:
    """Why a number or null in a form nobody means is refused (in English and German), or None."""
    value = node.value
    kind = node.tag.rsplit(":", 1)[-1]
    if kind == "null" and value not in NULL_WORDS:
        return "it is tagged !!null but is not empty", "er ist als !!null markiert, ist aber nicht leer"
    if kind not in ("int", "float") or _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != node.tag:
        return None  # not a number in any form: the tag's own check says so
    if kind == "int" and PLAIN_INT.fullmatch(value):
        digits = len(value.lstrip("+-"))
        if digits <= MAX_DIGITS:
            return None
        return (
            f"a number with {digits:,} digits is too long",
            f"eine Zahl mit {digits:,} Stellen ist zu lang".replace(",", "."),
        )
    if kind == "float" and _PLAIN_FLOAT.fullmatch(value):
        return None
    if ":" in value:
        form, form_de = "a base-60 number (1:00 is 60)", "Zahl zur Basis 60 (1:00 ist 60)"
    elif value.lstrip("+-").lower().startswith(("0x", "0b", "0o")):
        form, form_de = "a hexadecimal, binary or octal number", "Hexadezimal-, Binär- oder Oktalzahl"
    elif "_" in value:
        form, form_de = "a number with underscores", "Zahl mit Unterstrichen"
    else:
        form, form_de = "an octal number (a leading 0)", "Oktalzahl (wegen der führenden 0)"
    return (
        f"YAML 1.1 reads this as {form}; write a plain number, or put it in quotes for text",
        f"YAML 1.1 liest das als {form_de}; schreiben Sie eine einfache Zahl oder, für Text, "
        "setzen Sie den Wert in Anführungszeichen",
    )


_TAG_WORDS = {  # what a tagged value must be, in English and German
    "bool": ("true or false", "nicht true oder false"),
    "int": ("a whole number", "keine ganze Zahl"),
    "float": ("a number", "keine Zahl"),
    "timestamp": ("a date", "kein Datum"),
    "null": ("empty", "nicht leer"),
    "str": ("text", "kein Text"),
}

# Turns one scalar node into str, int, float, bool, None or a date (core schema).
_SCALARS = yaml.constructor.SafeConstructor()
