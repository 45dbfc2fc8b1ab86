"""Cron no-op: wall and CPU time of an incremental run when nothing is new.

``python -m benchmarks.cron_noop [--articles 300] [--runs 5]``

Against a replica of ``--articles`` articles, a first ``scrapy crawl ukrinform`` with a state
file and a feed dir (as in the README's crontab recipe, politeness at its defaults: the replica
is on loopback, so the spider turns the delays off) exports the newest pages; then ``--runs``
more runs find nothing new. Reported: wall time of each no-op run (process start to exit, as
cron sees it), its CPU time (user + system), pages fetched, and that it wrote no feed file.
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, median, replica_process, table, write_result

STAT = re.compile(
    r"'(elapsed_time_seconds|item_scraped_count|downloader/response_count)': ([\d.]+)"
)


def crawl(command: list[str]) -> dict[str, Any]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603  # our own interpreter and arguments
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    stats = {name: float(value) for name, value in STAT.findall(done.stderr)}
    return {
        "returncode": done.returncode,
        "wall_s": wall,
        "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "crawl_elapsed_s": stats.get("elapsed_time_seconds"),
        "responses": int(stats.get("downloader/response_count", 0)),
        "items": int(stats.get("item_scraped_count", 0)),
        "log_tail": done.stderr[-2000:],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cron_noop", description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", default="cron_noop")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp, replica_process(args.articles) as (base, _):
        feeds = Path(tmp) / "feeds"
        command = [
            sys.executable, "-m", "scrapy", "crawl", "ukrinform",
            "-s", f"UKRINFORM_BASE_URL={base}",
            "-s", f"UKRINFORM_STATE_PATH={Path(tmp) / 'state.sqlite'}",
            "-s", f"UKRINFORM_FEED_DIR={feeds}",
            "-s", "LOG_LEVEL=INFO",
        ]  # fmt: skip
        first = crawl(command)
        if first["returncode"] != 0:
            sys.stderr.write(first["log_tail"])
            raise RuntimeError(f"first run failed ({first['returncode']})")
        files_after_first = sorted(p.name for p in feeds.glob("*.jsonl"))
        print(
            f"first run: {first['items']} articles exported, {first['wall_s']:.2f} s wall",
            flush=True,
        )
        runs = []
        for index in range(args.runs):
            result = crawl(command)
            result["new_feed_files"] = sorted(
                {p.name for p in feeds.glob("*.jsonl")} - set(files_after_first)
            )
            runs.append(result)
            print(
                f"no-op run {index + 1}: exit {result['returncode']}, {result['wall_s']:.2f} s "
                f"wall, {result['cpu_s']:.2f} s CPU, {result['responses']} responses, "
                f"{result['items']} items",
                flush=True,
            )
    for result in runs:
        result.pop("log_tail")
    first.pop("log_tail")
    summary = {
        "wall_s_median": median([r["wall_s"] for r in runs]),
        "wall_s_max": max(r["wall_s"] for r in runs),
        "cpu_s_median": median([r["cpu_s"] for r in runs]),
        "crawl_elapsed_s_median": median([r["crawl_elapsed_s"] or 0 for r in runs]),
        "responses_median": median([r["responses"] for r in runs]),
        "items_total": sum(r["items"] for r in runs),
        "exit_codes": sorted({r["returncode"] for r in runs}),
        "new_feed_files": sum(len(r["new_feed_files"]) for r in runs),
    }
    print()
    print(table(["measure", "value"], [[k, v] for k, v in summary.items()]))
    print("\ntarget: under 3 s wall")
    path = write_result(
        args.output,
        {
            "command": f"python -m benchmarks.cron_noop --articles {args.articles} "
            f"--runs {args.runs}",
            "first_run": first,
            "summary": summary,
            "runs": runs,
        },
    )
    print(f"written {path}")


if __name__ == "__main__":
    main()
