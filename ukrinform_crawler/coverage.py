"""Coverage report of a backfilled period, read from the state file (or a Redis state).

``python -m ukrinform_crawler.coverage STATE.sqlite --since 2026-03-01 --until 2026-05-31``
(or ``redis://host:port/db --edition en`` for a distributed job's state) prints, per Kyiv day,
how many articles each discovery channel (search, listing, rss, sitemap;
retry for an earlier failure fetched again) found and how many were exported, then lists by
URL every article found but not exported.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ukrinform_crawler.state import from_text
from ukrinform_crawler.window import KYIV

CHANNELS = ("search", "listing", "rss", "sitemap")

QUERY = """
SELECT s.article_id, s.channel, s.url, s.listed_published_at,
       a.published_at, a.version, a.fail_reason
FROM sightings AS s LEFT JOIN articles AS a ON a.id = s.article_id
UNION ALL
SELECT a.id, NULL, a.url, NULL, a.published_at, a.version, a.fail_reason
FROM articles AS a WHERE a.version > 0
"""


@dataclass
class DayRow:
    """One Kyiv day: articles per channel, exported, and the gaps (found, not exported)."""

    day: str
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CHANNELS, 0))
    exported: int = 0
    missing: int = 0


@dataclass
class Gap:
    day: str
    id: int
    url: str
    channels: list[str]
    reason: str | None


@dataclass
class Coverage:
    days: list[DayRow]
    gaps: list[Gap]


def kyiv_day(*moments: str | None) -> str:
    """The Kyiv date of the first known moment, or "unknown"."""
    for text in moments:
        if moment := from_text(text):
            return moment.astimezone(KYIV).date().isoformat()
    return "unknown"


Row = tuple[int, str | None, str, str | None, str | None, int, str | None]
"""(article id, channel or None for an export, url, listed published_at, published_at, version,
fail reason): one sighting, or one exported article."""


def sqlite_rows(state: Path) -> list[Row]:
    """The rows of a state file (opened read-only)."""
    db = sqlite3.connect(f"file:{state}?mode=ro", uri=True)
    try:
        return [tuple(row) for row in db.execute(QUERY).fetchall()]
    finally:
        db.close()


def redis_rows(url: str, edition: str) -> list[Row]:
    """The rows of an edition's state in Redis (distributed mode; needs the redis extra)."""
    from ukrinform_crawler.distributed.store import RedisStateStore

    store = RedisStateStore(url, edition, "coverage")
    articles: dict[int, dict[str, Any]] = {row["id"]: row for row in store.all_articles()}
    rows: list[Row] = []
    for channel in (*CHANNELS, "retry"):
        for article_id, seen in store.all_sightings(channel).items():
            article = articles.get(article_id, {})
            rows.append(
                (
                    article_id,
                    channel,
                    seen.get("url") or "",
                    seen.get("listed_published_at"),
                    article.get("published_at") or None,
                    int(article.get("version") or 0),
                    article.get("fail_reason") or None,
                )
            )
    for article_id, article in articles.items():
        if int(article.get("version") or 0) > 0:
            published = article.get("published_at") or None
            version = int(article["version"])
            rows.append((article_id, None, article.get("url", ""), None, published, version, None))
    return rows


def build(state: Path, since: date | None = None, until: date | None = None) -> Coverage:
    """Reads the state file (read-only) and tallies sightings and exports per day."""
    return tally(sqlite_rows(state), since, until)


def tally(rows: Iterable[Row], since: date | None = None, until: date | None = None) -> Coverage:
    """Sightings and exports per Kyiv day, and the gaps."""
    channels: dict[int, set[str]] = defaultdict(set)
    info: dict[int, tuple[str, str, bool, str | None]] = {}
    for article_id, channel, url, listed, published, version, reason in rows:
        if channel:
            channels[article_id].add(channel)
        day = kyiv_day(published, listed)
        previous = info.get(article_id)
        if previous is None or previous[0] == "unknown":
            info[article_id] = (day, url, bool(version), reason)
    by_day: dict[str, DayRow] = {}
    gaps: list[Gap] = []
    for article_id, (day, url, exported, reason) in sorted(info.items()):
        if not in_period(day, since, until):
            continue
        row = by_day.setdefault(day, DayRow(day))
        for channel in channels[article_id]:
            row.found[channel] = row.found.get(channel, 0) + 1
        if exported:
            row.exported += 1
        else:
            row.missing += 1
            gaps.append(Gap(day, article_id, url, sorted(channels[article_id]), reason))
    return Coverage(sorted(by_day.values(), key=lambda row: row.day), gaps)


def in_period(day: str, since: date | None, until: date | None) -> bool:
    """Whether a row belongs to the period; undated articles only when no period is given."""
    if day == "unknown":
        return since is None and until is None
    moment = date.fromisoformat(day)
    return (since is None or moment >= since) and (until is None or moment <= until)


def render(coverage: Coverage) -> str:
    header = ["day", *CHANNELS, "exported", "missing"]
    lines = ["  ".join(f"{name:>10}" for name in header)]
    for row in coverage.days:
        cells = [row.day, *(row.found[c] for c in CHANNELS), row.exported, row.missing]
        lines.append("  ".join(f"{cell:>10}" for cell in cells))
    totals = [sum(row.found[c] for row in coverage.days) for c in CHANNELS]
    exported = sum(row.exported for row in coverage.days)
    lines.append(
        "  ".join(f"{cell:>10}" for cell in ["total", *totals, exported, len(coverage.gaps)])
    )
    if coverage.gaps:
        lines.append("")
        lines.append(f"Not exported ({len(coverage.gaps)}):")
        for gap in coverage.gaps:
            found = ",".join(gap.channels) or "-"
            lines.append(f"  {gap.day}  {gap.url}  found by {found}  {gap.reason or ''}".rstrip())
    else:
        lines.append("")
        lines.append("Every article found was exported.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ukrinform_crawler.coverage", description=__doc__
    )
    parser.add_argument(
        "state", help="the UKRINFORM_STATE_PATH file, or the UKRINFORM_REDIS_URL of a job"
    )
    parser.add_argument("--edition", default="en", help="edition of a Redis state (default en)")
    parser.add_argument("--since", type=date.fromisoformat, help="first Kyiv day (inclusive)")
    parser.add_argument("--until", type=date.fromisoformat, help="last Kyiv day (inclusive)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if args.state.startswith(("redis://", "rediss://", "unix://")):
        from ukrinform_crawler.distributed.connection import unreachable

        if why := unreachable(args.state):
            parser.exit(1, f"error: {why}\n")
        coverage = tally(redis_rows(args.state, args.edition), args.since, args.until)
    else:
        if not Path(args.state).exists():
            parser.error(f"{args.state} does not exist")
        coverage = build(Path(args.state), args.since, args.until)
    if args.json:
        print(json.dumps(asdict(coverage), ensure_ascii=False, indent=2))
    else:
        print(render(coverage))
    return 1 if coverage.gaps else 0


if __name__ == "__main__":
    sys.exit(main())
