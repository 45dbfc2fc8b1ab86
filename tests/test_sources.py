"""The other discovery channels of spider `ukrinform`: RSS and sitemaps."""

from __future__ import annotations

from pathlib import Path

from tests.crawling import comparable, run_crawl
from tests.site import Replica


def test_rss_source_emits_the_feed_items(tmp_path: Path) -> None:
    with Replica(edition="en", articles=100, seed=8) as site:
        result = run_crawl(
            "ukrinform",
            tmp_path / "out.jsonl",
            args={"source": "rss"},
            settings={"UKRINFORM_BASE_URL": site.base_url},
        )
        listing_hits = site.hits(r"^/block-lastnews")
    assert result.returncode == 0, result.log[-3000:]
    newest = list(site.corpus.ids())[:32]
    assert sorted(item["id"] for item in result.items) == sorted(newest)
    assert listing_hits == 0
    for item in result.items:
        assert comparable(item) == site.corpus.expected(item["id"])


def test_sitemap_source_finds_every_article_and_skips_junk(tmp_path: Path) -> None:
    with Replica(edition="en", articles=150, seed=12) as site:
        result = run_crawl(
            "ukrinform",
            tmp_path / "out.jsonl",
            args={"source": "sitemap", "since": "2000-01-01"},
            settings={"UKRINFORM_BASE_URL": site.base_url},
        )
        junk = [path for _m, path, _s in site.requests if "t.me" in path or "facebook" in path]
        fbclid = site.hits(r"fbclid")
    assert result.returncode == 0, result.log[-3000:]
    ids = [item["id"] for item in result.items]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(site.corpus.ids())
    assert not junk
    assert fbclid == 0, "the ?fbclid query is stripped before fetching"
    assert result.stats["ukrinform/sitemap/skipped_links"] > 0


def test_sitemap_window_reads_only_overlapping_weeks(tmp_path: Path) -> None:
    with Replica(edition="en", articles=600, seed=13) as site:
        ids = list(site.corpus.ids())
        days = {i: site.corpus.article(i).published.date() for i in ids}
        until = days[ids[400]]
        expected = [i for i in ids if days[i] == until]
        result = run_crawl(
            "ukrinform",
            tmp_path / "out.jsonl",
            args={"source": "sitemap", "since": until.isoformat(), "until": until.isoformat()},
            settings={"UKRINFORM_BASE_URL": site.base_url},
        )
        weekly = site.hits(r"^/sitemap/\d{4}/\d{2}\.xml$")
        all_weeks = len({(d.isocalendar().year, d.isocalendar().week) for d in days.values()})
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(item["id"] for item in result.items) == sorted(expected)
    assert 1 <= weekly < all_weeks
