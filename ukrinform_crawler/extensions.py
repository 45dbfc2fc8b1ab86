"""A crawl run: state store and lock, exactly-once feed-dir files, report, exit code, progress.

With ``UKRINFORM_STATE_PATH`` set and no ``FEEDS`` (no ``-o``/``-O``), each run appends its records
to ``<feed dir>/<edition>-<UTC time>.jsonl.part`` and renames it to ``.jsonl`` when the run closes.
Every line is written and flushed before the store records its export, so a killed run can only
leave a line that the store does not know yet; the next run keeps such complete lines, drops a
partial last line, records them and renames the file into place before crawling. With ``-o``/``-O``
the feed exporter writes the output and the store records exports as items are scraped (the
exactly-once guarantee holds for the feed-dir mode only).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
import time
from collections import Counter
from dataclasses import dataclass, is_dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from itemadapter import ItemAdapter
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.http import Response
from scrapy.utils.serialize import ScrapyJSONEncoder
from twisted.internet import task

from ukrinform_crawler import signals as ukrinform_signals
from ukrinform_crawler.state import (
    Export,
    LockHeld,
    RunLock,
    StateStore,
    UnchangedArticle,
    content_hash,
    keeps_line,
    search_window_key,
    to_text,
    utcnow,
)

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_LOCKED = 75  # EX_TEMPFAIL: try again later
PART_SUFFIX = ".part"

_ENCODER = ScrapyJSONEncoder(ensure_ascii=False)


def feed_line(item: Any) -> bytes:
    """One record as a JSON line: UTF-8, fields in item order, as Scrapy's jsonlines exporter."""
    return (_ENCODER.encode(ItemAdapter(item).asdict()) + "\n").encode("utf-8")


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def parse_feed_line(raw: bytes) -> dict[str, Any] | None:
    """A complete, valid feed line as a record; None for a partial or broken line."""
    if not raw.endswith(b"\n"):
        return None
    try:
        record = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(record, dict) or not isinstance(record.get("id"), int):
        return None
    if not isinstance(record.get("version", 1), int):
        return None
    return record


def export_of(record: dict[str, Any], file_name: str) -> Export:
    return Export(
        id=record["id"],
        url=str(record.get("url") or ""),
        version=record.get("version", 1),
        content_hash=content_hash(record),
        exported_to=file_name,
        published_at=record.get("published_at"),
    )


@dataclass(frozen=True)
class Recovered:
    """A leftover ``.part`` file after recovery."""

    part: Path
    final: Path | None
    kept: int
    dropped: int


def recover_part(part: Path, store: StateStore) -> Recovered:
    """Makes a leftover ``X.jsonl.part`` whole: records its complete lines, renames it ``X.jsonl``.

    Idempotent, so a run killed while recovering is recovered again. Order: cut the file to its
    good lines, record them in the store, then rename (a line is in the store only once it is in
    the file). Lines that are not complete JSON records, or repeat an export the store already
    holds in another file, are dropped.
    """
    final = part.with_name(part.name.removesuffix(PART_SUFFIX))
    data = part.read_bytes()
    kept: list[bytes] = []
    exports: list[Export] = []
    seen: set[tuple[int, int]] = set()
    dropped = 0
    for raw in data.splitlines(keepends=True):
        record = parse_feed_line(raw)
        if record is None:
            dropped += 1
            continue
        key = (record["id"], record.get("version", 1))
        if key in seen or not keeps_line(store.get(key[0]), key[1], final.name):
            dropped += 1
            continue
        seen.add(key)
        kept.append(raw)
        exports.append(export_of(record, final.name))
    content = b"".join(kept)
    if content != data:
        if data.startswith(content):
            os.truncate(part, len(content))
        else:
            scratch = part.with_name(part.name + ".tmp")
            scratch.write_bytes(content)
            scratch.replace(part)
    if not content:
        part.unlink()
        return Recovered(part, None, 0, dropped)
    with part.open("rb+") as handle:
        os.fsync(handle.fileno())
    store.record_exports(exports, utcnow())
    part.replace(final)
    fsync_dir(part.parent)
    store.finish_feed_file(final.name, utcnow())
    return Recovered(part, final, len(kept), dropped)


