"""Output that is written before it is recorded: the feed-dir file and the ``-o``/``-O`` storage.

Feed-dir mode (a state and no ``-o``/``-O``): each run writes ``<feed dir>/<edition>-<UTC
time>.jsonl.part`` with Scrapy's ``JsonLinesItemExporter``, one flushed line per record, and
records the exports in the state in batches, each after an ``fsync`` of the lines it holds; the
file is renamed to ``.jsonl`` when the run closes. A killed run can only leave lines the state
does not know yet: the next run keeps the complete ones (``recover_part``), drops a partial last
line and renames the file into place before it crawls.

``-o``/``-O`` (Scrapy's FEEDS): :class:`LocalFeedStorage` replaces Scrapy's local-file storage.
It keeps the first error met while opening, writing or storing the file, reports it once
through the ``feed_output_failed`` signal and makes the store fail, so that Scrapy counts the feed
as failed; a stored file has been synced to disk.
"""

from __future__ import annotations

import io
import json
import logging
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Self, cast

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exporters import JsonLinesItemExporter
from scrapy.extensions.feedexport import FileFeedStorage
from scrapy.spiders import Spider

from ukrinform_crawler import signals
from ukrinform_crawler.state import Export, Store, content_hash, keeps_line, utcnow
from ukrinform_crawler.usage import folder_problem

try:
    import fcntl
except ImportError:  # Windows: the package imports; feed files are not locked
    fcntl = None  # type: ignore[assignment]

logger = logging.getLogger(__name__)

PART_SUFFIX = ".part"


class FeedOutputError(OSError):
    """The output could not be opened, written or stored; the message names the path."""


def export_of(record: dict[str, Any], exported_to: str) -> Export:
    """The state's record of one feed record (an item as a dict, or a parsed feed line)."""
    return Export(
        id=record["id"],
        url=str(record.get("url") or ""),
        version=record.get("version", 1),
        content_hash=content_hash(record),
        exported_to=exported_to,
        published_at=record.get("published_at"),
    )


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


@dataclass(frozen=True)
class Recovered:
    """A leftover ``.part`` file after recovery."""

    part: Path
    final: Path | None
    kept: int
    dropped: int


def recover_part(part: Path, store: Store) -> Recovered:
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


def recover_if_free(part: Path, store: Store) -> Recovered | None:
    """Recovers ``part`` when no process holds its lock (its writer is gone); None otherwise.

    A writing :class:`FeedDirFile` holds an exclusive ``flock`` on its ``.part`` until it has
    renamed it, so a free lock on a ``.part`` still under its name means an interrupted run.
    """
    if fcntl is None:
        return None
    try:
        fd = os.open(part, os.O_RDWR)
    except FileNotFoundError:
        return None  # recovered or finished meanwhile
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None  # its writer is alive
        try:
            current = part.stat()
        except FileNotFoundError:
            return None
        held = os.fstat(fd)
        if (current.st_dev, current.st_ino) != (held.st_dev, held.st_ino):
            return None  # renamed into place by another recoverer after we opened it
        return recover_part(part, store)
    finally:
        os.close(fd)


