"""Validation pipeline: an article missing a required field, or with garbled text, never reaches
the feed."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

from scrapy import Spider
from scrapy.exceptions import DropItem

from ukrinform_crawler.items import Article
from ukrinform_crawler.pipelines.base import DROP_STAT, ArticlePipeline

logger = logging.getLogger(__name__)

DEFAULT_REQUIRED_FIELDS = ("id", "url", "title", "body", "published_at")
TEXT_FIELDS = ("title", "lead", "label", "body")

MOJIBAKE_CODECS = ("cp1251", "cp1252", "latin-1")
"""Single-byte codecs that UTF-8 text is misread in: re-encoded, a misread word is UTF-8 again."""
CYRILLIC_AS_LATIN1 = re.compile("[\u00c0-\u00ff\u00a5\u00aa\u00af\u00b2-\u00b4\u00ba\u00bf]{4,}")
"""A run of the letters that windows-1251 Cyrillic becomes when read as Latin-1."""
_PLAUSIBLE_RANGES = ((0x80, 0x24F), (0x400, 0x52F), (0x2000, 0x206F), (0x2116, 0x2116))
_PLAUSIBLE_NON_ASCII = "".join(f"{chr(first)}-{chr(last)}" for first, last in _PLAUSIBLE_RANGES)
PLAUSIBLE_TEXT = re.compile(f"[\\x00-\\x7f{_PLAUSIBLE_NON_ASCII}]*")
"""Text of Latin, Cyrillic, general punctuation and the numero sign only: what a misread word
becomes again when it really was UTF-8."""


_PLAUSIBLE_UTF8 = [
    chr(point).encode("utf-8")
    for first, last in _PLAUSIBLE_RANGES
    for point in range(first, last + 1)
]
_LEADS = bytes(sorted({char[0] for char in _PLAUSIBLE_UTF8 if len(char) == 2}))
_PREFIXES = sorted({char[:2] for char in _PLAUSIBLE_UTF8 if len(char) == 3})
UTF8_SHAPE = re.compile(
    b"["
    + re.escape(_LEADS)
    + rb"][\x80-\xbf]|(?:"
    + b"|".join(re.escape(prefix) for prefix in _PREFIXES)
    + rb")[\x80-\xbf]"
)
"""Bytes that may spell a plausible non-ASCII character in UTF-8 (a misread word holds one)."""
LEAD_BYTES = re.compile(
    b"[" + re.escape(bytes(sorted({char[0] for char in _PLAUSIBLE_UTF8}))) + b"]"
)
"""The first bytes of those characters; all of them are Latin-1 letters (Â–É, Ð–Ô, â)."""
CYRILLIC_AS_LATIN1_BYTES = re.compile(CYRILLIC_AS_LATIN1.pattern.encode("latin-1"))


def words_at(text: str, positions: Iterable[int]) -> Iterator[str]:
    """The words of a normalised ``text`` (between spaces and line ends) that hold any of the
    ascending ``positions``, once each."""
    end = -1
    for position in positions:
        if position < end:
            continue
        start = max(text.rfind(" ", 0, position), text.rfind("\n", 0, position)) + 1
        ends = [
            found for found in (text.find(" ", position), text.find("\n", position)) if found >= 0
        ]
        end = min(ends, default=len(text))
        yield text[start:end]


def garbled(text: str) -> str | None:
    """Why a normalised ``text`` is mojibake (undecodable bytes, or text decoded with the wrong
    charset), else None: a word that, written in a single-byte codec, is UTF-8 of non-ASCII
    plausible text.

    Only the words whose bytes in the codec have the shape of a UTF-8 character are tried (a
    single-byte codec keeps character positions, so a byte's index is its character's)."""
    if "\ufffd" in text:
        return "U+FFFD replacement character"
    if text.isascii():
        return None
    # The Latin-1 letters of the text, in order: a fast C-level pass that rules out most texts.
    latin1 = text.encode("latin-1", "ignore")
    if CYRILLIC_AS_LATIN1_BYTES.search(latin1) and (match := CYRILLIC_AS_LATIN1.search(text)):
        return f"windows-1251 read as Latin-1: {match[0][:40]!r}"
    for codec in MOJIBAKE_CODECS:
        if codec != "cp1251" and not LEAD_BYTES.search(latin1):
            continue  # cp1252 and Latin-1 write every lead byte as a Latin-1 letter
        shapes = (shape.start() for shape in UTF8_SHAPE.finditer(text.encode(codec, "replace")))
        for word in words_at(text, shapes):
            try:
                fixed = word.encode(codec).decode("utf-8")
            except UnicodeError:
                continue
            if not fixed.isascii() and PLAUSIBLE_TEXT.fullmatch(fixed):
                return f"UTF-8 read as {codec}: {word[:40]!r}"
    return None


class RequiredFieldsPipeline(ArticlePipeline):
    """Drops articles lacking any field of ``UKRINFORM_REQUIRED_FIELDS`` (stat per field), and
    articles whose title, lead, label or body is mojibake (stat ``ukrinform/dropped/mojibake``)."""

    def required(self) -> list[str]:
        return self.settings.getlist("UKRINFORM_REQUIRED_FIELDS", list(DEFAULT_REQUIRED_FIELDS))

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, Article):
            self.check_required(item)
            self.check_text(item)
        return item

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
