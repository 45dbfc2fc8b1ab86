"""Incremental runs end to end: real `scrapy crawl ukrinform` subprocesses with a state file."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import jsonschema

from tests.crawling import ROOT, read_feed_dir, run_crawl
from tests.site import Fault, Replica
from ukrinform_crawler.lock import RunLock
from ukrinform_crawler.state import StateStore, utcnow

ARTICLE_PAGE = r"^/rubric-[^/?]+/\d+-[^/?]+\.html$"


def state_settings(site: Replica, tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "UKRINFORM_BASE_URL": site.base_url,
        "UKRINFORM_STATE_PATH": str(tmp_path / "state" / "state.sqlite"),
        "UKRINFORM_FEED_DIR": str(tmp_path / "feeds"),
        **extra,
    }


def reports(feed_dir: Path) -> list[dict]:
    """The run reports in the order of the runs (two runs may start in the same second)."""
    found = [json.loads(path.read_text()) for path in feed_dir.glob("*.report.json")]
    return sorted(found, key=lambda report: (report["started_at"], report["finished_at"]))


def test_first_run_exports_all_then_nothing_then_only_the_new_article(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    args = {"since": "2000-01-01"}
    with Replica(edition="en", articles=300, seed=7) as site:
        settings = state_settings(site, tmp_path)
        first = run_crawl("ukrinform", None, args=args, settings=settings)
        assert first.returncode == 0, first.log[-3000:]
        records, broken = read_feed_dir(feeds)
        assert not broken
        assert sorted(r["id"] for r in records) == sorted(site.corpus.ids())
        assert {r["version"] for r in records} == {1}
        schema = json.loads((ROOT / "ukrinform_crawler" / "article.schema.json").read_text())
        validator = jsonschema.Draft202012Validator(schema)
        assert not [error for r in records for error in validator.iter_errors(r)][:3]
        assert len(list(feeds.glob("en-*.jsonl"))) == 1
        assert not list(feeds.glob("*.part"))

        article_hits = site.hits(ARTICLE_PAGE)
        second = run_crawl("ukrinform", None, args=args, settings=settings)
        assert second.returncode == 0, second.log[-3000:]
        assert site.hits(ARTICLE_PAGE) == article_hits, "an immediate rerun fetched an article"
        assert site.hits(r"^/block-lastnews\?page=3$") == 1, "rerun must stop at known pages"
        assert read_feed_dir(feeds)[0] == records
        assert len(list(feeds.glob("en-*.jsonl"))) == 1, "an empty run leaves no feed file"

        new_id = site.add_article()
        third = run_crawl("ukrinform", None, args=args, settings=settings)
        assert third.returncode == 0, third.log[-3000:]
        assert site.hits(ARTICLE_PAGE) == article_hits + 1
    files = sorted(feeds.glob("en-*.jsonl"))
    assert len(files) == 2
    newest = [json.loads(line) for line in files[-1].read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["version"]) for r in newest] == [(new_id, 1)]
    union, broken = read_feed_dir(feeds)
    assert not broken
    assert Counter(r["id"] for r in union).most_common(1)[0][1] == 1
    assert len(union) == 301

    first_report, second_report, third_report = reports(feeds)
    assert first_report["counts"]["new"] == 300
    assert first_report["feed_file"] == str(files[0])
    assert first_report["article_pages_fetched"] == 300
    assert first_report["exit_code"] == 0
    assert first_report["close_reason"] == "finished"
    assert second_report["counts"] == {
        "new": 0,
        "updated": 0,
        "skipped": 40,
        "skipped_known": 40,
        "unchanged": 0,
        "failed": 0,
    }
    assert second_report["article_pages_fetched"] == 0
    assert second_report["feed_file"] is None
    assert second_report["early_stop"] == 1
    assert third_report["counts"]["new"] == 1
    assert third_report["feed_file"] == str(files[1])
    assert "Run OK: 1 new, 0 updated" in third.log
    with StateStore(tmp_path / "state" / "state.sqlite") as store:
        assert store.counts()["exported"] == 301
        state = store.get(new_id)
    assert state is not None
    assert state.exported_to == files[1].name


def wait_until_due(state_path: Path, article_id: int) -> None:
    """Sleep until the re-check policy (minimum interval 0) finds the article due."""
    with StateStore(state_path) as store:
        state = store.get(article_id)
    assert state is not None
    assert state.last_fetched is not None
    interval = state.last_fetched - state.first_seen
    time.sleep(max(0.0, (state.last_fetched + interval - utcnow()).total_seconds()) + 0.1)


def test_an_edited_article_comes_out_again_as_its_next_version(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    args = {"since": "2000-01-01"}
    with Replica(edition="en", articles=20, seed=11) as site:
        # The replica's articles are weeks old: a wide freshness window keeps them re-checked.
        settings = state_settings(
            site, tmp_path, UKRINFORM_FRESHNESS_HOURS="1000000", UKRINFORM_RECHECK_MIN_MINUTES="0"
        )
        first = run_crawl("ukrinform", None, args=args, settings=settings)
        assert first.returncode == 0, first.log[-3000:]
        edited = site.corpus.ids()[3]
        before = site.corpus.expected(edited)
        site.edit_article(edited)
        wait_until_due(tmp_path / "state" / "state.sqlite", edited)
        after = site.corpus.expected(edited)
        second = run_crawl("ukrinform", None, args=args, settings=settings)
        assert second.returncode == 0, second.log[-3000:]
        third = run_crawl("ukrinform", None, args=args, settings=settings)
        assert third.returncode == 0, third.log[-3000:]
    assert after["body"] != before["body"]
    assert after["modified_at"] > before["modified_at"]
    files = sorted(feeds.glob("en-*.jsonl"))
    assert len(files) == 2, "the run after the edit writes one file, the next one none"
    newest = [json.loads(line) for line in files[-1].read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["version"]) for r in newest] == [(edited, 2)]
    assert {key: newest[0][key] for key in after} == after
    union, broken = read_feed_dir(feeds)
    assert not broken
    assert len(union) == 21
    first_version = next(r for r in union if r["id"] == edited and r["version"] == 1)
    assert {key: first_version[key] for key in before} == before
    _, second_report, third_report = reports(feeds)
    counts = second_report["counts"]
    assert (counts["new"], counts["updated"], counts["failed"]) == (0, 1, 0)
    assert counts["unchanged"] + counts["skipped_known"] == 19  # re-checked, or not yet due
    assert third_report["counts"]["updated"] == 0
    assert third_report["feed_file"] is None


def test_second_run_on_a_held_lock_exits_75_at_once(tmp_path: Path) -> None:
    with Replica(edition="en", articles=20, seed=3) as site:
        settings = state_settings(site, tmp_path)
        lock = RunLock(tmp_path / "state" / "state.sqlite.lock")
        lock.acquire()
        try:
            started = time.monotonic()
            result = run_crawl("ukrinform", None, settings=settings, timeout=60)
            elapsed = time.monotonic() - started
        finally:
            lock.release()
        assert site.hits(r"^/") == 0
    assert result.returncode == 75, result.log[-3000:]
    assert "Another run is using this state" in result.log
    assert "(locked)" in result.log
    assert elapsed < 20
    assert not list((tmp_path / "feeds").glob("*.jsonl*"))


def test_failing_article_pages_exit_1_and_are_retried_next_run(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    args = {"since": "2000-01-01"}
    outage = Fault(pattern=r"\.html$", mode="status-503")
    with Replica(edition="en", articles=20, seed=4, faults=[outage]) as site:
        settings = state_settings(site, tmp_path, RETRY_TIMES="0")
        failed = run_crawl("ukrinform", None, args=args, settings=settings)
        assert failed.returncode == 1, failed.log[-3000:]
        assert "Run FAILED" in failed.log
        site.faults.clear()
        healed = run_crawl("ukrinform", None, args=args, settings=settings)
    assert healed.returncode == 0, healed.log[-3000:]
    failed_report, healed_report = reports(feeds)
    assert failed_report["exit_code"] == 1
    assert failed_report["counts"]["failed"] == 20
    assert failed_report["failure_reasons"] == {"http_503": 20}
    assert any("error rate" in problem for problem in failed_report["problems"])
    assert not any("no article emitted" in problem for problem in failed_report["problems"])
    assert healed_report["counts"]["new"] == 20
    records, broken = read_feed_dir(feeds)
    assert not broken
    assert sorted(r["id"] for r in records) == sorted(site.corpus.ids())


def test_articles_that_failed_beyond_the_early_stop_are_fetched_again(tmp_path: Path) -> None:
    args = {"since": "2000-01-01"}
    with Replica(edition="en", articles=60, seed=9) as site:
        deep = site.corpus.ids()[45:50]  # on listing page 3; a rerun stops after page 2
        site.faults.extend(
            Fault(f"^{site.corpus.article(article_id).path}$", "status-503") for article_id in deep
        )
        # A run within its error budget succeeds, so the next one may stop early.
        settings = state_settings(site, tmp_path, RETRY_TIMES="0", UKRINFORM_MAX_ERROR_RATE="0.5")
        first = run_crawl("ukrinform", None, args=args, settings=settings)
        assert first.returncode == 0, first.log[-3000:]
        site.faults.clear()
        second = run_crawl("ukrinform", None, args=args, settings=settings)
        assert second.returncode == 0, second.log[-3000:]
        assert site.hits(r"^/block-lastnews\?page=3$") == 1, "the rerun must stop early"
        third = run_crawl("ukrinform", None, args=args, settings=settings)
        assert third.returncode == 0, third.log[-3000:]
        expected = {article_id: site.corpus.expected(article_id) for article_id in deep}
    first_report, second_report, third_report = reports(tmp_path / "feeds")
    assert first_report["counts"]["failed"] == 5
    assert second_report["early_stop"] == 1
    assert second_report["counts"]["new"] == 5
    assert third_report["feed_file"] is None
    records, broken = read_feed_dir(tmp_path / "feeds")
    assert not broken
    assert Counter(r["id"] for r in records) == Counter(site.corpus.ids())
    for record in records:
        if record["id"] in expected:
            assert {key: record[key] for key in expected[record["id"]]} == expected[record["id"]]
    assert "'ukrinform/state/retried_failures': 5" in second.log


def test_with_o_the_feed_exporter_writes_and_the_state_remembers(tmp_path: Path) -> None:
    with Replica(edition="en", articles=25, seed=6) as site:
        settings = state_settings(site, tmp_path)
        first = run_crawl("ukrinform", tmp_path / "a.jsonl", settings=settings)
        second = run_crawl("ukrinform", tmp_path / "b.jsonl", settings=settings)
    assert first.returncode == 0, first.log[-3000:]
    assert second.returncode == 0, second.log[-3000:]
    assert sorted(r["id"] for r in first.items) == sorted(site.corpus.ids())
    assert second.items == []
    assert not list((tmp_path / "feeds").glob("*.jsonl"))
    assert len(reports(tmp_path / "feeds")) == 2


def test_without_state_every_run_is_a_full_crawl(tmp_path: Path) -> None:
    with Replica(edition="en", articles=20, seed=8) as site:
        settings = {"UKRINFORM_BASE_URL": site.base_url}
        first = run_crawl("ukrinform", tmp_path / "a.jsonl", settings=settings)
        second = run_crawl("ukrinform", tmp_path / "b.jsonl", settings=settings)
    assert (first.returncode, second.returncode) == (0, 0)
    assert len(first.items) == len(second.items) == 20
    assert {item["version"] for item in second.items} == {1}
    assert "Run OK: 20 new" in second.log


def test_a_part_file_of_another_state_is_left_alone(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    foreign = feeds / "en-20260101T000000Z.jsonl.part"
    foreign.write_bytes(b'{"id": 1, "version": 1}\n{"id": 2, "ti')
    with Replica(edition="en", articles=20, seed=9) as site:
        result = run_crawl("ukrinform", None, settings=state_settings(site, tmp_path))
    assert result.returncode == 0, result.log[-3000:]
    assert foreign.read_bytes() == b'{"id": 1, "version": 1}\n{"id": 2, "ti'
    assert "another state's run wrote it" in result.log
    records, broken = read_feed_dir(feeds)
    assert not broken
    assert len(records) == 20


def test_a_run_closed_early_exits_1(tmp_path: Path) -> None:
    with Replica(edition="en", articles=40, seed=10) as site:
        settings = {"UKRINFORM_BASE_URL": site.base_url, "CLOSESPIDER_PAGECOUNT": "3"}
        result = run_crawl("ukrinform", tmp_path / "a.jsonl", settings=settings)
    assert result.returncode == 1, result.log[-3000:]
    assert "close reason closespider_pagecount" in result.log
