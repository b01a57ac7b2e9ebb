"""Ingest: from bytes on disk (or stdin) to :class:`~peacefacts.records.Document` objects.

Text, HTML (trafilatura for the article, htmldate for the date; nothing is ever fetched) and JSONL
corpora are read lazily; each page is split into dated article blocks with sidebars and
boilerplate left out (:mod:`peacefacts.ingest.blocks`). Bad input becomes an
:class:`~peacefacts.records.ErrorRecord` in :func:`read_inputs` and a typed exception
(:class:`~peacefacts.errors.InputError`, :class:`~peacefacts.errors.JSONLError`) in the lower-level
readers.
"""

from peacefacts.errors import InputError, JSONLError
from peacefacts.ingest.blocks import is_peacekeeping, split_blocks
from peacefacts.ingest.datelines import find_datelines, parse_date
from peacefacts.ingest.documents import document_from_html, document_from_text
from peacefacts.ingest.read import (
    DEFAULT_MAX_BYTES,
    decode_bytes,
    parse_jsonl_record,
    read_document,
    read_inputs,
    read_text_file,
)

__all__ = [
    "read_inputs",
    "document_from_text",
    "document_from_html",
    "read_document",
    "read_text_file",
    "decode_bytes",
    "parse_jsonl_record",
    "split_blocks",
    "is_peacekeeping",
    "find_datelines",
    "parse_date",
    "DEFAULT_MAX_BYTES",
    "InputError",
    "JSONLError",
]
