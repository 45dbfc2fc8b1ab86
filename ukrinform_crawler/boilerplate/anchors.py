"""Language-free anchors of the footer boilerplate: what its text holds in every edition.

The notice, the media identifier and the copyright line carry the same codes whatever their
wording: the site's domain, the advertising-law numbers 270/96 and 2849, the media code
``R40-01421``, ``© YYYY``. Each function gives the spans of a text that are footer boilerplate
in the form the footer writes them, so that wording no catalogue holds cannot leak; a sentence
of an article that merely names Ukrinform, its site or a law is not one of them.
"""

from __future__ import annotations

import re

from ukrinform_crawler.boilerplate.catalogue import DASHES, MEDIA_ID

Span = tuple[int, int]

DOMAIN = re.compile(r"ukrinform\s*\.\s*(?:net|ua|de|es|fr|pl|jp|org|ru|com)\b", re.IGNORECASE)
"""The site's own domain written as text."""
_STOP = re.compile(r"[.!?。]")
_LAW = re.compile(r"270\s*/\s*96")
_MEDIA_CODE = re.compile(rf"[{DASHES}:：]\s*{MEDIA_ID}\s*[.。]?")
_COPYRIGHT = re.compile(
    rf"(?:©|\(c\))\s*(?:\d{{4}}\s*[{DASHES}]\s*)?\d{{4}},?\s*[^\s.,;:]+(?:\s+[^\s.,;:]+){{0,3}}"
    r"\s*(?:[.。]\s*(?:[^.。]{1,80}[.。]?)?)?$",
    re.IGNORECASE,
)
"""``© YYYY[-YYYY] <publisher of up to four words>.`` and at most one short sentence, closing
the text."""

MAX_DISCLAIMER = 900
"""The longest disclaimer tail removed by its anchor (the Japanese one is about 200 letters)."""
MAX_MEDIA_SENTENCE = 160
MAX_COPYRIGHT = 120


def sentence_starts(text: str) -> list[int]:
    """Where the sentences of ``text`` start: 0, and after a full stop that is followed by
    whitespace and a letter neither lower-case nor a digit ("Nr. 270", "1996 r. oraz" go on),
    or after an ideographic full stop."""
    starts = [0]
    for match in _STOP.finditer(text):
        end = match.end()
        while end < len(text) and text[end].isspace():
            end += 1
        if end < len(text) and (
            match[0] == "。" or not (text[end].islower() or text[end].isdigit())
        ):
            starts.append(end)
    return starts


def sentences(text: str) -> list[Span]:
    """The sentences of ``text`` as spans (``sentence_starts``)."""
    starts = sentence_starts(text)
    return list(zip(starts, [*starts[1:], len(text)], strict=True))


def citation_spans(text: str) -> list[Span]:
    """The sentences that name the site's domain, when the text names it twice or more (the
    notice does in every edition; an article's sentence about the site hardly ever)."""
    if len(DOMAIN.findall(text)) < 2:
        return []
    return [(start, end) for start, end in sentences(text) if DOMAIN.search(text, start, end)]


def disclaimer_spans(text: str) -> list[Span]:
    """The advertising-law disclaimer: from the start of the sentence holding 270/96 to the end
    of the text, when 2849 follows (the disclaimer closes the notice paragraph)."""
    law = _LAW.search(text)
    if law is None or "2849" not in text[law.end() :]:
        return []
    start = max(s for s in sentence_starts(text) if s <= law.start())
    return [(start, len(text))] if len(text) - start <= MAX_DISCLAIMER else []


def media_identifier_spans(text: str) -> list[Span]:
    """The sentence that ends with " - R40-01421" (any dash, Latin or Cyrillic R)."""
    if not _MEDIA_CODE.search(text):
        return []
    spans = []
    for start, end in sentences(text):
        code = _MEDIA_CODE.search(text, start, end)
        if code and not text[code.end() : end].strip() and end - start <= MAX_MEDIA_SENTENCE:
            spans.append((start, end))
    return spans


def copyright_spans(text: str) -> list[Span]:
    """A closing "© YYYY[-YYYY] <publisher>. <rights>." that starts the text or follows a full
    stop."""
    for match in _COPYRIGHT.finditer(text):
        before = text[: match.start()].rstrip()
        if (not before or before[-1] in ".!?。") and len(text) - match.start() <= MAX_COPYRIGHT:
            return [(match.start(), len(text))]
    return []
