"""Runs real `scrapy crawl` subprocesses against the replica and reads what they wrote."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STAT_LINE = re.compile(r"'((?:ukrinform|retry|downloader|item_dropped|log_count)[^']*)': (\d+)")
VOLATILE_FIELDS = {"scraped_at", "body_html", "version"}  # version: from the state's history


@dataclass
class CrawlResult:
    returncode: int
    items: list[dict[str, Any]]
    raw_lines: list[str]
    log: str
    stats: dict[str, int]


def run_crawl(
    spider: str,
    output: Path | None,
    *,
    args: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    timeout: float = 240,
) -> CrawlResult:
    """`python -m scrapy crawl SPIDER -a … -s … -O output` from the project root (no -O: None)."""
    command = crawl_command(spider, args=args, settings=settings)
    if output is not None:
        command += ["-O", str(output)]
    done = subprocess.run(  # noqa: S603  # our own interpreter and arguments
        command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    exists = output is not None and output.exists()
    raw_lines = output.read_text(encoding="utf-8").splitlines() if output and exists else []
    items = [json.loads(line) for line in raw_lines]
    stats = {key: int(value) for key, value in STAT_LINE.findall(done.stderr)}
    return CrawlResult(done.returncode, items, raw_lines, done.stderr, stats)


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """A record without the fields that depend on the moment of the crawl or on HTML details."""
    return {key: value for key, value in record.items() if key not in VOLATILE_FIELDS}


def crawl_command(
    spider: str, *, args: dict[str, str] | None = None, settings: dict[str, str] | None = None
) -> list[str]:
    """The argv of `python -m scrapy crawl SPIDER -a … -s …` (no output option)."""
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for name, value in (args or {}).items():
        command += ["-a", f"{name}={value}"]
    for name, value in (settings or {}).items():
        command += ["-s", f"{name}={value}"]
    return command


def read_feed_dir(feed_dir: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Records of every `*.jsonl` under a feed dir, and the lines that are not complete JSON."""
    records: list[dict[str, Any]] = []
    broken: list[str] = []
    for path in sorted(feed_dir.glob("*.jsonl")):
        for line in path.read_bytes().splitlines(keepends=True):
            try:
                if not line.endswith(b"\n"):
                    raise ValueError("no line end")
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not an object")
            except ValueError:
                broken.append(f"{path.name}: {line[:80]!r}")
                continue
            records.append(record)
    return records, broken
