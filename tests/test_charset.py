from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from ukrinform_crawler.downloadermiddlewares import CharsetRepairMiddleware

URL = "https://www.ukrinform.ua/rubric-polytics/4044058.html"
TEXT = "Президент України заявив, що «ворог» втратив понад 20 тис. військових — і ще ґ, є, ї."


def page(body: bytes, charset: str) -> HtmlResponse:
    html = b"<html><head><meta charset='" + charset.encode() + b"'></head><body><p>"
    return HtmlResponse(URL, body=html + body + b"</p></body></html>")


def repair(response: HtmlResponse) -> tuple[HtmlResponse, int]:
    crawler = get_crawler()
    assert crawler.stats is not None
    crawler.stats.open_spider()
    result = CharsetRepairMiddleware(crawler).process_response(Request(URL), response)
    assert isinstance(result, HtmlResponse)
    return result, crawler.stats.get_value("ukrinform/charset/repaired", 0)


@pytest.mark.parametrize(
    "body",
    [
        TEXT.encode("utf-8"),
        "Literal replacement character \ufffd kept as it is.".encode(),
        b"ASCII only",
    ],
)
def test_valid_utf8_declared_utf8_is_left_alone(body: bytes) -> None:
    response = page(body, "utf-8")
    result, repaired = repair(response)
    assert result is response
    assert repaired == 0


def test_utf8_bytes_declared_windows_1251_are_read_as_utf8() -> None:
    result, repaired = repair(page(TEXT.encode("utf-8"), "windows-1251"))
    assert result.encoding == "utf-8"
    assert TEXT in result.text
    assert repaired == 1


def test_windows_1251_bytes_declared_utf8_are_read_as_windows_1251() -> None:
    result, repaired = repair(page(TEXT.encode("cp1251"), "utf-8"))
    assert result.encoding == "cp1251"
    assert TEXT in result.text
    assert repaired == 1


def test_a_few_invalid_bytes_in_utf8_stay_utf8() -> None:
    body = TEXT.encode("utf-8") * 3 + b"\xff" + TEXT.encode("utf-8") * 3
    response = page(body, "utf-8")
    result, repaired = repair(response)
    assert result is response
    assert "\ufffd" in result.text
    assert repaired == 0


def test_bytes_neither_utf8_nor_windows_1251_are_left_alone() -> None:
    body = TEXT.encode("cp1251") + b" \x98"  # 0x98 has no character in windows-1251
    response = page(body, "utf-8")
    result, repaired = repair(response)
    assert result is response
    assert repaired == 0


def test_utf16_bytes_that_are_valid_utf8_by_accident_are_left_alone() -> None:
    # U+0400..U+047F in UTF-16-LE are ASCII bytes, U+80C3 is the UTF-8 of "À"; the NUL bytes
    # of its ASCII tell it from UTF-8 text.
    text = "<html><body><p>Президент заявив: є і ї \u80c3</p></body></html>"
    body = text.encode("utf-16-le")
    body.decode("utf-8")  # the accident
    response = HtmlResponse(
        URL, body=body, headers={"Content-Type": "text/html; charset=utf-16-le"}
    )
    result, repaired = repair(response)
    assert result is response
    assert "Президент" in result.text
    assert repaired == 0
