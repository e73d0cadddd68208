"""A record's passage shown in its source text, with the passage ``<mark>``ed.

Pure string work plus ``format_html``: every character of the source is escaped.
"""

from __future__ import annotations

from django.db.models import F, Value
from django.db.models.functions import Greatest, Substr
from django.utils.html import format_html

from reports.models import Source

RADIUS = 200  # characters of context either side, at most


def context_window(text: str, start: int, end: int, radius: int = RADIUS) -> tuple[str, str, str, bool, bool]:
    """Split the line(s) around ``text[start:end]`` into (before, passage, after, cut_before, cut_after).

    The context is the enclosing line, clipped to ``radius`` characters either side;
    the cut flags say whether the line went on beyond the clip.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    lo, hi = max(line_start, start - radius), min(line_end, end + radius)
    return text[lo:start], text[start:end], text[end:hi], lo > line_start, hi < line_end


def evidence_html(text: str, start: int, end: int, radius: int = RADIUS):
    """The passage ``text[start:end]`` in its line, marked, as safe HTML."""
    before, passage, after, cut_before, cut_after = context_window(text, start, end, radius)
    return format_html(
        '<div class="rdapi-evidence">{}{}<mark>{}</mark>{}{}</div>',
        "…" if cut_before else "",
        before,
        passage,
        after,
        "…" if cut_after else "",
    )


def evidence_for(span) -> str:
    """``evidence_html`` for a record with ``source_id``/``char_start``/``char_end``, reading only a window of the text.

    One query cuts ``RADIUS + 1`` characters either side out of the source in SQL: the one extra
    character tells ``context_window`` whether the line goes on past the clip.
    """
    lo = max(0, span.char_start - RADIUS - 1)
    hi = span.char_end + RADIUS + 1
    window = (
        Source.objects.filter(pk=span.source_id)
        .annotate(window=Substr("text", lo + 1, hi - lo))
        .values_list("window", flat=True)
        .get()
    )
    return evidence_html(window, span.char_start - lo, span.char_end - lo)


def passage_html(passage: str, number_text: str = ""):
    """A short passage with its number marked (``召开常委会会议<mark>6</mark>次``), as safe HTML."""
    at = passage.find(number_text) if number_text else -1
    if at == -1:
        return format_html("<mark>{}</mark>", passage)
    end = at + len(number_text)
    return format_html("{}<mark>{}</mark>{}", passage[:at], passage[at:end], passage[end:])


def passage_expression():
    """SQL for ``source.text[char_start:char_end]``: annotate lists with it instead of loading whole texts."""
    length = Greatest(F("char_end") - F("char_start"), Value(0))
    return Substr("source__text", F("char_start") + 1, length)
