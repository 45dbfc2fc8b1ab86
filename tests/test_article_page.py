from __future__ import annotations

import json
import re
import time
from dataclasses import fields
from datetime import datetime
from typing import Any

import pytest
from scrapy.http import HtmlResponse

from tests.boilerplate import BOILERPLATE_MARKERS
from tests.conftest import (
    fixture_names,
    load_checks,
    load_expected,
    load_html,
    load_meta,
    load_response,
)
from tests.site import Corpus
from tests.site.model import KYIV
from tests.site.render import RenderContext, Renderer
from ukrinform_crawler.extract import to_feed
from ukrinform_crawler.items import Article
from ukrinform_crawler.pages import article as article_module
from ukrinform_crawler.pages import document as document_module
from ukrinform_crawler.pages.article import ArticlePage
from ukrinform_crawler.pages.blocks import ArticleDraft
from ukrinform_crawler.pipelines import clean_article
from ukrinform_crawler.pipelines.render import render
from ukrinform_crawler.text import utf8_text

NAMES = fixture_names("article")
ATO = "uk-ato-3783953"
POL = "uk-polytics-4044058"


def cleaned(name: str, url: str | None = None, edition: str | None = None) -> dict[str, Any]:
    page = ArticlePage(load_response("article", name, url), edition=edition)
    record = to_feed(clean_article(page.to_item()))
    record.pop("scraped_at")
    return record


def text_fields(record: dict[str, Any]) -> list[str]:
    values = [record[name] for name in ("title", "lead", "label", "body", "body_html")]
    values += [record["image_credit"], *record["tags"], *record["authors"]]
    values += [link["title"] for link in record["related"]]
    return [value for value in values if value]


def page_of(html: str, url: str = "http://127.0.0.1:8123/x.html", **kwargs: Any) -> ArticlePage:
    return ArticlePage(HtmlResponse(url=url, body=html.encode("utf-8")), **kwargs)


def raw_body(page: ArticlePage) -> str | None:
    """The page's body before cleaning."""
    return render(page.to_item()).body


def body_html(page: ArticlePage) -> str | None:
    return render(page.to_item()).body_html


def html_text(body_html: str) -> str:
    return re.sub(r"<[^>]*>", "", body_html).replace("&amp;", "&")


