"""The outcome of a run: what it counted, its exit code and problems, its report and summary.

Exit codes of ``scrapy crawl`` (the README's table):

==  ==========================================================================================
0   done (a window with nothing new in it is success)
1   the run failed: output not written, error rate over the limit, close reason not
    ``finished`` (origin unreachable, a listing page failed, …), nothing fetched (except by a
    worker of a distributed job), articles listed but neither delivered nor failed, layout
    drift (with a state)
2   usage error: a bad argument or setting, before any request
75  another run holds the lock of the state or the feed dir
==  ==========================================================================================
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 75  # EX_TEMPFAIL: try again later


@dataclass
class RunTally:
    """What a run did, counted from the crawl's signals."""

    pages: int = 0
    article_pages: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    """new, updated, failed"""
    failure_reasons: Counter[str] = field(default_factory=Counter)
    listed_new: set[int] = field(default_factory=set)
    """Articles listed that the state did not hold (every listed article without a state); in
    distributed mode, where any worker may fetch what one lists, the articles fetched here."""
    settled: set[int] = field(default_factory=set)
    """Listed articles this run delivered, found unchanged or outside the window, or failed."""

    @property
    def emitted(self) -> int:
        return self.counts["new"] + self.counts["updated"]


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    problems: list[str]


def judge(
    tally: RunTally,
    reason: str,
    *,
    spider_errors: int,
    max_error_rate: float,
    output_errors: list[str],
    drift: list[str],
    shared_job: bool = False,
) -> Outcome:
    """The exit code and problems of a finished run (see the module docstring).

    ``shared_job``: a worker of a distributed job, which may finish without fetching anything
    when the other workers took all the work.
    """
    problems: list[str] = []
    if reason != "finished":
        problems.append(f"close reason {reason}")
    if output_errors:
        problems.append(f"output not written: {output_errors[0]}")
    errors = spider_errors + tally.counts["failed"]
    rate = errors / max(tally.pages, 1)
    if errors and rate > max_error_rate:
        problems.append(f"error rate {rate:.3f} over {max_error_rate}")
    if tally.pages == 0 and not shared_job:
        problems.append("no page fetched")
    unsettled = tally.listed_new - tally.settled
    if tally.emitted == 0 and unsettled:
        problems.append(f"no article emitted while {len(unsettled)} new articles were listed")
    problems.extend(f"layout drift: {problem}" for problem in drift)
    return Outcome(EXIT_FAILED if problems else EXIT_OK, problems)


def to_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def build_report(
    *,
    spider: str,
    edition: str | None,
    started: float,
    reason: str,
    outcome: Outcome,
    tally: RunTally,
    stats: dict[str, Any],
    coverage: dict[str, float],
    outputs: list[str],
    state_path: Path | str | None,
) -> dict[str, Any]:
    """The run report, as written to ``<feed stem>.report.json``."""
    skipped_known = int(stats.get("ukrinform/state/skipped_known", 0))
    unchanged = int(stats.get("ukrinform/state/unchanged", 0))
    return {
        "spider": spider,
        "edition": edition,
        "started_at": to_text(datetime.fromtimestamp(started, UTC)),
        "finished_at": to_text(datetime.now(UTC)),
        "duration_seconds": round(time.time() - started, 3),
        "close_reason": reason,
        "exit_code": outcome.exit_code,
        "problems": outcome.problems,
        "counts": {
            "new": tally.counts["new"],
            "updated": tally.counts["updated"],
            "skipped": skipped_known + unchanged,
            "skipped_known": skipped_known,
            "unchanged": unchanged,
            "failed": tally.counts["failed"],
        },
        "failure_reasons": dict(tally.failure_reasons),
        "pages_fetched": tally.pages,
        "article_pages_fetched": tally.article_pages,
        "early_stop": int(stats.get("ukrinform/state/early_stop", 0)),
        "coverage": coverage,
        "feed_file": outputs[0] if len(outputs) == 1 else (outputs or None),
        "state_path": str(state_path) if state_path else None,
    }


def write_report(report: dict[str, Any], path: Path) -> None:
    """Writes the report atomically (raises OSError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".tmp")
    scratch.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    scratch.replace(path)


def summary_line(report: dict[str, Any]) -> str:
    """``Run OK: 60 new, 0 updated, 0 skipped, 0 failed; 64 pages (60 articles) in 2.1s; …``."""
    counts = report["counts"]
    feed = report["feed_file"]
    outputs = " ".join(feed) if isinstance(feed, list) else (feed or "-")
    line = (
        f"Run {'OK' if report['exit_code'] == EXIT_OK else 'FAILED'}: {counts['new']} new, "
        f"{counts['updated']} updated, {counts['skipped']} skipped, {counts['failed']} failed; "
        f"{report['pages_fetched']} pages ({report['article_pages_fetched']} articles) in "
        f"{report['duration_seconds']:.1f}s; feed {outputs}; exit {report['exit_code']}"
    )
    if report["problems"]:
        line += f" ({'; '.join(report['problems'])})"
    return line
