"""The state of one run: its locks, the store opened for the run's walk, and what the run leaves
in the store when it ends (whether its walk succeeded, its field tallies)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import is_dataclass
from datetime import datetime
from pathlib import Path

from scrapy import Spider

from ukrinform_crawler.lock import LockHeld, RunLock
from ukrinform_crawler.state import STATE_ERRORS, StateStore, Store, utcnow


class StateUnavailable(Exception):
    """The state (or its lock) cannot be opened; the message says which and why."""


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


class RunState:
    """Opens ``store`` for one run of a walk, under the locks of a single-machine state (the
    SQLite file, and the feed dir the run writes); a Redis state takes no lock (the workers of a
    job share it). Raises ``lock.LockHeld`` when another run holds a lock."""

    def __init__(self, store: Store, feed_dir: Path | None) -> None:
        self.store = store
        self.lock_paths: list[Path] = []
        if isinstance(store, StateStore):
            self.lock_paths.append(store.path.with_name(store.path.name + ".lock"))
            if feed_dir is not None:
                self.lock_paths.append(feed_dir / ".lock")
        self.locks: list[RunLock] = []
        self.walk: str | None = None

    def open(self, walk: str) -> bool:
        """Locks and opens the state and starts the walk; whether its last run succeeded (so
        that a listing walk may stop early)."""
        try:
            for path in self.lock_paths:
                lock = RunLock(path)
                lock.acquire()
                self.locks.append(lock)
        except LockHeld:
            self.release()
            raise
        except OSError as error:
            self.release()
            raise StateUnavailable(f"cannot lock {path}: {error.strerror or error}") from None
        try:
            self.store.open()
            early_stop_allowed = self.store.begin_walk(walk, utcnow())
        except STATE_ERRORS as error:
            self.release()
            raise StateUnavailable(
                f"cannot open the state {self.store.location}: {error}"
            ) from None
        self.walk = walk
        return early_stop_allowed

    def record(
        self,
        *,
        edition: str,
        spider: str,
        started: datetime,
        reason: str,
        exit_code: int,
        tallies: Mapping[str, int],
    ) -> None:
        """The end of the walk (a run that succeeded lets the next one stop early) and the run's
        field tallies (the layout-drift baseline). Raises a state error."""
        if not self.store.is_open:
            return
        now = utcnow()
        if self.walk is not None:
            self.store.finish_walk(self.walk, now, reason, succeeded=exit_code == 0)
        if tallies:
            self.store.record_run(started, edition, spider, exit_code, tallies)

    def close(self) -> None:
        self.store.close()
        self.release()

    def release(self) -> None:
        for lock in self.locks:
            lock.release()
        self.locks.clear()
