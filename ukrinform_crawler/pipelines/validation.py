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


_PLAUSIBLE_NON_ASCII = "\u0080-\u024f\u0400-\u052f\u2000-\u206f\u2116"
PLAUSIBLE_TEXT = re.compile(f"[\\x00-\\x7f{_PLAUSIBLE_NON_ASCII}]*")
"""Text of Latin, Cyrillic, general punctuation and the numero sign only: what a misread word
becomes again when it really was UTF-8."""
PLAUSIBLE_FOREIGN_CHAR = re.compile(f"[{_PLAUSIBLE_NON_ASCII}]")
_SPACE = re.compile(r"\s")


def _lead_chars(codec: str) -> re.Pattern[str]:
    """The characters whose byte in ``codec`` starts a UTF-8 multi-byte sequence."""
    return re.compile(f"[{re.escape(bytes(range(0xC2, 0xF5)).decode(codec, errors='ignore'))}]")


LEAD_CHARS = {codec: _lead_chars(codec) for codec in MOJIBAKE_CODECS}
_LATIN1_LEADS = _lead_chars("latin-1").pattern
LATIN1_LEAD_CODECS = frozenset(c for c in MOJIBAKE_CODECS if LEAD_CHARS[c].pattern == _LATIN1_LEADS)
"""Codecs whose UTF-8 lead bytes are the Latin-1 letters U+00C2–U+00F4."""
LATIN1_LEAD_BYTE = re.compile(_LATIN1_LEADS.encode("latin-1"))
"""Those letters in the Latin-1 bytes of a text."""
CYRILLIC_AS_LATIN1_BYTES = re.compile(CYRILLIC_AS_LATIN1.pattern.encode("latin-1"))
"""``CYRILLIC_AS_LATIN1`` for the Latin-1 bytes of a text (all its characters are Latin-1)."""


def utf8_shaped_words(text: str, codec: str) -> Iterator[str]:
    """The words of ``text`` (in page order) that may be UTF-8 misread as ``codec``: every word
    whose bytes in ``codec`` hold a valid UTF-8 sequence for a plausible non-ASCII character.

    The text is encoded and decoded once in C, and each plausible character found is traced
    back to the characters that spell it (``"ВІ"`` for ``"²"`` in windows-1251) and to their
    words. Encoding writes one byte per character and a space is never part of a multi-byte
    sequence, so a word's own bytes decode the same inside the text; a sequence that holds a
    space (NBSP) lies across two words.
    """
    valid = text.encode(codec, errors="replace").decode("utf-8", errors="ignore")
    if valid.isascii():
        return
    words: dict[int, str] = {}
    for char in set(PLAUSIBLE_FOREIGN_CHAR.findall(valid)):
        spelling = char.encode("utf-8").decode(codec, errors="replace")
        if any(map(str.isspace, spelling)):
            continue
        end = 0
        while (found := text.find(spelling, end)) >= 0:
            start = found
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            space = _SPACE.search(text, found)
            end = space.start() if space else len(text)
            words.setdefault(start, text[start:end])
    for _, word in sorted(words.items()):
        yield word


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
    if CYRILLIC_AS_LATIN1_BYTES.search(latin1) and (match := CYRILLIC_AS_LATIN1.search(text)):
        return f"windows-1251 read as Latin-1: {match[0][:40]!r}"
    for codec in MOJIBAKE_CODECS:
        # Without a character that the codec writes as a UTF-8 lead byte, nothing can be
        # misread UTF-8 (Cyrillic text in windows-1252 or Latin-1).
        if codec in LATIN1_LEAD_CODECS:
            if not LATIN1_LEAD_BYTE.search(latin1):
                continue
        elif not LEAD_CHARS[codec].search(text):
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
