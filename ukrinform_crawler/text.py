"""Pure text helpers: normalisation, paragraphs of body / body_html, Kyiv dates."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

KYIV = ZoneInfo("Europe/Kyiv")

PARAGRAPH_SEPARATOR = "\n\n"
"""Separator of paragraphs in ``Article.body``."""
HTML_LINE_SEPARATOR = "\n"
"""Separator of block lines in ``Article.body_html``."""

_SPACE_CHARS = "\u00a0\u202f"
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SPECIAL_CHARS = re.compile(f"[{_SPACE_CHARS}{_INVISIBLE_CHARS}]")
_INVISIBLE_ENTITY = re.compile(
    r"&(?:nbsp|shy|ZeroWidthSpace|NoBreak|#0*160|#x0*a0|#0*173|#x0*ad|#0*820[3-5]|#x0*200[b-d]"
    r"|#0*8288|#x0*2060|#0*65279|#x0*feff|#0*8239|#x0*202f);",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
COMBINING_LONG_SOLIDUS = "\u0338"
"""The one character that composes under NFC with the ``>`` ending a tag (into ``≯``)."""
_TAG_END_SOLIDUS = ">" + COMBINING_LONG_SOLIDUS
_BLOCK_TAG_BOUNDARY = re.compile(r"<br\s*/?>|</li>\s*<li>|</?(?:ul|ol|li)>", re.IGNORECASE)

ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
EPOCH = re.compile(r"^\d{9,11}$")
LOCAL_DATETIME = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}),?\s+(\d{1,2}):(\d{2})$")
"""The page's own date form, ``DD.MM.YYYY HH:MM`` in Kyiv local time."""


BYLINE = re.compile(
    r"^(?:Підготува(?:в|ла|ли)|Prepared\s+by|Written\s+by)\s+"
    r"(?P<names>[^,.:;]{3,100}?)(?:,\s*[^,.]{2,40})?\.?$"
)
"""A human byline paragraph: "Підготувала Марина Дмитрів, Київ", "Prepared by Name, Kyiv"."""
_BYLINE_NAME_SEPARATOR = re.compile(r"\s*(?:,|\s(?:та|і|й|and)\s|&)\s*")


def byline_names(paragraph: str) -> list[str]:
    """The names of a byline paragraph, or [] when it is not one (names are capitalised)."""
    match = BYLINE.match(paragraph)
    if not match:
        return []
    names = [name.strip() for name in _BYLINE_NAME_SEPARATOR.split(match["names"])]
    if not names or not all(
        name and len(name.split()) <= 4 and all(word[0].isupper() for word in name.split())
        for name in names
    ):
        return []
    return names


def utf8_text(body: bytes) -> str | None:
    """``body`` decoded as UTF-8 (a leading BOM dropped), or None when it is not UTF-8 text.

    Bytes with a NUL are left to the declared charset: UTF-16 and UTF-32 text carries NUL
    bytes, and can be valid UTF-8 by accident.
    """
    if b"\x00" in body:
        return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text.removeprefix("\ufeff")


def is_utf8(data: bytes) -> bool:
    """True when ``data`` is UTF-8 text, by the rule of ``utf8_text`` (ASCII without a NUL byte
    is, without decoding it)."""
    return (data.isascii() and b"\x00" not in data) or utf8_text(data) is not None


def normalize_text(text: str, *, unescape: bool = False) -> str:
    """Normalise one text field (idempotent unless ``unescape`` is set).

    NBSP and U+202F become spaces; soft hyphen and zero-width characters are removed; runs of
    whitespace collapse to one space; the result is stripped and NFC. Typographic quotes,
    dashes and apostrophes are kept. ``unescape`` decodes HTML entities first: use it once,
    on text taken from markup, never on text that is already plain.
    """
    if unescape:
        text = html.unescape(text)
    return unicodedata.normalize("NFC", collapse_whitespace(replace_special_chars(text)))


