"""Bytes to text: UTF-8 (with or without BOM) or GB18030, nothing else.

No newline translation and no other normalisation happens here: the decoded
string is the *raw text* that every offset in rdapi points into.
"""

from __future__ import annotations

import codecs
import re

from .errors import ExtractionError

# Control characters other than tab/newline/carriage return/form feed are a
# sign of a binary file (or a text in an encoding we do not read). A regex
# finds them without a Python loop over every character.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_MAX_CONTROL_SHARE = 0.001


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` for ``data`` or raise ExtractionError with the reason."""
    if not data.strip():
        raise ExtractionError("empty file")
    if b"\x00" in data:
        raise ExtractionError("not a text file (contains NUL bytes)", data.index(b"\x00"))
    text, encoding = _decode_bytes(data)
    _reject_binary_looking(text)
    return text, encoding


def _decode_bytes(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            # GB18030 is a superset of GBK and GB2312: one codec reads all three.
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise ExtractionError(
                f"undecodable: neither UTF-8 nor GB18030 (first invalid UTF-8 byte at byte offset {utf8_error.start})"
            ) from None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ExtractionError(f"undecodable {encoding}: invalid byte at byte offset {error.start}") from None


def _reject_binary_looking(text: str) -> None:
    controls = [m.start() for m in _CONTROL.finditer(text)]
    if controls and len(controls) > max(1, len(text) * _MAX_CONTROL_SHARE):
        raise ExtractionError("not a text file (control characters)", controls[0])
