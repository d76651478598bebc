"""Safe YAML reading that remembers where every value came from.

PyYAML's loaders lose positions, keep the last of two duplicate keys and expand
aliases without limit. Here a document is *composed* into nodes by the C safe
loader (when available) and turned into plain Python values by our own walk,
which

* refuses duplicate keys, non-string keys and tags outside the YAML core
  schema (so no ``!!python/...``),
* counts every node it visits, so an alias bomb is refused at once,
* records the ``(line, column)`` of every key and value by path, so later
  validation can say ``answers.yaml:14:3``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Location, OrgcheckError, Problem

try:  # the C composer is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 50_000
MAX_DEPTH = 64

Path_ = tuple[str | int, ...]

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class Document:
    """A YAML document as plain values, plus where each path starts."""

    value: Any
    file: str
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> Location:
        """The location of ``path``, or of its nearest ancestor that has one."""
        probe = tuple(path)
        while probe and probe not in self.positions:
            probe = probe[:-1]
        line, column = self.positions.get(probe, (1, 1))
        return Location(self.file, line, column)


def read_text(path: Path, *, label: str | None = None, limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file with errors a user understands."""
    name = label or str(path)
    try:
        if path.is_dir():
            raise OrgcheckError(Problem("is a directory, not a file", Location(name)))
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise OrgcheckError(Problem("no such file", Location(name))) from None
    except PermissionError:
        raise OrgcheckError(Problem("cannot read the file: permission denied", Location(name))) from None
    except OSError as exc:
        raise OrgcheckError(Problem(f"cannot read the file: {exc.strerror}", Location(name))) from None
    if len(data) > limit:
        raise OrgcheckError(
            Problem(f"file is larger than {limit:,} bytes; an answers file is a few kB", Location(name))
        )
    return decode_utf8(data, name)


def decode_utf8(data: bytes, name: str) -> str:
    """Decode UTF-8 (a leading byte-order mark is dropped); anything else is an error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise OrgcheckError(
            Problem("file is UTF-16; save it as UTF-8 (orgcheck reads UTF-8 only)", Location(name, 1, 1))
        )
    if b"\x00" in data:
        raise OrgcheckError(Problem("file is binary (it contains NUL bytes), not YAML text", Location(name)))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise OrgcheckError(
            Problem(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
                Location(name, line, column),
            )
        ) from None
    return text.removeprefix("\ufeff")


def parse(text: str, name: str) -> Document:
    """Compose ``text`` and turn it into a :class:`Document`."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "invalid YAML"
        location = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
        raise OrgcheckError(Problem(f"not valid YAML: {reason}", location)) from None
    except yaml.YAMLError as exc:  # reader errors, e.g. control characters
        raise OrgcheckError(Problem(f"not valid YAML: {_one_line(exc)}", Location(name))) from None
    document = Document(value=None, file=name)
    if node is None:
        return document
    builder = _Builder(document)
    document.value = builder.build(node, (), 0)
    return document


def load(path: Path, *, label: str | None = None, limit: int = MAX_FILE_BYTES) -> Document:
    """Read and parse a YAML file."""
    name = label or str(path)
    return parse(read_text(path, label=name, limit=limit), name)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


class _Builder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.visited = 0

    def _fail(self, message: str, node: yaml.Node) -> OrgcheckError:
        mark = node.start_mark
        return OrgcheckError(Problem(message, Location(self.document.file, mark.line + 1, mark.column + 1)))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise self._fail(
                f"document is too large or expands too far (more than {MAX_NODES:,} values; an alias bomb?)",
                node,
            )
        if depth > MAX_DEPTH:
            raise self._fail(f"nested deeper than {MAX_DEPTH} levels", node)
        if node.tag not in _ALLOWED_TAGS:
            raise self._fail(f"tag {node.tag!r} is not allowed; use plain YAML values", node)
        self.document.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._fail("merge keys ('<<') are not supported; write the keys out", key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a collection"
                raise self._fail(f"key {shown!r} must be a plain name (a string)", key_node)
            key = key_node.value
            if key in result:
                first = self.document.positions.get((*path, key), (0, 0))[0]
                raise self._fail(f"duplicate key '{key}' (first given on line {first})", key_node)
            self.visited += 1
            self.document.positions[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            return _SCALARS.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            raise self._fail(f"cannot read value {node.value!r}: {_one_line(exc)}", node) from None


# Turns one scalar node into str, int, float, bool, None or a date (core schema).
_SCALARS = yaml.constructor.SafeConstructor()


def is_date(value: object) -> bool:
    return isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)
