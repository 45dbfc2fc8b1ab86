# Only the loopback replica is fetched and parsed.
# ruff: noqa: S314
"""The seven editions beyond en and uk: served in the real template, extracted and crawled exactly.

Extraction and crawl tests compare every field of every record with the corpus and collect all
differences before failing, so a failure names each edition, field and article that differs.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import lxml.html
import pytest

from tests.boilerplate import BOILERPLATE_MARKERS, EDITION_MARKERS
from tests.crawling import comparable, run_crawl
from tests.site import Corpus, Replica
from tests.site.banks import BANKS
from tests.site.corpus import inline_text
from tests.site.model import EDITIONS, KYIV, promo_html, slugify
from tests.site.render import CMS_ENTITIES, RenderContext, Renderer
from tests.test_replica import ROOT, SITEMAP_NS, clean, fetch, get, listing_ids, read_page
from ukrinform_crawler.extract import extract_article
from ukrinform_crawler.urls import EDITION_HOSTS

NEW_EDITIONS = ("es", "de", "fr", "pl", "ja", "ar", "ru")
LAYOUTS = {"interview", "boilerplate", "read", "credit", "byline", "label", "tags", "digest"}
LAYOUTS |= {"h2", "ul", "blockquote", "invisible"}
TEXT_FIELDS = ("title", "lead", "body", "image_credit")
NOW = datetime(2026, 7, 10, 19, 1, tzinfo=KYIV)
CONTEXT = RenderContext(token="T" * 40, now=NOW, rnd=1, bnith="b" * 80, rncf="c" * 44)
PUNCTUATION = {"ja": "、", "ar": "،"}
PUNCTUATION = {code: PUNCTUATION.get(code, ",") for code in NEW_EDITIONS}
"""What follows the "as Ukrinform reported" phrase at the start of a recap."""


def layouts(edition: str) -> set[str]:
    """Every layout and quirk an edition's articles show (no bylines where it has none)."""
    return LAYOUTS if BANKS[edition].people else LAYOUTS - {"byline"}


@pytest.fixture(scope="module", params=NEW_EDITIONS)
def site(request: pytest.FixtureRequest) -> Iterator[Replica]:
    with Replica(edition=request.param, articles=120, seed=7) as replica:
        yield replica


