"""Incremental state: one SQLite row per article id, the re-check policy, the run history.

The store remembers, per article, when it was first seen and last fetched, the hash of the
content last exported, its version and the feed file it went to. A run that finds an article
exported and not due for a re-check neither fetches nor emits it again. An export is recorded
only once its line is durably in the output (see ``feeds``); records handed to a ``-o``/``-O``
feed wait in ``pending_exports`` until the feed is stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol, Self

from scrapy.exceptions import DropItem

CONTENT_FIELDS = (
    "title",
    "lead",
    "label",
    "body",
    "tags",
    "related",
    "image_url",
    "image_credit",
    "published_at",
)
"""Record fields whose change makes a new version; the rest (scraped_at, body_html…) do not."""

SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_fetched TEXT,
    published_at TEXT,
    content_hash TEXT,
    version INTEGER NOT NULL DEFAULT 0,
    exported_at TEXT,
    exported_to TEXT,
    failed_at TEXT,
    fail_reason TEXT,
    failures INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS feed_files (
    name TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE TABLE IF NOT EXISTS walks (
    key TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    close_reason TEXT
);
CREATE TABLE IF NOT EXISTS sightings (
    article_id INTEGER NOT NULL,
    channel TEXT NOT NULL,
    url TEXT NOT NULL,
    listed_published_at TEXT,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (article_id, channel)
);
CREATE TABLE IF NOT EXISTS search_windows (
    key TEXT PRIMARY KEY,
    day TEXT NOT NULL,
    finished_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pending_exports (
    id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    url TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    exported_to TEXT NOT NULL,
    published_at TEXT,
    run TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
CREATE TABLE IF NOT EXISTS runs (
    started_at TEXT NOT NULL,
    edition TEXT NOT NULL,
    spider TEXT NOT NULL,
    exit_code INTEGER NOT NULL,
    tallies TEXT NOT NULL
);
"""
"""``articles.version`` is the last exported version (0: never exported). ``feed_files`` are the
feed files this state's runs created (only those are recovered). A ``walks`` row is one discovery
walk (spider and arguments); ``finished_at`` is null while a run of it is unfinished.
``sightings`` say which discovery channel (listing, search, rss, sitemap) listed which article,
for the coverage report. ``search_windows`` are the search day windows read to their end.
``pending_exports`` are records handed to a ``-o``/``-O`` feed that is not stored yet. ``runs``
keep the field coverage of every run (the layout-drift baseline)."""


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_text(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat(timespec="seconds")


def from_text(value: str | None) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def search_window_key(spider: str, edition: str, query: str, rubric: str | None, day: str) -> str:
    """Identifies one search day window: the same search of the same day on the same edition."""
    return json.dumps([spider, edition, query, rubric or "", day])


def content_hash(record: Mapping[str, Any]) -> str:
    """SHA-256 of the content fields of a record in feed form (Article as dict, or a JSON line)."""
    content = {name: record.get(name) for name in CONTENT_FIELDS}
    payload = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ArticleState:
    """What the store knows of one article."""

    id: int
    url: str
    first_seen: datetime
    last_fetched: datetime | None = None
    published_at: datetime | None = None
    content_hash: str | None = None
    version: int = 0
    exported_at: datetime | None = None
    exported_to: str | None = None
    failed_at: datetime | None = None
    fail_reason: str | None = None
    failures: int = 0

    @property
    def exported(self) -> bool:
        return self.version > 0

    @property
    def known(self) -> bool:
        """Delivered, or failed with a failure record that a later run retries."""
        return self.exported or self.failures > 0


@dataclass(frozen=True)
class Export:
    """One exported record: the feed line of ``id`` at ``version`` went to file ``exported_to``."""

    id: int
    url: str
    version: int
    content_hash: str
    exported_to: str
    published_at: str | None = None


@dataclass(frozen=True)
class RecheckPolicy:
    """When an exported article is fetched again to look for edits.

    Only inside the freshness window (counted from publication, else from first sight), and then
    at doubling intervals: due when
    ``now - last_fetched >= max(minimum, last_fetched - first_seen)``.
    """

    freshness: timedelta = timedelta(hours=48)
    minimum: timedelta = timedelta(minutes=30)

    def is_fresh(self, state: ArticleState, now: datetime) -> bool:
        return now - (state.published_at or state.first_seen) <= self.freshness

    def is_due(self, state: ArticleState, now: datetime) -> bool:
        """True when an exported article should be fetched again now."""
        if not self.is_fresh(state, now):
            return False
        last = state.last_fetched or state.exported_at or state.first_seen
        interval = max(self.minimum, last - state.first_seen)
        return now - last >= interval

    def needs_fetch(self, state: ArticleState | None, now: datetime) -> bool:
        """True for an article never exported (new or failed before) or due for a re-check."""
        return state is None or not state.exported or self.is_due(state, now)


def keeps_line(state: ArticleState | None, version: int, file_name: str) -> bool:
    """Whether a recovered feed line (``version`` in ``file_name``) is not a copy of an export.

    A line is a duplicate when the store has a later version, or the same version recorded in
    another file.
    """
    if state is None or state.version < version:
        return True
    return state.version == version and state.exported_to == file_name


class StoreError(Exception):
    """A store other than SQLite failed (e.g. Redis unreachable); the message names it."""


STATE_ERRORS = (OSError, sqlite3.Error, RuntimeError, StoreError)
"""What opening or writing a state can raise (a full disk, a lost Redis…)."""


class Store(Protocol):
    """What a run needs of its incremental state; :class:`StateStore` (SQLite, the default) and
    ``distributed.store.RedisStateStore`` (shared by the workers of a distributed job) implement
    it. Writes are durable when the call returns; a failure raises ``sqlite3.Error``, OSError or
    :class:`StoreError`.
    """

    early_stop_allowed: bool
    """Set by ``begin_walk``."""

    @property
    def location(self) -> str:
        """Where the state is, for messages and reports (a path, or a Redis URL)."""
        ...

    @property
    def is_open(self) -> bool: ...

    def open(self) -> Self: ...

    def close(self) -> None: ...

    def get(self, article_id: int) -> ArticleState | None: ...

    def seen(self, article_id: int, url: str, now: datetime) -> None: ...

    def record_fetch(self, article_id: int, url: str, now: datetime) -> None: ...

    def record_exports(self, exports: Iterable[Export], now: datetime) -> None: ...

    def record_failure(self, article_id: int, url: str, reason: str, now: datetime) -> None: ...

    def failed_articles(self, limit: int, max_failures: int) -> list[tuple[int, str]]: ...

    def record_sighting(
        self,
        article_id: int,
        url: str,
        channel: str,
        published_at: datetime | None,
        now: datetime,
    ) -> None: ...

    def window_finished(self, key: str) -> bool: ...

    def finish_window(self, key: str, day: str, now: datetime) -> None: ...

    def walk_finished_before(self, key: str) -> bool: ...

    def begin_walk(self, key: str, now: datetime) -> bool: ...

    def finish_walk(self, key: str, now: datetime, reason: str, *, succeeded: bool) -> None: ...

    def register_feed_file(self, name: str, now: datetime, folder: Path | None = None) -> None: ...

    def owns_feed_file(self, name: str) -> bool: ...

    def finish_feed_file(self, name: str, now: datetime) -> None: ...

    def add_pending(self, export: Export, run: str) -> None: ...

    def promote_pending(self, run: str, now: datetime) -> int: ...

    def drop_pending(self, run: str | None = None) -> int: ...

    def record_run(
        self,
        started: datetime,
        edition: str,
        spider: str,
        exit_code: int,
        tallies: Mapping[str, int],
    ) -> None: ...

    def recent_runs(self, edition: str, limit: int) -> list[dict[str, int]]: ...

    def counts(self) -> dict[str, int]: ...


class StateStore:
    """The SQLite store (WAL journal); every write is its own committed transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self.early_stop_allowed = False
        """Set by ``begin_walk``: the last run of this walk succeeded, so a listing walk may stop
        once it reaches known pages."""

    @property
    def location(self) -> str:
        return str(self.path)

    @property
    def is_open(self) -> bool:
        return self._db is not None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError(f"state store {self.path} is not open")
        return self._db

    def open(self) -> StateStore:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        # NORMAL: a commit survives a killed process (not a power cut); the WAL stays consistent.
        db.execute("PRAGMA synchronous=NORMAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            db.close()
            raise RuntimeError(f"state {self.path} has schema {version}, newer than this code")
        db.executescript(SCHEMA)
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        self._db = db
        return self

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> StateStore:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def get(self, article_id: int) -> ArticleState | None:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        return ArticleState(
            id=row["id"],
            url=row["url"],
            first_seen=from_text(row["first_seen"]) or utcnow(),
            last_fetched=from_text(row["last_fetched"]),
            published_at=from_text(row["published_at"]),
            content_hash=row["content_hash"],
            version=row["version"],
            exported_at=from_text(row["exported_at"]),
            exported_to=row["exported_to"],
            failed_at=from_text(row["failed_at"]),
            fail_reason=row["fail_reason"],
            failures=row["failures"],
        )

    def seen(self, article_id: int, url: str, now: datetime) -> None:
        """Creates the row of an article listed for the first time."""
        self.db.execute(
            "INSERT OR IGNORE INTO articles (id, url, first_seen) VALUES (?, ?, ?)",
            (article_id, url, to_text(now)),
        )

    def record_fetch(self, article_id: int, url: str, now: datetime) -> None:
        self.db.execute(
            "INSERT INTO articles (id, url, first_seen, last_fetched) VALUES (?1, ?2, ?3, ?3)"
            " ON CONFLICT (id) DO UPDATE SET last_fetched = ?3",
            (article_id, url, to_text(now)),
        )

    def record_exports(self, exports: Iterable[Export], now: datetime) -> None:
        """Marks records exported, in one transaction; an older version never replaces a newer."""
        stamp = to_text(now)
        with self.transaction():
            for export in exports:
                published = from_text(export.published_at) if export.published_at else None
                self.db.execute(
                    "INSERT INTO articles (id, url, first_seen, last_fetched, published_at,"
                    " content_hash, version, exported_at, exported_to)"
                    " VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?3, ?7)"
                    " ON CONFLICT (id) DO UPDATE SET"
                    " url = ?2, last_fetched = ?3, published_at = ?4, content_hash = ?5,"
                    " version = ?6, exported_at = ?3, exported_to = ?7,"
                    " failed_at = NULL, fail_reason = NULL, failures = 0"
                    " WHERE excluded.version >= articles.version",
                    (
                        export.id,
                        export.url,
                        stamp,
                        to_text(published),
                        export.content_hash,
                        export.version,
                        export.exported_to,
                    ),
                )

    def record_failure(self, article_id: int, url: str, reason: str, now: datetime) -> None:
        """Remembers why an article failed; it stays unexported, so the next run retries it."""
        self.db.execute(
            "INSERT INTO articles (id, url, first_seen, failed_at, fail_reason, failures)"
            " VALUES (?1, ?2, ?3, ?3, ?4, 1)"
            " ON CONFLICT (id) DO UPDATE SET failed_at = ?3, fail_reason = ?4,"
            " failures = failures + 1",
            (article_id, url, to_text(now), reason),
        )

    def failed_articles(self, limit: int, max_failures: int) -> list[tuple[int, str]]:
        """(id, url) of articles never exported that failed fewer than ``max_failures`` times,
        the latest failure first."""
        rows = self.db.execute(
            "SELECT id, url FROM articles WHERE version = 0 AND failures BETWEEN 1 AND ?"
            " ORDER BY failed_at DESC, id DESC LIMIT ?",
            (max_failures - 1, limit),
        )
        return [(row["id"], row["url"]) for row in rows]

    def record_sighting(
        self,
        article_id: int,
        url: str,
        channel: str,
        published_at: datetime | None,
        now: datetime,
    ) -> None:
        """Remembers that ``channel`` listed the article (first sighting per channel wins)."""
        self.db.execute(
            "INSERT OR IGNORE INTO sightings"
            " (article_id, channel, url, listed_published_at, first_seen) VALUES (?, ?, ?, ?, ?)",
            (article_id, channel, url, to_text(published_at), to_text(now)),
        )

    def window_finished(self, key: str) -> bool:
        row = self.db.execute("SELECT 1 FROM search_windows WHERE key = ?", (key,)).fetchone()
        return row is not None

    def finish_window(self, key: str, day: str, now: datetime) -> None:
        self.db.execute(
            "INSERT INTO search_windows (key, day, finished_at) VALUES (?1, ?2, ?3)"
            " ON CONFLICT (key) DO UPDATE SET finished_at = ?3",
            (key, day, to_text(now)),
        )

    def walk_finished_before(self, key: str) -> bool:
        """True when the last run of this walk ended normally (so it may stop at known pages)."""
        row = self.db.execute("SELECT finished_at FROM walks WHERE key = ?", (key,)).fetchone()
        return row is not None and row["finished_at"] is not None

    def begin_walk(self, key: str, now: datetime) -> bool:
        """Starts a run of the walk ``key``; returns (and keeps as ``early_stop_allowed``)
        whether its last run succeeded."""
        self.early_stop_allowed = self.walk_finished_before(key)
        self.start_walk(key, now)
        return self.early_stop_allowed

    def start_walk(self, key: str, now: datetime) -> None:
        self.db.execute(
            "INSERT INTO walks (key, started_at) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE"
            " SET started_at = ?2, finished_at = NULL, close_reason = NULL",
            (key, to_text(now)),
        )

    def finish_walk(self, key: str, now: datetime, reason: str, *, succeeded: bool) -> None:
        """Ends a run of the walk; only a run that succeeded lets the next one stop early."""
        finished = to_text(now) if succeeded else None
        self.db.execute(
            "UPDATE walks SET finished_at = ?2, close_reason = ?3 WHERE key = ?1",
            (key, finished, reason),
        )

    def register_feed_file(self, name: str, now: datetime, folder: Path | None = None) -> None:
        """Claims a feed file name before the file is created (the run's lock guards the feed
        dir, so the folder is not kept)."""
        self.db.execute(
            "INSERT OR IGNORE INTO feed_files (name, created_at) VALUES (?, ?)",
            (name, to_text(now)),
        )

    def owns_feed_file(self, name: str) -> bool:
        row = self.db.execute("SELECT 1 FROM feed_files WHERE name = ?", (name,)).fetchone()
        return row is not None

    def finish_feed_file(self, name: str, now: datetime) -> None:
        self.db.execute(
            "UPDATE feed_files SET finished_at = ? WHERE name = ?", (to_text(now), name)
        )

    def add_pending(self, export: Export, run: str) -> None:
        """Remembers a record handed to a ``-o``/``-O`` feed, not yet stored."""
        self.db.execute(
            "INSERT OR REPLACE INTO pending_exports"
            " (id, version, url, content_hash, exported_to, published_at, run)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                export.id,
                export.version,
                export.url,
                export.content_hash,
                export.exported_to,
                export.published_at,
                run,
            ),
        )

    def promote_pending(self, run: str, now: datetime) -> int:
        """Records the pending exports of ``run`` as exported (its feed was stored)."""
        rows = self.db.execute(
            "SELECT id, version, url, content_hash, exported_to, published_at"
            " FROM pending_exports WHERE run = ?",
            (run,),
        ).fetchall()
        self.record_exports([Export(**dict(row)) for row in rows], now)
        self.drop_pending(run)
        return len(rows)

    def drop_pending(self, run: str | None = None) -> int:
        """Forgets the pending exports of ``run`` (every run's when None): their feed failed."""
        if run is None:
            cursor = self.db.execute("DELETE FROM pending_exports")
        else:
            cursor = self.db.execute("DELETE FROM pending_exports WHERE run = ?", (run,))
        return cursor.rowcount

    def record_run(
        self,
        started: datetime,
        edition: str,
        spider: str,
        exit_code: int,
        tallies: Mapping[str, int],
    ) -> None:
        """Keeps what a run saw (items, items with each field, pages), for later baselines."""
        self.db.execute(
            "INSERT INTO runs (started_at, edition, spider, exit_code, tallies)"
            " VALUES (?, ?, ?, ?, ?)",
            (to_text(started), edition, spider, exit_code, json.dumps(dict(tallies))),
        )

    def recent_runs(self, edition: str, limit: int) -> list[dict[str, int]]:
        """The tallies of the last ``limit`` runs on ``edition``, newest first."""
        rows = self.db.execute(
            "SELECT tallies FROM runs WHERE edition = ? ORDER BY started_at DESC, rowid DESC"
            " LIMIT ?",
            (edition, limit),
        )
        return [json.loads(row["tallies"]) for row in rows]

    def counts(self) -> dict[str, int]:
        row = self.db.execute(
            "SELECT count(*) AS articles, sum(version > 0) AS exported,"
            " sum(version = 0 AND fail_reason IS NOT NULL) AS failing FROM articles"
        ).fetchone()
        return {key: int(row[key] or 0) for key in ("articles", "exported", "failing")}


class UnchangedArticle(DropItem):
    """A re-checked article whose content equals its last exported version (dropped quietly)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level="DEBUG")


class StateNotWritten(DropItem):
    """The state cannot be written (the run is failing and stopping): the article is not
    versioned, nor written, nor counted as failed; the next run fetches it again."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level="DEBUG")
