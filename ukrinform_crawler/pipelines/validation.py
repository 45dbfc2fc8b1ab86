"""Validation pipeline: an article missing a required field, or with garbled text, never reaches
the feed."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from scrapy.exceptions import DropItem

from ukrinform_crawler.items import Article
from ukrinform_crawler.pipelines.base import DROP_STAT, ArticlePipeline

logger = logging.getLogger(__name__)

DEFAULT_REQUIRED_FIELDS = ("id", "url", "title", "body", "published_at")
TEXT_FIELDS = ("title", "lead", "label", "body")

# UTF-8 text decoded as windows-1251/1252 or Latin-1 turns back into clean text when re-encoded;
# real words almost never do. Windows-1251 bytes read as Latin-1 give runs of accented letters.
MOJIBAKE_CODECS = ("cp1251", "cp1252", "latin-1")
CYRILLIC_AS_LATIN1 = re.compile("[\u00c0-\u00ff\u00a5\u00aa\u00af\u00b2-\u00b4\u00ba\u00bf]{4,}")
"""A run of the letters that windows-1251 Cyrillic becomes when read as Latin-1."""


_PLAUSIBLE_RANGES = ((0x80, 0x24F), (0x400, 0x52F), (0x2000, 0x206F), (0x2116, 0x2116))
"""The non-ASCII characters a misread word may hold when it really was UTF-8 (first, last)."""
_PLAUSIBLE_NON_ASCII = "".join(f"{chr(first)}-{chr(last)}" for first, last in _PLAUSIBLE_RANGES)
PLAUSIBLE_TEXT = re.compile(f"[\\x00-\\x7f{_PLAUSIBLE_NON_ASCII}]*")
"""Text of Latin, Cyrillic, general punctuation and the numero sign only: what a misread word
becomes again when it really was UTF-8."""
_SPACE = re.compile(r"\s")


def _byte_table(classes: dict[bytes, range | tuple[int, ...]]) -> bytes:
    """A ``bytes.translate`` table: each byte of a class to the class letter, every other one
    to ``b"."``."""
    table = bytearray(b"." * 256)
    for letter, members in classes.items():
        for byte in members:
            table[byte] = letter[0]
    return bytes(table)


_PLAUSIBLE_UTF8 = [
    chr(point).encode("utf-8")
    for first, last in _PLAUSIBLE_RANGES
    for point in range(first, last + 1)
]
_PLAUSIBLE_LEAD_BYTES = bytes(sorted({char[0] for char in _PLAUSIBLE_UTF8}))
UTF8_SHAPE = _byte_table(
    {
        b"L": tuple(char[0] for char in _PLAUSIBLE_UTF8 if len(char) == 2),
        b"M": tuple(char[0] for char in _PLAUSIBLE_UTF8 if len(char) == 3),
        b"C": range(0x80, 0xC0),
    }
)
"""Bytes of a single-byte codec's text to ``L`` or ``M`` (the first byte of a plausible
non-ASCII character of two or three bytes in UTF-8), ``C`` (a UTF-8 continuation byte) or
``.``."""
UTF8_SHAPED = (b"LC", b"MCC")
"""In a ``UTF8_SHAPE``: where a plausible character may be spelled in UTF-8."""
CYRILLIC_AS_LATIN1_SHAPE = _byte_table(
    {b"X": tuple(byte for byte in range(256) if CYRILLIC_AS_LATIN1.match(chr(byte) * 4))}
)
"""Latin-1 bytes of a text to ``X`` for a character of ``CYRILLIC_AS_LATIN1``, else ``.``."""
LATIN1_LEAD_CODECS = frozenset(
    codec
    for codec in MOJIBAKE_CODECS
    if _PLAUSIBLE_LEAD_BYTES.decode(codec, errors="replace")
    == _PLAUSIBLE_LEAD_BYTES.decode("latin-1")
)
"""Codecs that read the first bytes of plausible UTF-8 characters as Latin-1 letters (Â–É,
Ð–Ô, â): a text without those letters holds no UTF-8 misread in them."""


def _find_all(data: bytes, part: bytes) -> Iterator[int]:
    """Every index of ``part`` in ``data``, in order (``bytes.find``: a C-level scan)."""
    index = data.find(part)
    while index >= 0:
        yield index
        index = data.find(part, index + 1)


def utf8_shaped_words(text: str, codec: str) -> Iterator[str]:
    """The words of ``text`` (in page order) that may be UTF-8 misread as ``codec``: every word
    whose bytes in ``codec`` hold the first byte of a plausible non-ASCII UTF-8 character and
    the continuation bytes it needs after it.

    The codec writes one byte per character (``?`` for a character it lacks), so a byte's
    index is its character's; the bytes are classed and searched in C (``UTF8_SHAPE``,
    ``UTF8_SHAPED``), and each hit is widened to its word, between two whitespace characters.
    """
    shape = text.encode(codec, errors="replace").translate(UTF8_SHAPE)
    end = 0
    for found in sorted(index for shaped in UTF8_SHAPED for index in _find_all(shape, shaped)):
        if found < end:  # in the word just yielded
            continue
        start = found
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        space = _SPACE.search(text, found)
        end = space.start() if space else len(text)
        yield text[start:end]


def garbled(text: str) -> str | None:
    """Why ``text`` is mojibake (undecodable bytes, or text decoded with the wrong charset), else
    None."""
    if "\ufffd" in text:
        return "U+FFFD replacement character"
    if text.isascii():
        return None
    # The text's Latin-1 characters in page order (one fast C-level pass): a run of Latin-1
    # letters in the text is a run here too, and so is a UTF-8 lead byte of a Latin-1 codec.
    latin1 = text.encode("latin-1", errors="ignore")
    if b"XXXX" in latin1.translate(CYRILLIC_AS_LATIN1_SHAPE) and (
        match := CYRILLIC_AS_LATIN1.search(text)
    ):
        return f"windows-1251 read as Latin-1: {match[0][:40]!r}"
    latin1_shape = latin1.translate(UTF8_SHAPE)
    latin1_leads = b"L" in latin1_shape or b"M" in latin1_shape
    for codec in MOJIBAKE_CODECS:
        # Without a letter that the codec writes as the first byte of a UTF-8 character, nothing
        # can be misread UTF-8 (Cyrillic text in windows-1252 or Latin-1).
        if codec in LATIN1_LEAD_CODECS and not latin1_leads:
            continue
        for word in utf8_shaped_words(text, codec):
            try:
                fixed = word.encode(codec).decode("utf-8")
            except UnicodeError:
                continue
            if PLAUSIBLE_TEXT.fullmatch(fixed):
                return f"UTF-8 read as {codec}: {word[:40]!r}"
    return None


class RequiredFieldsPipeline(ArticlePipeline):
    """Drops articles lacking any field of ``UKRINFORM_REQUIRED_FIELDS`` (stat per field), and
    articles whose title, lead, label or body is mojibake (stat ``ukrinform/dropped/mojibake``)."""

    def required(self) -> list[str]:
        return self.settings.getlist("UKRINFORM_REQUIRED_FIELDS", list(DEFAULT_REQUIRED_FIELDS))

    def clean(self, item: Article) -> None:
        self.check_required(item)
        self.check_text(item)

    def check_text(self, item: Article) -> None:
        for name in TEXT_FIELDS:
            value = getattr(item, name, None)
            if isinstance(value, str) and (why := garbled(value)):
                if self.stats is not None:
                    self.stats.inc_value(DROP_STAT.format(reason="mojibake"))
                reason = f"mojibake in {name} ({why}): {item.url}"
                logger.warning("dropping article: %s", reason)
                raise DropItem(reason)

    def check_required(self, item: Article) -> None:
        missing = [name for name in self.required() if not getattr(item, name, None)]
        if not missing:
            return
        for name in missing:
            if self.stats is not None:
                self.stats.inc_value(DROP_STAT.format(reason=f"missing_{name}"))
        reason = f"missing {', '.join(missing)}: {item.url}"
        logger.debug("dropping article: %s", reason)
        raise DropItem(reason)