class FeedFile:
    """The feed file of one run: created at the first record, renamed into place by ``finish``."""

    def __init__(self, feed_dir: Path, edition: str, started: float, store: StateStore) -> None:
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(started))
        stem, number = f"{edition}-{stamp}", 1
        while self._taken(feed_dir, stem):
            number += 1
            stem = f"{edition}-{stamp}-{number}"
        self.final = feed_dir / f"{stem}.jsonl"
        self.part = feed_dir / f"{stem}.jsonl{PART_SUFFIX}"
        self.report = feed_dir / f"{stem}.report.json"
        self.lines = 0
        self.store = store
        self._handle: Any = None

    @staticmethod
    def _taken(feed_dir: Path, stem: str) -> bool:
        return any(
            (feed_dir / name).exists()
            for name in (f"{stem}.jsonl", f"{stem}.jsonl{PART_SUFFIX}", f"{stem}.report.json")
        )

    def write(self, line: bytes) -> None:
        """Appends one line and hands it to the kernel, so it survives the process being killed."""
        if self._handle is None:
            self.store.register_feed_file(self.final.name, utcnow())
            self._handle = self.part.open("ab")
        self._handle.write(line)
        self._handle.flush()
        self.lines += 1

    def finish(self, *, rename: bool = True) -> Path | None:
        """Syncs and renames ``.part`` to ``.jsonl``; None when no record was written.

        ``rename=False`` leaves the ``.part`` for the next run's recovery.
        """
        if self._handle is None:
            return None
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        self._handle = None
        if not rename:
            return None
        self.part.replace(self.final)
        fsync_dir(self.final.parent)
        self.store.finish_feed_file(self.final.name, utcnow())
        return self.final


def walk_key(spider: Spider) -> str:
    """Identifies a discovery walk: the spider and its argument values."""
    parts: dict[str, str] = {"spider": spider.name}
    for name, value in sorted(vars(spider).items()):
        if name.startswith("_") or name.startswith("progress"):
            continue
        if isinstance(value, str | int | float | bool) or (
            is_dataclass(value) and not isinstance(value, type)
        ):
            parts[name] = str(value)
    return json.dumps(parts, sort_keys=True)


class Progress:
    """A one-line progress display, redrawn every second on an interactive stderr only."""

    def __init__(self, run: RunExtension) -> None:
        self.run = run
        self.loop = task.LoopingCall(self.draw)

    @staticmethod
    def wanted() -> bool:
        return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"

    def start(self) -> None:
        self.loop.start(1.0, now=False)

    def draw(self) -> None:
        run, spider = self.run, self.run.crawler.spider
        counts = run.counts
        line = (
            f"{run.pages} pages, {run.article_pages} article pages, {counts['new']} new, "
            f"{counts['updated']} updated, {counts['failed']} failed"
        )
        total = getattr(spider, "progress_total", None)
        if isinstance(total, int) and total > 0:
            line += f", windows {getattr(spider, 'progress_done', 0)}/{total}"
        sys.stderr.write(f"\r{line}\x1b[K")
        sys.stderr.flush()

    def stop(self) -> None:
        if self.loop.running:
            self.loop.stop()
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