class FeedDirFile:
    """The feed file of one run in the feed dir: written line by line, recorded in batches.

    ``write`` appends one record and flushes it to the kernel (it survives the process being
    killed); every ``batch_size`` records or ``batch_seconds`` seconds, and at ``finish``, the
    file is synced and the records written since the last sync are recorded in the state.
    Any OSError is raised as :class:`FeedOutputError`; the file is then left as ``.part`` for
    the next run's recovery. The ``.part`` is held under an exclusive ``flock`` while it is
    written (see :func:`recover_if_free`). ``worker`` names a distributed worker: it goes into
    the file name, so that workers sharing a feed dir never pick the same name.
    """

    def __init__(
        self,
        feed_dir: Path,
        edition: str,
        started: float,
        store: Store,
        *,
        worker: str | None = None,
        batch_size: int = 100,
        batch_seconds: float = 1.0,
    ) -> None:
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(started))
        base = f"{edition}-{stamp}-{worker}" if worker else f"{edition}-{stamp}"
        stem, number = base, 1
        while self._taken(feed_dir, stem):
            number += 1
            stem = f"{base}-{number}"
        self.final = feed_dir / f"{stem}.jsonl"
        self.part = feed_dir / f"{stem}.jsonl{PART_SUFFIX}"
        self.report = feed_dir / f"{stem}.report.json"
        self.lines = 0
        self.store = store
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self._handle: IO[bytes] | None = None
        self._exporter: JsonLinesItemExporter | None = None
        self._unrecorded: list[Export] = []
        self._synced_at = time.monotonic()

    @staticmethod
    def _taken(feed_dir: Path, stem: str) -> bool:
        return any(
            (feed_dir / name).exists()
            for name in (f"{stem}.jsonl", f"{stem}.jsonl{PART_SUFFIX}", f"{stem}.report.json")
        )

    def write(self, item: Any) -> None:
        """Appends one record, flushed; records the batch in the state when it is due."""
        try:
            if self._handle is None or self._exporter is None:
                self.store.register_feed_file(self.final.name, utcnow(), self.part.parent)
                self._handle = self.part.open("ab")
                if fcntl is not None:
                    fcntl.flock(self._handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._exporter = JsonLinesItemExporter(
                    cast(io.BytesIO, self._handle), encoding="utf-8"
                )
            self._exporter.export_item(item)
            self._handle.flush()
        except OSError as error:
            raise FeedOutputError(f"{self.part}: {error.strerror or error}") from error
        self.lines += 1
        self._unrecorded.append(export_of(ItemAdapter(item).asdict(), self.final.name))
        due = time.monotonic() - self._synced_at >= self.batch_seconds
        if len(self._unrecorded) >= self.batch_size or due:
            self.sync()

    @property
    def unrecorded(self) -> int:
        """Lines written since the last sync (not in the state yet)."""
        return len(self._unrecorded)

    def sync(self) -> None:
        """Syncs the file, then records the exports written since the last sync."""
        if self._handle is None:
            return
        try:
            os.fsync(self._handle.fileno())
        except OSError as error:
            raise FeedOutputError(f"{self.part}: {error.strerror or error}") from error
        if self._unrecorded:
            self.store.record_exports(self._unrecorded, utcnow())
            self._unrecorded = []
        self._synced_at = time.monotonic()

    def finish(self, *, rename: bool = True) -> Path | None:
        """Syncs and records the rest, renames ``.part`` to ``.jsonl``; None without records.

        ``rename=False`` (a failed run) records what is synced and leaves the ``.part`` for the
        next run's recovery.
        """
        if self._handle is None:
            return None
        handle = self._handle
        try:
            self.sync()
            if rename:  # renamed under the lock: no recoverer takes a finished file
                try:
                    self.part.replace(self.final)
                    fsync_dir(self.final.parent)
                except OSError as error:
                    raise FeedOutputError(f"{self.part}: {error.strerror or error}") from error
        finally:
            self._handle = None
            try:
                handle.close()
            except OSError as error:
                raise FeedOutputError(f"{self.part}: {error.strerror or error}") from error
        if not rename:
            return None
        self.store.finish_feed_file(self.final.name, utcnow())
        return self.final


def local_path(uri: str) -> Path | None:
    """The path of a FEEDS URI on the local file system (plain path or ``file:``), else None."""
    if uri.startswith("file://"):
        return Path(uri.removeprefix("file://"))
    if "://" in uri or uri.startswith(("stdout:", "-")):
        return None
    return Path(uri)


def unwritable_reason(path: Path) -> str | None:
    """Why a feed file cannot be written at ``path`` (without touching it), or None."""
    if path.is_dir():
        return "is a directory"
    if path.exists():
        return None if os.access(path, os.W_OK) else "permission denied (or read-only)"
    return folder_problem(path.parent)


class _Discard(io.RawIOBase):
    """Where the records of a feed that failed go: nowhere."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        return len(data)


class _GuardedFile:
    """A feed file whose first write error is kept and reported instead of raised per record."""

    def __init__(self, file: IO[bytes], failed: Callable[[OSError], None]) -> None:
        self.file = file
        self.failed = failed
        self.error: OSError | None = None

    def write(self, data: bytes) -> int:
        if self.error is None:
            try:
                return self.file.write(data)
            except OSError as error:
                self.error = error
                self.failed(error)
        return len(data)

    def flush(self) -> None:
        if self.error is None:
            try:
                self.file.flush()
            except OSError as error:
                self.error = error
                self.failed(error)

    def fileno(self) -> int:
        return self.file.fileno()

    def close(self) -> None:
        self.file.close()


class OneLineFeedErrors(logging.Filter):
    """Scrapy logs a failed store with a traceback; a FeedOutputError says all in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, FeedOutputError):
            record.msg, record.args = f"{record.getMessage()}: {error}", ()
            record.exc_info, record.exc_text = None, None
        return True


class LocalFeedStorage(FileFeedStorage):
    """Scrapy's local-file feed storage that never loses an error (see the module docstring)."""

    def __init__(
        self, uri: str, *, feed_options: dict[str, Any] | None = None, crawler: Crawler
    ) -> None:
        super().__init__(uri, feed_options=feed_options)
        self.crawler = crawler
        self.error: OSError | None = None
        self._file: _GuardedFile | None = None

    @classmethod
    def from_crawler(
        cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None
    ) -> Self:
        feed_logger = logging.getLogger("scrapy.extensions.feedexport")
        if not any(isinstance(f, OneLineFeedErrors) for f in feed_logger.filters):
            feed_logger.addFilter(OneLineFeedErrors())
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def fail(self, error: OSError) -> None:
        if self.error is None:
            self.error = error
            self.crawler.signals.send_catch_log(
                signals.feed_output_failed, path=self.path, error=error
            )

    def open(self, spider: Spider) -> IO[bytes]:
        try:
            file = super().open(spider)
        except OSError as error:
            self.fail(error)
            return cast(IO[bytes], _Discard())
        self._file = _GuardedFile(file, self.fail)
        return cast(IO[bytes], self._file)

    def store(self, file: IO[bytes]) -> None:
        """Syncs (a regular file) and closes the file; raises FeedOutputError when anything
        failed. ``/dev/null``, a pipe or a terminal is flushed only: there is nothing to sync."""
        if self._file is not None and self.error is None:
            try:
                self._file.file.flush()
                if stat.S_ISREG(os.fstat(self._file.fileno()).st_mode):
                    os.fsync(self._file.fileno())
            except OSError as error:
                self.fail(error)
        try:
            file.close()
        except OSError as error:
            self.fail(error)
        if self.error is not None:
            raise FeedOutputError(self.error.strerror or str(self.error))