def pol_html() -> str:
    return load_html("article", POL).decode("utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_record_matches_expected_field_by_field(name: str) -> None:
    expected = load_expected("article", name)
    record = cleaned(name)
    assert set(record) == set(expected)
    mismatched = {
        key: (record[key], expected[key]) for key in expected if record[key] != expected[key]
    }
    assert not mismatched


@pytest.mark.parametrize("stray", ["</div>", "</span></b></div></article>", "</div></div>"])
@pytest.mark.parametrize("name", NAMES)
def test_stray_end_tags_in_the_body_lose_nothing(name: str, stray: str) -> None:
    html = load_html("article", name).decode("utf-8")
    torn, count = re.subn(
        r'(<div class="(?:newsText|interviewText)">.*?</p>)',
        rf"\1{stray}",
        html,
        count=1,
        flags=re.S,
    )
    assert count == 1
    page = ArticlePage(HtmlResponse(url=load_meta("article", name)["url"], body=torn.encode()))
    record = to_feed(clean_article(page.to_item()))
    record.pop("scraped_at")
    assert record == load_expected("article", name)


@pytest.mark.parametrize("name", NAMES)
def test_a_page_parsed_whole_gives_the_record_of_its_cut(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document_module, "cut_page", lambda page: None)
    page = ArticlePage(load_response("article", name))
    record = to_feed(clean_article(page.to_item()))
    record.pop("scraped_at")
    assert page.document.cut is None
    assert record == load_expected("article", name)


def test_the_cut_starts_at_the_news_article_not_at_an_earlier_one() -> None:
    page = (
        b"<html><head><title>t</title></head><body><article class='teaser'>a</article>"
        b"<article\nclass=\"promo\">b</article><article id=x class='wide news'>c</article>"
        b"<footer><article class='news'>d</article></footer></body></html>"
    )
    cut = document_module.cut_page(page)
    assert cut is not None
    assert cut.article == b"<article id=x class='wide news'>c</article>"
    assert document_module.cut_page(page.replace(b"news'", b"newsy'")) is None


@pytest.mark.parametrize("name", NAMES)
def test_body_checks(name: str) -> None:
    checks = load_checks("article", name)
    record = cleaned(name)
    for text in checks["must_contain"]:
        assert text in record["body"]
    text_of_html = html_text(record["body_html"])
    for text in checks["must_not_contain"]:
        assert text not in record["body"]
        assert text not in text_of_html


@pytest.mark.parametrize("name", NAMES)
def test_no_boilerplate_in_any_text_field(name: str) -> None:
    for value in text_fields(cleaned(name)):
        for junk in BOILERPLATE_MARKERS:
            assert junk not in value, f"{junk!r} in {value[:80]!r}"


@pytest.mark.parametrize("name", NAMES)
def test_fetched_from_a_replica_origin_keeps_canonical_urls(name: str) -> None:
    meta = load_meta("article", name)
    path = re.sub(r"^https://[^/]+", "", meta["url"])
    assert cleaned(name, url=f"http://127.0.0.1:8123{path}") == load_expected("article", name)


@pytest.mark.parametrize("name", NAMES)
def test_is_article(name: str) -> None:
    assert ArticlePage(load_response("article", name)).is_article()


def test_json_ld_is_decoded_once_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    class CountingDecoder(json.JSONDecoder):
        def decode(self, s: str, *args: Any, **kwargs: Any) -> Any:
            calls.append(s)
            return super().decode(s, *args, **kwargs)

    response = load_response("article", POL)
    monkeypatch.setattr(article_module, "_JSON_LD_DECODER", CountingDecoder(strict=False))
    page = ArticlePage(response)
    page.to_item()
    page.to_item()
    assert len(calls) == 3  # NewsArticle, BreadcrumbList, WebPage
    assert page.news_article()["@type"] == "NewsArticle"
    assert page.web_page()["datePublished"] == "1759676220"


def test_draft_keeps_read_also_box_in_place_and_the_credit_line() -> None:
    item = ArticlePage(load_response("article", POL)).to_item()
    assert isinstance(item, ArticleDraft)
    box = item.blocks[4]
    assert box.kind == "related"
    assert box.links() == [
        (
            "У Литві відреагували на нічну атаку Росії по українських містах",
            "https://www.ukrinform.ua/rubric-polytics/4044012-u-litvi-vidreaguvali-na-nicnu-"
            "ataku-rosii-po-ukrainskih-mistah.html",
        )
    ]
    assert item.blocks[-1].kind == "p"
    assert item.blocks[-1].text == "Фото: МЗС"
    assert item.blocks[-1].is_emphasis()
    assert item.body is None
    assert item.related == []
    assert item.image_credit is None


def test_site_title_and_header_date_are_never_used() -> None:
    html = pol_html().replace('<h1 class="newsTitle">', '<h1 class="gone">')
    page = page_of(html)
    assert page.title() == "В ОБСЄ засудили атаки Росії на Україну та закликали її припинити війну"
    item = page.to_item()
    assert "10 липня 2026" not in json.dumps(to_feed(item), ensure_ascii=False)


def test_dates_fall_back_to_time_then_webpage_epoch_then_raw_text() -> None:
    html = pol_html()
    without_news = re.sub(r'"datePublished": "2025-10-05T17:57:00\+03:00"', '"x": 1', html)
    assert page_of(without_news).published_at() == "2025-10-05T17:57:00+03:00"
    without_time = without_news.replace('datetime="2025-10-05T17:57:00+03:00"', "")
    assert page_of(without_time).published_at() == "2025-10-05T17:57:00+03:00"
    no_epoch = without_time.replace('"datePublished": "1759676220"', '"y": 1')
    page = page_of(no_epoch)
    assert page.published_at() == "2025-10-05T17:57:00+03:00"
    assert page.published_at_raw() == "05.10.2025 17:57"


def test_winter_offset_from_the_page() -> None:
    record = cleaned(ATO)
    assert record["published_at"] == "2023-11-07T19:54:00+02:00"
    assert record["modified_at"] == "2023-11-07T19:54:00+02:00"


def test_edition_sources_in_order() -> None:
    html = pol_html()
    assert page_of(html).edition() == "uk"  # canonical link host
    assert page_of(html, edition="en").edition() == "en"  # explicit wins
    no_canonical = re.sub(r'<link rel="canonical"[^>]*>', "", html)
    no_canonical = re.sub(r'<meta property="og:url"[^>]*>', "", no_canonical)
    page = page_of(no_canonical, url="https://ukrinform.ua/rubric-polytics/4044058-x.html")
    assert page.edition() == "uk"  # response host
    assert page.url() == "https://www.ukrinform.ua/rubric-polytics/4044058-x.html"
    local = page_of(no_canonical, url="http://127.0.0.1:8123/rubric-polytics/4044058-x.html")
    assert local.edition() == "uk"  # <html lang>
    assert local.url() == "https://www.ukrinform.ua/rubric-polytics/4044058-x.html"
    assert local.id() == 4044058
    assert local.rubric() == "polytics"


def test_canonical_of_another_edition_is_not_taken_for_the_url() -> None:
    page = page_of(
        pol_html(), url="http://127.0.0.1:8123/rubric-polytics/4044058-y.html", edition="en"
    )
    assert page.url() == "https://www.ukrinform.net/rubric-polytics/4044058-y.html"


def test_internal_links_are_canonical() -> None:
    body_html = cleaned(ATO)["body_html"] + cleaned(POL)["body_html"]
    internal = re.findall(r'href="(https?://[^"]*ukrinform[^"]*)"', body_html)
    assert internal
    assert all(url.startswith("https://www.ukrinform.ua/rubric-") for url in internal)
    assert "//rubric" not in body_html.replace("https://", "")


def test_in_body_figure_without_text() -> None:
    record = cleaned(ATO)
    image = "https://static.ukrinform.com/photos/2023_11/1699379438-715.jpg"
    figure = f'<figure><img src="{image}" alt=""></figure>'
    lines = record["body_html"].split("\n")
    assert figure in lines
    assert lines[lines.index(figure) - 1] == "<p><strong>ВТРАТИ ВОРОГА</strong></p>"
    assert "1699379438-715" not in record["body"]


def test_digest_keeps_separators_and_byline() -> None:
    record = cleaned(ATO)
    paragraphs = record["body"].split("\n\n")
    assert paragraphs.count("***") == 5
    assert paragraphs[-1] == "Підготувала Марина Дмитрів, Київ"
    assert record["authors"] == ["Марина Дмитрів"]
    assert "" not in paragraphs
    assert "\n\n\n" not in record["body"]


def test_inline_markup_adds_no_spaces() -> None:
    assert "на сторінці МЗС Фінляндії" in cleaned(POL)["body"]


def test_body_is_limited_to_the_article() -> None:
    html = pol_html()
    body = cleaned(POL)["body"]
    assert "Актуально" in html
    for outside in ("Актуально", "Укрзалізниця після атак", "Верховний Суд", "Ми використовуємо"):
        assert outside not in body


CHALLENGE = """<html><head></head><body>
<script type="text/javascript" src="https://cdn.infisecure.com/barracuda.js"></script>
<script type="text/javascript" src="/bnith__abc="></script></body>
<script type="text/javascript">var _0xcaad=["indexOf"];</script></html>"""


@pytest.mark.parametrize(
    "html",
    [
        CHALLENGE,
        "",
        "<html lang='en'><body><div class='site-header'><h1>Ukrinform - latest news</h1></div>"
        "<p>Page not found</p></body></html>",
        "<html><body><section class='restList'><article data-id='1'><section><h2>"
        "<a href='/rubric-ato/1-x.html'>x</a></h2><p>lead</p></section></article></section>"
        "</body></html>",
    ],
    ids=["challenge", "empty", "error-page", "listing"],
)
def test_not_an_article(html: str) -> None:
    page = page_of(html or "<html></html>")
    assert not page.is_article()


def wrap(article_inner: str, lang: str = "en") -> str:
    return (
        f'<html lang="{lang}"><head><link rel="canonical" href="https://www.ukrinform.net/'
        'rubric-world/4100000-old-template.html"></head><body><div class="site-header">'
        '<h1>Site</h1><div class="header-date">Friday</div></div>'
        f'<article class="news">{article_inner}</article></body></html>'
    )


def test_fallback_body_paths_for_unexpected_wrappers() -> None:
    html = wrap(
        '<header><h1 class="newsTitle">Old title</h1></header>'
        '<div class="newsText"><section><div><p>First.</p><p>Second <b>bold</b>.</p></div>'
        "</section>"
        '<div data-name="int_hidden"><p>Join our channels</p></div></div>'
    )
    page = page_of(html)
    assert page.is_article()
    assert raw_body(page) == "First.\n\nSecond bold."
    assert body_html(page) == "<p>First.</p>\n<p>Second <strong>bold</strong>.</p>"


def test_fallback_body_from_bare_article_paragraphs() -> None:
    html = wrap(
        '<header><h1 class="newsTitle">AMP-like</h1><div class="newsDate"><time>01.02.2025 10:00'
        "</time></div></header><p>Only paragraph.</p><aside class='share'><p>share</p></aside>"
        '<img class="pixel" src="/counter/news/1">'
    )
    page = page_of(html)
    assert page.is_article()
    assert raw_body(page) == "Only paragraph."
    assert page.published_at() == "2025-02-01T10:00:00+02:00"


def test_interview_layout_fields() -> None:
    record = cleaned("en-interview-3872590")
    assert record["title"] == "Olena Marchuk, head of the Kyiv Energy Cooperative"
    assert record["lead"] == "Every rooftop can become a small power plant"
    assert record["published_at_raw"] == "07.06.2024 19:16"
    assert record["published_at"] == "2024-06-07T19:16:00+03:00"


def test_interview_date_from_raw_text_without_json_ld() -> None:
    html = load_html("article", "en-interview-3872590").decode("utf-8")
    html = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.DOTALL)
    page = page_of(html)
    assert page.published_at() == "2024-06-07T19:16:00+03:00"
    assert page.modified_at() is None
    assert page.rubric_name() == "Economy"  # current rubric of the left menu


