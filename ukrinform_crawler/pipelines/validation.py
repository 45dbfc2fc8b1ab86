"""Validation pipeline: an article missing a required field, or with garbled text, never reaches
the feed."""

from __future__ import annotations

import logging
import re

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


def _lead_then_continuation(codec: str) -> str:
    """A character the codec writes as a UTF-8 lead byte, then one it writes as a continuation."""
    lead = bytes(range(0xC2, 0xF5)).decode(codec, errors="ignore")
    continuation = bytes(range(0x80, 0xC0)).decode(codec, errors="ignore")
    return f"[{re.escape(lead)}][{re.escape(continuation)}]"


MOJIBAKE_HINT = re.compile("|".join(_lead_then_continuation(codec) for codec in MOJIBAKE_CODECS))
"""Text re-encoded in a single-byte codec is valid non-ASCII UTF-8 only where a lead byte is
followed by a continuation byte: tokens without such a pair need no decoding attempt."""


def plausible(char: str) -> bool:
    code = ord(char)
    return code < 0x250 or 0x400 <= code < 0x530 or 0x2000 <= code < 0x2070 or code == 0x2116


def garbled(text: str) -> str | None:
    """Why ``text`` is mojibake (undecodable bytes, or text decoded with the wrong charset), else
    None."""
    if "\ufffd" in text:
        return "U+FFFD replacement character"
    if match := CYRILLIC_AS_LATIN1.search(text):
        return f"windows-1251 read as Latin-1: {match[0][:40]!r}"
    if not MOJIBAKE_HINT.search(text):
        return None
    for token in text.split():
        if not MOJIBAKE_HINT.search(token):
            continue
        for codec in MOJIBAKE_CODECS:
            try:
                fixed = token.encode(codec).decode("utf-8")
            except UnicodeError:
                continue
            if fixed != token and not fixed.isascii() and all(map(plausible, fixed)):
                return f"UTF-8 read as {codec}: {token[:40]!r}"
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
