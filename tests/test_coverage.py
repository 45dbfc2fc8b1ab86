"""Backfill with state across channels, resumable search windows, and the coverage report."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.crawling import read_feed_dir, run_crawl
from tests.site import Fault, Replica
from ukrinform_crawler.coverage import build, main


def test_channels_coverage_and_resumed_search_windows(tmp_path: Path, capsys) -> None:
    state, feeds = tmp_path / "state.sqlite", tmp_path / "feeds"
    with Replica(edition="en", articles=120, seed=31) as site:
        ids = list(site.corpus.ids())
        days = {i: site.corpus.article(i).published.date() for i in ids}
        until = days[ids[10]]
        since = until - timedelta(days=1)
        period = [i for i in ids if since <= days[i] <= until]
        broken = site.corpus.article(period[3])
        site.faults.append(Fault(pattern=f"/{broken.id}-", mode="challenge", times=100))
        common = {
            "UKRINFORM_BASE_URL": site.base_url,
            "UKRINFORM_STATE_PATH": str(state),
            "UKRINFORM_FEED_DIR": str(feeds),
        }
        window = {"since": since.isoformat(), "until": until.isoformat()}
        search = run_crawl("ukrinform_search", None, args=window, settings=common)
        listing = run_crawl("ukrinform", None, args=window, settings=common)
        again = run_crawl("ukrinform_search", None, args=window, settings=common)
        posts = site.hits(r"^/redirect$")

    assert search.returncode == 0, search.log[-2000:]  # 1 failure in ~30 responses: under 5%
    # The listing run finds nothing new but the broken article, which fails again: a failed run.
    assert listing.returncode == 1, listing.log[-2000:]
    assert listing.stats["ukrinform/articles/failed"] == 1
    records, bad_lines = read_feed_dir(feeds)
    assert not bad_lines
    exported = sorted(record["id"] for record in records)
    assert exported == sorted(i for i in period if i != broken.id)
    assert again.stats["ukrinform/state/windows_skipped"] == 2
    assert posts == 2, "the second search run posts no finished window again"

    coverage = build(state, since, until)
    assert sum(row.found["search"] for row in coverage.days) == len(period)
    assert sum(row.found["listing"] for row in coverage.days) == len(period)
    assert sum(row.exported for row in coverage.days) == len(period) - 1
    (gap,) = coverage.gaps
    assert gap.id == broken.id
    assert gap.url == broken.url
    assert gap.channels == ["listing", "retry", "search"]  # later runs fetched it again first
    assert gap.reason == "no_article_markup"

    assert main([str(state), "--since", since.isoformat(), "--until", until.isoformat()]) == 1
    table = capsys.readouterr().out
    assert "Not exported (1):" in table
    assert broken.url in table
