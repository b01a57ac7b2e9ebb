"""Streamed JSON of a reconciliation: the bytes of ``json.dumps(rec.to_dict(), indent=...)``,
written a record at a time (a million-fact reconciliation never exists as one string, and
explanations are written as their pairs are)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from peacefacts.reconciler.model import Group
from peacefacts.reconciler.pairs import PairTable

if TYPE_CHECKING:  # pragma: no cover
    from peacefacts.reconciler.core import Reconciliation

__all__ = ["write_reconciliation"]


def write_reconciliation(rec: Reconciliation, stream: IO[str], indent: int | None = 2) -> None:
    """Write :meth:`Reconciliation.to_json`'s text to ``stream``, a record at a time."""
    _write(_lazy_dict(rec), stream, indent, 0)


class _Lazy:
    """A list for the JSON writer that is produced item by item."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]):
        self.items = items


def _lazy_dict(rec: Reconciliation) -> dict[str, Any]:
    return {
        "policy": rec.policy.value,
        "groups": _Lazy(_lazy_group(g) for g in rec.groups),
        "copies": [c.to_dict() for c in rec.copies],
    }


def _lazy_group(group: Group) -> dict[str, Any]:
    pairs = group.pairs
    records = pairs.iter_records() if isinstance(pairs, PairTable) else (p.to_dict() for p in pairs)
    return {
        "subject": group.subject,
        "metric": group.metric.value,
        "category": group.category,
        "scope": group.scope,
        "window": group.window,
        "observations": _Lazy(o.to_dict() for o in group.observations),
        "pairs": _Lazy(records),
        "series": [p.to_dict() for p in group.series],
    }


def _write(value: Any, stream: IO[str], indent: int | None, level: int) -> None:
    """Write ``value`` as ``json.dumps(value, ensure_ascii=False, indent=indent)`` would,
    nested ``level`` deep, expanding :class:`_Lazy` lists as they come."""
    if isinstance(value, dict) and any(isinstance(v, (_Lazy, dict)) for v in value.values()):
        if not value:
            stream.write("{}")
            return
        inner, outer, sep = _layout(indent, level)
        stream.write("{")
        for k, (key, item) in enumerate(value.items()):
            stream.write((sep if k else "") + inner + json.dumps(key, ensure_ascii=False) + ": ")
            _write(item, stream, indent, level + 1)
        stream.write(outer + "}")
        return
    if isinstance(value, _Lazy):
        inner, outer, sep = _layout(indent, level)
        empty = True
        for item in value.items:
            stream.write(("[" if empty else sep) + inner)
            empty = False
            _write(item, stream, indent, level + 1)
        stream.write("[]" if empty else outer + "]")
        return
    if isinstance(value, dict) and value and all(type(v) in _SCALARS for v in value.values()):
        # a flat record (an observation, a pair): laid out here, each value by the C encoder;
        # json.dumps with an indent runs the pure-Python encoder, five times slower
        inner, outer, sep = _layout(indent, level)
        items = (f"{_string(k)}: {_scalar(v)}" for k, v in value.items())
        stream.write("{" + inner + (sep + inner).join(items) + outer + "}")
        return
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    if indent is not None and level:
        # JSON strings never hold a raw newline, so every newline is layout
        text = text.replace("\n", "\n" + " " * (indent * level))
    stream.write(text)


_SCALARS = frozenset({str, int, float, bool, type(None)})
_string = json.encoder.encode_basestring
_scalar_encoder = json.JSONEncoder(ensure_ascii=False)


def _scalar(value: Any) -> str:
    if type(value) is str:
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    return _scalar_encoder.encode(value)


def _layout(indent: int | None, level: int) -> tuple[str, str, str]:
    if indent is None:
        return "", "", ", "
    return "\n" + " " * (indent * (level + 1)), "\n" + " " * (indent * level), ","