def test_lead_is_not_repeated_in_the_body() -> None:
    item = ArticlePage(load_response("article", "en-interview-3872590")).to_item()
    assert "Every rooftop can become a small power plant" not in (render(item).body or "")


def test_item_has_every_field() -> None:
    item = render(ArticlePage(load_response("article", POL)).to_item())
    assert type(item) is Article
    assert {f.name for f in fields(Article)} == set(to_feed(item))
    assert item.scraped_at is not None
    assert item.scraped_at.endswith("+00:00")


def test_parse_and_clean_is_fast() -> None:
    response = load_response("article", ATO)
    runs = 20
    start = time.perf_counter()
    for _ in range(runs):
        clean_article(ArticlePage(response.replace()).to_item())
    per_page = (time.perf_counter() - start) / runs
    assert per_page < 0.1  # a few ms in practice; generous for slow CI machines


UK_TITLE = "Президент заявив: ґ, є, ї — «так»"


def uk_page(charset_header: str | None, body: bytes) -> ArticlePage:
    headers = {"Content-Type": f"text/html; charset={charset_header}"} if charset_header else {}
    return ArticlePage(HtmlResponse(url="http://127.0.0.1:8123/x.html", body=body, headers=headers))


def uk_html(title: str = UK_TITLE) -> str:
    return wrap(
        f'<h1 class="newsTitle">{title}</h1><div class="newsText"><div><p>Текст.</p></div></div>',
        lang="uk",
    )


