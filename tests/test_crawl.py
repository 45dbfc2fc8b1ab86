"""End to end: `scrapy crawl ukrinform` in a subprocess against the replica on loopback."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.boilerplate import BOILERPLATE_MARKERS
from tests.crawling import comparable, run_crawl
from tests.site import Fault, Replica


def assert_exact(items: list[dict], site: Replica, expected_ids: list[int]) -> None:
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)), "an article was emitted twice"
    assert sorted(ids) == sorted(expected_ids)
    for item in items:
        assert item["scraped_at"]
        assert comparable(item) == site.corpus.expected(item["id"]), item["url"]
        for field in ("title", "lead", "body", "image_credit"):
            for junk in BOILERPLATE_MARKERS:
                assert junk not in (item[field] or ""), (item["url"], field, junk)


@pytest.mark.parametrize(("edition", "count"), [("en", 64), ("uk", 45)])
def test_full_listing_crawl_is_exact(tmp_path: Path, edition: str, count: int) -> None:
    with Replica(edition=edition, articles=count, seed=11) as site:
        result = run_crawl(
            "ukrinform",
            tmp_path / "out.jsonl",
            args={"edition": edition, "since": "2000-01-01"},
            settings={"UKRINFORM_BASE_URL": site.base_url},
        )
    assert result.returncode == 0, result.log[-3000:]
    assert_exact(result.items, site, list(site.corpus.ids()))
    assert all("\\u" not in line for line in result.raw_lines), (
        "feed must be UTF-8, not \\u escapes"
    )
    assert all(item["url"].startswith(f"https://{site.corpus.host}/") for item in result.items)


def test_bare_crawl_reads_only_the_recent_pages(tmp_path: Path) -> None:
    with Replica(edition="en", articles=200, seed=3) as site:
        result = run_crawl(
            "ukrinform", tmp_path / "out.jsonl", settings={"UKRINFORM_BASE_URL": site.base_url}
        )
        assert site.hits(r"^/block-lastnews\?page=3$") == 1
        assert site.hits(r"^/block-lastnews\?page=4$") == 0
    assert result.returncode == 0, result.log[-3000:]
    newest = list(site.corpus.ids())[: len(result.items)]
    assert 40 <= len(result.items) < 200
    assert_exact(result.items, site, newest)


def test_since_until_window_and_early_stop(tmp_path: Path) -> None:
    with Replica(edition="en", articles=300, seed=5) as site:
        ids = list(site.corpus.ids())
        published = {i: site.corpus.article(i).published for i in ids}
        until_day = published[ids[60]].date()
        since_day = until_day - timedelta(days=1)
        in_window = [i for i in ids if since_day <= published[i].date() <= until_day]
        result = run_crawl(
            "ukrinform",
            tmp_path / "out.jsonl",
            args={"since": since_day.isoformat(), "until": until_day.isoformat()},
            settings={"UKRINFORM_BASE_URL": site.base_url},
        )
        last_page = site.hits(r"^/block-lastnews\?page=15$")
    assert result.returncode == 0, result.log[-3000:]
    assert in_window
    assert_exact(result.items, site, in_window)
    assert last_page == 0, "pagination must stop once the listing is older than since"
    for item in result.items:
        day = datetime.fromisoformat(item["published_at"]).date()
        assert since_day <= day <= until_day


def test_rubric_listing(tmp_path: Path) -> None:
    with Replica(edition="en", articles=120, seed=9) as site:
        result = run_crawl(
            "ukrinform",
            tmp_path / "out.jsonl",
            args={"rubric": "polytics", "since": "2000-01-01"},
            settings={"UKRINFORM_BASE_URL": site.base_url},
        )
    expected = [i for i in site.corpus.ids() if site.corpus.article(i).rubric == "polytics"]
    assert result.returncode == 0, result.log[-3000:]
    assert expected
    assert_exact(result.items, site, expected)


def test_challenge_page_is_refetched_and_never_emitted(tmp_path: Path) -> None:
    with Replica(edition="en", articles=30, seed=2) as site:
        ids = list(site.corpus.ids())
        flaky, blocked = site.corpus.article(ids[3]), site.corpus.article(ids[7])
        site.faults.extend(
            [
                Fault(pattern=f"/{flaky.id}-", mode="challenge", times=1),
                Fault(pattern=f"/{blocked.id}-", mode="challenge", times=100),
            ]
        )
        result = run_crawl(
            "ukrinform",
            tmp_path / "out.jsonl",
            args={"since": "2000-01-01"},
            settings={"UKRINFORM_BASE_URL": site.base_url},
        )
    assert result.returncode == 0, result.log[-3000:]
    assert_exact(result.items, site, [i for i in ids if i != blocked.id])
    assert result.stats["ukrinform/articles/failed"] == 1
    assert result.stats["ukrinform/articles/no_article_markup"] == 1 + 3  # flaky once, blocked 3x
    assert f"Article {blocked.id} has no article markup" in result.log
