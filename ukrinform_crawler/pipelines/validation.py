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


_PLAUSIBLE_NON_ASCII = r"\u0080-\u024f\u0400-\u052f\u2000-\u206f\u2116"
_PLAUSIBLE_WORD_CHAR = rf"[\x00-\x1f\x21-\x7f{_PLAUSIBLE_NON_ASCII}]"
PLAUSIBLE_FOREIGN_CHAR = re.compile(f"[{_PLAUSIBLE_NON_ASCII}]")
PLAUSIBLE_WORD = re.compile(f"{_PLAUSIBLE_WORD_CHAR}+")
"""A word made of ``plausible`` characters only."""


def utf8_shaped_words(text: str, codec: str) -> Iterator[str]:
    """The words of ``text`` whose bytes in ``codec`` are valid UTF-8 for plausible text with a
    non-ASCII character: the only ones that can be UTF-8 misread as ``codec``.

    Encoding writes one byte per character (``?`` where the codec has none) and a space is
    never part of a multi-byte sequence, so the words of the bytes decoded as UTF-8 line up
    with the words of the text. Ordinary Cyrillic text in windows-1251 rarely forms a valid
    multi-byte sequence, and almost never one for a plausible character, so the common case
    is two C-level passes and one short search, with no word loop.
    """
    valid = text.encode(codec, errors="replace").decode("utf-8", errors="ignore")
    if valid.isascii() or not PLAUSIBLE_FOREIGN_CHAR.search(valid):
        return
    words = " ".join(text.split())
    decoded = words.encode(codec, errors="replace").decode("utf-8", errors="replace")
    split: list[str] = []
    word_end = 0
    for match in PLAUSIBLE_FOREIGN_CHAR.finditer(decoded):
        if match.start() < word_end:
            continue  # in the word just looked at
        word_start = decoded.rfind(" ", 0, match.start()) + 1
        word_end = decoded.find(" ", match.end())
        word_end = len(decoded) if word_end < 0 else word_end
        if PLAUSIBLE_WORD.fullmatch(decoded, word_start, word_end):
            split = split or words.split(" ")
            yield split[decoded.count(" ", 0, word_start)]


def plausible(char: str) -> bool:
    code = ord(char)
    return code < 0x250 or 0x400 <= code < 0x530 or 0x2000 <= code < 0x2070 or code == 0x2116


def garbled(text: str) -> str | None:
    """Why ``text`` is mojibake (undecodable bytes, or text decoded with the wrong charset), else
    None."""
    if "\ufffd" in text:
        return "U+FFFD replacement character"
    if text.isascii():
        return None
    # Only a text with Latin-1 letters can hold a run of them (one C-level pass).
    latin1 = not text.encode("latin-1", errors="ignore").isascii()
    if latin1 and (match := CYRILLIC_AS_LATIN1.search(text)):
        return f"windows-1251 read as Latin-1: {match[0][:40]!r}"
    for codec in MOJIBAKE_CODECS:
        for word in utf8_shaped_words(text, codec):
            try:
                fixed = word.encode(codec).decode("utf-8")
            except UnicodeError:
                continue
            if all(map(plausible, fixed)):
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
