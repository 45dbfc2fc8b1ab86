"""Distributed mode: one, two and four workers on one job, when the site is the bottleneck.

``python -m benchmarks.distributed [--articles 600] [--latency 0.25] [--workers 1 2 4]``

The replica answers each request after a fixed ``--latency`` (a slow site; each worker keeps at
most 4 requests open, ``CONCURRENT_REQUESTS``, so one worker fetches at most 4 / latency pages a
second). For each worker count, a fresh job on a real ``redis-server``
(started here, on a free loopback port): every worker started at the same moment with its own
feed dir, timed from start to the last exit. Reported: articles per second, CPU per article of
the workers (user + system), and what Redis costs: its own CPU per request and the commands it
ran per request. A single-process run with a SQLite state (``UKRINFORM_STATE_PATH``) on the same
replica is the baseline of CPU per article.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import redis

from benchmarks.common import ROOT, replica_process, table, write_result
from tests.crawling import read_feed_dir
from tests.redis_server import RedisServer

CONCURRENCY = 4
"""Requests each worker keeps open (CONCURRENT_REQUESTS): one worker fetches at most
CONCURRENCY / latency pages a second."""


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def redis_counters(server: redis.Redis) -> tuple[float, int]:
    """(CPU seconds of the redis-server process, commands it has run)."""
    cpu = server.info("cpu")
    stats = server.info("stats")
    return float(cpu["used_cpu_sys"]) + float(cpu["used_cpu_user"]), int(
        stats["total_commands_processed"]
    )


def run_job(base_url: str, workers: int, workdir: Path, settings: dict[str, str]) -> dict[str, Any]:
    """Starts ``workers`` crawls at once and waits for all; what they did."""
    command = [sys.executable, "-m", "scrapy", "crawl", "ukrinform", "-a", "since=2000-01-01",
               "-s", f"UKRINFORM_BASE_URL={base_url}", "-s", f"CONCURRENT_REQUESTS={CONCURRENCY}",
               "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={CONCURRENCY}"]  # fmt: skip
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    workdir.mkdir(parents=True, exist_ok=True)
    cpu_before = children_cpu()
    started = time.perf_counter()
    processes = []
    for n in range(workers):
        feed_dir = workdir / f"feeds{n}"
        with (workdir / f"w{n}.log").open("wb") as log:
            processes.append(
                subprocess.Popen(  # noqa: S603  # our own interpreter and arguments
                    [*command, "-s", f"UKRINFORM_FEED_DIR={feed_dir}"],
                    cwd=ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
    codes = [process.wait() for process in processes]
    wall = time.perf_counter() - started
    cpu = children_cpu() - cpu_before
    delivered = [len(read_feed_dir(workdir / f"feeds{n}")[0]) for n in range(workers)]
    return {"exit_codes": codes, "wall_s": wall, "cpu_s": cpu, "delivered": delivered}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.distributed", description=__doc__)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--latency", type=float, default=0.25)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--output", default="distributed")
    args = parser.parse_args(argv)
    rows: list[dict[str, Any]] = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        replica_process(args.articles, latency=args.latency) as (base_url, _),
        RedisServer(Path(tmp) / "redis") as server,
    ):
        client = server.client()
        pages = args.articles + args.articles // 20 + 1  # articles, listing pages, robots.txt
        baseline = run_job(
            base_url, 1, Path(tmp) / "sqlite", {"UKRINFORM_STATE_PATH": f"{tmp}/state.sqlite"}
        )
        rows.append({"mode": "sqlite", "workers": 1, **baseline})
        for workers in args.workers:
            client.flushall()
            redis_cpu, commands = redis_counters(client)
            result = run_job(
                base_url,
                workers,
                Path(tmp) / f"redis{workers}",
                {"UKRINFORM_REDIS_URL": server.url},
            )
            redis_cpu_after, commands_after = redis_counters(client)
            result["redis_cpu_ms_per_request"] = (redis_cpu_after - redis_cpu) * 1000 / pages
            result["redis_commands_per_request"] = (commands_after - commands) / pages
            rows.append({"mode": "redis", "workers": workers, **result})
        client.close()
    for row in rows:
        articles = sum(row["delivered"])
        row["articles"] = articles
        row["articles_per_s"] = articles / row["wall_s"]
        row["cpu_ms_per_article"] = row["cpu_s"] * 1000 / max(articles, 1)
    headers = ["mode", "workers", "exit codes", "articles", "each", "wall s", "articles/s",
               "CPU ms/article", "Redis CPU ms/req", "Redis cmds/req"]  # fmt: skip
    print(
        f"replica: {args.articles} articles, {args.latency * 1000:.0f} ms per request; "
        "4 requests at a time per worker"
    )
    print(
        table(
            headers,
            [
                [
                    row["mode"],
                    row["workers"],
                    " ".join(map(str, row["exit_codes"])),
                    row["articles"],
                    "/".join(map(str, row["delivered"])),
                    row["wall_s"],
                    row["articles_per_s"],
                    row["cpu_ms_per_article"],
                    row.get("redis_cpu_ms_per_request"),
                    row.get("redis_commands_per_request"),
                ]
                for row in rows
            ],
        )
    )
    path = write_result(
        args.output, {"articles": args.articles, "latency_s": args.latency, "runs": rows}
    )
    print(f"written to {path}")


if __name__ == "__main__":
    main()
