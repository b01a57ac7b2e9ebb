"""From bytes on disk (or stdin) to documents, streaming, one bad input never stopping a batch.

Two layers:

- :func:`read_text_file`, :func:`read_document`, :func:`parse_jsonl_record` raise typed errors
  (:class:`~peacefacts.errors.InputError`, :class:`~peacefacts.errors.JSONLError`) for API users
  who want exceptions;
- :func:`read_inputs` walks files, directories, JSONL corpora and stdin lazily and turns every
  failure into an :class:`~peacefacts.records.ErrorRecord`.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, Union

from peacefacts.errors import InputError, JSONLError
from peacefacts.ingest.documents import (
    DateLike,
    build_html_document,
    build_text_document,
    coerce_published,
    looks_like_html,
)
from peacefacts.records import Document, ErrorRecord, PartialDate

__all__ = [
    "DEFAULT_MAX_BYTES",
    "read_inputs",
    "read_text_file",
    "read_document",
    "decode_bytes",
    "parse_jsonl_record",
]

PathLike = Union[str, "os.PathLike[str]"]
Item = Document | ErrorRecord

#: The largest document read (bytes); a bigger file is reported, not read.
DEFAULT_MAX_BYTES = 20_000_000
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

# bytes that never occur in text (tab, newlines, form feed and escape are allowed)
_CONTROL = frozenset(range(0x00, 0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B} | {0x7F}
_CONTROL_RATIO = 0.10
_SNIFF = 65536
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


# --- bytes -> str -------------------------------------------------------------------------------------
def _bom(data: bytes) -> tuple[str, int]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return "", 0


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Decode a document: UTF-8 (BOM allowed) or UTF-16/32 with a BOM; refuse binary data.

    Args:
        data: The raw bytes.
        html: Allow the ``<meta charset>`` an HTML page declares when it is not UTF-8.

    Raises:
        InputError: empty, binary (NUL bytes or too many control characters), or not decodable
            (the message names the byte offset).

    >>> decode_bytes("Café".encode("utf-16"))
    'Café'
    >>> decode_bytes(b"ok \\xff")
    Traceback (most recent call last):
    ...
    peacefacts.errors.InputError: not valid UTF-8: byte 0xFF at offset 3
    """
    if not data:
        raise InputError("empty file")
    encoding, skip = _bom(data)
    if encoding and encoding != "utf-8":
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid {encoding.upper()}: bad bytes at offset {exc.start}") from None
        text = text.lstrip("\ufeff")
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise InputError(f"binary file (NUL byte at offset {nul})")
        sample = data[skip : skip + _SNIFF]
        controls = sum(1 for b in sample if b in _CONTROL)
        if sample and controls / len(sample) > _CONTROL_RATIO:
            raise InputError(f"binary file ({100 * controls // len(sample)}% control characters)")
        try:
            text = data[skip:].decode("utf-8")
        except UnicodeDecodeError as exc:
            declared = _META_CHARSET.search(data[:4096]) if html else None
            if declared:
                try:
                    return data.decode(declared.group(1).decode("ascii"))
                except (LookupError, UnicodeDecodeError):
                    pass
            bad = data[skip + exc.start]
            raise InputError(f"not valid UTF-8: byte 0x{bad:02X} at offset {skip + exc.start}") from None
    if "\x00" in text:
        raise InputError("binary file (NUL character)")
    if not text.strip():
        raise InputError("empty file (only whitespace)")
    return text


def _open_binary(path: str) -> IO[bytes]:
    return open(path, "rb")  # one place to open files, so tests can simulate unreadable ones


