"""Validation pipeline: an article missing a required field, or with garbled text, never reaches
the feed."""

from __future__ import annotations

import logging
import re
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


def garbled(text: str) -> str | None:
    """Why ``text`` is mojibake (undecodable bytes, or text decoded with the wrong charset), else
    None: a word that, written in a single-byte codec, is UTF-8 of non-ASCII plausible text."""
    if "\ufffd" in text:
        return "U+FFFD replacement character"
    if text.isascii():
        return None
    if match := CYRILLIC_AS_LATIN1.search(text):
        return f"windows-1251 read as Latin-1: {match[0][:40]!r}"
    words = [word for word in text.split() if not word.isascii()]
    for codec in MOJIBAKE_CODECS:
        for word in words:
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
