from __future__ import annotations

import sys
import unicodedata
from datetime import UTC, datetime, timedelta, timezone

import pytest

from ukrinform_crawler import text as text_module
from ukrinform_crawler.text import (
    _INVISIBLE_CHARS,
    _SPACE_CHARS,
    KYIV,
    byline_names,
    collapse_whitespace,
    escape_text,
    has_special_chars,
    html_line_text,
    is_utf8,
    join_paragraphs,
    kyiv_iso,
    normalize_html_line,
    normalize_optional,
    normalize_text,
    normalized,
    parse_datetime,
    parse_iso_datetime,
    parse_rfc822,
    remember_normal_line,
    remember_normal_text,
    replace_special_chars,
    split_html_lines,
    split_paragraphs,
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


def test_normalize_html_line_keeps_markup() -> None:
    line = '<p>up to 15&nbsp;<a href="https://x/">part\u00adici&shy;pants</a>\u200b  now</p>'
    assert normalize_html_line(line) == '<p>up to 15 <a href="https://x/">participants</a> now</p>'
    assert normalize_html_line(normalize_html_line(line)) == normalize_html_line(line)


def test_html_line_text() -> None:
    assert html_line_text("<p>a <strong>b</strong>&amp;c<br>d</p>") == "a b&c d"
    assert html_line_text("<ul><li>one</li><li>two</li></ul>") == "one two"
    assert html_line_text('<figure><img src="x" alt="y"></figure>') == ""


def test_paragraph_helpers_round_trip() -> None:
    assert split_paragraphs(None) == []
    assert split_paragraphs("a\n\nb") == ["a", "b"]
    assert join_paragraphs(["a", "b"]) == "a\n\nb"
    assert split_html_lines("<p>a</p>\n<p>b</p>") == ["<p>a</p>", "<p>b</p>"]


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


@pytest.mark.parametrize(
    ("paragraph", "names"),
    [
        ("Підготувала Марина Дмитрів, Київ", ["Марина Дмитрів"]),
        ("Prepared by Iryna Kovalenko, Kyiv", ["Iryna Kovalenko"]),
        (
            "Prepared by Iryna Kovalenko and Petro Savchuk, Kyiv",
            ["Iryna Kovalenko", "Petro Savchuk"],
        ),
        ("Підготували Олена Коваленко та Іван Петренко", ["Олена Коваленко", "Іван Петренко"]),
        ("Prepared by the editorial team", []),
        ("By Tuesday, the troops had advanced", []),
        ("Підготувала до друку редакція, яка працювала всю ніч над матеріалом про війну", []),
        ("Марина Дмитрів, Київ", []),
    ],
)
def test_byline_names(paragraph: str, names: list[str]) -> None:
    assert byline_names(paragraph) == names


@pytest.mark.parametrize("char", [*_SPACE_CHARS, *_INVISIBLE_CHARS])
def test_every_special_character_is_found_and_replaced(char: str) -> None:
    text = f"Київ{char}Kyiv"
    assert has_special_chars(text)
    assert replace_special_chars(text) == ("Київ Kyiv" if char in _SPACE_CHARS else "КиївKyiv")


def test_text_without_special_characters_is_returned_as_it_is() -> None:
    for text in ("plain ascii", "Київ — «столиця»", ""):
        assert not has_special_chars(text)
        assert replace_special_chars(text) is text


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


def _all_characters() -> list[str]:
    return [chr(point) for point in range(sys.maxunicode + 1) if not 0xD800 <= point <= 0xDFFF]


def test_nfc_makes_no_whitespace_and_no_special_character() -> None:
    """What lets the page record its paragraphs as normal (``remember_normal_text``): NFC of
    pieces without whitespace or special characters, joined by spaces, has none either."""
    special = set(_SPACE_CHARS + _INVISIBLE_CHARS)

    def plain(text: str) -> bool:
        return not any(char.isspace() or char in special for char in text)

    for char in _all_characters():
        decomposed = unicodedata.normalize("NFD", char)
        if plain(char):  # nothing plain decomposes into whitespace or a special character
            assert plain(decomposed), hex(ord(char))
            assert plain(unicodedata.normalize("NFC", char)), hex(ord(char))
        else:  # nor is whitespace or a special character composed of plain characters
            assert not any(map(plain, decomposed)), hex(ord(char))
        # The space composes with nothing, either side.
        assert unicodedata.normalize("NFC", " " + char) == " " + unicodedata.normalize("NFC", char)
        assert unicodedata.normalize("NFC", char + " ") == unicodedata.normalize("NFC", char) + " "


def test_only_u0338_composes_with_the_end_of_an_opening_tag() -> None:
    """Why ``escape_text`` writes an opening U+0338 as a reference: NFC of ``<p>`` + an NFC
    text + ``</p>`` changes nothing unless the text starts with U+0338 (``>`` and U+0338
    compose to ``≯``)."""
    composing = [
        char
        for char in _all_characters()
        if unicodedata.normalize("NFC", ">" + char) != ">" + unicodedata.normalize("NFC", char)
        or unicodedata.normalize("NFC", char + "<") != unicodedata.normalize("NFC", char) + "<"
    ]
    assert composing == ["\u0338"]


def test_escaped_text_never_joins_the_tag_before_it() -> None:
    """Every character opening a text, escaped in a line of markup: normalising the line leaves
    it as it is, and the line's text is the text (what the page and the pipelines rely on)."""
    for char in _all_characters():
        text = normalize_text(char + "x")
        if not text:
            continue
        line = f"<p><strong>{escape_text(text)}</strong></p>"
        assert normalize_html_line(line) == line, hex(ord(char))
        assert html_line_text(line) == text, hex(ord(char))
    assert escape_text("\u0338 a > b\u0338") == "&#x338; a &gt; b\u0338"


def test_normalising_a_line_keeps_u0338_apart_from_the_tag_before_it() -> None:
    # Removing the zero-width space brings U+0338 next to the ">" of </b>.
    line = normalize_html_line("<p><b>x</b>\u200b\u0338y</p>")
    assert line == "<p><b>x</b>&#x338;y</p>"
    assert normalize_html_line(line) == line
    assert html_line_text(line) == "x\u0338y"


def test_normalized_remembers_texts_and_recorded_normal_forms(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(text_module, "_NORMAL_TEXTS", {})
    monkeypatch.setattr(text_module, "_NORMAL_LINES", {})
    assert normalized("  a\u00a0 b ") == "a b"
    assert normalized("a b") == "a b"
    remember_normal_text("x\u00a0y")  # a wrong record is believed: the page must record right
    assert normalized("x\u00a0y") == "x\u00a0y"
    remember_normal_line("<p>x\u00a0y</p>")
    assert normalize_html_line("<p>x\u00a0y</p>") == "<p>x\u00a0y</p>"
    assert normalize_html_line("<p>x\u00a0z</p>") == "<p>x z</p>"