def collapse_whitespace(text: str) -> str:
    """Every run of whitespace as one space, none at either end.

    ``str.split`` knows the same whitespace as the regex ``\\s`` (Unicode's, NBSP included) and
    is several times faster than a substitution. Every whitespace character but the space is
    unprintable, so a printable text without a double space or an outer space is left as it
    is, after one C-level pass instead of a list of its words.
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def replace_special_chars(text: str) -> str:
    """NBSP and U+202F to spaces, soft hyphen and zero-width characters removed."""
    if not has_special_chars(text):
        return text
    return _SPECIAL_CHARS.sub(_special_replacement, text)


def has_special_chars(text: str) -> bool:
    """True when ``text`` holds a character of ``_SPACE_CHARS`` or ``_INVISIBLE_CHARS``.

    Substring tests, several times faster than a regex search over the same text, written out
    one by one: ``any`` over the two constants costs 1.5 % more of the whole extraction.
    ``tests/test_text.py`` checks every character of the constants.
    """
    return not text.isascii() and (
        "\u00a0" in text
        or "\u202f" in text
        or "\u00ad" in text
        or "\u200b" in text
        or "\u200c" in text
        or "\u200d" in text
        or "\u2060" in text
        or "\ufeff" in text
    )


def _special_replacement(match: re.Match[str]) -> str:
    return " " if match.group(0) in _SPACE_CHARS else ""


def normalize_optional(text: str | None) -> str | None:
    """``normalize_text`` for an optional field; empty results become None."""
    if text is None:
        return None
    return normalize_text(text) or None


def normalize_html_line(line: str) -> str:
    """Normalise the text of one body_html line without touching its markup (idempotent).

    A line recorded by ``remember_normal_line`` is returned as it is.
    """
    if line in _NORMAL_LINES:
        return line
    if "&" in line:
        line = _INVISIBLE_ENTITY.sub(lambda m: _entity_replacement(m.group(0)), line)
    line = collapse_whitespace(replace_special_chars(line))
    if _TAG_END_SOLIDUS in line:  # NFC would join the U+0338 to the tag (see escape_text)
        line = line.replace(_TAG_END_SOLIDUS, ">&#x338;")
    return unicodedata.normalize("NFC", line)


def _entity_replacement(entity: str) -> str:
    char = html.unescape(entity)
    return " " if char in _SPACE_CHARS else ""


def split_paragraphs(body: str | None) -> list[str]:
    """Paragraphs of a plain-text body (empty ones included)."""
    if not body:
        return []
    return body.split(PARAGRAPH_SEPARATOR)


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """A plain-text body from paragraphs."""
    return PARAGRAPH_SEPARATOR.join(paragraphs)


def split_html_lines(body_html: str | None) -> list[str]:
    """Block lines of a body_html value (empty ones included)."""
    if not body_html:
        return []
    return body_html.split(HTML_LINE_SEPARATOR)


def join_html_lines(lines: Iterable[str]) -> str:
    """A body_html value from block lines."""
    return HTML_LINE_SEPARATOR.join(lines)


CACHE_SIZE = 8192
"""Entries a memo of texts holds before it is emptied (``bounded``)."""
_K = TypeVar("_K")
_V = TypeVar("_V")
_HTML_LINE_TEXTS: dict[str, str] = {}
_NORMAL_TEXTS: dict[str, str] = {}
_NORMAL_LINES: dict[str, None] = {}


def bounded(cache: dict[_K, _V]) -> dict[_K, _V]:
    """``cache``, emptied first when it holds ``CACHE_SIZE`` entries: memos of the texts of
    recent items, which must not grow with a crawl."""
    if len(cache) >= CACHE_SIZE:
        cache.clear()
    return cache


def html_line_text(line: str) -> str:
    """The text of one body_html line: tags stripped, entities decoded, normalised (cached)."""
    text = _HTML_LINE_TEXTS.get(line)
    if text is None:
        text = normalize_text(_TAG.sub("", _BLOCK_TAG_BOUNDARY.sub(" ", line)), unescape=True)
        remember_line_text(line, text)
    return text


def remember_line_text(line: str, text: str) -> None:
    """Record ``text`` as the ``html_line_text`` of ``line``: for the page class, which builds
    each line from its text, so that the pipelines need not strip the line again."""
    bounded(_HTML_LINE_TEXTS)[line] = text


def normalized(text: str) -> str:
    """``normalize_text`` of ``text``, memoised: every cleaning rule reads every paragraph.

    The result is remembered as its own normal form too (``normalize_text`` is idempotent), so
    a text that was normalised once is never normalised again.
    """
    result = _NORMAL_TEXTS.get(text)
    if result is None:
        result = normalize_text(text)
        cache = bounded(_NORMAL_TEXTS)
        cache[text] = result
        cache[result] = result
    return result


def remember_normal_text(text: str) -> None:
    """Record ``text`` as its own ``normalize_text``: for the page class, whose paragraphs are
    normal by construction, so that the normalising pipeline need not scan them again."""
    bounded(_NORMAL_TEXTS)[text] = text


def remember_normal_line(line: str) -> None:
    """Record ``line`` as its own ``normalize_html_line`` (see ``remember_normal_text``)."""
    bounded(_NORMAL_LINES)[line] = None


def escape_text(text: str) -> str:
    """HTML-escape text content (``&``, ``<``, ``>``; quotes stay as typed).

    A U+0338 that opens the text is written ``&#x338;``: after a tag, normalising the line of
    markup (NFC) would join it to the tag's ``>``. Inside the text it follows a character of
    the text (``>`` is escaped), which NFC of the text has already composed it with.
    """
    escaped = html.escape(text, quote=False)
    if escaped[:1] == COMBINING_LONG_SOLIDUS:
        escaped = "&#x338;" + escaped[1:]
    return escaped


def escape_attr(value: str) -> str:
    """HTML-escape an attribute value."""
    return html.escape(value, quote=True)


def to_kyiv_iso(dt: datetime) -> str:
    """ISO 8601 with seconds and the Europe/Kyiv offset of that instant.

    A naive datetime is taken as Kyiv local time.
    """
    dt = dt.replace(tzinfo=KYIV) if dt.tzinfo is None else dt.astimezone(KYIV)
    return dt.replace(microsecond=0).isoformat(timespec="seconds")


def utc_now_iso() -> str:
    """The current UTC time, ISO 8601 with seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat(timespec="seconds")


