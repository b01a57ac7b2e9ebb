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
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import IO, Any, NamedTuple, Union

from peacefacts.errors import InputError, JSONLError
from peacefacts.ingest.decode import SNIFF_BYTES, bom_encoding, check_encoding, decode_bytes, wide_encoding
from peacefacts.ingest.documents import (
    DateLike,
    build_html_document,
    build_text_document,
    coerce_published,
    looks_like_html,
)
from peacefacts.ingest.jsonl import (
    JSONL_SNIFF_LINES,
    document_from_record,
    error_id,
    json_records,
    looks_like_jsonl,
    parse_jsonl_record,
    record_error_id,
)
from peacefacts.records import Document, ErrorRecord, PartialDate

__all__ = [
    "DEFAULT_MAX_BYTES",
    "read_inputs",
    "read_text_file",
    "read_document",
    "decode_bytes",
    "parse_jsonl_record",
    "looks_like_jsonl",
    "walk_files",
    "JSONL_SNIFF_LINES",
    "JSON_SUFFIXES",
]

PathLike = Union[str, "os.PathLike[str]"]
Item = Document | ErrorRecord

#: The largest document read (bytes): a file, stdin, or one line of a JSONL corpus; a bigger one
#: is reported, not read. ``--max-bytes`` (``read_inputs(max_bytes=)``) changes it.
DEFAULT_MAX_BYTES = 20_000_000
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: One JSON value: a record (an object with ``text``) or an array of records.
JSON_SUFFIXES = frozenset({".json"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


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


def read_text_file(path: PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None) -> str:
    """The decoded text of a file (HTML is returned as markup).

    Args:
        path: The file.
        max_bytes: Larger files are refused.
        encoding: Decode with this codec instead of detecting (see :func:`decode_bytes`).

    Raises:
        InputError: missing, unreadable, a directory, too large (checked with ``stat`` before
            reading), empty, binary or not decodable.
    """
    path = os.fspath(path)
    data = _read_bytes(path, max_bytes)
    html = os.path.splitext(path)[1].lower() in HTML_SUFFIXES or _sniff_html(data)
    return decode_bytes(data, html=html, encoding=encoding)


def _sniff_html(data: bytes) -> bool:
    return looks_like_html(data[:4096].decode("latin-1"))


def read_document(
    path: PathLike,
    *,
    published: DateLike = None,
    default_published: DateLike = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
) -> Document:
    """One text, HTML or ``.json`` file as a :class:`Document` whose id is the path as given.

    A ``.json`` file holds one corpus record (an object with ``text`` and optional ``id``,
    ``url``, ``published``, ``title``), read as a JSONL line is: its id is its ``id``, else its
    ``url``, else the path. An array of records is read by :func:`read_inputs`.

    Args:
        path: The file.
        published: The publication date; wins over anything in the file.
        default_published: Used when the file carries no date of its own (no header, no HTML
            date, no dateline in the text).
        max_bytes: Larger files are refused.
        encoding: Decode with this codec instead of detecting (see :func:`decode_bytes`).

    Raises:
        InputError: the file cannot be read as a document (see :func:`read_text_file`).
        JSONLError: a ``.json`` file that is not one record (not JSON, an array, a record
            without ``text``, a field of the wrong type).
    """
    path = os.fspath(path)
    text = read_text_file(path, max_bytes=max_bytes, encoding=encoding)
    default = coerce_published(default_published)
    if _is_json_path(path):
        records = json_records(text, path)
        if len(records) != 1 or records[0][0] != path:
            raise JSONLError(f"{path}: an array of {len(records)} record(s), not one: read it with read_inputs")
        return document_from_record(
            records[0][1], where=path, source=path, published=published, default_published=default
        )
    if os.path.splitext(path)[1].lower() in HTML_SUFFIXES or looks_like_html(text):
        return build_html_document(
            text, doc_id=path, published=published, default_published=default, source_path=path
        )
    return build_text_document(
        text, doc_id=path, published=published, default_published=default, source_path=path
    )


# --- JSONL ---------------------------------------------------------------------------------------------
def _read_error(doc: str, error: str, kind: str = "InputError") -> ErrorRecord:
    return ErrorRecord(doc=doc, error=error, kind=kind, stage="read")


def _stream_encoding(handle: IO[bytes], encoding: str | None) -> str | None:
    """The text encoding of a JSONL stream when it is not UTF-8 (``None``: read UTF-8 bytes)."""
    if encoding is not None:
        return check_encoding(encoding)
    head = handle.peek(SNIFF_BYTES)[:SNIFF_BYTES] if hasattr(handle, "peek") else b""
    bom, _ = bom_encoding(head[:4])
    if bom in ("utf-16", "utf-32"):
        return bom
    if b"\x00" in head:
        return wide_encoding(head)  # UTF-16 without a byte-order mark
    return None


def _ascii_compatible(encoding: str) -> bool:
    try:
        return "{\n".encode(encoding) == b"{\n"
    except (LookupError, UnicodeError):
        return False


def _iter_jsonl_stream(
    handle: IO[bytes], source: str, opts: _Options
) -> Iterator[Item]:
    """Records of a binary stream, one line at a time (a line is never longer than ``max_bytes``)."""
    default, max_bytes = opts.default, opts.max_bytes
    reader: IO[bytes] | io.TextIOWrapper = handle
    try:
        encoding = _stream_encoding(handle, opts.encoding) or "utf-8"
    except InputError as exc:
        yield _read_error(source, str(exc))
        return
    if not _ascii_compatible(encoding):
        # UTF-16/32: a line break is not one byte, so a text decoder finds the lines
        reader = io.TextIOWrapper(handle, encoding=encoding, newline="")
    label = encoding.upper().replace("_", "-")
    offset = 0
    lineno = 0
    while True:
        try:
            raw = reader.readline(max_bytes + 1)
        except UnicodeDecodeError as exc:
            # a text decoder cannot find the next line after bad bytes: the rest is lost, said once
            where = f"{source}:{lineno + 1}"
            yield _read_error(where, f"{where}: not valid {exc.encoding.upper()}: the rest of the file is unreadable", "JSONLError")
            return
        if not raw:
            return
        lineno += 1
        where = f"{source}:{lineno}"
        if len(raw) > max_bytes:
            # too long: skip to the end of the line without holding it in memory
            rest = raw
            while rest and rest[-1:] not in (b"\n", "\n"):
                rest = reader.readline(1 << 20)
            yield _read_error(
                where, f"{where}: record too large: more than {max_bytes} bytes (limit {max_bytes} bytes)", "JSONLError"
            )
            continue
        if isinstance(raw, bytes):
            start = offset
            offset += len(raw)
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw, start = raw[3:], start + 3
            try:
                line = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                yield _read_error(
                    where,
                    f"{where}: not valid {label}: byte 0x{raw[exc.start]:02X} at offset {start + exc.start}",
                    "JSONLError",
                )
                continue
        else:
            line = raw.lstrip("\ufeff") if lineno == 1 else raw
        if not line.strip():
            continue
        yield _guarded(
            error_id(line, where), partial(parse_jsonl_record, line, source=source, lineno=lineno, default_published=default), where
        )


def _read_jsonl_file(path: str, opts: _Options) -> Iterator[Item]:
    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size == 0:
            yield _read_error(path, "empty file")
            return
        handle = _open_binary(path)
    except OSError as exc:
        yield _read_error(path, str(_os_error(exc)))
        return
    with handle:
        buffered = handle if hasattr(handle, "peek") else io.BufferedReader(handle)  # type: ignore[type-var]
        yield from _iter_jsonl_stream(buffered, path, opts)


def _read_json_file(path: str, opts: _Options) -> Iterator[Item]:
    """The records of a ``.json`` file (one object, or an array of objects), each read as a JSONL
    line is; a JSONL corpus saved as ``.json`` (one object a line) is read as one."""
    try:
        text = read_text_file(path, max_bytes=opts.max_bytes, encoding=opts.encoding)
    except InputError as exc:
        yield _read_error(path, str(exc))
        return
    try:
        records = json_records(text, path)
    except JSONLError as exc:
        if looks_like_jsonl(text):
            data = io.BytesIO(text.encode("utf-8", "surrogatepass"))
            yield from _iter_jsonl_stream(io.BufferedReader(data), path, opts._replace(encoding=None))
        else:
            yield _read_error(path, _one_line(exc), type(exc).__name__)
        return
    yield from _json_items(records, path, opts.default)


def _json_items(records: list[tuple[str, Any]], source: str, default: PartialDate | None) -> Iterator[Item]:
    for where, record in records:
        yield _guarded(
            record_error_id(record, where),
            partial(document_from_record, record, where=where, source=source, default_published=default),
            where,
        )


# --- stdin ----------------------------------------------------------------------------------------------
class _Prepended(io.RawIOBase):
    """A binary stream: ``head`` bytes already read, then the rest of ``tail``."""

    def __init__(self, head: bytes, tail: IO[bytes]) -> None:
        self._head = io.BytesIO(head)
        self._tail = tail

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._head.read(len(buffer)) or self._tail.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _read_stdin(opts: _Options) -> Iterator[Item]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text-only stdin (tests, embedded interpreters)
        stream = io.BytesIO(sys.stdin.read().encode("utf-8"))
    try:
        data = stream.read(opts.max_bytes + 1)
    except OSError as exc:
        yield _read_error("-", str(_os_error(exc)))
        return
    try:
        head = decode_bytes(data[:SNIFF_BYTES], encoding=opts.encoding) if data else ""
    except InputError:
        head = data[:SNIFF_BYTES].decode("utf-8", "replace")
    if looks_like_jsonl(head):
        # a corpus streams, however large
        yield from _iter_jsonl_stream(io.BufferedReader(_Prepended(data, stream)), "-", opts)
        return
    if len(data) > opts.max_bytes:
        yield _read_error(
            "-", f"stdin too large: more than {opts.max_bytes} bytes (limit {opts.max_bytes} bytes; see --max-bytes)"
        )
        return
    try:
        text = decode_bytes(data, html=True, encoding=opts.encoding)
    except InputError as exc:
        yield _read_error("-", str(exc))
        return
    if text.lstrip()[:1] in ("{", "["):
        # a record, or an array of them, written over several lines (what a .json file holds)
        try:
            records = json_records(text, "-")
        except JSONLError:
            pass  # not JSON after all: a text
        else:
            yield from _json_items(records, "-", opts.default)
            return
    yield _guarded("-", lambda: _text_or_html("-", text, opts.default))


def _text_or_html(doc_id: str, text: str, default: PartialDate | None) -> Document:
    if looks_like_html(text):
        return build_html_document(text, doc_id=doc_id, default_published=default, source_path=doc_id)
    return build_text_document(text, doc_id=doc_id, default_published=default, source_path=doc_id)


# --- files and directories ---------------------------------------------------------------------------------
def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _guarded(doc_id: str, build: Callable[[], Document], where: str | None = None) -> Item:
    """One document, or its error record so the others go on: a typed input error as it says,
    anything else (third-party parsers on hostile input) prefixed with ``where`` when given."""
    try:
        return build()
    except InputError as exc:
        return _read_error(doc_id, _one_line(exc), type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - third-party parsers on hostile input: report, go on
        return _read_error(doc_id, f"{where}: {_one_line(exc)}" if where else _one_line(exc), type(exc).__name__)


class _Options(NamedTuple):
    default: PartialDate | None
    max_bytes: int
    encoding: str | None


def _is_json_path(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in JSON_SUFFIXES


def _read_path(path: str, opts: _Options) -> Iterator[Item]:
    if os.path.splitext(path)[1].lower() in JSONL_SUFFIXES and not os.path.isdir(path):
        yield from _read_jsonl_file(path, opts)
    elif _is_json_path(path) and not os.path.isdir(path):
        yield from _read_json_file(path, opts)
    else:
        yield _guarded(
            path,
            lambda: read_document(path, default_published=opts.default, max_bytes=opts.max_bytes, encoding=opts.encoding),
        )


def _walk(directory: str, opts: _Options) -> Iterator[Item]:
    """Files under ``directory``, depth first, by name; hidden files and directories skipped."""
    for path in walk_files(directory):
        if isinstance(path, ErrorRecord):
            yield path
        else:
            yield from _read_path(path, opts)


def walk_files(directory: str) -> Iterator[str | ErrorRecord]:
    """The files :func:`read_inputs` reads under ``directory``, in its order (depth first, by name,
    hidden entries and symlinked directories skipped); an unreadable directory is an error record."""
    try:
        with os.scandir(directory) as scan:
            entries = sorted((e for e in scan if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        yield _read_error(directory, str(_os_error(exc)))
        return
    for entry in entries:
        path = os.path.join(directory, entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)  # no symlink loops
        except OSError:
            is_dir = False
        if is_dir:
            yield from walk_files(path)
        else:
            yield path


def read_inputs(
    paths: PathLike | Iterable[PathLike],
    *,
    published: DateLike = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
) -> Iterator[Item]:
    """Documents from files, directories, JSONL corpora and stdin, one at a time.

    - plain text files; HTML files (``.html``/``.htm`` or markup sniffed from the content);
    - JSONL corpora (``.jsonl``/``.ndjson``): one object per line with ``text`` and optional
      ``id``, ``url``, ``published``, ``title``;
    - JSON files (``.json``): one such object, or an array of them, each read as a JSONL line is
      (a record's fallback id is the path, ``path[i]`` for an array's item i, from 0);
    - directories: every file below, depth first, sorted by name, hidden entries skipped;
    - ``"-"``: stdin, read as JSONL when its lines are JSON objects (:func:`looks_like_jsonl`;
      then each bad line is an error record), as JSON when it is one JSON object or array, else
      as one text or HTML document.

    Nothing is loaded ahead: directories are walked and corpora read line by line as the
    iterator is consumed. A document's id is the record's ``id``, else its ``url``, else the path
    as given (``path:lineno`` for JSONL records).

    Text is UTF-8 (with or without a byte-order mark), UTF-16 or UTF-32 (with a byte-order mark,
    or detected without one by charset-normalizer), or what ``encoding`` says.

    Args:
        paths: Paths (or one path).
        published: Publication date for documents that carry none of their own: no JSONL
            ``published``, no ``# published:`` header, no HTML date and no dateline in the text.
        max_bytes: The largest document (a file, stdin, or one JSONL line); bigger ones are
            reported without being read (default :data:`DEFAULT_MAX_BYTES`, 20 MB).
        encoding: Decode every input with this codec (e.g. ``"cp1252"``) instead of detecting.

    Yields:
        A :class:`Document`, or an :class:`ErrorRecord` (``doc``, one-line ``error``, ``kind`` =
        the exception class, ``stage="read"``) for input that cannot be read. Nothing raises for
        one bad input.

    Raises:
        InputError: ``published`` is not a date, ``max_bytes`` is not positive or ``encoding`` is
            unknown (checked at once, before anything is read).

    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "a.txt"), "w") as f:
    ...     _ = f.write("UN peacekeepers from Ghana arrived in Lebanon on Monday, officials said.")
    >>> open(os.path.join(folder, "b.txt"), "wb").close()
    >>> [(type(r).__name__, os.path.basename(getattr(r, "id", None) or r.doc)) for r in read_inputs([folder])]
    [('Document', 'a.txt'), ('ErrorRecord', 'b.txt')]
    """
    default = coerce_published(published)
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise InputError(f"max_bytes must be a positive number of bytes, not {max_bytes!r}")
    if encoding is not None:
        check_encoding(encoding)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return _iter_inputs(paths, _Options(default, max_bytes, encoding))


def _iter_inputs(paths: Iterable[PathLike], opts: _Options) -> Iterator[Item]:
    for raw in paths:
        path = os.fspath(raw)
        if path == "-":
            yield from _read_stdin(opts)
        elif os.path.isdir(path):
            yield from _walk(path, opts)
        else:
            yield from _read_path(path, opts)