class RunExtension:
    """Owns a run: lock, state store, feed-dir file, failures, report, summary line and exit code.

    ``exit_code`` after the run: 0 success; 1 close reason not ``finished``, error rate over
    ``UKRINFORM_MAX_ERROR_RATE``, nothing fetched, or no article emitted while the listings showed
    articles not exported before; 75 when another run holds the state lock.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        state_path = settings.get("UKRINFORM_STATE_PATH") or ""
        self.state_path = Path(state_path) if state_path else None
        self.feed_dir = Path(settings.get("UKRINFORM_FEED_DIR") or "feeds")
        self.feeds = settings.getdict("FEEDS")
        self.max_error_rate = settings.getfloat("UKRINFORM_MAX_ERROR_RATE")
        self.store: StateStore | None = None
        self.locks: list[RunLock] = []
        self.feed: FeedFile | None = None
        self.walk: str | None = None
        self.early_stop_allowed = False
        self.locked = False
        self.started = time.time()
        self.pages = 0
        self.article_pages = 0
        self.unknown_listed: set[int] = set()
        self.counts: Counter[str] = Counter()
        self.failure_reasons: Counter[str] = Counter()
        self.write_error: str | None = None
        self.exit_code = EXIT_OK
        self.problems: list[str] = []
        self.report: dict[str, Any] | None = None
        self.progress: Progress | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler)
        connect = crawler.signals.connect
        connect(extension.spider_opened, signal=signals.spider_opened)
        connect(extension.spider_closed, signal=signals.spider_closed)
        connect(extension.response_received, signal=signals.response_received)
        connect(extension.item_scraped, signal=signals.item_scraped)
        connect(extension.item_dropped, signal=signals.item_dropped)
        connect(extension.item_error, signal=signals.item_error)
        connect(extension.article_listed, signal=ukrinform_signals.article_listed)
        connect(extension.article_failed, signal=ukrinform_signals.article_failed)
        connect(extension.search_window_done, signal=ukrinform_signals.search_window_done)
        return extension

    @property
    def feed_dir_mode(self) -> bool:
        """State on and no FEEDS: this extension writes the run's feed file."""
        return self.state_path is not None and not self.feeds

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.time()
        if self.state_path is not None:
            try:
                self.open_state(spider)
            except (OSError, sqlite3.Error, RuntimeError) as error:
                self.release()
                logger.error("Cannot open the state %s: %s", self.state_path, error)
                raise CloseSpider("state_error") from None
        if Progress.wanted():
            self.progress = Progress(self)
            self.progress.start()

    def open_state(self, spider: Spider) -> None:
        if self.state_path is None:
            return
        lock_paths = [self.state_path.with_name(self.state_path.name + ".lock")]
        if self.feed_dir_mode:
            lock_paths.append(self.feed_dir / ".lock")
        try:
            for path in lock_paths:
                lock = RunLock(path)
                lock.acquire()
                self.locks.append(lock)
        except LockHeld as held:
            self.release()
            self.locked = True
            self.exit_code = EXIT_LOCKED
            logger.error(
                "Another run is using this state (lock %s held by %s); exiting without crawling",
                held.path,
                held.holder or "another process",
            )
            raise CloseSpider("locked") from None
        self.store = StateStore(self.state_path).open()
        self.walk = walk_key(spider)
        self.early_stop_allowed = self.store.walk_finished_before(self.walk)
        if not self.early_stop_allowed:
            logger.info("No finished run of this walk in the state: listings are walked in full")
        self.store.start_walk(self.walk, utcnow())
        if self.feed_dir_mode:
            self.feed_dir.mkdir(parents=True, exist_ok=True)
            for part in sorted(self.feed_dir.glob(f"*.jsonl{PART_SUFFIX}")):
                if not self.store.owns_feed_file(part.name.removesuffix(PART_SUFFIX)):
                    logger.warning("Leaving %s alone: another state's run wrote it", part)
                    continue
                recovered = recover_part(part, self.store)
                self.crawler.stats.inc_value("ukrinform/state/recovered_lines", recovered.kept)
                logger.warning(
                    "Recovered %s from an interrupted run: %d complete lines kept, %d dropped",
                    recovered.final or part,
                    recovered.kept,
                    recovered.dropped,
                )
            edition = str(getattr(spider, "edition", None) or spider.name)
            self.feed = FeedFile(self.feed_dir, edition, self.started, self.store)

    def response_received(self, response: Response, request: Request) -> None:
        self.pages += 1
        if "ukrinform_article_id" in request.meta:
            self.article_pages += 1

    def article_listed(
        self, article_id: int, url: str, channel: str, published_at: datetime | None
    ) -> None:
        if self.store is not None:
            now = utcnow()
            self.store.record_sighting(article_id, url, channel, published_at, now)
            state = self.store.get(article_id)
            if state is None:
                self.store.seen(article_id, url, now)
            if state is not None and state.exported:
                return
        self.unknown_listed.add(article_id)

    def search_window_done(self, day: str, query: str, rubric: str | None, spider: Spider) -> None:
        if self.store is not None:
            edition = str(getattr(spider, "edition", ""))
            key = search_window_key(spider.name, edition, query, rubric, day)
            self.store.finish_window(key, day, utcnow())

    def item_scraped(self, item: Any) -> None:
        adapter = ItemAdapter(item)
        version = adapter.get("version") or 1
        self.counts["new" if version == 1 else "updated"] += 1
        if self.store is None or adapter.get("id") is None:
            return
        line = feed_line(item)
        if self.feed is not None:
            try:
                self.feed.write(line)
            except OSError as error:
                self.write_error = f"{self.feed.part}: {error}"
                logger.error("Cannot write the feed file %s", self.write_error)
                return
            exported_to = self.feed.final.name
        else:
            exported_to = " ".join(self.feeds)
        try:
            self.store.record_exports([export_of(json.loads(line), exported_to)], utcnow())
        except sqlite3.Error as error:
            # The line is in the file but not in the store: leave the file as .part, so the
            # next run's recovery records it instead of exporting the article again.
            self.write_error = f"state {self.state_path}: {error}"
            logger.error("Cannot record an export in the state %s", self.write_error)

    def item_dropped(self, item: Any, exception: BaseException) -> None:
        if isinstance(exception, UnchangedArticle):
            return
        self.fail(item, f"dropped: {exception}")

    def item_error(self, item: Any, failure: Any) -> None:
        self.fail(item, f"error: {getattr(failure, 'value', failure)!r}")

    def fail(self, item: Any, reason: str) -> None:
        adapter = ItemAdapter(item)
        self.counts["failed"] += 1
        self.failure_reasons[reason.split(":")[0]] += 1
        article_id, url = adapter.get("id"), adapter.get("url")
        if self.store is not None and isinstance(article_id, int):
            self.store.record_failure(article_id, str(url or ""), reason, utcnow())

    def article_failed(self, article_id: int, url: str, reason: str) -> None:
        self.counts["failed"] += 1
        self.failure_reasons[reason] += 1
        if self.store is not None:
            self.store.record_failure(article_id, url, reason, utcnow())

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.locked:
            return
        if self.progress is not None:
            self.progress.stop()
        feed_path: Path | None = None
        if self.feed is not None:
            try:
                feed_path = self.feed.finish(rename=self.write_error is None)
                if self.write_error is not None:
                    logger.error("Feed file left as %s for the next run to recover", self.feed.part)
            except OSError as error:
                self.write_error = f"{self.feed.part}: {error}"
                logger.error("Cannot close the feed file %s", self.write_error)
        self.exit_code, self.problems = self.outcome(reason)
        if self.store is not None and self.walk is not None:
            self.store.finish_walk(self.walk, utcnow(), reason)
        self.report = report = self.build_report(spider, reason, feed_path)
        if self.state_path is not None:
            self.write_report(report)
        if self.store is not None:
            self.store.close()
        self.release()
        self.log_summary(report, feed_path)

    def release(self) -> None:
        for lock in self.locks:
            lock.release()
        self.locks.clear()

    def stat(self, key: str) -> int:
        return int(self.crawler.stats.get_value(key, 0) or 0)

    def outcome(self, reason: str) -> tuple[int, list[str]]:
        problems = []
        if reason != "finished":
            problems.append(f"close reason {reason}")
        if self.write_error:
            problems.append(f"feed write error {self.write_error}")
        errors = self.stat("spider_exceptions/count") + self.counts["failed"]
        rate = errors / max(self.pages, 1)
        if errors and rate > self.max_error_rate:
            problems.append(f"error rate {rate:.3f} over {self.max_error_rate}")
        if self.pages == 0:
            problems.append("no page fetched")
        emitted = self.counts["new"] + self.counts["updated"]
        if emitted == 0 and self.unknown_listed:
            problems.append(
                f"no article emitted while {len(self.unknown_listed)} new articles were listed"
            )
        return (EXIT_FAILED if problems else EXIT_OK), problems

    def build_report(self, spider: Spider, reason: str, feed_path: Path | None) -> dict[str, Any]:
        skipped_known = self.stat("ukrinform/state/skipped_known")
        unchanged = self.stat("ukrinform/state/unchanged")
        return {
            "spider": spider.name,
            "edition": getattr(spider, "edition", None),
            "started_at": to_text(datetime.fromtimestamp(self.started, UTC)),
            "finished_at": to_text(utcnow()),
            "duration_seconds": round(time.time() - self.started, 3),
            "close_reason": reason,
            "exit_code": self.exit_code,
            "problems": self.problems,
            "counts": {
                "new": self.counts["new"],
                "updated": self.counts["updated"],
                "skipped": skipped_known + unchanged,
                "skipped_known": skipped_known,
                "unchanged": unchanged,
                "failed": self.counts["failed"],
            },
            "failure_reasons": dict(self.failure_reasons),
            "pages_fetched": self.pages,
            "article_pages_fetched": self.article_pages,
            "early_stop": self.stat("ukrinform/state/early_stop"),
            "feed_file": str(feed_path) if feed_path else None,
            "state_path": str(self.state_path) if self.state_path else None,
        }

    def write_report(self, report: dict[str, Any]) -> None:
        if self.feed is not None:
            path = self.feed.report
        else:
            edition = report["edition"] or report["spider"]
            stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(self.started))
            path = self.feed_dir / f"{edition}-{stamp}.report.json"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            scratch = path.with_name(path.name + ".tmp")
            scratch.write_text(
                json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            scratch.replace(path)
        except OSError as error:
            logger.error("Cannot write the run report %s: %s", path, error)
            return
        report["report_file"] = str(path)

    def log_summary(self, report: dict[str, Any], feed_path: Path | None) -> None:
        counts = report["counts"]
        message = (
            f"Run {'OK' if self.exit_code == EXIT_OK else 'FAILED'}: {counts['new']} new, "
            f"{counts['updated']} updated, {counts['skipped']} skipped, {counts['failed']} failed; "
            f"{self.pages} pages ({self.article_pages} articles) in "
            f"{report['duration_seconds']:.1f}s; feed {feed_path or '-'}; exit {self.exit_code}"
        )
        if self.problems:
            message += f" ({'; '.join(self.problems)})"
        logger.log(logging.INFO if self.exit_code == EXIT_OK else logging.ERROR, message)
