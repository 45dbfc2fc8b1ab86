# Ukrainian strings are expected content; only the loopback replica is fetched and parsed.
# ruff: noqa: S310, S314
"""The local replica: markup, ground truth, navigation, feeds, search and faults."""

from __future__ import annotations

import gzip
import itertools
import json
import re
import subprocess
import sys
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import lxml.html
import pytest

from tests.boilerplate import BOILERPLATE_MARKERS
from tests.site import Corpus, Fault, Replica, decode_payload, search_payload
from tests.site.model import KYIV

NOISE = [
    re.compile(p)
    for p in (
        r'content="[A-Za-z0-9]{40}"',
        r'name="_token" value="[A-Za-z0-9]{40}"',
        r"header-date[^>]*>\s*[^<]*",
        r"\?rnd=\d+",
        r"/bnith__[^\"]*",
        r"x-bni-rncf=[^;]*",
        r"2015-\d{4}",
        r'name="to" value="[0-9.]*"',
    )
]
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def en_site() -> Iterator[Replica]:
    with Replica(edition="en", articles=300, seed=7) as site:
        yield site


@pytest.fixture(scope="module")
def uk_site() -> Iterator[Replica]:
    with Replica(edition="uk", articles=300, seed=7) as site:
        yield site


def fetch(url: str, opener: urllib.request.OpenerDirector | None = None) -> tuple[int, str]:
    try:
        with (opener or urllib.request.build_opener()).open(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def get(site: Replica, path: str) -> str:
    status, body = fetch(site.base_url + path)
    assert status == 200, path
    return body


def strip_noise(html: str) -> str:
    for pattern in NOISE:
        html = pattern.sub("", html)
    return html


# --- an independent reading of a page by the conventions, to check the ground truth ----------


def clean(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", text)
    return unicodedata.normalize("NFC", " ".join(text.split()))


JUNK = re.compile(
    r"^(While citing|При цитуванні|Online media entity|Cуб'єкт|©|Extended search$|"
    r"Hide extended search$|By period:$|-$|Розширений пошук$|Приховати розширений пошук$|"
    r"За період:$|Join our channels|Приєднуйтесь до наших каналів)"
)


def edition_junk(strings: dict[str, str]) -> re.Pattern[str]:
    """``JUNK`` for another edition: its footer, search-form and promo lines."""
    starts = (strings["notice"][:20], strings["media_id"][:15], strings["promo_line"][:15])
    whole = (strings["extended_search"], strings["hide_search"], strings["by_period"])
    parts = [re.escape(clean(text)) for text in starts]
    parts += [re.escape(clean(text)) + "$" for text in whole]
    return re.compile("^(©|-$|" + "|".join(parts) + ")")


def read_page(html: str, origin: str, strings: dict[str, str] | None = None) -> dict[str, Any]:
    """The record of a replica page by the conventions (of ``strings``' edition, if given)."""
    junk, read_also = JUNK, ("Read also:", "Читайте також:")
    photo: str | None = None  # "Photo: " or "Фото: "
    byline_pattern = r"^(?:Prepared by|Підготувала|Підготував) (.+), (?:Kyiv|Київ)$"
    if strings is not None:
        junk, read_also = edition_junk(strings), (clean(strings["read_also"]),)
        photo = clean(strings["photo"])
        byline_pattern = r"(?!)"  # an edition without bylines
        if "byline" in strings:
            names = "|".join(re.escape(strings[key]) for key in ("byline", "byline_m"))
            byline_pattern = rf"^(?:{names}) (.+), {re.escape(strings['city'])}$"
    doc = lxml.html.fromstring(html)
    news = doc.cssselect("article.news")[0]
    interview = "interview" in news.get("class", "")
    if interview:
        title = news.cssselect("div.firstTitle")[0].text_content()
        lead_nodes = news.cssselect("div.firstSubTitle")
        container = news.cssselect("div.interviewText")[0]
        raw = news.cssselect("div.firstDate")[0].text_content()
    else:
        title = news.cssselect("h1.newsTitle")[0].text_content()
        lead_nodes = news.cssselect("div.newsText > div.newsHeading")
        container = next(
            div for div in news.cssselect("div.newsText > div") if div.get("class") is None
        )
        raw = news.cssselect("div.newsDate time")[0].text_content()
    ld = [json.loads(s.text) for s in doc.xpath("//script[@type='application/ld+json']")]
    news_ld = next(block for block in ld if block["@type"] == "NewsArticle")
    crumbs = next(block for block in ld if block["@type"] == "BreadcrumbList")
    paragraphs: list[str] = []
    related: list[dict[str, str]] = []
    credit = None
    for child in container:
        classes = child.get("class") or ""
        if child.tag == "section" and "read" in classes:
            link = child.cssselect("a")[0]
            related.append({"title": clean(link.text_content()), "url": canon(link, origin)})
            continue
        if child.tag in ("div", "figure"):
            continue
        items = child.cssselect("li") if child.tag in ("ul", "ol") else [child]
        for item in items:
            text = clean(item.text_content())
            if not text or junk.match(text):
                continue
            if text.startswith(read_also):
                link = item.cssselect("a")[0]
                related.append({"title": clean(link.text_content()), "url": canon(link, origin)})
            elif photo is None and re.match(r"^(Photo|Фото): ", text):
                credit = text.split(": ", 1)[1]
            elif photo is not None and text.startswith(photo):
                credit = text[len(photo) :].strip()
            else:
                paragraphs.append(text)
    authors = [news_ld["author"]["name"]]
    if paragraphs and (byline := re.match(byline_pattern, paragraphs[-1])):
        authors = [byline[1]]
    label = news.cssselect("div.newsPrefix")
    return {
        "title": clean(title),
        "lead": clean(lead_nodes[0].text_content()) if lead_nodes else None,
        "label": clean(label[0].text_content()) if label else None,
        "body": "\n\n".join(paragraphs),
        "published_at": news_ld["datePublished"],
        "published_at_raw": raw,
        "modified_at": news_ld["dateModified"],
        "rubric_name": crumbs["itemListElement"][1]["item"]["name"],
        "language": doc.get("lang"),
        "authors": authors,
        "tags": [clean(a.text_content()) for a in news.cssselect("aside.tags a.tag")],
        "image_url": news.cssselect("figure > img.newsImage")[0].get("src"),
        "image_credit": credit,
        "related": related,
    }


def canon(link: Any, origin: str) -> str:
    href = urllib.parse.urljoin(origin + "/", link.get("href"))
    return href.replace("http://", "https://", 1)


# --- corpus ---------------------------------------------------------------------------------


def test_corpus_is_lazy_deterministic_and_ordered() -> None:
    a, b = Corpus(edition="en", count=300, seed=7), Corpus(edition="en", count=300, seed=7)
    assert a.ids() == b.ids()
    ids = a.ids()
    assert ids == sorted(ids, reverse=True)
    assert len(set(ids)) == 300
    times = [a.article(i).published for i in ids[:80]]
    assert all(x > y for x, y in itertools.pairwise(times))
    gaps = {(x - y).total_seconds() / 60 for x, y in itertools.pairwise(times)}
    assert min(gaps) >= 20
    assert max(gaps) <= 90
    assert a.expected(ids[5]) == b.expected(ids[5])
    assert Corpus(edition="en", count=300, seed=8).ids() != ids


def test_corpus_has_every_layout_and_quirk_in_any_40_articles() -> None:
    corpus = Corpus(edition="en", count=300, seed=7)
    ids = corpus.ids()
    wanted = {"interview", "boilerplate", "read", "credit", "byline", "label", "tags", "digest"}
    wanted |= {"h2", "ul", "blockquote", "invisible"}
    for start in (0, 130, 260):
        seen: set[str] = set()
        for article_id in ids[start : start + 40]:
            seen |= corpus.article(article_id).features
        assert wanted <= seen, wanted - seen
    share = Counter(corpus.article(i).layout for i in ids)
    assert share["interview"] == 15
    offsets = {corpus.article(i).published.utcoffset() for i in ids}
    assert len(offsets) == 2, "winter and summer dates both appear"


def test_expected_records_have_no_boilerplate() -> None:
    for edition in ("en", "uk"):
        corpus = Corpus(edition=edition, count=300, seed=7)
        for article_id in corpus.ids():
            record = corpus.expected(article_id)
            assert "scraped_at" not in record
            assert "body_html" not in record
            for field in ("title", "lead", "body", "image_credit"):
                for junk in BOILERPLATE_MARKERS:
                    assert junk not in (record[field] or ""), (article_id, field, junk)
            assert "\u00a0" not in record["body"]
            urls = [link["url"] for link in record["related"]]
            assert len(urls) == len(set(urls))
            assert record["url"] not in urls
            assert "\u00ad" not in record["body"]
            assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", record["published_at_raw"])
            published = datetime.fromisoformat(record["published_at"])
            assert published.utcoffset() == published.astimezone(KYIV).utcoffset()


def test_hundred_thousand_articles_stay_lazy() -> None:
    corpus = Corpus(edition="en", count=100_000, seed=3)
    started = time.perf_counter()
    last = corpus.by_page("lastnews", 5000)
    oldest = corpus.article(last[-1])
    assert len(last) == 20
    assert oldest.published.year < 2018
    assert corpus.expected(last[-1])["id"] == last[-1]
    assert time.perf_counter() - started < 1
    assert corpus._article.cache_info().currsize < 10


# --- article pages ----------------------------------------------------------------------------


def test_article_page_is_the_real_template(en_site: Replica) -> None:
    article = en_site.corpus.article(en_site.corpus.ids()[0])
    html = get(en_site, article.path)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n')
    assert html.index("<h1>Ukrinform - latest news of Ukraine and the world</h1>") < html.index(
        '<h1 class="newsTitle">'
    )
    blocks = re.findall(r'<script type="application/ld\+json">\s*(\{.*?\})\s*</script>', html, re.S)
    types = [json.loads(block)["@type"] for block in blocks]
    assert types == ["NewsArticle", "BreadcrumbList", "WebPage"]
    webpage = json.loads(blocks[2])
    assert webpage["datePublished"] == str(int(article.published.timestamp()))
    assert webpage["image"]["height"] == 630
    assert json.loads(blocks[1])["itemListElement"][0]["item"]["@id"] == "https:"
    crumb = webpage["breadcrumb"]["itemListElement"][2]["item"]["@id"]
    assert crumb == f"{article.url} {article.url}"
    assert '<div data-name="common_int">\r\n</div>\n    </head>' in html
    assert "\r\n" in html.split('<div class="newsText">')[1].split("</div>\n</div>")[0]
    assert '<meta name="csrf-token" content="' in html
    assert html.count('hreflang="') == 9
    assert f"https://{en_site.corpus.host}//rubric-" in html
    assert 'class="pixel"' in html
    assert html.index('<div data-name="int_hidden">') < html.index("</article>")
    assert "No. 2849-\u0425 of March 31, 2023" in html
    assert "Extended search" in html
    assert "By period:" in html
    assert "Hide extended search" in html
    assert re.search(r"</body>\s*<script[^>]*>.*</script></html>\n", html, re.S)
    assert "data-nextlink=" in html
    # the English chrome is translated: Cyrillic only in the language switcher
    rest = html.replace(">Укр</a>", "").replace("2849-\u0425", "")
    assert not re.search("[А-Яа-яІіЇїЄєҐґ]", rest), re.findall(".{30}[А-Яа-яІіЇї].{30}", rest)[:3]


def test_article_pages_match_ground_truth(en_site: Replica, uk_site: Replica) -> None:
    for site in (en_site, uk_site):
        corpus = site.corpus
        for article_id in corpus.ids()[:120]:
            article = corpus.article(article_id)
            html = get(site, article.path)
            expected = corpus.expected(article_id)
            page = read_page(html, corpus.edition.origin)
            assert {key: expected[key] for key in page} == page, article.url


def test_page_bytes_are_deterministic_modulo_render_time_values() -> None:
    with Replica(edition="uk", articles=50, seed=4) as one, Replica("uk", 50, 4) as two:
        path = one.corpus.article(one.corpus.ids()[9]).path
        first, second = get(one, path), get(two, path)
        assert first != second  # tokens, rnd, bnith differ
        assert strip_noise(first) == strip_noise(second)
        assert strip_noise(get(one, "/block-lastnews?page=2")) == strip_noise(
            get(two, "/block-lastnews?page=2")
        )


def test_uk_page_keeps_real_bytes(uk_site: Replica) -> None:
    corpus = uk_site.corpus
    article = corpus.article(corpus.ids()[0])
    html = get(uk_site, article.path)
    assert "<h1>Укрінформ - актуальні новини України та світу</h1>" in html
    assert "Cуб&#039;єкт у сфері онлайн-медіа" in html
    assert '<option value="18">Суcпільcтво</option>' in html
    assert f'<li><a href="/rubric-{article.rubric}"><span>' in html or article.rubric in (
        "other_news",
        "kyiv",
        "technology",
    )


def test_unknown_paths_and_wrong_slugs_are_404(en_site: Replica) -> None:
    article = en_site.corpus.article(en_site.corpus.ids()[1])
    assert fetch(en_site.base_url + "/no-such-page")[0] == 404
    assert fetch(en_site.base_url + article.path.replace(".html", "-x.html"))[0] == 404
    assert fetch(en_site.base_url + "/rubric-nope")[0] == 404
    assert fetch(en_site.base_url + "/rss")[0] == 404


# --- listings -----------------------------------------------------------------------------------


def listing_ids(html: str) -> list[int]:
    doc = lxml.html.fromstring(html)
    return [
        int(a.get("data-id"))
        for a in doc.cssselect("section.restList article[data-id]")
        if not a.cssselect("a[href^='https://t.me']")
    ]


def test_listing_pagination_and_end(en_site: Replica) -> None:
    corpus = en_site.corpus
    first = get(en_site, "/block-lastnews")
    for alias in ("/block-lastnews?page=1", "/block-lastnews?page=0"):
        assert listing_ids(get(en_site, alias)) == listing_ids(first)
    assert listing_ids(first) == corpus.ids()[:20]
    assert 'href="https://t.me/ukrinform_news"' in first
    assert 'rel="next" href="/block-lastnews?page=2"' in first
    collected: list[int] = []
    for page in range(1, 16):
        html = get(en_site, f"/block-lastnews?page={page}")
        collected += listing_ids(html)
        assert ('rel="next"' in html) == (page < 15)
    assert collected == corpus.ids()
    past = get(en_site, "/block-lastnews?page=16")
    assert '<section class="restList">\n                </section>' in past
    doc = lxml.html.fromstring(first)
    item = doc.cssselect("section.restList article[data-id]")[0]
    head = corpus.article(int(item.get("data-id")))
    assert item.cssselect("time")[0].get("datetime") == head.published.isoformat()
    assert item.cssselect("section h2 > a")[0].get("href") == head.path


def test_rubric_and_tag_listings(en_site: Replica) -> None:
    corpus = en_site.corpus
    politics = [i for i in corpus.ids() if corpus.article(i).rubric == "polytics"]
    pages = -(-len(politics) // 20)
    seen: list[int] = []
    for page in range(1, pages + 1):
        seen += listing_ids(get(en_site, f"/rubric-polytics?page={page}"))
    assert seen == politics
    assert listing_ids(get(en_site, "/rubric-polytics/block-lastnews?page=1")) == politics[:20]
    tagged = [i for i in corpus.ids() if "drones" in corpus.expected(i)["tags"]]
    assert listing_ids(get(en_site, "/tag-drones"))[:20] == tagged[:20]


def test_add_article_goes_on_top() -> None:
    with Replica(edition="en", articles=60, seed=6) as site:
        corpus = site.corpus
        before = corpus.ids()
        new_id = site.add_article()
        assert new_id > before[0]
        assert corpus.ids() == [new_id, *before]
        assert corpus.article(new_id).published > corpus.article(before[0]).published
        assert listing_ids(get(site, "/block-lastnews"))[0] == new_id
        rubric = corpus.article(new_id).rubric
        assert listing_ids(get(site, f"/rubric-{rubric}"))[0] == new_id
        assert 'class="newsTitle"' in get(site, corpus.article(new_id).path)
        assert corpus.expected(new_id)["id"] == new_id
        second = site.add_article()
        assert second > new_id
        assert len(listing_ids(get(site, "/block-lastnews?page=4"))) == 2


# --- RSS, sitemaps, robots -------------------------------------------------------------------


def test_rss_feeds(en_site: Replica) -> None:
    corpus = en_site.corpus
    root = ElementTree.fromstring(get(en_site, "/rss/block-lastnews"))
    items = root.findall("channel/item")
    assert len(items) == 32
    for item in items:
        link = item.findtext("link") or ""
        assert link.startswith("https://www.ukrinform.net/rubric-")
        enclosure = item.find("enclosure")
        assert enclosure is not None
        assert enclosure.get("type") == "image/jpeg"
        pub = parsedate_to_datetime(item.findtext("pubDate") or "")
        article_id = int(link.rsplit("/", 1)[1].split("-")[0])
        assert pub == corpus.article(article_id).published
        assert pub.utcoffset() == corpus.article(article_id).published.utcoffset()
    rubric = ElementTree.fromstring(get(en_site, "/rss/rubric-ato"))
    assert all("/rubric-ato/" in (i.findtext("link") or "") for i in rubric.iter("item"))


def test_sitemaps_and_robots(en_site: Replica) -> None:
    corpus = en_site.corpus
    robots = get(en_site, "/robots.txt")
    assert "Sitemap: https://www.ukrinform.net/sitemap.xml" in robots
    index = ElementTree.fromstring(get(en_site, "/sitemap.xml"))
    locs = [loc.text or "" for loc in index.iter(f"{SITEMAP_NS}loc")]
    assert locs[0] == "https://www.ukrinform.net/sitemap/currentweek.xml"
    assert all(re.search(r"/sitemap/\d{4}/\d{2}\.xml$", loc) for loc in locs[1:])
    found: set[int] = set()
    junk: list[str] = []
    late = 0
    for loc in locs[1:]:
        path = urllib.parse.urlsplit(loc).path
        urlset = ElementTree.fromstring(get(en_site, path))
        for url in urlset.iter(f"{SITEMAP_NS}url"):
            address = url.findtext(f"{SITEMAP_NS}loc") or ""
            match = re.match(r"^https://www\.ukrinform\.net/rubric-[a-z_-]+/(\d+)-", address)
            if not match:
                junk.append(address)
                continue
            found.add(int(match[1]))
            lastmod = datetime.fromisoformat(url.findtext(f"{SITEMAP_NS}lastmod") or "")
            late += lastmod > corpus.article(int(match[1])).published
    assert found == set(corpus.ids())
    assert late > 0
    assert any(j.startswith("https://t.me/ukrinform_news/") for j in junk)
    assert any(j.startswith("https://www.facebook.com/share/p/") for j in junk)
    assert any("?fbclid=" in loc for loc in get(en_site, locs[1].split(".net")[1]).split("<loc>"))
    last = ElementTree.fromstring(get(en_site, "/sitemap/last.xml"))
    assert len(list(last.iter(f"{SITEMAP_NS}url"))) == 170
    assert get(en_site, "/sitemap/currentweek.xml") == get(en_site, locs[1].split(".net")[1])


def test_big_corpus_serves_deep_pages_quickly() -> None:
    with Replica(edition="en", articles=100_000, seed=3) as site:
        started = time.perf_counter()
        html = get(site, "/block-lastnews?page=5000")
        assert len(listing_ids(html)) == 20
        assert 'rel="next"' not in html
        index = ElementTree.fromstring(get(site, "/sitemap.xml"))
        locs = [loc.text or "" for loc in index.iter(f"{SITEMAP_NS}loc")]
        assert len(locs) > 400
        week = ElementTree.fromstring(get(site, urllib.parse.urlsplit(locs[-3]).path))
        assert len(list(week.iter(f"{SITEMAP_NS}url"))) > 150
        assert time.perf_counter() - started < 3
        assert site.corpus._article.cache_info().currsize < 10


# --- search -----------------------------------------------------------------------------------


def test_search_payload_matches_the_site() -> None:
    assert search_payload({"query": "drone"}) == "YToxOntzOjU6InF1ZXJ5IjtzOjU6ImRyb25lIjt9"
    payload = search_payload({"query": "коронавірус", "rubric_id": "0", "date_beg": ""})
    assert payload == "YToxOntzOjU6InF1ZXJ5IjtzOjIyOiLQutC-0YDQvtC90LDQstGW0YDRg9GBIjt9"
    assert decode_payload(payload) == {"query": "коронавірус"}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def post_search(site: Replica, form: dict[str, str], with_session: bool = True) -> tuple[int, str]:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    token = ""
    if with_session:
        _status, html = fetch(site.base_url + "/block-lastnews", opener)
        token = re.search(r'name="_token" value="(\w+)"', html)[1]  # type: ignore[index]
    data = {"type": "search", "_token": token, **form}
    request = urllib.request.Request(
        site.base_url + "/redirect", data=urllib.parse.urlencode(data).encode(), method="POST"
    )
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


def test_search_requires_token(en_site: Replica) -> None:
    status, _ = post_search(en_site, {"params[query]": "drone"}, with_session=False)
    assert status == 419
    status, _ = post_search(en_site, {"_token": "x" * 40, "params[query]": "drone"}, False)
    assert status == 419


def test_search_flow_and_date_window(en_site: Replica) -> None:
    corpus = en_site.corpus
    status, location = post_search(
        en_site,
        {
            "params[query]": "Drone",
            "params[rubric_id]": "0",
            "params[date_beg]": "",
            "params[date_end]": "",
        },
    )
    assert status == 302
    assert location.endswith("/search-YToxOntzOjU6InF1ZXJ5IjtzOjU6IkRyb25lIjt9")
    path = urllib.parse.urlsplit(location).path
    expected = [i for i in corpus.ids() if "drone" in corpus.search_text(corpus.g_of_id(i) or 0)]
    assert len(expected) > 20
    first = get(en_site, path)
    assert listing_ids(first) == expected[:20]
    assert f'class="page-link" rel="next" href="{path}?page=2"' in first
    day = corpus.article(corpus.ids()[100]).published.astimezone(KYIV)
    stamp = day.strftime("%d.%m.%Y")
    status, location = post_search(
        en_site,
        {"params[rubric_id]": "13", "params[date_beg]": stamp, "params[date_end]": stamp},
    )
    assert status == 302
    assert decode_payload(location.rsplit("/search-", 1)[1]) == {
        "rubric_id": "13",
        "date_beg": stamp,
        "date_end": stamp,
    }
    html = get(en_site, urllib.parse.urlsplit(location).path)
    wanted = [
        i
        for i in corpus.ids()
        if corpus.article(i).rubric == "polytics"
        and corpus.article(i).published.astimezone(KYIV).date() == day.date()
    ]
    assert wanted
    assert listing_ids(html) == wanted[:20]


def test_search_results_are_capped() -> None:
    with Replica(edition="en", articles=200, seed=1, search_cap=45) as site:
        path = "/search-" + search_payload({"date_end": "31.12.2030"})
        assert len(listing_ids(get(site, path + "?page=3"))) == 5
        assert 'rel="next"' not in get(site, path + "?page=3")
        assert listing_ids(get(site, path + "?page=4")) == []


# --- faults -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("mode", "status"), [("challenge", 200), ("status-503", 503)])
def test_fault_first_n_then_normal(mode: str, status: int) -> None:
    with Replica(edition="en", articles=20, seed=2) as site:
        article = site.corpus.article(site.corpus.ids()[3])
        site.faults.append(Fault(pattern=f"/{article.id}-", mode=mode, times=2))
        for _ in range(2):
            code, body = fetch(site.base_url + article.path)
            assert code == status
            assert 'class="newsTitle"' not in body
            assert "<h1" not in body
        if mode == "challenge":
            assert "cdn.infisecure.com/barracuda.js" in body
        code, body = fetch(site.base_url + article.path)
        assert code == 200
        assert 'class="newsTitle"' in body
        assert site.hits(rf"/{article.id}-") == 3


def test_fault_429_retry_after_and_probability() -> None:
    with Replica(edition="en", articles=20, seed=2) as site:
        site.faults.append(
            Fault(pattern=r"^/block-lastnews", mode="status-429", times=1, retry_after=7)
        )
        request = urllib.request.Request(site.base_url + "/block-lastnews")
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=10)
        assert caught.value.code == 429
        assert caught.value.headers["Retry-After"] == "7"
        assert fetch(site.base_url + "/block-lastnews")[0] == 200
        site.faults[:] = [Fault(pattern=r"^/rss/", mode="status-503", probability=0.5, seed=1)]
        codes = Counter(fetch(site.base_url + "/rss/block-lastnews")[0] for _ in range(40))
        assert codes[503] > 5
        assert codes[200] > 5
        assert site.requests[-1][0] == "GET"
    with pytest.raises(ValueError, match="unknown fault mode"):
        Fault(pattern="x", mode="explode")


def test_gzip_is_served_when_asked(en_site: Replica) -> None:
    request = urllib.request.Request(
        en_site.base_url + "/block-lastnews", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert b"restList" in gzip.decompress(response.read())


def test_lead_nbsp_is_double_escaped_in_json_ld(en_site: Replica) -> None:
    corpus = en_site.corpus
    article = next(
        corpus.article(i) for i in corpus.ids() if "\u00a0" in (corpus.article(i).lead or "")
    )
    html = get(en_site, article.path)
    assert '<meta name="description" content="' in html
    assert "&nbsp;" in html.split('<meta name="description" content="')[1].split('"/>')[0]
    assert '"description": "' in html
    assert "&amp;nbsp;" in html.split('"description": "')[1].split('"')[0]
    assert html.split('"description": "')[1].split('"')[0].endswith(" — Ukrinform.")


def test_real_pages_from_fixtures_are_served(tmp_path: Path) -> None:
    page = b"<html><body><h1 class='newsTitle'>real</h1></body></html>"
    (tmp_path / "pol.html.gz").write_bytes(gzip.compress(page))
    url = "https://www.ukrinform.ua/rubric-polytics/4044058-v-obse.html"
    (tmp_path / "pol.meta.json").write_text(json.dumps({"url": url}), encoding="utf-8")
    with Replica(edition="uk", articles=10, seed=1, fixtures=tmp_path) as site:
        assert get(site, "/rubric-polytics/4044058-v-obse.html") == page.decode()
    with Replica(edition="en", articles=10, seed=1, fixtures=tmp_path) as site:
        assert fetch(site.base_url + "/rubric-polytics/4044058-v-obse.html")[0] == 404
    with Replica(edition="uk", articles=10, seed=1, fixtures=tmp_path / "missing") as site:
        assert fetch(site.base_url + "/rubric-polytics/4044058-v-obse.html")[0] == 404


def test_command_line_runs_in_the_foreground() -> None:
    command = [sys.executable, "-m", "tests.site", "--edition", "uk", "--articles", "10"]
    command += ["--port", "0"]
    # a fixed argv of this interpreter, no shell
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT) as process:  # noqa: S603
        try:
            assert process.stdout is not None
            base_url = process.stdout.readline().strip()
            assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base_url)
            assert "restList" in fetch(base_url + "/block-lastnews")[1]
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_publication_times_exist_in_kyiv_across_dst_changes() -> None:
    corpus = Corpus("en", 100_000, 7)
    for g in range(0, 100_000, 7):
        published = corpus.article_at(g).published
        assert published.isoformat() == published.astimezone(UTC).astimezone(KYIV).isoformat()