def parse_datetime(value: str | int | float | None) -> datetime | None:
    """An aware datetime from ISO 8601, Unix seconds or Kyiv ``DD.MM.YYYY HH:MM``.

    Unix seconds may be a number or a digit string (the WebPage JSON-LD form). Naive ISO and
    local forms are taken as Kyiv time. Unparseable input gives None.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    text = normalize_text(value)
    if EPOCH.match(text):
        return datetime.fromtimestamp(int(text), UTC)
    if ISO_DATETIME.match(text):
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=KYIV)
    if match := LOCAL_DATETIME.match(text):
        day, month, year, hour, minute = (int(part) for part in match.groups())
        try:
            return datetime(year, month, day, hour, minute, tzinfo=KYIV)
        except ValueError:
            return None
    return None


def kyiv_iso(value: str | int | float | None) -> str | None:
    """``parse_datetime`` then ``to_kyiv_iso``; None when unparseable."""
    parsed = parse_datetime(value)
    return to_kyiv_iso(parsed) if parsed else None


def parse_iso_datetime(value: str | None) -> datetime | None:
    """An aware datetime from ISO 8601 (date only, or naive: Kyiv time), else None."""
    if not value:
        return None
    text = normalize_text(value)
    return parse_datetime(text) if ISO_DATETIME.match(text) else None


def parse_rfc822(value: str | None) -> datetime | None:
    """An aware datetime from an RFC 822 date (RSS ``pubDate``), else None."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(normalize_text(value))
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=KYIV)
