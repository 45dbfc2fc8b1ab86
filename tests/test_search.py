"""`scrapy crawl ukrinform_search` against the replica's extended-search flow."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.crawling import comparable, run_crawl
from tests.site import Replica


def test_search_backfill_returns_exactly_the_period(tmp_path: Path) -> None:
    with Replica(edition="en", articles=300, seed=21) as site:
        ids = list(site.corpus.ids())
        days = {i: site.corpus.article(i).published.date() for i in ids}
        until = days[ids[100]]
        since = until - timedelta(days=2)
        expected = [i for i in ids if since <= days[i] <= until]
        result = run_crawl(
            "ukrinform_search",
            tmp_path / "out.jsonl",
            args={"since": since.isoformat(), "until": until.isoformat(), "edition": "en"},
            settings={"UKRINFORM_BASE_URL": site.base_url},
        )
        posts = site.hits(r"^/redirect$")
        listing_pages = site.hits(r"^/block-lastnews")
    assert result.returncode == 0, result.log[-3000:]
    got = [item["id"] for item in result.items]
    assert len(got) == len(set(got))
    assert sorted(got) == sorted(expected)
    for item in result.items:
        assert comparable(item) == site.corpus.expected(item["id"])
    assert posts == 3, "one search per day window"
    assert listing_pages == 1, "the token comes from one page load"
    assert result.stats["ukrinform/search/pages"] >= 3


def test_search_query_and_rubric_filter(tmp_path: Path) -> None:
    with Replica(edition="uk", articles=200, seed=4) as site:
        ids = list(site.corpus.ids())
        first = site.corpus.article(ids[0]).published.date()
        last = site.corpus.article(ids[-1]).published.date()
        rubric = site.corpus.article(ids[0]).rubric
        expected = [i for i in ids if site.corpus.article(i).rubric == rubric]
        result = run_crawl(
            "ukrinform_search",
            tmp_path / "out.jsonl",
            args={
                "since": last.isoformat(),
                "until": first.isoformat(),
                "edition": "uk",
                "rubric": rubric,
            },
            settings={"UKRINFORM_BASE_URL": site.base_url},
        )
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(item["id"] for item in result.items) == sorted(expected)
