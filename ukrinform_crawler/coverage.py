"""Coverage report of a backfilled period, read from the state file.

``python -m ukrinform_crawler.coverage STATE.sqlite --since 2026-03-01 --until 2026-05-31``
prints, per Kyiv day, how many articles each discovery channel (search, listing, rss, sitemap;
retry for an earlier failure fetched again) found and how many were exported, then lists by
URL every article found but not exported.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

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


def build(state: Path, since: date | None = None, until: date | None = None) -> Coverage:
    """Reads the state file (read-only) and tallies sightings and exports per day."""
    db = sqlite3.connect(f"file:{state}?mode=ro", uri=True)
    try:
        rows = db.execute(QUERY).fetchall()
    finally:
        db.close()
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
    parser.add_argument("state", type=Path, help="the UKRINFORM_STATE_PATH file")
    parser.add_argument("--since", type=date.fromisoformat, help="first Kyiv day (inclusive)")
    parser.add_argument("--until", type=date.fromisoformat, help="last Kyiv day (inclusive)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if not args.state.exists():
        parser.error(f"{args.state} does not exist")
    coverage = build(args.state, args.since, args.until)
    if args.json:
        print(json.dumps(asdict(coverage), ensure_ascii=False, indent=2))
    else:
        print(render(coverage))
    return 1 if coverage.gaps else 0


if __name__ == "__main__":
    sys.exit(main())
