"""Corpus records (a JSONL line, a ``.json`` file's object or array items) into
:class:`~peacefacts.records.Document` objects, read the same way whatever the file; and telling a
corpus from a text.

A record that cannot be read raises :class:`~peacefacts.errors.JSONLError` naming where it is; a
``published`` that is not a date does not: the text is read without it and the document carries
a warning record.
"""

from __future__ import annotations

import json
import re
from typing import Any

import attrs

from peacefacts.errors import InputError, JSONLError
from peacefacts.ingest.datelines import parse_date
from peacefacts.ingest.documents import (
    DateLike,
    build_html_document,
    build_text_document,
    coerce_published,
    looks_like_html,
)
from peacefacts.records import Document, PartialDate, WarningRecord

__all__ = [
    "parse_jsonl_record",
    "document_from_record",
    "json_records",
    "looks_like_jsonl",
    "error_id",
    "record_error_id",
    "JSONL_SNIFF_LINES",
]

_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(text: str) -> str:
    """Lone surrogates (JSON can escape them: ``"\\ud800"``) cannot be written as UTF-8: U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _type_name(value: object) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number" if isinstance(value, (int, float)) else type(value).__name__
    )


def _load_object(line: str, where: str) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        reason = exc.msg.removesuffix(" at")  # "Invalid control character at": the column follows
        raise JSONLError(f"{where}: not JSON ({reason} at column {exc.colno})") from None
    except RecursionError:
        raise JSONLError(f"{where}: not JSON (nested too deeply)") from None
    if not isinstance(obj, dict):
        raise JSONLError(f"{where}: not a JSON object (got {_type_name(obj)})")
    return obj


def _optional_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return _clean(value) or None if value else None
    if key == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise JSONLError(f'{where}: "{key}" is not a string (got {_type_name(value)})')


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (str, int, float, bool)) else _type_name(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _published(obj: dict[str, Any], where: str, doc_id: str) -> tuple[PartialDate | None, WarningRecord | None]:
    """The record's own publication date, or ``None`` and a warning when it is not a date: the
    text is still read (undated), never lost for a bad date."""
    published = obj.get("published")
    if published is None:
        return None, None
    if isinstance(published, str) and published.strip().lower() in ("", "unknown", "none", "null"):
        return None, None  # an explicit "don't know", as in the saved pages' headers
    if isinstance(published, str):
        try:
            return coerce_published(published), None
        except InputError:
            written = parse_date(published.strip()) if len(published) <= 60 else None
            if written is not None:
                return written, None  # "May 29, 2019", "Wed, 29 May 2019 10:00:00 GMT": a scraper's date as written
    warning = WarningRecord(
        doc=doc_id,
        warning=f'{where}: "published" is not a date (YYYY[-MM[-DD]]): {_shown(published)}; read without it',
        kind="invalid_published",
        stage="read",
    )
    return None, warning


def parse_jsonl_record(
    line: str,
    *,
    source: str = "<jsonl>",
    lineno: int = 1,
    default_published: DateLike = None,
) -> Document:
    """One JSONL line (``text`` required; ``id``, ``url``, ``published``, ``title`` optional) as a
    :class:`Document`. Its id is ``id``, else ``url``, else ``source:lineno``.

    A ``published`` written as a scraper wrote it ("May 29, 2019", "Wed, 29 May 2019 10:00:00
    GMT", "29/05/2019", day first) is read as a date; one that is not a date at all does not lose
    the text: the document is read without it (then ``default_published`` applies) and carries a
    warning (``Document.warnings``).

    Raises:
        JSONLError: not JSON, not an object, ``text`` missing, empty or not a string, or ``id``,
            ``url`` or ``title`` not a string.

    >>> doc = parse_jsonl_record('{"url": "http://x.org/a", "text": "UN peacekeepers arrived."}')
    >>> doc.id, doc.url
    ('http://x.org/a', 'http://x.org/a')
    >>> doc = parse_jsonl_record('{"id": "b", "published": "2024-13-45", "text": "UN peacekeepers arrived."}')
    >>> doc.published, [w.kind for w in doc.warnings]
    (None, ['invalid_published'])
    >>> parse_jsonl_record('{"id": "a"}', source="c.jsonl", lineno=4)
    Traceback (most recent call last):
    ...
    peacefacts.errors.JSONLError: c.jsonl:4: missing "text"
    """
    where = f"{source}:{lineno}"
    return document_from_record(_load_object(line, where), where=where, source=source, default_published=default_published)


def document_from_record(
    record: Any,
    *,
    where: str,
    source: str,
    published: DateLike = None,
    default_published: DateLike = None,
) -> Document:
    """One corpus record (a JSON object already parsed: a JSONL line, a ``.json`` file or an item of
    its array) as a :class:`Document`, read the same way whatever the file it came from.

    Args:
        record: The parsed record: ``text`` required; ``id``, ``url``, ``published``, ``title``
            optional.
        where: Where the record is, for messages and the fallback id (``corpus.jsonl:4``,
            ``page.json``, ``pages.json[2]``).
        source: The file it came from (``Document.source_path``).
        published: A date that wins over the record's own (``read_document(published=)``).
        default_published: The date of a record that carries none of its own.

    Raises:
        JSONLError: not an object, ``text`` missing, empty or not a string, or ``id``, ``url`` or
            ``title`` not a string.
    """
    if not isinstance(record, dict):
        raise JSONLError(f"{where}: not a JSON object (got {_type_name(record)})")
    obj = record
    if "text" not in obj:
        raise JSONLError(f'{where}: missing "text"')
    text = obj["text"]
    if not isinstance(text, str):
        raise JSONLError(f'{where}: "text" is not a string (got {_type_name(text)})')
    if not text.strip():
        raise JSONLError(f'{where}: "text" is empty')
    text = _clean(text)
    url = _optional_str(obj, "url", where)
    title = _optional_str(obj, "title", where)
    doc_id = _optional_str(obj, "id", where) or url or where
    given, warning = _published(obj, where, doc_id)
    try:
        if published is not None:
            given, warning = coerce_published(published), None
        default = coerce_published(default_published)
    except InputError as exc:
        raise JSONLError(f"{where}: {exc}") from None
    # corpora of scraped pages often keep the raw HTML
    build = build_html_document if looks_like_html(text) else build_text_document
    document = build(text, doc_id=doc_id, url=url, title=title, published=given, default_published=default, source_path=source)
    if warning is not None:
        document = attrs.evolve(document, warnings=(*document.warnings, warning))
    return document


def json_records(text: str, source: str) -> list[tuple[str, Any]]:
    """The records of a JSON document (a ``.json`` file): one object, or an array of objects.

    Returns:
        ``(where, record)`` pairs: ``(source, object)`` for one object, ``(f"{source}[{i}]",
        item)`` for each item of an array (from 0; an item that is not an object is left to
        :func:`document_from_record` to refuse, so the other items are still read).

    Raises:
        JSONLError: not JSON, neither an object nor an array, or an empty array.

    >>> json_records('[{"text": "a"}, 3]', "p.json")
    [('p.json[0]', {'text': 'a'}), ('p.json[1]', 3)]
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = exc.msg.removesuffix(" at")
        raise JSONLError(f"{source}: not JSON ({reason} at line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise JSONLError(f"{source}: not JSON (nested too deeply)") from None
    if isinstance(value, dict):
        return [(source, value)]
    if not isinstance(value, list):
        raise JSONLError(f"{source}: not a JSON object or array of objects (got {_type_name(value)})")
    if not value:
        raise JSONLError(f"{source}: an empty array: no records")
    return [(f"{source}[{i}]", item) for i, item in enumerate(value)]


def error_id(line: str, where: str) -> str:
    """The id of a bad record when it has one (``id``, then ``url``), else ``source:lineno``."""
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):
        return where
    return record_error_id(obj, where)


def record_error_id(obj: Any, where: str) -> str:
    """The id of a bad parsed record when it has one (``id``, then ``url``), else ``where``."""
    if isinstance(obj, dict):
        for key in ("id", "url"):
            value = obj.get(key)
            if isinstance(value, str) and value:
                return _clean(value)
            if key == "id" and isinstance(value, int) and not isinstance(value, bool):
                return str(value)
    return where



#: Lines of stdin looked at to tell a JSONL corpus from a text.
JSONL_SNIFF_LINES = 50


def looks_like_jsonl(text: str) -> bool:
    """Whether a text read from stdin is a JSONL corpus rather than one document.

    Judged on its first :data:`JSONL_SNIFF_LINES` non-blank lines: at least one is a JSON
    object, and at least half of them are JSON objects or start like one (``{``). So a corpus
    with a broken line is still a corpus, whose bad lines become error records, and a text is
    never mistaken for one.

    >>> looks_like_jsonl('{"text": "a"}\\n{"text": "b"\\n{"text": "c"}'), looks_like_jsonl("UN troops {arrived}")
    (True, False)
    """
    lines = []
    for line in text.splitlines():
        if line.strip():
            lines.append(line.strip().lstrip("\ufeff"))
            if len(lines) == JSONL_SNIFF_LINES:
                break
    objects = shaped = 0
    for line in lines:
        if not line.startswith("{"):
            continue
        shaped += 1
        try:
            objects += isinstance(json.loads(line), dict)
        except (ValueError, RecursionError):
            pass
    return objects >= 1 and 2 * shaped >= len(lines)