def _os_error(exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError("no such file")
    if isinstance(exc, PermissionError):
        return InputError("permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError("is a directory, not a file")
    return InputError(f"cannot read: {exc.strerror or exc}")


def _read_bytes(path: str, max_bytes: int) -> bytes:
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _os_error(exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, not a file")
    # size first, from stat: a 50 GB dump must be refused without reading a byte of it
    if stat.S_ISREG(info.st_mode):
        if info.st_size > max_bytes:
            raise InputError(f"file too large: {info.st_size} bytes (limit {max_bytes} bytes)")
        if info.st_size == 0:
            raise InputError("empty file")
    try:
        with _open_binary(path) as handle:
            data = handle.read(max_bytes + 1)  # pipes and devices have no size: read one byte more
    except OSError as exc:
        raise _os_error(exc) from None
    if len(data) > max_bytes:
        raise InputError(f"file too large: more than {max_bytes} bytes (limit {max_bytes} bytes)")
    return data


def read_text_file(path: PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The decoded text of a file (HTML is returned as markup).

    Raises:
        InputError: missing, unreadable, a directory, too large (checked with ``stat`` before
            reading), empty, binary or not valid UTF-8/UTF-16.
    """
    path = os.fspath(path)
    data = _read_bytes(path, max_bytes)
    return decode_bytes(data, html=os.path.splitext(path)[1].lower() in HTML_SUFFIXES or _sniff_html(data))


def _sniff_html(data: bytes) -> bool:
    return looks_like_html(data[:4096].decode("latin-1"))


def read_document(
    path: PathLike,
    *,
    published: DateLike = None,
    default_published: DateLike = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """One text or HTML file as a :class:`Document` whose id is the path as given.

    Args:
        path: The file.
        published: The publication date; wins over anything in the file.
        default_published: Used when the file carries no date of its own (no header, no HTML
            date, no dateline in the text).
        max_bytes: Larger files are refused.

    Raises:
        InputError: the file cannot be read as a document (see :func:`read_text_file`).
    """
    path = os.fspath(path)
    text = read_text_file(path, max_bytes=max_bytes)
    default = coerce_published(default_published)
    if os.path.splitext(path)[1].lower() in HTML_SUFFIXES or looks_like_html(text):
        return build_html_document(
            text, doc_id=path, published=published, default_published=default, source_path=path
        )
    return build_text_document(
        text, doc_id=path, published=published, default_published=default, source_path=path
    )


# --- JSONL ---------------------------------------------------------------------------------------------
def _type_name(value: object) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number" if isinstance(value, (int, float)) else type(value).__name__
    )


def _load_object(line: str, where: str) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise JSONLError(f"{where}: not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise JSONLError(f"{where}: not a JSON object (got {_type_name(obj)})")
    return obj


def _optional_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value or None
    if key == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise JSONLError(f'{where}: "{key}" is not a string (got {_type_name(value)})')


def parse_jsonl_record(
    line: str,
    *,
    source: str = "<jsonl>",
    lineno: int = 1,
    default_published: DateLike = None,
) -> Document:
    """One JSONL line (``text`` required; ``id``, ``url``, ``published``, ``title`` optional) as a
    :class:`Document`. Its id is ``id``, else ``url``, else ``source:lineno``.

    Raises:
        JSONLError: not JSON, not an object, ``text`` missing, empty or not a string, or a field
            of the wrong type.

    >>> doc = parse_jsonl_record('{"url": "http://x.org/a", "text": "UN peacekeepers arrived."}')
    >>> doc.id, doc.url
    ('http://x.org/a', 'http://x.org/a')
    >>> parse_jsonl_record('{"id": "a"}', source="c.jsonl", lineno=4)
    Traceback (most recent call last):
    ...
    peacefacts.errors.JSONLError: c.jsonl:4: missing "text"
    """
    where = f"{source}:{lineno}"
    obj = _load_object(line, where)
    if "text" not in obj:
        raise JSONLError(f'{where}: missing "text"')
    text = obj["text"]
    if not isinstance(text, str):
        raise JSONLError(f'{where}: "text" is not a string (got {_type_name(text)})')
    if not text.strip():
        raise JSONLError(f'{where}: "text" is empty')
    url = _optional_str(obj, "url", where)
    title = _optional_str(obj, "title", where)
    doc_id = _optional_str(obj, "id", where) or url or where
    published = obj.get("published")
    if published is not None and not isinstance(published, str):
        raise JSONLError(f'{where}: "published" is not a string (got {_type_name(published)})')
    if isinstance(published, str) and published.strip().lower() in ("", "unknown", "none", "null"):
        published = None  # an explicit "don't know", as in the saved pages' headers
    try:
        given = coerce_published(published)
        default = coerce_published(default_published)
    except InputError as exc:
        raise JSONLError(f"{where}: {exc}") from None
    if looks_like_html(text):  # corpora of scraped pages often keep the raw HTML
        return build_html_document(
            text, doc_id=doc_id, url=url, published=given, default_published=default, source_path=source
        )
    return build_text_document(
        text,
        doc_id=doc_id,
        url=url,
        title=title,
        published=given,
        default_published=default,
        source_path=source,
    )


def _error_id(line: str, where: str) -> str:
    """The id of a bad record when it has one (``id``, then ``url``), else ``source:lineno``."""
    try:
        obj = json.loads(line)
    except ValueError:
        return where
    if isinstance(obj, dict):
        for key in ("id", "url"):
            value = obj.get(key)
            if isinstance(value, str) and value:
                return value
            if key == "id" and isinstance(value, int) and not isinstance(value, bool):
                return str(value)
    return where


def _iter_jsonl_stream(
    handle: IO[bytes], source: str, default: PartialDate | None, max_bytes: int
) -> Iterator[Item]:
    """Records of a binary stream, one line at a time (a line is never longer than ``max_bytes``)."""
    reader: IO[bytes] | io.TextIOWrapper = handle
    peek = handle.peek(4)[:4] if hasattr(handle, "peek") else b""
    encoding, _ = _bom(peek)
    if encoding in ("utf-16", "utf-32"):
        reader = io.TextIOWrapper(handle, encoding=encoding, newline="")
    offset = 0
    lineno = 0
    while True:
        raw = reader.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        where = f"{source}:{lineno}"
        if len(raw) > max_bytes:
            # too long: skip to the end of the line without holding it in memory
            rest = raw
            while rest and rest[-1:] not in (b"\n", "\n"):
                rest = reader.readline(1 << 20)
            yield ErrorRecord(
                doc=where,
                error=f"{where}: record too large: more than {max_bytes} bytes (limit {max_bytes} bytes)",
                kind="JSONLError",
            )
            continue
        if isinstance(raw, bytes):
            start = offset
            offset += len(raw)
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw, start = raw[3:], start + 3
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield ErrorRecord(
                    doc=where,
                    error=f"{where}: not valid UTF-8: byte 0x{raw[exc.start]:02X} at offset {start + exc.start}",
                    kind="JSONLError",
                )
                continue
        else:
            line = raw.lstrip("\ufeff") if lineno == 1 else raw
        if not line.strip():
            continue
        try:
            yield parse_jsonl_record(line, source=source, lineno=lineno, default_published=default)
        except InputError as exc:
            yield ErrorRecord(doc=_error_id(line, where), error=str(exc), kind=type(exc).__name__)
        except Exception as exc:  # noqa: BLE001 - HTML parsers on hostile input: report, go on
            yield ErrorRecord(
                doc=_error_id(line, where), error=f"{where}: {_one_line(exc)}", kind=type(exc).__name__
            )


def _read_jsonl_file(path: str, default: PartialDate | None, max_bytes: int) -> Iterator[Item]:
    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size == 0:
            yield ErrorRecord(doc=path, error="empty file", kind="InputError")
            return
        handle = _open_binary(path)
    except OSError as exc:
        yield ErrorRecord(doc=path, error=str(_os_error(exc)), kind="InputError")
        return
    with handle:
        yield from _iter_jsonl_stream(handle, path, default, max_bytes)


# --- stdin ----------------------------------------------------------------------------------------------
class _Prepended(io.RawIOBase):
    """A binary stream: ``head`` bytes already read, then the rest of ``tail``."""

    def __init__(self, head: bytes, tail: IO[bytes]) -> None:
        self._head = io.BytesIO(head)
        self._tail = tail

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> bytes:
        limit = -1 if size is None else size
        line = self._head.readline(limit)
        if line.endswith(b"\n") or (limit >= 0 and len(line) >= limit):
            return line
        return line + self._tail.readline(-1 if limit < 0 else limit - len(line))


def _is_jsonl(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    for line in lines:
        if not line.lstrip().startswith("{"):
            return False
        try:
            if not isinstance(json.loads(line), dict):
                return False
        except ValueError:
            return False
    return True


def _read_stdin(default: PartialDate | None, max_bytes: int) -> Iterator[Item]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text-only stdin (tests, embedded interpreters)
        stream = io.BytesIO(sys.stdin.read().encode("utf-8"))
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        yield ErrorRecord(doc="-", error=str(_os_error(exc)), kind="InputError")
        return
    if len(data) > max_bytes:
        # too big for one document; only a corpus can be this large, and a corpus streams
        first = next((line for line in data.splitlines() if line.strip()), b"")
        if _is_jsonl(first.decode("utf-8", "replace").lstrip("\ufeff")):
            yield from _iter_jsonl_stream(_Prepended(data, stream), "-", default, max_bytes)  # type: ignore[arg-type]
        else:
            yield ErrorRecord(
                doc="-",
                error=f"stdin too large: more than {max_bytes} bytes (limit {max_bytes} bytes)",
                kind="InputError",
            )
        return
    try:
        text = decode_bytes(data, html=True)
    except InputError as exc:
        yield ErrorRecord(doc="-", error=str(exc), kind="InputError")
        return
    if _is_jsonl(text):
        yield from _iter_jsonl_stream(io.BufferedReader(io.BytesIO(data)), "-", default, max_bytes)
        return
    yield _guarded("-", lambda: _text_or_html("-", text, default))


def _text_or_html(doc_id: str, text: str, default: PartialDate | None) -> Document:
    if looks_like_html(text):
        return build_html_document(text, doc_id=doc_id, default_published=default, source_path=doc_id)
    return build_text_document(text, doc_id=doc_id, default_published=default, source_path=doc_id)


# --- files and directories ---------------------------------------------------------------------------------
def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _guarded(doc_id: str, build: Callable[[], Document]) -> Item:
    try:
        return build()
    except InputError as exc:
        return ErrorRecord(doc=doc_id, error=_one_line(exc), kind=type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - third-party parsers on hostile input: report, go on
        return ErrorRecord(doc=doc_id, error=_one_line(exc), kind=type(exc).__name__)


def _read_path(path: str, default: PartialDate | None, max_bytes: int) -> Iterator[Item]:
    if os.path.splitext(path)[1].lower() in JSONL_SUFFIXES and not os.path.isdir(path):
        yield from _read_jsonl_file(path, default, max_bytes)
    else:
        yield _guarded(path, lambda: read_document(path, default_published=default, max_bytes=max_bytes))


def _walk(directory: str, default: PartialDate | None, max_bytes: int) -> Iterator[Item]:
    """Files under ``directory``, depth first, by name; hidden files and directories skipped."""
    try:
        with os.scandir(directory) as scan:
            entries = sorted((e for e in scan if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        yield ErrorRecord(doc=directory, error=str(_os_error(exc)), kind="InputError")
        return
    for entry in entries:
        path = os.path.join(directory, entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)  # no symlink loops
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, default, max_bytes)
        else:
            yield from _read_path(path, default, max_bytes)


def read_inputs(
    paths: PathLike | Iterable[PathLike],
    *,
    published: DateLike = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """Documents from files, directories, JSONL corpora and stdin, one at a time.

    - plain text files; HTML files (``.html``/``.htm`` or markup sniffed from the content);
    - JSONL corpora (``.jsonl``/``.ndjson``): one object per line with ``text`` and optional
      ``id``, ``url``, ``published``, ``title``;
    - directories: every file below, depth first, sorted by name, hidden entries skipped;
    - ``"-"``: stdin, read as JSONL when every non-blank line is a JSON object, else as text.

    Nothing is loaded ahead: directories are walked and corpora read line by line as the
    iterator is consumed. A document's id is the record's ``id``, else its ``url``, else the path
    as given (``path:lineno`` for JSONL records).

    Args:
        paths: Paths (or one path).
        published: Publication date for documents that carry none of their own: no JSONL
            ``published``, no ``# published:`` header, no HTML date and no dateline in the text.
        max_bytes: The largest document; bigger files are reported without being read.

    Yields:
        A :class:`Document`, or an :class:`ErrorRecord` (``doc``, one-line ``error``, ``kind`` =
        the exception class) for input that cannot be read. Nothing raises for one bad input.

    Raises:
        InputError: ``published`` is not a date (checked at once, before anything is read).

    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "a.txt"), "w") as f:
    ...     _ = f.write("UN peacekeepers from Ghana arrived in Lebanon on Monday, officials said.")
    >>> open(os.path.join(folder, "b.txt"), "wb").close()
    >>> [(type(r).__name__, os.path.basename(getattr(r, "id", None) or r.doc)) for r in read_inputs([folder])]
    [('Document', 'a.txt'), ('ErrorRecord', 'b.txt')]
    """
    default = coerce_published(published)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return _iter_inputs(paths, default, max_bytes)


def _iter_inputs(paths: Iterable[PathLike], default: PartialDate | None, max_bytes: int) -> Iterator[Item]:
    for raw in paths:
        path = os.fspath(raw)
        if path == "-":
            yield from _read_stdin(default, max_bytes)
        elif os.path.isdir(path):
            yield from _walk(path, default, max_bytes)
        else:
            yield from _read_path(path, default, max_bytes)
