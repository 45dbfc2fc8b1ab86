"""Pure text helpers: normalisation, escaping, UTF-8 detection, Kyiv dates."""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from dateutil.parser import isoparse

from ukrinform_crawler.window import KYIV

SPACE_CHARS = "\u00a0\u202f"
"""Spaces that normalisation writes as a plain space."""
INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
"""Soft hyphen, zero-width and byte-order characters, which normalisation removes."""
_SPECIAL = str.maketrans(dict.fromkeys(SPACE_CHARS, " ") | dict.fromkeys(INVISIBLE_CHARS, None))
_HAS_SPECIAL = re.compile(f"[{SPACE_CHARS}{INVISIBLE_CHARS}]")

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])")
EPOCH = re.compile(r"^\d{9,11}$")
LOCAL_DATETIME = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}),?\s+(\d{1,2}):(\d{2})$")
"""The page's own date form, ``DD.MM.YYYY HH:MM`` in Kyiv local time."""


def replace_special_chars(text: str) -> str:
    """NBSP and U+202F to spaces, soft hyphen and zero-width characters removed."""
    # str.translate looks every character up in a dict; the regex scan finds none much faster.
    return text.translate(_SPECIAL) if _HAS_SPECIAL.search(text) else text


def collapse_whitespace(text: str) -> str:
    """Every run of whitespace as one space, none at either end."""
    return " ".join(text.split())


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def normalize_text(text: str, *, unescape: bool = False) -> str:
    """Normalise one text (idempotent unless ``unescape`` is set).

    NBSP and U+202F become spaces; soft hyphen and zero-width characters are removed; runs of
    whitespace collapse to one space; the result is stripped and NFC. Typographic quotes,
    dashes and apostrophes are kept. ``unescape`` decodes HTML entities first: use it once, on
    text taken from markup, never on text that is already plain.
    """
    if unescape:
        text = html.unescape(text)
    return nfc(collapse_whitespace(replace_special_chars(text)))


def normalize_optional(text: str | None) -> str | None:
    """``normalize_text`` for an optional field; empty results become None."""
    return normalize_text(text) or None if text is not None else None


def escape_text(text: str) -> str:
    """HTML-escape text content (``&``, ``<``, ``>``; quotes stay as typed)."""
    return html.escape(text, quote=False)


def escape_attr(value: str) -> str:
    """HTML-escape an attribute value."""
    return html.escape(value, quote=True)


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
    """True when ``data`` is UTF-8 text, by the rule of ``utf8_text``."""
    return utf8_text(data) is not None


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

    Unix seconds may be a number or a digit string (the WebPage JSON-LD form). ISO needs at
    least a full date; naive ISO and local forms are taken as Kyiv time. Unparseable input
    gives None.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    text = normalize_text(value)
    if EPOCH.match(text):
        return datetime.fromtimestamp(int(text), UTC)
    if _ISO_DATE.match(text):
        try:
            parsed = isoparse(text)
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
    return parse_datetime(text) if _ISO_DATE.match(text) else None


def parse_rfc822(value: str | None) -> datetime | None:
    """An aware datetime from an RFC 822 date (RSS ``pubDate``), else None."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(normalize_text(value))
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=KYIV)
