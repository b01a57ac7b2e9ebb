"""Bytes into text: UTF-8, UTF-16/32 with a byte-order mark or detected without one, or the
encoding the caller names; binary data refused with the reason.

charset-normalizer is asked only when the bytes hold NULs (UTF-8 text never does) and only
about UTF-16 and UTF-32: guessing among 8-bit code pages would turn binary data or a
mislabelled page into confident nonsense, so bytes that are not UTF-8 get an error naming the
offset and the way out (``--encoding``).
"""

from __future__ import annotations

import codecs
import re

from peacefacts.errors import InputError

__all__ = ["decode_bytes", "check_encoding", "wide_encoding", "bom_encoding", "SNIFF_BYTES"]

# bytes that never occur in text (tab, newlines, form feed and escape are allowed)
_CONTROL = frozenset(range(0x00, 0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B} | {0x7F}
_CONTROL_RATIO = 0.10
#: How much of the start of the data is looked at to sniff its kind and encoding.
SNIFF_BYTES = 65536
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


# --- bytes -> str -------------------------------------------------------------------------------------
def bom_encoding(data: bytes) -> tuple[str, int]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return "", 0


def check_encoding(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding: {encoding!r}") from None


def wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, as charset-normalizer detects it, or ``None``.

    Only asked when the bytes hold NULs (text in UTF-8 never does), and only these encodings are
    accepted: a guess among 8-bit code pages would turn binary data into nonsense text.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data[:SNIFF_BYTES], cp_isolation=list(_WIDE_ENCODINGS)).best()
    if best is None:
        return None
    sample = str(best)
    # text has spaces or line breaks; bytes that merely decode (binary as CJK) have none
    if sum(c.isspace() for c in sample) < max(1, len(sample) // 200):
        return None
    return best.encoding


_WIDE_ENCODINGS = ("utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")


def _decode_with(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid {encoding.upper().replace('_', '-')}: bad bytes at offset {exc.start}"
        ) from None
    return text.lstrip("\ufeff")


def decode_bytes(data: bytes, *, html: bool = False, encoding: str | None = None) -> str:
    """Decode a document: UTF-8 (BOM allowed), UTF-16/32 with a BOM or detected without one
    (charset-normalizer), or the ``encoding`` given; refuse binary data.

    Args:
        data: The raw bytes.
        html: Allow the ``<meta charset>`` an HTML page declares when it is not UTF-8.
        encoding: Decode with this codec (any name Python knows, e.g. ``"cp1252"``) instead of
            detecting; a byte-order mark is still skipped.

    Raises:
        InputError: empty, binary (NUL bytes or too many control characters), not decodable
            (the message names the byte offset), or an unknown ``encoding``.

    >>> decode_bytes("Café".encode("utf-16")), decode_bytes("Café au lait".encode("utf-16-le"))
    ('Café', 'Café au lait')
    >>> decode_bytes(b"ok \\xe9t\\xe9", encoding="latin-1")
    'ok été'
    >>> decode_bytes(b"ok \\xff")
    Traceback (most recent call last):
    ...
    peacefacts.errors.InputError: not valid UTF-8: byte 0xFF at offset 3 (give its encoding, e.g. --encoding cp1252)
    """
    if not data:
        raise InputError("empty file")
    if encoding is not None:
        text = _decode_with(data, check_encoding(encoding))
        return _checked_text(text)
    encoding, skip = bom_encoding(data)
    if not encoding and b"\x00" in data[:SNIFF_BYTES]:
        encoding = wide_encoding(data) or ""  # UTF-16 saved without a byte-order mark
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
        sample = data[skip : skip + SNIFF_BYTES]
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
            raise InputError(
                f"not valid UTF-8: byte 0x{bad:02X} at offset {skip + exc.start} {_ENCODING_HINT}"
            ) from None
    return _checked_text(text)


_ENCODING_HINT = "(give its encoding, e.g. --encoding cp1252)"


def _checked_text(text: str) -> str:
    if "\x00" in text:
        raise InputError("binary file (NUL character)")
    if not text.strip():
        raise InputError("empty file (only whitespace)")
    return text
