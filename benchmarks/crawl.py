"""Crawl cost vs Scrapy's ceiling: ``scrapy crawl ukrinform`` next to a bare spider, same pages.

``python -m benchmarks.crawl [--articles 2000] [--rounds 3] [--concurrency 16]``

One replica process on loopback serves ``--articles`` synthetic articles. Each round runs, one
after the other, in fresh processes with the same settings (project settings, politeness off
for the benchmark: no delay, no AutoThrottle, ``--concurrency`` requests per host):

- ours: ``scrapy crawl ukrinform -a since=2000-01-01`` walks the whole listing, parses and
  cleans every article and writes the feed (``-O``);
- bare: ``scrapy runspider benchmarks/bare_spider.py`` fetches the same listing and article
  URLs (given as a list) and drops every response unread;
- with ``--navigation``, also ours without the extraction: ``benchmarks/navigation_spider.py``
  walks the listing as ours does and yields a copy of the first article for every article page,
  with no cleaning pipelines, into the feed. Its rate is the most that ours could reach however
  fast extracting and cleaning became.

Articles per second use Scrapy's own ``elapsed_time_seconds``; CPU ms per article is the
crawl process's user + system time (start-up included) divided by the articles. The replica's
CPU share is shown too: near 100 % of a core means the replica, not the crawler, set the pace.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from benchmarks.common import ROOT, median, replica_process, table, write_result
from tests.site import Corpus
from ukrinform_crawler import settings as project_settings

STAT = re.compile(
    r"'(elapsed_time_seconds|item_scraped_count|downloader/response_count)': ([\d.]+)"
)
PAGE_SIZE = 20


def bench_settings(
    base_url: str, concurrency: int, disabled_middlewares: list[str] | None = None
) -> list[str]:
    settings = {
        "UKRINFORM_BASE_URL": base_url,
        "DOWNLOAD_DELAY": "0",
        "AUTOTHROTTLE_ENABLED": "False",
        "CONCURRENT_REQUESTS": str(concurrency),
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(concurrency),
        "LOG_LEVEL": "INFO",
    }
    if disabled_middlewares:
        middlewares: dict[str, int | None] = dict(project_settings.DOWNLOADER_MIDDLEWARES)
        middlewares.update(dict.fromkeys(disabled_middlewares))
        settings["DOWNLOADER_MIDDLEWARES"] = json.dumps(middlewares)
    return [arg for name, value in settings.items() for arg in ("-s", f"{name}={value}")]


def url_list(base_url: str, articles: int, path: Path) -> int:
    """The listing pages and article URLs the spider fetches; returns the article count."""
    corpus = Corpus("en", articles, 7)
    pages = math.ceil(articles / PAGE_SIZE)
    with path.open("w", encoding="utf-8") as out:
        out.write(f"{base_url}/block-lastnews\n")
        for page in range(2, pages + 1):
            out.write(f"{base_url}/block-lastnews?page={page}\n")
        for g in range(articles):
            out.write(f"{base_url}{corpus.headline(g).path}\n")
    return articles


def run(command: list[str], replica: psutil.Process) -> dict[str, Any]:
    """Runs one crawl process; its stats, wall, CPU, and the replica's CPU meanwhile."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    replica_before = replica.cpu_times()
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603  # our own interpreter and arguments
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    replica_after = replica.cpu_times()
    stats = {name: float(value) for name, value in STAT.findall(done.stderr)}
    if done.returncode != 0 or "elapsed_time_seconds" not in stats:
        sys.stderr.write(done.stderr[-3000:])
        raise RuntimeError(f"crawl failed ({done.returncode}): {' '.join(command[:6])}")
    elapsed = stats["elapsed_time_seconds"]
    replica_cpu = (replica_after.user - replica_before.user) + (
        replica_after.system - replica_before.system
    )
    return {
        "wall_s": wall,
        "elapsed_s": elapsed,
        "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "responses": int(stats.get("downloader/response_count", 0)),
        "items": int(stats.get("item_scraped_count", 0)),
        "replica_cpu_pct": 100 * replica_cpu / elapsed,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.crawl", description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--disable",
        action="append",
        metavar="CLASS_PATH",
        help="diagnostics: switch a downloader middleware off in both crawls (repeatable)",
    )
    parser.add_argument(
        "--navigation",
        action="store_true",
        help="also run ours without the extraction (benchmarks/navigation_spider.py)",
    )
    parser.add_argument("--output", default="crawl")
    args = parser.parse_args(argv)

    names = ["ours", "bare", "navigation"] if args.navigation else ["ours", "bare"]
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as tmp, replica_process(args.articles) as (base, proc):
        replica = psutil.Process(proc.pid)
        urls = Path(tmp) / "urls.txt"
        articles = url_list(base, args.articles, urls)
        settings = bench_settings(base, args.concurrency, args.disable)
        python = [sys.executable, "-m", "scrapy"]
        commands = {
            "ours": [
                *python,
                "crawl",
                "ukrinform",
                "-a",
                "since=2000-01-01",
                *settings,
                "-O",
                str(Path(tmp) / "out.jsonl"),
            ],
            "bare": [
                *python,
                "runspider",
                "benchmarks/bare_spider.py",
                "-a",
                f"urls={urls}",
                *settings,
            ],
            "navigation": [
                *python,
                "runspider",
                "benchmarks/navigation_spider.py",
                "-a",
                "since=2000-01-01",
                *settings,
                "-s",
                "ITEM_PIPELINES={}",
                "-O",
                str(Path(tmp) / "navigation.jsonl"),
            ],
        }
        for round_index in range(args.rounds):
            shift = round_index % len(names)
            for name in names[shift:] + names[:shift]:
                result = run(commands[name], replica)
                result["articles"] = articles if name == "bare" else result["items"]
                runs[name].append(result)
                print(
                    f"round {round_index + 1} {name}: {result['articles']} articles in "
                    f"{result['elapsed_s']:.1f} s, CPU {result['cpu_s']:.1f} s, replica "
                    f"{result['replica_cpu_pct']:.0f} % of a core",
                    flush=True,
                )
    summary: dict[str, dict[str, float]] = {}
    rows = []
    for name, results in runs.items():
        summary[name] = {
            "articles": median([r["articles"] for r in results]),
            "articles_per_s": median([r["articles"] / r["elapsed_s"] for r in results]),
            "cpu_ms_per_article": median([1000 * r["cpu_s"] / r["articles"] for r in results]),
            "elapsed_s": median([r["elapsed_s"] for r in results]),
            "wall_s": median([r["wall_s"] for r in results]),
            "replica_cpu_pct": median([r["replica_cpu_pct"] for r in results]),
        }
        s = summary[name]
        rows.append(
            [
                name,
                int(s["articles"]),
                s["articles_per_s"],
                s["cpu_ms_per_article"],
                s["elapsed_s"],
                s["wall_s"],
                s["replica_cpu_pct"],
            ]
        )
    ratio = summary["ours"]["articles_per_s"] / summary["bare"]["articles_per_s"]
    print()
    print(
        table(
            [
                "spider",
                "articles",
                "articles/s",
                "CPU ms/article",
                "crawl s",
                "wall s",
                "replica CPU %",
            ],
            rows,
        )
    )
    print(f"\nours / bare rate: {100 * ratio:.1f} % (target >= 85 %)")
    ceiling = None
    if args.navigation:
        ceiling = summary["navigation"]["articles_per_s"] / summary["bare"]["articles_per_s"]
        print(f"navigation / bare rate: {100 * ceiling:.1f} % (ours if extraction cost nothing)")
    path = write_result(
        args.output,
        {
            "command": f"python -m benchmarks.crawl --articles {args.articles} "
            f"--rounds {args.rounds} --concurrency {args.concurrency}"
            + (" --navigation" if args.navigation else ""),
            "disabled_middlewares": args.disable or [],
            "summary": summary,
            "ours_over_bare_rate_pct": 100 * ratio,
            "navigation_over_bare_rate_pct": None if ceiling is None else 100 * ceiling,
            "runs": runs,
        },
    )
    print(f"written {path}")


if __name__ == "__main__":
    main()
