"""Navigation pages and the listing callback, on hand-written pages in the site's listing markup."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from ukrinform_crawler.pages.navigation import FeedPage, ListingPage, SearchFormPage, SitemapPage
from ukrinform_crawler.spiders.listing import UkrinformSpider

LISTING = """<html><body><section class="restList">
<div class="rest">
  <figure><a href="/rubric-ato/4172900-featured.html"><img alt="x"></a></figure>
  <section><h2><a href="/rubric-ato/4172900-featured.html">Featured</a></h2><p>Lead</p></section>
</div>
<article data-id="4172894">
  <figure><a href="/rubric-ato/4172894-drones.html"><img alt="x"></a></figure>
  <section><h2><a href="/rubric-ato/4172894-drones.html">Drones</a></h2><p>Lead</p>
  <time datetime="2026-10-10T08:59:00+03:00">10 October 2026</time></section></article>
<article data-id="4172890"><section><h2>
  <a href="https://www.ukrinform.net/rubric-polytics/4172890-talks.html?fbclid=abc">Talks</a></h2>
  <time datetime="2026-10-10T07:00:00+03:00">10 October 2026</time></section></article>
<article data-id="0"><section><h2><a href="https://t.me/ukrinform_news">Telegram</a></h2></section></article>
<article data-id="4172880"><section><h2><a href="/tag-drones">tag</a></h2></section></article>
</section>
<ul class="pagination">
<li class="page-item"><a class="page-link" href="/block-lastnews?page=1">1</a></li>
<li class="page-item"><a class="page-link" href="/block-lastnews?page=3">3</a></li>
<li class="page-item"><a class="page-link" href="/block-lastnews?page=2">2</a></li></ul>
</body></html>"""


def html(url: str, body: str, meta: dict[str, object] | None = None) -> HtmlResponse:
    request = Request(url, meta=meta or {})
    return HtmlResponse(url, body=body.encode(), encoding="utf-8", request=request)


def test_listing_entries_and_pagination_fallback() -> None:
    page = ListingPage(html("http://127.0.0.1:1/block-lastnews", LISTING))
    entries = list(page.entries())
    assert entries[0].url == "/rubric-ato/4172900-featured.html"
    assert entries[0].published_at is None
    assert entries[1].published_at is not None
    assert entries[1].published_at.isoformat() == "2026-10-10T08:59:00+03:00"
    assert page.is_listing()
    assert page.next_page_url(1) == "/block-lastnews?page=2", "page-link fallback without rel=next"
    page3 = 'class="page-link" href="/block-lastnews?page=3"'
    with_next = LISTING.replace(page3, 'rel="next" href="/n"')
    assert ListingPage(html("http://x/", with_next)).next_page_url(1) == "/n"


def test_listing_callback_follows_articles_once_and_the_next_page() -> None:
    crawler = get_crawler(
        UkrinformSpider, settings_dict={"UKRINFORM_BASE_URL": "http://127.0.0.1:8000"}
    )
    spider = UkrinformSpider.from_crawler(crawler, since="2000-01-01")
    response = html("http://127.0.0.1:8000/block-lastnews", LISTING)
    requests = list(spider.parse_listing(response, page=1))
    articles = [r for r in requests if r.callback == spider.parse_article]
    assert [r.url for r in articles] == [
        "http://127.0.0.1:8000/rubric-ato/4172900-featured.html",
        "http://127.0.0.1:8000/rubric-ato/4172894-drones.html",
        "http://127.0.0.1:8000/rubric-polytics/4172890-talks.html",
    ]
    assert [r.cb_kwargs["article_id"] for r in articles] == [4172900, 4172894, 4172890]
    assert articles[2].meta["ukrinform_article_url"] == (
        "https://www.ukrinform.net/rubric-polytics/4172890-talks.html"
    )
    (next_page,) = [r for r in requests if r.callback == spider.parse_listing]
    assert next_page.url == "http://127.0.0.1:8000/block-lastnews?page=2"
    assert next_page.cb_kwargs == {"page": 2}
    again = list(spider.parse_listing(response, page=2))
    assert not [r for r in again if r.callback == spider.parse_article], "each article once"
    assert not again, "a page with no new article ends the walk"


def test_listing_older_than_since_stops_pagination() -> None:
    crawler = get_crawler(UkrinformSpider)
    spider = UkrinformSpider.from_crawler(crawler, since="2026-10-11")
    requests = list(spider.parse_listing(html("https://www.ukrinform.net/x", LISTING), page=1))
    assert [r.cb_kwargs["article_id"] for r in requests] == [4172900]  # the undated featured item
    assert all(r.callback == spider.parse_article for r in requests)


def test_feed_and_sitemap_pages_never_resolve_entities() -> None:
    rss = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title>
<link>https://www.ukrinform.net/rubric-ato/4172894-drones.html</link>
<pubDate>Sat, 10 Oct 2026 08:59:00 +0300</pubDate></item></channel></rss>"""
    feed = FeedPage(XmlResponse("http://x/rss", body=rss))
    (entry,) = feed.entries()
    assert entry.url.endswith("4172894-drones.html")
    assert entry.published_at is not None
    assert entry.published_at.isoformat() == "2026-10-10T08:59:00+03:00"
    assert "root:" not in feed.selector.get()
    sitemap = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://t.me/ukrinform_news/1</loc></url>
<url><loc>https://www.ukrinform.net/rubric-ato/1-a.html</loc><lastmod>2026-10-10</lastmod></url>
</urlset>"""
    page = SitemapPage(XmlResponse("http://x/s.xml", body=sitemap))
    assert not page.is_index()
    assert [e.url for e in page.entries()][1] == "https://www.ukrinform.net/rubric-ato/1-a.html"


def test_search_form_token_and_action() -> None:
    body = """<html><head><meta name="csrf-token" content="tok123"></head><body>
<form name="extended_search" action="//www.ukrinform.net/redirect" method="post">
<input type="hidden" name="_token" value="tok123"></form></body></html>"""
    form = SearchFormPage(html("http://127.0.0.1:1/", body))
    assert form.token() == "tok123"
    assert form.action_path() == "/redirect"
    assert SearchFormPage(TextResponse("http://x/", body=b"<html></html>")).token() is None