@pytest.mark.parametrize("header", [None, "utf-8", "windows-1251"])
def test_utf8_bytes_are_read_as_utf8_whatever_is_declared(header: str | None) -> None:
    page = uk_page(header, uk_html().encode("utf-8"))
    assert page.title() == UK_TITLE
    assert raw_body(page) == "Текст."


def test_other_bytes_are_read_in_the_declared_charset() -> None:
    page = uk_page("windows-1251", uk_html().encode("cp1251"))
    assert page.title() == UK_TITLE
    assert raw_body(page) == "Текст."


def test_utf16_that_is_valid_utf8_by_accident_is_read_as_declared() -> None:
    # U+0400..U+047F in UTF-16-LE are ASCII bytes, and its ASCII carries NUL bytes.
    title = "Президент заявив: є і ї"
    body = uk_html(title).encode("utf-16-le")
    body.decode("utf-8")  # the accident: these bytes are valid UTF-8
    page = uk_page("utf-16-le", body)
    assert page.title() == title
    assert raw_body(page) == "Текст."


def test_utf8_byte_order_mark_is_dropped() -> None:
    page = uk_page(None, b"\xef\xbb\xbf" + uk_html().encode("utf-8"))
    assert page.title() == UK_TITLE
    assert utf8_text(b"\xef\xbb\xbf<p>") == "<p>"


