"""Memory at scale: a backfill of the whole replica listing, RSS sampled from outside at 1 Hz.

``python -m benchmarks.memory [--articles 100000] [--concurrency 16]``

The replica (its own process) generates ``--articles`` synthetic articles on the fly; the crawl
walks every listing page (``-a since=2000-01-01``) and writes the feed to /dev/null. Another
thread of this process reads the crawl process's RSS (psutil) once a second; a probe extension
inside the crawl (``benchmarks.probe.Probe``) writes items scraped and requests pending in the
scheduler once a second. Reported: peak RSS, RSS when 10 % and 100 % of the articles were
scraped (10k and 100k by default), the growth between them, and the most requests pending.
"""

from __future__ import annotations

import argparse
import bisect
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from benchmarks.common import ROOT, replica_process, table, write_result
from benchmarks.crawl import STAT, bench_settings
from ukrinform_crawler import settings as project_settings

MIB = 1024 * 1024


def sample_rss(pid: int, samples: list[tuple[float, int]], stop: threading.Event) -> None:
    process = psutil.Process(pid)
    while not stop.is_set():
        try:
            samples.append((time.time(), process.memory_info().rss))
        except psutil.Error:
            return
        stop.wait(1.0)


def rss_at(samples: list[tuple[float, int]], moment: float) -> int | None:
    """The last RSS sample taken at or before ``moment``."""
    times = [t for t, _ in samples]
    index = bisect.bisect_right(times, moment) - 1
    return samples[index][1] if index >= 0 else None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.memory", description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--output", default="memory")
    args = parser.parse_args(argv)

    early = max(1, args.articles // 10)
    with tempfile.TemporaryDirectory() as tmp, replica_process(args.articles) as (base, _):
        probe_path = Path(tmp) / "probe.jsonl"
        extensions = {**project_settings.EXTENSIONS, "benchmarks.probe.Probe": 900}
        command = [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "ukrinform",
            "-a",
            "since=2000-01-01",
            *bench_settings(base, args.concurrency),
            "-s",
            f"EXTENSIONS={json.dumps(extensions)}",
            "-s",
            f"BENCH_PROBE_PATH={probe_path}",
            "-s",
            "LOGSTATS_INTERVAL=60",
            "-O",
            "/dev/null:jsonlines",
        ]
        samples: list[tuple[float, int]] = []
        stop = threading.Event()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        log_path = Path(tmp) / "crawl.log"
        with log_path.open("w", encoding="utf-8") as log:
            crawl = subprocess.Popen(  # noqa: S603  # our own interpreter and arguments
                command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log, text=True
            )
            sampler = threading.Thread(target=sample_rss, args=(crawl.pid, samples, stop))
            sampler.start()
            last_report = time.perf_counter()
            while crawl.poll() is None:
                time.sleep(1)
                if time.perf_counter() - last_report >= 60 and probe_path.exists():
                    last_report = time.perf_counter()
                    lines = probe_path.read_text(encoding="utf-8").splitlines()
                    if lines:
                        state = json.loads(lines[-1])
                        rss = samples[-1][1] / MIB if samples else 0
                        print(
                            f"{time.perf_counter() - start:6.0f} s: {state['items']} items, "
                            f"{state['pending']} pending, RSS {rss:.0f} MiB",
                            flush=True,
                        )
            stop.set()
            sampler.join()
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        log_text = log_path.read_text(encoding="utf-8")
        stats = {name: float(value) for name, value in STAT.findall(log_text)}
        probes = [json.loads(line) for line in probe_path.read_text(encoding="utf-8").splitlines()]
    if crawl.returncode != 0 or not probes:
        sys.stderr.write(log_text[-3000:])
        raise RuntimeError(f"crawl failed ({crawl.returncode})")

    items = int(stats.get("item_scraped_count", probes[-1]["items"]))
    reached_early = next((p["t"] for p in probes if p["items"] >= early), None)
    reached_end = next((p["t"] for p in probes if p["items"] >= items), probes[-1]["t"])
    rss_early = rss_at(samples, reached_early) if reached_early else None
    rss_end = rss_at(samples, reached_end)
    peak = max(rss for _, rss in samples)
    result: dict[str, Any] = {
        "articles_in_replica": args.articles,
        "items_scraped": items,
        "responses": int(stats.get("downloader/response_count", 0)),
        "wall_s": round(wall, 1),
        "crawl_elapsed_s": stats.get("elapsed_time_seconds"),
        "cpu_s": round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 1),
        "peak_rss_mib": round(peak / MIB, 1),
        f"rss_at_{early}_items_mib": round(rss_early / MIB, 1) if rss_early else None,
        f"rss_at_{items}_items_mib": round(rss_end / MIB, 1) if rss_end else None,
        "growth_mib": round((rss_end - rss_early) / MIB, 1) if rss_early and rss_end else None,
        "max_pending_requests": max(p["pending"] for p in probes),
        "rss_samples": len(samples),
    }
    rows = [[key, value] for key, value in result.items() if key != "rss_samples"]
    print()
    print(table(["measure", "value"], rows))
    print("\ntargets: peak < 300 MiB, growth 10 % -> 100 % < 50 MiB")
    timeline = [
        {
            "t": round(p["t"] - probes[0]["t"], 1),
            "items": p["items"],
            "pending": p["pending"],
            "rss_mib": round((rss_at(samples, p["t"]) or 0) / MIB, 1),
        }
        for p in probes[:: max(1, len(probes) // 200)]
    ]
    path = write_result(
        args.output,
        {
            "command": f"python -m benchmarks.memory --articles {args.articles} "
            f"--concurrency {args.concurrency}",
            "result": result,
            "timeline": timeline,
        },
    )
    print(f"written {path}")


if __name__ == "__main__":
    main()
