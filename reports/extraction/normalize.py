"""Text repair kept beside the raw text, with a map back to raw offsets."""

from __future__ import annotations

# ASCII punctuation that Chinese texts from PDFs and web pages use in place of
# the full-width forms. Same length both ways, so offsets are unchanged.
_WIDTH_TABLE = str.maketrans(
    {
        ",": "，",
        ";": "；",
        ":": "：",
        "(": "（",
        ")": "）",
        "?": "？",
        "!": "！",
    }
)


def fold_width(text: str) -> str:
    """Return ``text`` with ASCII , ; : ( ) ? ! as their full-width forms.

    One code point in, one out: an offset into the result is an offset into
    ``text``. Full stops are left alone because ``.`` is also a decimal point
    and the item marker in ``1.``.
    """
    return text.translate(_WIDTH_TABLE)