def test_head_and_article_in_utf8_are_read_as_utf8_whatever_the_rest_holds() -> None:
    # A windows-1251 byte in the site header: the page as a whole is not UTF-8, the parts read are.
    body = uk_html().replace("<h1>Site</h1>", "<h1>Site \x00</h1>").encode("utf-8")
    page = uk_page("windows-1251", body.replace(b"\x00", "Є".encode("cp1251")))
    assert page.title() == UK_TITLE
    assert raw_body(page) == "Текст."


def test_left_menu_outside_utf8_is_read_in_the_declared_charset() -> None:
    html = load_html("article", "en-interview-3872590").decode("utf-8")
    html = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.DOTALL)
    menu_start = html.index('class="leftMenu')
    menu = html[menu_start : html.index("</nav>", menu_start)].replace("Economy", "Економіка")
    body = (html[:menu_start] + "\x00" + html[html.index("</nav>", menu_start) :]).encode("utf-8")
    body = body.replace(b"\x00", menu.encode("cp1251"))
    page = uk_page("windows-1251", body)
    assert page.title() == "Olena Marchuk, head of the Kyiv Energy Cooperative"
    assert page.rubric_name() == "Економіка"


@pytest.mark.parametrize("edition", ["en", "uk"])
def test_replica_pages_of_every_layout_give_their_ground_truth(edition: str) -> None:
    corpus = Corpus(edition, 100_000, 13)
    renderer = Renderer(corpus)
    context = RenderContext(
        token="T" * 40, now=datetime(2026, 11, 2, tzinfo=KYIV), rnd=1, bnith="b" * 80, rncf="c" * 44
    )
    layouts = set()
    for g in range(120):
        article = corpus.article_at(g)
        layouts.add(article.layout)
        html = renderer.article_page(article, context).encode()
        record = to_feed(clean_article(ArticlePage(HtmlResponse(article.url, body=html)).to_item()))
        expected = corpus.expected(article.id)
        assert {key: record[key] for key in expected} == expected, article.url
    assert layouts == {"news", "interview"}
