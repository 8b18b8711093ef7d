"""Bytes to text: encoding detection, and telling binary files from text.

Order of trust: a byte-order mark (UTF-8, UTF-16, UTF-32) says the encoding outright; then
UTF-8, which almost never decodes legacy text by accident; then charset_normalizer's guess;
then cp1252, the usual legacy encoding of English news text, with undecodable bytes replaced.
Binary content (NUL bytes without a UTF-16/32 mark, known file signatures, mostly control
bytes) is refused with a reason instead of being decoded into garbage.
"""

from __future__ import annotations

import codecs
import io
import logging
from typing import IO

from newsprism.errors import InputError

log = logging.getLogger(__name__)

SNIFF_BYTES = 8192
"""How much of a file is looked at to decide its kind and encoding."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# File signatures of formats people point newsprism at by mistake.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x7fELF", "an executable program"),
    (b"SQLite format 3", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
)

# Share of control bytes (other than tab, CR, LF, FF, ESC) above which content is binary.
# Text in any 8-bit encoding has almost none; compressed or image data has about 1 in 8.
_MAX_CONTROL_SHARE = 0.05
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0c\x1b")


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark at the start of `head` names, or None."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def binary_reason(head: bytes) -> str | None:
    """Why `head` (the first bytes of a file) is binary rather than text, or None if text."""
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            return f"binary file: this is {what}, not text"
    if head.startswith(b"\x1f\x8b"):
        return "binary file: gzip data (name it .gz so it is decompressed)"
    if bom_encoding(head) in ("utf-16", "utf-32"):
        return None
    if b"\x00" in head:
        return "binary file: it contains NUL bytes, so it is not text"
    sample = head[:SNIFF_BYTES]
    if sample:
        controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        if controls / len(sample) > _MAX_CONTROL_SHARE:
            return "binary file: mostly control bytes, not text"
    return None


def decode_bytes(data: bytes, where: str) -> str:
    """`data` as text, or InputError naming `where` if it is binary or cannot be decoded."""
    reason = binary_reason(data[:SNIFF_BYTES])
    if reason is not None:
        raise InputError(where, reason)
    encoding = bom_encoding(data)
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                where, f"wrong encoding: it starts with a {encoding} mark but {exc.reason}"
            ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    guessed = _guess(data)
    if guessed is not None:
        return guessed
    log.debug("%s: no encoding detected; decoding as cp1252", where)
    return data.decode("cp1252", errors="replace")


def decode_line(line: bytes) -> str:
    """One line of a streamed record file: UTF-8, else cp1252 (never fails)."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def _guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * SNIFF_BYTES]).best()
    if best is None or best.encoding is None:
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def prefixed(prefix: bytes, stream: IO[bytes]) -> io.BufferedReader:
    """`stream` with `prefix` (bytes already read from it to sniff its kind) put back in front."""
    return io.BufferedReader(_PrefixedRaw(prefix, stream))


class _PrefixedRaw(io.RawIOBase):
    def __init__(self, prefix: bytes, stream: IO[bytes]) -> None:
        self._prefix = prefix
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        if self._prefix:
            count = min(len(buffer), len(self._prefix))
            buffer[:count] = self._prefix[:count]
            self._prefix = self._prefix[count:]
            return count
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
