"""The body walker and the block model: blocks from markup, whitespace, depth, stray tags."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from ukrinform_crawler.pages.article import ArticlePage
from ukrinform_crawler.pages.blocks import Block, Inline, LineBuilder, Mark, without_spans
from ukrinform_crawler.pages.document import MarkupError, flatten_nesting, parse_html
from ukrinform_crawler.pipelines.render import render

URL = "https://www.ukrinform.net/rubric-world/4100000-deep.html"


def page(body: str, head: str = "") -> ArticlePage:
    html = (
        f'<html lang="en"><head><title>T</title>{head}</head><body><article class="news">'
        '<h1 class="newsTitle">Deep</h1><div class="newsDate"><time>01.02.2025 10:00</time></div>'
        f'<div class="newsText"><div>{body}</div></div></article></body></html>'
    )
    return ArticlePage(HtmlResponse(URL, body=html.encode()))


def test_blocks_keep_inline_markup_as_structure() -> None:
    item = page(
        '<p>A <b>bold</b> and <a href="/rubric-ato/1-x.html?fbclid=9">a <i>link</i></a>.</p>'
        "<h4>Sub</h4><ul><li>one</li><li> </li><li>two</li></ul>"
    ).to_item()
    first, heading, listing = item.blocks
    assert first.inlines == (
        Inline("A "),
        Inline("bold", (Mark("strong"),)),
        Inline(" and "),
        Inline("a ", (Mark("a", "https://www.ukrinform.net/rubric-ato/1-x.html"),)),
        Inline("link", (Mark("a", "https://www.ukrinform.net/rubric-ato/1-x.html"), Mark("em"))),
        Inline("."),
    )
    assert first.text == "A bold and a link."
    assert heading == Block("h3", (Inline("Sub"),))
    assert [item.text for item in listing.items] == ["one", "two"]


@pytest.mark.parametrize(
    ("markup", "html"),
    [
        ("<p>a <b> b </b> c</p>", "<p>a <strong>b</strong> c</p>"),
        ("<p><b>a </b><b>b</b></p>", "<p><strong>a</strong> <strong>b</strong></p>"),
        ("<p><b>a<i> </i>b</b></p>", "<p><strong>a b</strong></p>"),
        ("<p>a<br><br>b<br></p>", "<p>a<br>b</p>"),
        ("<p><b></b>x<i> </i></p>", "<p>x</p>"),
        ("<p>x\u00a0\u00ady\u200b z</p>", "<p>x y z</p>"),
        ("<p>Cafe\u0301 <b>\u0338</b></p>", "<p>Café <strong>\u0338</strong></p>"),
    ],
)
def test_whitespace_goes_between_pieces_of_text_only(markup: str, html: str) -> None:
    assert render(page(markup).to_item()).body_html == html


def test_five_thousand_nested_divs_are_read_as_a_browser_shows_them() -> None:
    deep = "<div>" * 5000 + "<p>Deep text.</p>" + "</div>" * 5000
    item = page(f"<p>Before.</p>{deep}<p>After.</p>").to_item()
    assert [block.text for block in item.blocks] == ["Before.", "Deep text.", "After."]


def test_five_thousand_nested_inline_elements_are_read() -> None:
    deep = "<span>" * 5000 + "deep" + "</span>" * 5000
    item = page(f"<p>Before {deep} after.</p>").to_item()
    assert [block.text for block in item.blocks] == ["Before deep after."]


def test_markup_too_deep_even_when_flattened_fails_with_a_reason() -> None:
    deep = b"<ul><li>" * 3000 + b"x" + b"</li></ul>" * 3000
    with pytest.raises(MarkupError, match="nested deeper"):
        parse_html(b"<html><body>" + deep + b"</body></html>", URL)


def test_flatten_nesting_keeps_shallow_markup() -> None:
    markup = b"<div><span>a</span></div>" + b"<div>" * 3 + b"b" + b"</div>" * 3
    assert flatten_nesting(markup, limit=10) == markup
    assert flatten_nesting(markup, limit=2) == (
        b"<div><span>a</span></div><div><div><hr>b<hr></div></div>"
    )


def test_a_line_builder_puts_no_space_at_either_end() -> None:
    line = LineBuilder()
    line.add_text("  ")
    line.open(Mark("em"))
    line.add_text(" a ")
    line.close()
    line.line_break()
    line.add_text(" ")
    assert line.finish() == (Inline("a", (Mark("em"),)),)


def test_removing_spans_keeps_marks_and_collapses_whitespace() -> None:
    block = Block(
        "p", (Inline("Keep "), Inline("this JUNK", (Mark("strong"),)), Inline(" and that."))
    )
    start = block.text.index("JUNK")
    edited = without_spans(block, [(start, start + 4)])
    assert edited == Block(
        "p", (Inline("Keep "), Inline("this", (Mark("strong"),)), Inline(" and that."))
    )
    assert without_spans(block, [(0, len(block.text))]) is None
