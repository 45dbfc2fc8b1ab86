from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from ukrinform_crawler.text import (
    INVISIBLE_CHARS,
    KYIV,
    SPACE_CHARS,
    collapse_whitespace,
    escape_text,
    is_utf8,
    kyiv_iso,
    normalize_optional,
    normalize_text,
    parse_datetime,
    parse_iso_datetime,
    parse_rfc822,
    replace_special_chars,
    to_kyiv_iso,
    utf8_text,
)

SAMPLES = [
    "Таганрозі \u00a0після",
    "15\u202fkm",
    "re\u00adports",
    "Regis\u200btra\u200ction\u200d \u2060ok\ufeff",
    "  line\r\nbreak\tand   spaces  ",
    "Cafe\u0301",
    "«лапки» “quotes” ’ ' – —",
    "",
    "&amp; stays",
]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Таганрозі \u00a0після", "Таганрозі після"),
        ("15\u202fkm", "15 km"),
        ("re\u00adports", "reports"),
        ("Regis\u200btra\u200ction\u200d \u2060ok\ufeff", "Registration ok"),
        ("  line\r\nbreak\tand   spaces  ", "line break and spaces"),
        ("Cafe\u0301", "Café"),
        ("«лапки» “quotes” ’ ' – —", "«лапки» “quotes” ’ ' – —"),
        ("", ""),
        ("&amp; stays", "&amp; stays"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize("raw", SAMPLES)
def test_normalize_text_is_idempotent(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once


def test_normalize_text_unescapes_only_when_asked() -> None:
    assert normalize_text("Самп&#39;єрто&nbsp;&ndash; x", unescape=True) == "Самп'єрто – x"
    assert normalize_text("a &amp; b") == "a &amp; b"


def test_normalize_optional() -> None:
    assert normalize_optional(None) is None
    assert normalize_optional(" \u00a0\u200b ") is None
    assert normalize_optional(" Заява ") == "Заява"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2023, 11, 7, 17, 54, tzinfo=UTC), "2023-11-07T19:54:00+02:00"),
        (datetime(2025, 10, 5, 14, 57, tzinfo=UTC), "2025-10-05T17:57:00+03:00"),
        (datetime(2025, 10, 5, 17, 57), "2025-10-05T17:57:00+03:00"),  # naive = Kyiv local
        (datetime(2025, 1, 15, 8, 30, 15, 999), "2025-01-15T08:30:15+02:00"),
        (datetime(2025, 3, 30, 0, 59, tzinfo=UTC), "2025-03-30T02:59:00+02:00"),
        (datetime(2025, 3, 30, 1, 0, tzinfo=UTC), "2025-03-30T04:00:00+03:00"),
        (datetime(2025, 10, 26, 0, 59, tzinfo=UTC), "2025-10-26T03:59:00+03:00"),
        (datetime(2025, 10, 26, 1, 0, tzinfo=UTC), "2025-10-26T03:00:00+02:00"),
        (
            datetime(2025, 6, 2, 18, 57, tzinfo=timezone(timedelta(hours=5))),
            "2025-06-02T16:57:00+03:00",
        ),
    ],
)
def test_to_kyiv_iso(moment: datetime, expected: str) -> None:
    assert to_kyiv_iso(moment) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-11-07T19:54:00+02:00", "2023-11-07T19:54:00+02:00"),
        ("2023-11-07T17:54:00Z", "2023-11-07T19:54:00+02:00"),
        ("2023-11-07T19:54:00", "2023-11-07T19:54:00+02:00"),
        ("1699379640", "2023-11-07T19:54:00+02:00"),
        (1759676220, "2025-10-05T17:57:00+03:00"),
        ("07.11.2023 19:54", "2023-11-07T19:54:00+02:00"),
        (" 05.10.2025\u00a017:57 ", "2025-10-05T17:57:00+03:00"),
        ("2024-01-05", "2024-01-05T00:00:00+02:00"),
        ("31.02.2024 10:00", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_kyiv_iso_parses_every_page_form(value: str | int | None, expected: str | None) -> None:
    assert kyiv_iso(value) == expected


def test_parse_datetime_is_aware() -> None:
    parsed = parse_datetime("07.06.2024 19:16")
    assert parsed == datetime(2024, 6, 7, 19, 16, tzinfo=KYIV)
    assert parsed is not None
    assert parsed.utcoffset() == timedelta(hours=3)


def test_parse_iso_and_rfc822() -> None:
    assert parse_iso_datetime("2026-10-10T08:59:00+03:00") == datetime(
        2026, 10, 10, 5, 59, tzinfo=UTC
    )
    assert parse_iso_datetime("10 October 2026") is None
    assert parse_iso_datetime(None) is None
    assert parse_rfc822("Sat, 19 Sep 2026 10:00:00 +0300") == datetime(
        2026, 9, 19, 7, 0, tzinfo=UTC
    )
    assert parse_rfc822("not a date") is None
    assert parse_rfc822(None) is None


@pytest.mark.parametrize("char", [*SPACE_CHARS, *INVISIBLE_CHARS])
def test_every_special_character_is_replaced(char: str) -> None:
    text = f"Київ{char}Kyiv"
    assert replace_special_chars(text) == ("Київ Kyiv" if char in SPACE_CHARS else "КиївKyiv")


def test_text_without_special_characters_is_returned_as_it_is() -> None:
    for text in ("plain ascii", "Київ — «столиця»", ""):
        assert replace_special_chars(text) == text


WHITESPACE = [chr(code) for code in range(0x110000) if chr(code).isspace()]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "one",
        "one two",
        " one",
        "one ",
        "one  two",
        "Київ, 12 листопада — «так»",
        "soft\u00adhyphen and zero\u200bwidth stay",
        *(f"one{space}two" for space in WHITESPACE),
        *(f"{space}one" for space in WHITESPACE),
        *(f"one{space}" for space in WHITESPACE),
    ],
)
def test_collapse_whitespace_is_split_and_join(text: str) -> None:
    assert collapse_whitespace(text) == " ".join(text.split())


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<p>plain</p>", True),
        ("<p>Текст</p>".encode(), True),
        (b"\xef\xbb\xbf<p>", True),
        (b"<p>\x00</p>", False),
        ("<p>Текст</p>".encode("cp1251"), False),
        ("<p>є</p>".encode("utf-16-le"), False),
    ],
)
def test_is_utf8_follows_utf8_text(data: bytes, expected: bool) -> None:
    assert is_utf8(data) is expected
    assert (utf8_text(data) is not None) is expected


def test_escape_text_leaves_quotes_and_combining_characters() -> None:
    assert escape_text('a < b & "c" \u0338') == 'a &lt; b &amp; "c" \u0338'


def test_iso_needs_a_full_date() -> None:
    assert kyiv_iso("2024") is None
    assert kyiv_iso("20240105") is None
    assert kyiv_iso("2024-01-05 10:00") == "2024-01-05T10:00:00+02:00"
    assert kyiv_iso("2024-13-05") is None