def marker_hits(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, marker) for each boilerplate marker in a text field of a record."""
    texts = [(field, record[field] or "") for field in TEXT_FIELDS]
    texts += [("related", link["title"]) for link in record["related"]]
    texts += [("authors", name) for name in record["authors"]]
    return [(field, junk) for field, text in texts for junk in BOILERPLATE_MARKERS if junk in text]


def differences(records: list[dict[str, Any]], corpus: Corpus) -> list[str]:
    """Every field of every record that differs from the corpus, and every boilerplate marker.

    A body is compared paragraph by paragraph: the lines name the paragraphs the record has in
    excess ("kept") and those it lacks ("lost").
    """
    found = []
    for record in records:
        expected = corpus.expected(record["id"])
        for field in expected:
            got, want = record.get(field), expected[field]
            if got == want:
                continue
            if field == "body" and got and want:
                kept = [p for p in got.split("\n\n") if p not in want.split("\n\n")]
                lost = [p for p in want.split("\n\n") if p not in got.split("\n\n")]
                found += [f"{record['id']} body: kept {p[:90]!r}" for p in kept]
                found += [f"{record['id']} body: lost {p[:90]!r}" for p in lost]
                if not kept and not lost:
                    found.append(f"{record['id']} body: paragraphs in another order")
            else:
                found.append(f"{record['id']} {field}: got {got!r}, want {want!r}")
        found += [f"{record['id']} {field}: marker {junk!r}" for field, junk in marker_hits(record)]
    return found


def summary(found: list[str]) -> str:
    """How many differences per field, then the first few."""
    fields = Counter(line.split(" ")[1].rstrip(":") for line in found)
    return f"{len(found)} differences {dict(fields)}; first ones:\n" + "\n".join(found[:15])


# --- the corpus of each edition -----------------------------------------------------------------


@pytest.mark.parametrize("edition", NEW_EDITIONS)
def test_any_40_articles_hold_every_layout_and_quirk(edition: str) -> None:
    corpus = Corpus(edition=edition, count=300, seed=7)
    ids = corpus.ids()
    for start in (0, 130, 260):
        seen: set[str] = set()
        for article_id in ids[start : start + 40]:
            seen |= corpus.article(article_id).features
        assert layouts(edition) <= seen, layouts(edition) - seen
    for article_id in ids:
        record = corpus.expected(article_id)
        assert not marker_hits(record), (article_id, marker_hits(record))
        assert record["language"] == edition
        assert record["url"].startswith(f"https://{EDITIONS[edition].host}/rubric-")
    assert corpus.expected(ids[3]) == Corpus(edition=edition, count=300, seed=7).expected(ids[3])
    started = time.perf_counter()
    big = Corpus(edition=edition, count=100_000, seed=3)
    last = big.by_page("lastnews", 5000)
    assert big.expected(last[-1])["id"] == last[-1]
    assert time.perf_counter() - started < 1
    assert big._article.cache_info().currsize < 10


def test_new_editions_have_disjoint_ids_and_ascii_slugs() -> None:
    # en and uk share one region (their ids interleave); every other edition has its own
    regions = []
    for group in (("en", "uk"), *((code,) for code in NEW_EDITIONS)):
        ids = [i for code in group for i in Corpus(edition=code, count=300, seed=7).ids()]
        regions.append((min(ids), max(ids), group))
    regions.sort()
    for (_, top, one), (bottom, _, other) in itertools.pairwise(regions):
        assert top < bottom, (one, other)
    for edition in NEW_EDITIONS:
        corpus = Corpus(edition=edition, count=300, seed=7)
        for article_id in corpus.ids()[:60]:
            path = corpus.article(article_id).path
            assert re.fullmatch(r"/rubric-[a-z_]+/\d+-[a-z0-9]+(?:-[a-z0-9]+)*\.html", path), path
    assert slugify("Straße in Łódź: Nausėda’s «plan»", "de") == "strasse-in-lodz-nausedas-plan"
    russian = slugify("Шмыгаль обсуждает подъём в Харькове", "ru")
    assert russian == "smygal-obsuzdaet-podem-v-harkove"


def test_header_date_markers_are_the_rendered_dates() -> None:
    for edition in NEW_EDITIONS:
        header = Renderer(Corpus(edition=edition, count=10, seed=1)).header_date(CONTEXT.now)
        assert EDITION_MARKERS[edition][11] in header, (edition, header)


# --- pages, listings and feeds ---------------------------------------------------------------


def find(corpus: Corpus, feature: str) -> Any:
    return next(a for a in map(corpus.article, corpus.ids()) if feature in a.features)


def test_article_pages_are_the_real_template_in_the_edition_language(site: Replica) -> None:
    corpus, edition = site.corpus, site.corpus.edition
    s = edition.strings
    article = find(corpus, "news")
    html = get(site, article.path)
    rtl = ' dir="rtl"' if edition.code == "ar" else ""
    assert html.startswith(f'<!DOCTYPE html>\n<html lang="{edition.lang}"{rtl}>\n<head>\n')
    assert html.index(f"<h1>{s['site_title']}</h1>") < html.index('<h1 class="newsTitle">')
    assert f'<link rel="canonical" href="https://{edition.host}/rubric-' in html
    assert f'"name": "{edition.rubric(article.rubric).name}"' in html  # type: ignore[union-attr]
    assert '"author": {\n        "@type": "Person",\n        "name": "Ukrinform"' in html
    assert f'<div class="newsPublisher"><span>{s["publisher"]}</span></div>' in html
    assert f'<li><a href="/rubric-{article.rubric}"><span>' in html
    # the footer, the search form, the promo and the cookie banner in the edition's language
    year = datetime.now(KYIV).year
    for line in (s["notice"], s["media_id"], s["copyright"].format(year=year)):
        assert f"<p>{line}</p>" in html
    assert f'<span class="extendedOpen">{s["extended_search"]}</span>' in html
    assert f'class="extendedClose">{s["hide_search"]}</span>' in html
    assert f'<div class="select_title">{s["by_period"]}</div>' in html
    assert f'placeholder="{s["search"]}" id="extendedSearchField"' in html
    assert f'<option value="0">{s["all_rubrics"]}</option>' in html
    for rubric in edition.rubrics:
        if rubric.in_menu:
            assert f'<option value="{rubric.rubric_id}">{rubric.name}</option>' in html
    assert promo_html(s["promo_line"], ' style="color:red;"') in html
    assert f"<h2>{s['latest']}</h2>" in html
    assert html.count('hreflang="') == 9
    # the chrome is translated: Ukrainian only in the language switcher (and in no ru chrome)
    chrome = html.split('<article class="news">')[0] + html.split("</article>")[1]
    chrome = chrome.replace(">Укр</a>", "")
    letters = "[ІіЇїЄєҐґ]" if edition.code == "ru" else "[А-Яа-яІіЇїЄєҐґ]"
    assert not re.search(letters, chrome), re.findall(f".{{30}}{letters}.{{30}}", chrome)[:3]


def test_article_parts_in_the_edition_language(site: Replica) -> None:
    corpus, s = site.corpus, site.corpus.edition.strings
    news = find(corpus, "news")
    texts = [inline_text(block.inline) for block in news.blocks if block.kind == "p"]
    assert s["reports"] in texts[0]
    assert any(
        text.startswith(f"{s['reported']}{PUNCTUATION[corpus.edition_code]}") for text in texts
    )
    assert f'<section class="read"><b>{s["read_also"]}</b><a href="' in get(
        site, find(corpus, "read").path
    )
    digest = get(site, find(corpus, "digest").path)
    heading = BANKS[corpus.edition_code].digest.translate(CMS_ENTITIES)
    assert f'<p align="center"><strong>{heading}</strong></p>' in digest
    credit = find(corpus, "credit")
    line = f"<p><em>{s['photo']}{credit.credit.translate(CMS_ENTITIES)}</em></p>"
    assert line in get(site, credit.path)
    label = find(corpus, "label")
    assert f'<div class="newsPrefix">{s["exclusive"]}</div>' in get(site, label.path)
    if "byline" in s:
        bylined = find(corpus, "byline")
        name = corpus.expected(bylined.id)["authors"][0]
        prefix = "|".join(re.escape(s[key]) for key in ("byline", "byline_m"))
        line = rf"<p><strong>(?:{prefix}) {re.escape(name)}, {re.escape(s['city'])}</strong></p>"
        assert re.search(line, get(site, bylined.path))
    pasted = get(site, find(corpus, "boilerplate").path)
    assert re.search(rf'<p>{re.escape(s["read_also"])}<a href="/rubric-[^"]+">', pasted)
    assert f"<p>{s['notice']}</p>\r\n\r\n<p>{s['media_id']}</p>" in pasted
    assert f"<p>{s['extended_search']}</p>" in pasted
    assert f"<p>{promo_html(s['promo_line'])}</p>" in pasted
    interview = find(corpus, "interview")
    assert '<article class="news interview">' in get(site, interview.path)


def test_pages_read_by_the_conventions_give_the_expected_records(site: Replica) -> None:
    corpus = site.corpus
    for article_id in corpus.ids()[:40]:
        article = corpus.article(article_id)
        expected = corpus.expected(article_id)
        page = read_page(get(site, article.path), corpus.edition.origin, corpus.edition.strings)
        assert {key: expected[key] for key in page} == page, article.url


def test_listings_feeds_and_sitemaps(site: Replica) -> None:
    corpus, edition = site.corpus, site.corpus.edition
    origin = edition.origin
    first = get(site, "/block-lastnews")
    assert listing_ids(first) == corpus.ids()[:20]
    assert f'<div class="restTitle">{edition.strings["lastnews"]}</div>' in first
    head = corpus.headline(corpus.g_of_id(corpus.ids()[1]) or 0)
    date = Renderer(corpus).listing_date(head.published)
    assert f">{date}</time>" in first
    rubric = edition.rubric(corpus.article(corpus.ids()[0]).rubric)
    assert rubric is not None
    rubric_page = get(site, f"/rubric-{rubric.slug}")
    assert f'<div class="restTitle">{rubric.name}</div>' in rubric_page
    assert listing_ids(rubric_page)[0] == corpus.ids()[0]
    tag_slug, tag_name = next(a.tags[0] for a in map(corpus.article, corpus.ids()) if a.tags)
    assert f'<div class="restTitle">{tag_name}</div>' in get(site, f"/tag-{tag_slug}")
    rss = ElementTree.fromstring(get(site, "/rss/block-lastnews"))
    assert rss.findtext("channel/language") == edition.lang
    assert rss.findtext("channel/title") == edition.strings["site_title"]
    items = rss.findall("channel/item")
    assert len(items) == 32
    names = {r.name for r in edition.rubrics}
    for item in items:
        assert (item.findtext("link") or "").startswith(f"{origin}/rubric-")
        assert item.findtext("category") in names
    assert f"Sitemap: {origin}/sitemap.xml" in get(site, "/robots.txt")
    index = ElementTree.fromstring(get(site, "/sitemap.xml"))
    locs = [loc.text or "" for loc in index.iter(f"{SITEMAP_NS}loc")]
    assert locs[0] == f"{origin}/sitemap/currentweek.xml"
    found: set[int] = set()
    for loc in locs[1:]:
        urlset = ElementTree.fromstring(get(site, urllib.parse.urlsplit(loc).path))
        for url in urlset.iter(f"{SITEMAP_NS}loc"):
            if match := re.match(rf"^{re.escape(origin)}/rubric-[a-z_]+/(\d+)-", url.text or ""):
                found.add(int(match[1]))
    assert found == set(corpus.ids())
    status, missing = fetch(site.base_url + "/no-such-page")
    assert status == 404
    assert f"<h2>{edition.strings['not_found']}</h2>" in missing


# --- extraction and crawl: the extractor against each edition ---------------------------------


@pytest.mark.parametrize("edition", NEW_EDITIONS)
def test_extraction_is_exact(edition: str) -> None:
    corpus = Corpus(edition=edition, count=300, seed=7)
    renderer = Renderer(corpus)
    records = []
    seen: set[str] = set()
    for article_id in corpus.ids()[:40]:
        article = corpus.article(article_id)
        seen |= article.features
        html = renderer.article_page(article, CONTEXT).encode()
        records.append(comparable(extract_article(html, article.url)))
    assert layouts(edition) <= seen
    found = differences(records, corpus)
    assert not found, summary(found)


@pytest.mark.parametrize("edition", NEW_EDITIONS)
def test_crawl_delivers_every_article_exactly_once(tmp_path: Path, edition: str) -> None:
    with Replica(edition=edition, articles=40, seed=11) as replica:
        result = run_crawl(
            "ukrinform",
            tmp_path / "out.jsonl",
            args={"edition": edition, "since": "2000-01-01"},
            settings={"UKRINFORM_BASE_URL": replica.base_url},
        )
    corpus = replica.corpus
    assert layouts(edition) <= {f for i in corpus.ids() for f in corpus.article(i).features}
    assert result.returncode == 0, result.log[-3000:]
    ids = [item["id"] for item in result.items]
    assert len(ids) == len(set(ids)), "an article was emitted twice"
    assert sorted(ids) == sorted(corpus.ids())
    assert all(item["scraped_at"] for item in result.items)
    assert all(item["url"].startswith(f"https://{corpus.host}/") for item in result.items)
    found = differences([comparable(item) for item in result.items], corpus)
    assert not found, summary(found)


def test_every_edition_of_the_crawler_is_served() -> None:
    assert {code: edition.host for code, edition in EDITIONS.items()} == EDITION_HOSTS
    assert {edition.lang for edition in EDITIONS.values()} == set(EDITION_HOSTS)
    html = Renderer(Corpus("ar", 10, 1)).article_page(Corpus("ar", 10, 1).article_at(0), CONTEXT)
    doc = lxml.html.fromstring(html)
    assert (doc.get("lang"), doc.get("dir")) == ("ar", "rtl")
    assert clean(doc.cssselect("h1")[0].text_content()) == EDITIONS["ar"].strings["site_title"]
    command = [sys.executable, "-m", "tests.site", "--edition", "ja", "--articles", "10"]
    command += ["--port", "0"]
    # a fixed argv of this interpreter, no shell
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT) as process:  # noqa: S603
        try:
            assert process.stdout is not None
            base_url = process.stdout.readline().strip()
            assert '<html lang="ja">' in fetch(base_url + "/block-lastnews")[1]
        finally:
            process.terminate()
            process.wait(timeout=10)
