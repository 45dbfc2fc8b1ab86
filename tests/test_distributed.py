"""Distributed mode, outside in: real `scrapy crawl` workers on a real redis-server and the replica.

Each test starts worker processes as a person would in several terminals (same spider and
arguments, same ``UKRINFORM_REDIS_URL``, each its own feed dir unless said otherwise) and reads
what they wrote: exit codes, the union of the feed files, the console.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.crawling import ROOT, crawl_command, read_feed_dir
from tests.redis_server import RedisServer, free_port
from tests.site import Replica
from ukrinform_crawler import coverage, status

LEASE = "5"  # short, yet long enough for a worker on a busy CI machine
ARGS = {"since": "2000-01-01"}


@dataclass
class Worker:
    """One `scrapy crawl` process of a job."""

    process: subprocess.Popen[bytes]
    log: Path
    feed_dir: Path

    def wait(self, timeout: float = 120) -> int:
        return self.process.wait(timeout=timeout)

    @property
    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    @property
    def last_line(self) -> str:
        lines = self.text.strip().splitlines()
        return lines[-1] if lines else ""

    def delivered(self) -> int:
        return len(read_feed_dir(self.feed_dir)[0]) if self.feed_dir.exists() else 0

    def delivered_lines(self) -> int:
        """Lines written so far, ``.part`` files included."""
        return sum(path.read_bytes().count(b"\n") for path in self.feed_dir.glob("*.jsonl*"))


def start_worker(
    replica: Replica,
    redis_url: str,
    feed_dir: Path,
    log: Path,
    *,
    args: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    strict_warnings: bool = False,
) -> Worker:
    command = crawl_command(
        "ukrinform",
        args={**ARGS, **(args or {})},
        settings={
            "UKRINFORM_BASE_URL": replica.base_url,
            "UKRINFORM_REDIS_URL": redis_url,
            "UKRINFORM_FEED_DIR": str(feed_dir),
            "UKRINFORM_REDIS_LEASE_SECONDS": LEASE,
            **(settings or {}),
        },
    )
    if strict_warnings:  # any warning (a deprecated Scrapy or scrapy-redis call) kills the run
        command[1:1] = ["-W", "error"]
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603  # our interpreter, our arguments
            command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )
    return Worker(process, log, feed_dir)


def union(*feed_dirs: Path) -> Counter[tuple[int, int]]:
    """(id, version) → copies, over every ``*.jsonl`` of the feed dirs; no broken line."""
    copies: Counter[tuple[int, int]] = Counter()
    for folder in feed_dirs:
        if not folder.exists():
            continue
        records, broken = read_feed_dir(folder)
        assert broken == []
        copies.update((record["id"], record["version"]) for record in records)
    return copies


def assert_exactly_once(copies: Counter[tuple[int, int]], replica: Replica) -> None:
    expected = set(replica.corpus.ids())
    assert {key for key, count in copies.items() if count > 1} == set()
    assert {article_id for article_id, _version in copies} == expected
    assert all(version == 1 for _id, version in copies)


@pytest.fixture
def replica() -> Iterator[Replica]:
    with Replica(articles=300) as site:
        yield site


def test_workers_started_together_share_a_job_and_a_rerun_fetches_only_the_listing(
    replica: Replica, redis_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workers = [
        start_worker(
            replica,
            redis_url,
            tmp_path / f"feeds{n}",
            tmp_path / f"w{n}.log",
            strict_warnings=n == 0,
        )
        for n in range(3)
    ]
    codes = [worker.wait() for worker in workers]
    assert codes == [0, 0, 0], [worker.last_line for worker in workers]
    assert_exactly_once(union(*(worker.feed_dir for worker in workers)), replica)
    assert all(worker.delivered() > 0 for worker in workers)
    assert all("Run OK" in worker.last_line for worker in workers)
    assert sum("frontier cleared" in worker.text for worker in workers) == 1
    assert not list(tmp_path.glob("feeds*/*.part"))

    before = len(replica.requests)
    rerun = start_worker(replica, redis_url, tmp_path / "feeds0", tmp_path / "rerun.log")
    assert rerun.wait() == 0, rerun.last_line
    fetched = [path for _method, path, _status in replica.requests[before:]]
    assert fetched, "the re-run fetched nothing"
    assert all("block-lastnews" in path or path == "/robots.txt" for path in fetched), fetched
    assert "0 new" in rerun.last_line

    capsys.readouterr()
    assert coverage.main([redis_url, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert sum(day["exported"] for day in report["days"]) == 300
    assert report["gaps"] == []
    assert status.main([redis_url]) == 0
    shown = capsys.readouterr().out
    assert "idle (last run done): 0 queued, 0 leased" in shown
    assert "edition en: 300 articles, 300 exported, 0 failing" in shown


def test_a_late_joiner_takes_part_sharing_the_feed_dir(redis_url: str, tmp_path: Path) -> None:
    shared = tmp_path / "feeds"
    with Replica(articles=300, latency=0.02) as site:
        first = start_worker(site, redis_url, shared, tmp_path / "a.log")
        deadline = time.monotonic() + 60
        while not list(shared.glob("*.part")) and time.monotonic() < deadline:
            time.sleep(0.1)
        late = start_worker(site, redis_url, shared, tmp_path / "b.log")
        assert first.wait() == 0, first.last_line
        assert late.wait() == 0, late.last_line
    assert "Joined job" in late.text
    files = sorted(shared.glob("*.jsonl"))
    assert len(files) == 2  # one per worker, in the one feed dir
    assert all(path.stat().st_size > 0 for path in files)
    assert_exactly_once(union(shared), site)


def test_sigkill_of_a_worker_loses_and_duplicates_nothing(
    replica: Replica, redis_url: str, tmp_path: Path
) -> None:
    workers = [
        start_worker(replica, redis_url, tmp_path / f"feeds{n}", tmp_path / f"w{n}.log")
        for n in range(3)
    ]
    victim, survivors = workers[0], workers[1:]
    deadline = time.monotonic() + 60
    while victim.delivered_lines() < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    victim.process.send_signal(signal.SIGKILL)
    assert victim.wait() == -signal.SIGKILL
    assert [worker.wait() for worker in survivors] == [0, 0], [w.last_line for w in survivors]
    assert all(worker.delivered() > 0 for worker in survivors)

    follow_up = start_worker(replica, redis_url, tmp_path / "feeds3", tmp_path / "follow.log")
    assert follow_up.wait() == 0, follow_up.last_line
    dirs = [tmp_path / f"feeds{n}" for n in range(4)]
    assert_exactly_once(union(*dirs), replica)
    assert not [path for folder in dirs for path in folder.glob("*.part")]


def test_redis_restart_mid_run_loses_nothing(redis_server: RedisServer, tmp_path: Path) -> None:
    with RedisServer(tmp_path / "redis", port=free_port()) as own, Replica(articles=300) as site:
        workers = [
            start_worker(site, own.url, tmp_path / f"feeds{n}", tmp_path / f"w{n}.log")
            for n in range(2)
        ]
        deadline = time.monotonic() + 60
        while sum(w.delivered_lines() for w in workers) < 40 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all(worker.process.poll() is None for worker in workers)  # restarted mid-run
        own.restart(down_seconds=1.0)
        codes = [worker.wait() for worker in workers]
        for code, worker in zip(codes, workers, strict=True):
            # Recovery (exit 0), or a clear error naming Redis (exit 1); never a silent loss.
            assert code == 0 or (code == 1 and "Redis" in worker.text), worker.last_line
        follow_up = start_worker(site, own.url, tmp_path / "feeds2", tmp_path / "follow.log")
        assert follow_up.wait() == 0, follow_up.last_line
        assert_exactly_once(union(*(tmp_path / f"feeds{n}" for n in range(3))), site)


def test_unreachable_redis_fails_fast_in_one_line(replica: Replica, tmp_path: Path) -> None:
    started = time.monotonic()
    worker = start_worker(
        replica, f"redis://127.0.0.1:{free_port()}/0", tmp_path / "feeds", tmp_path / "w.log"
    )
    assert worker.wait(timeout=30) == 1
    assert time.monotonic() - started < 15
    lines = worker.text.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: cannot reach Redis at redis://127.0.0.1:")
    assert "connection refused" in lines[0]
    assert not replica.requests


def test_politeness_budget_is_shared_by_the_workers(redis_url: str, tmp_path: Path) -> None:
    delay, concurrency = 0.1, 2
    with Replica(articles=60, latency=0.25) as site:
        workers = [
            start_worker(
                site,
                redis_url,
                tmp_path / f"feeds{n}",
                tmp_path / f"w{n}.log",
                args={"max_pages": "2"},
                settings={
                    "UKRINFORM_REDIS_BUDGET": "True",
                    "DOWNLOAD_DELAY": str(delay),
                    "CONCURRENT_REQUESTS_PER_DOMAIN": str(concurrency),
                },
            )
            for n in range(3)
        ]
        codes = [worker.wait() for worker in workers]
        assert codes == [0, 0, 0], [worker.last_line for worker in workers]
        arrivals = [moment for moment, _method, _path in site.arrivals]
        assert site.max_in_flight <= concurrency
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
    assert len(arrivals) > 40
    assert min(gaps) >= delay * 0.8, sorted(gaps)[:5]
    copies = union(*(worker.feed_dir for worker in workers))
    assert len(copies) == 40
    assert set(copies.values()) == {1}
    assert any("ukrinform/redis/budget/waits" in worker.text for worker in workers)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"UKRINFORM_REDIS_URL": "http://127.0.0.1:6379"}, "is not a Redis URL"),
        (
            {"UKRINFORM_REDIS_URL": "redis://127.0.0.1:6379/0", "UKRINFORM_STATE_PATH": "s.db"},
            "use one",
        ),
        ({"UKRINFORM_REDIS_LEASE_SECONDS": "0"}, "UKRINFORM_REDIS_LEASE_SECONDS"),
    ],
)
def test_redis_usage_errors_are_one_line_exit_2(settings: dict[str, str], message: str) -> None:
    done = subprocess.run(  # noqa: S603  # our interpreter, our arguments
        crawl_command("ukrinform", settings=settings),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ},
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert message in lines[0]
