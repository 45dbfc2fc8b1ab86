"""What the distributed jobs on a Redis are doing: ``python -m ukrinform_crawler.status URL``.

For each job (spider and arguments) seen on that Redis: whether a run of it is going on, its
requests queued and leased, its workers with their last heartbeat (alive when it is younger than
the lease), and per edition the state's articles, exports and failures, and the feed files of
workers that are gone and not recovered yet. ``--json`` for machines. Exit 1 when Redis cannot
be reached.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from typing import Any, cast

import redis

from ukrinform_crawler.distributed.connection import client, unreachable
from ukrinform_crawler.distributed.keys import JOBS, JobKeys
from ukrinform_crawler.distributed.store import RedisStateStore


@dataclass
class WorkerView:
    worker: str
    alive: bool
    """Heartbeat within the lease; "late" in the text once it misses a beat (lease / 3)."""
    heartbeat_seconds_ago: float
    host: str | None = None
    pid: int | None = None
    started: str | None = None
    leased: int = 0


@dataclass
class JobView:
    edition: str
    job: str
    spider: str
    arguments: dict[str, str]
    running: bool
    run: str | None
    queued: int
    leased: int
    workers: list[WorkerView] = field(default_factory=list)


@dataclass
class EditionView:
    edition: str
    articles: int
    exported: int
    failing: int
    unrecovered_feed_files: list[str]


@dataclass
class Status:
    jobs: list[JobView]
    editions: list[EditionView]


def text(value: bytes | str | None) -> str | None:
    return value.decode() if isinstance(value, bytes) else value


def job_view(server: redis.Redis, field_name: str, entry: dict[str, Any], lease: float) -> JobView:
    edition, job = field_name.split(":", 1)
    keys = JobKeys(edition, job)
    pipe = server.pipeline(transaction=False)
    pipe.get(keys.key("epoch"))
    pipe.zcard(keys.key("queue"))
    pipe.zcard(keys.key("leases"))
    pipe.hgetall(keys.key("workers"))
    pipe.zrange(keys.key("beats"), 0, -1, withscores=True)
    pipe.hvals(keys.key("holders"))
    pipe.time()
    epoch, queued, leased, workers, beats, holders, (seconds, micros) = pipe.execute()
    now_ms = int(seconds) * 1000 + int(micros) // 1000
    held: dict[str, int] = {}
    for holder in holders:
        name = text(holder) or ""
        held[name] = held.get(name, 0) + 1
    views: list[WorkerView] = []
    info = {text(k) or "": json.loads(v) for k, v in cast(dict[bytes, bytes], workers).items()}
    for raw, beat in beats:
        name = text(raw) or ""
        age = max(0.0, (now_ms - float(beat)) / 1000)
        details = info.get(name, {})
        views.append(
            WorkerView(
                worker=name,
                alive=age <= lease,
                heartbeat_seconds_ago=round(age, 1),
                host=details.get("host"),
                pid=details.get("pid"),
                started=details.get("started"),
                leased=held.get(name, 0),
            )
        )
    walk = json.loads(entry.get("walk") or "{}")
    arguments = {k: v for k, v in walk.items() if k != "spider"}
    return JobView(
        edition=edition,
        job=job,
        spider=str(entry.get("spider", walk.get("spider", ""))),
        arguments=arguments,
        running=epoch is not None,
        run=text(epoch),
        queued=int(queued),
        leased=int(leased),
        workers=sorted(views, key=lambda view: view.heartbeat_seconds_ago),
    )


def build(url: str, lease: float) -> Status:
    server = client(url, retries=0)
    registry = cast(dict[bytes, bytes], server.hgetall(JOBS))
    jobs = [
        job_view(server, text(name) or "", json.loads(value), lease)
        for name, value in sorted(registry.items())
    ]
    editions: list[EditionView] = []
    for edition in sorted({job.edition for job in jobs}):
        store = RedisStateStore(url, edition, "status", retries=0)
        counts = store.counts()
        gone = [
            f"{record.host}:{record.folder}/{record.name}.part"
            for record in store.feed_files(unfinished=True)
            if not store.epoch_active(record.job or "", record.epoch)
        ]
        editions.append(EditionView(edition, **counts, unrecovered_feed_files=gone))
    return Status(jobs, editions)


def render(status: Status, lease: float) -> str:
    if not status.jobs:
        return "No jobs on this Redis."
    lines: list[str] = []
    for job in status.jobs:
        arguments = " ".join(f"{k}={v}" for k, v in sorted(job.arguments.items()))
        state = f"running (run {job.run})" if job.running else "idle (last run done)"
        lines.append(f"job {job.job}  {job.spider} {arguments}")
        lines.append(f"  {state}: {job.queued} queued, {job.leased} leased")
        for worker in job.workers:
            where = f"{worker.host} pid {worker.pid}" if worker.host else ""
            late = worker.heartbeat_seconds_ago > min(10.0, lease / 3) + 2
            alive = "GONE " if not worker.alive else ("late " if late else "alive")
            lines.append(
                f"  worker {worker.worker}  {alive}  heartbeat {worker.heartbeat_seconds_ago:g}s"
                f" ago  {worker.leased} leased  {where}".rstrip()
            )
    for edition in status.editions:
        lines.append(
            f"edition {edition.edition}: {edition.articles} articles, {edition.exported} "
            f"exported, {edition.failing} failing"
        )
        lines.extend(
            f"  not recovered yet (its worker is gone): {path}"
            for path in edition.unrecovered_feed_files
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ukrinform_crawler.status", description=__doc__)
    parser.add_argument("url", help="the UKRINFORM_REDIS_URL of the workers")
    parser.add_argument(
        "--lease", type=float, default=30.0, help="UKRINFORM_REDIS_LEASE_SECONDS (default 30)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args(argv)
    if why := unreachable(args.url):
        print(f"error: {why}", file=sys.stderr)
        return 1
    status = build(args.url, args.lease)
    print(json.dumps(asdict(status), indent=2) if args.json else render(status, args.lease))
    return 0


if __name__ == "__main__":
    sys.exit(main())
