"""The incremental state in Redis, shared by every worker of an edition (``state.Store``).

Keys under ``ukrinform:<edition>:`` (``keys.StateKeys``): ``article:<id>`` (hash: the fields of
``state.ArticleState``), ``articles`` / ``exported`` (sets of ids), ``failing`` (sorted set: ids
never exported with a failure record, by failure time), ``sightings:<channel>`` (id → JSON, first
sighting wins), ``windows`` (search day windows read to their end), ``feed_files`` (name → JSON:
folder, host, worker, job and epoch, created and finished), ``pending:<run>`` (``-o``/``-O``
exports not stored yet, expiring after a week), ``runs`` (the field tallies of recent runs). The
walk record of a job is ``ukrinform:<edition>:job:<id>:walk``: a walk counts as finished only
when every worker of its run (epoch) succeeded and no lease of it expired.

Each write is atomic where it matters (an export never replaces a newer version), and durable
as Redis is (run it with ``appendonly yes``). Redis errors are raised as ``state.StoreError``.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Self, cast

import redis

from ukrinform_crawler.distributed.connection import RETRIES, client, reason, shown
from ukrinform_crawler.distributed.keys import JobKeys, StateKeys
from ukrinform_crawler.state import (
    ArticleState,
    Export,
    StoreError,
    from_text,
    to_text,
    utcnow,
)

PENDING_TTL_SECONDS = 7 * 86400
RUNS_KEPT = 1000

RECORD_EXPORT = """
local v = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if tonumber(ARGV[6]) < v then return 0 end
redis.call('HSETNX', KEYS[1], 'first_seen', ARGV[3])
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'url', ARGV[2], 'last_fetched', ARGV[3],
  'published_at', ARGV[4], 'content_hash', ARGV[5], 'version', ARGV[6], 'exported_at', ARGV[3],
  'exported_to', ARGV[7], 'failures', 0)
redis.call('HDEL', KEYS[1], 'failed_at', 'fail_reason')
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
return 1
"""

RECORD_FAILURE = """
redis.call('HSETNX', KEYS[1], 'id', ARGV[1])
redis.call('HSETNX', KEYS[1], 'url', ARGV[2])
redis.call('HSETNX', KEYS[1], 'first_seen', ARGV[3])
redis.call('HSET', KEYS[1], 'failed_at', ARGV[3], 'fail_reason', ARGV[4])
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
redis.call('SADD', KEYS[2], ARGV[1])
if tonumber(redis.call('HGET', KEYS[1], 'version') or '0') == 0 then
  redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
end
return failures
"""

BEGIN_WALK = """
local epoch = redis.call('GET', KEYS[2]) or ''
if epoch ~= '' and redis.call('HGET', KEYS[1], 'epoch') == epoch then
  return {redis.call('HGET', KEYS[1], 'early') or '0', epoch}
end
local early = '0'
if redis.call('HEXISTS', KEYS[1], 'finished_at') == 1 then early = '1' end
redis.call('HDEL', KEYS[1], 'finished_at', 'close_reason', 'failed')
redis.call('HSET', KEYS[1], 'epoch', epoch, 'started_at', ARGV[1], 'early', early)
return {early, epoch}
"""

FINISH_WALK = """
if (redis.call('HGET', KEYS[1], 'epoch') or '') ~= ARGV[1] then return 0 end
if ARGV[4] == '1' then
  if redis.call('HGET', KEYS[1], 'failed') == ARGV[1] then
    redis.call('HSET', KEYS[1], 'close_reason', ARGV[3])
    return 0
  end
  redis.call('HSET', KEYS[1], 'finished_at', ARGV[2], 'close_reason', ARGV[3])
else
  redis.call('HSET', KEYS[1], 'failed', ARGV[1], 'close_reason', ARGV[3])
  redis.call('HDEL', KEYS[1], 'finished_at')
end
return 1
"""


@dataclass(frozen=True)
class FeedFileRecord:
    """A feed file a worker of this state created (for recovering it when the worker is gone)."""

    name: str
    folder: str | None
    host: str | None
    worker: str | None
    job: str | None
    epoch: str | None
    created_at: str | None
    finished_at: str | None = None


class RedisStateStore:
    """The state of one edition in Redis, as seen by one worker (``worker``)."""

    def __init__(self, url: str, edition: str, worker: str, *, retries: int = RETRIES) -> None:
        self.url = url
        self.edition = edition
        self.worker = worker
        self.keys = StateKeys(edition)
        self.server = client(url, retries=retries)
        self.early_stop_allowed = False
        self.started = utcnow()
        self.job: JobKeys | None = None
        self.epoch = ""
        self.failure: str | None = None
        """The first Redis error met (the worker then stops acking: see ``worker``)."""
        self._open = False
        self._record_export = self.server.register_script(RECORD_EXPORT)
        self._record_failure = self.server.register_script(RECORD_FAILURE)
        self._begin_walk = self.server.register_script(BEGIN_WALK)
        self._finish_walk = self.server.register_script(FINISH_WALK)

    @property
    def location(self) -> str:
        return f"{shown(self.url)} (edition {self.edition})"

    @property
    def is_open(self) -> bool:
        return self._open

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        try:
            yield
        except redis.RedisError as error:
            message = f"Redis {shown(self.url)}: {reason(error)}"
            self.failure = self.failure or message
            raise StoreError(message) from error

    def open(self) -> Self:
        with self.guard():
            self.server.setnx(self.keys.key("created"), to_text(utcnow()) or "")
        self._open = True
        return self

    def close(self) -> None:
        self._open = False

    def worker_info(self) -> str:
        return json.dumps(
            {"host": socket.gethostname(), "pid": os.getpid(), "started": to_text(self.started)}
        )

    # -- articles ----------------------------------------------------------------------------

    def get(self, article_id: int) -> ArticleState | None:
        with self.guard():
            raw = cast(dict[bytes, bytes], self.server.hgetall(self.keys.article(article_id)))
        if not raw:
            return None
        row = {key.decode(): value.decode() for key, value in raw.items()}
        return ArticleState(
            id=article_id,
            url=row.get("url", ""),
            first_seen=from_text(row.get("first_seen")) or utcnow(),
            last_fetched=from_text(row.get("last_fetched")),
            published_at=from_text(row.get("published_at")),
            content_hash=row.get("content_hash") or None,
            version=int(row.get("version") or 0),
            exported_at=from_text(row.get("exported_at")),
            exported_to=row.get("exported_to") or None,
            failed_at=from_text(row.get("failed_at")),
            fail_reason=row.get("fail_reason") or None,
            failures=int(row.get("failures") or 0),
        )

    def seen(self, article_id: int, url: str, now: datetime) -> None:
        self._touch(article_id, url, now, fetched=False)

    def record_fetch(self, article_id: int, url: str, now: datetime) -> None:
        self._touch(article_id, url, now, fetched=True)

    def _touch(self, article_id: int, url: str, now: datetime, *, fetched: bool) -> None:
        """Creates the article's hash when it has none; ``fetched`` stamps ``last_fetched``."""
        key = self.keys.article(article_id)
        with self.guard():
            pipe = self.server.pipeline(transaction=False)
            pipe.hsetnx(key, "id", article_id)
            pipe.hsetnx(key, "url", url)
            pipe.hsetnx(key, "first_seen", to_text(now) or "")
            if fetched:
                pipe.hset(key, "last_fetched", to_text(now) or "")
            pipe.sadd(self.keys.key("articles"), article_id)
            pipe.execute()

    def record_exports(self, exports: Iterable[Export], now: datetime) -> None:
        """Marks records exported (one pipeline); an older version never replaces a newer."""
        stamp = to_text(now) or ""
        common = [self.keys.key(name) for name in ("articles", "exported", "failing")]
        with self.guard():
            pipe = self.server.pipeline(transaction=False)
            for export in exports:
                published = from_text(export.published_at) if export.published_at else None
                self._record_export(
                    keys=[self.keys.article(export.id), *common],
                    args=[
                        export.id,
                        export.url,
                        stamp,
                        to_text(published) or "",
                        export.content_hash,
                        export.version,
                        export.exported_to,
                    ],
                    client=pipe,
                )
            pipe.execute()

    def record_failure(self, article_id: int, url: str, reason: str, now: datetime) -> None:
        with self.guard():
            self._record_failure(
                keys=[
                    self.keys.article(article_id),
                    self.keys.key("articles"),
                    self.keys.key("failing"),
                ],
                args=[article_id, url, to_text(now) or "", reason, now.timestamp()],
            )

    def failed_articles(self, limit: int, max_failures: int) -> list[tuple[int, str]]:
        """(id, url) of articles never exported that failed fewer than ``max_failures`` times,
        the latest failure first."""
        found: list[tuple[int, str]] = []
        start, chunk = 0, 500
        with self.guard():
            while len(found) < limit:
                ids = cast(
                    list[bytes],
                    self.server.zrevrange(self.keys.key("failing"), start, start + chunk - 1),
                )
                if not ids:
                    break
                pipe = self.server.pipeline(transaction=False)
                for raw in ids:
                    pipe.hmget(self.keys.article(int(raw)), "url", "failures", "version")
                for raw, (url, failures, version) in zip(ids, pipe.execute(), strict=True):
                    if int(version or 0) == 0 and 1 <= int(failures or 0) < max_failures:
                        found.append((int(raw), (url or b"").decode()))
                start += chunk
        return found[:limit]

    def record_sighting(
        self,
        article_id: int,
        url: str,
        channel: str,
        published_at: datetime | None,
        now: datetime,
    ) -> None:
        """Remembers that ``channel`` listed the article (first sighting per channel wins)."""
        value = json.dumps(
            {"url": url, "listed_published_at": to_text(published_at), "first_seen": to_text(now)}
        )
        with self.guard():
            self.server.hsetnx(self.keys.sightings(channel), str(article_id), value)

    # -- walks and search windows --------------------------------------------------------------

    def window_finished(self, key: str) -> bool:
        with self.guard():
            return bool(self.server.hexists(self.keys.key("windows"), key))

    def finish_window(self, key: str, day: str, now: datetime) -> None:
        value = json.dumps({"day": day, "finished_at": to_text(now)})
        with self.guard():
            self.server.hset(self.keys.key("windows"), key, value)

    def walk_record(self, key: str) -> str:
        return JobKeys.of(self.edition, key).key("walk")

    def walk_finished_before(self, key: str) -> bool:
        with self.guard():
            return bool(self.server.hexists(self.walk_record(key), "finished_at"))

    def begin_walk(self, key: str, now: datetime) -> bool:
        """Joins the walk of the job's current run (epoch) or starts it; returns (and keeps as
        ``early_stop_allowed``) whether the job's last run finished with every worker succeeding.
        """
        self.job = JobKeys.of(self.edition, key)
        with self.guard():
            early, epoch = cast(
                list[bytes],
                self._begin_walk(
                    keys=[self.job.key("walk"), self.job.key("epoch")], args=[to_text(now) or ""]
                ),
            )
        self.epoch = epoch.decode()
        self.early_stop_allowed = early == b"1"
        return self.early_stop_allowed

    def start_walk(self, key: str, now: datetime) -> None:
        self.begin_walk(key, now)

    def finish_walk(self, key: str, now: datetime, reason: str, *, succeeded: bool) -> None:
        """A worker's end of the walk: a failure marks the run (epoch) as not finished; a
        success finishes it unless a worker failed or a lease expired in it."""
        with self.guard():
            self._finish_walk(
                keys=[self.walk_record(key)],
                args=[self.epoch, to_text(now) or "", reason, "1" if succeeded else "0"],
            )

    # -- feed files ------------------------------------------------------------------------------

    def register_feed_file(self, name: str, now: datetime, folder: Path | None = None) -> None:
        record = FeedFileRecord(
            name=name,
            folder=str(folder.resolve()) if folder is not None else None,
            host=socket.gethostname(),
            worker=self.worker,
            job=self.job.job if self.job else None,
            epoch=self.epoch or None,
            created_at=to_text(now),
        )
        with self.guard():
            self.server.hsetnx(self.keys.key("feed_files"), name, json.dumps(asdict(record)))

    def owns_feed_file(self, name: str) -> bool:
        with self.guard():
            return bool(self.server.hexists(self.keys.key("feed_files"), name))

    def finish_feed_file(self, name: str, now: datetime) -> None:
        with self.guard():
            raw = self.server.hget(self.keys.key("feed_files"), name)
            record = json.loads(raw) if raw else {"name": name}
            record["finished_at"] = to_text(now)
            self.server.hset(self.keys.key("feed_files"), name, json.dumps(record))

    def feed_files(self, *, unfinished: bool = True) -> list[FeedFileRecord]:
        with self.guard():
            raw = cast(dict[bytes, bytes], self.server.hgetall(self.keys.key("feed_files")))
        fields = FeedFileRecord.__dataclass_fields__
        records = [
            FeedFileRecord(**{k: v for k, v in json.loads(value).items() if k in fields})
            for value in raw.values()
        ]
        return [r for r in records if not unfinished or r.finished_at is None]

    def epoch_active(self, job: str, epoch: str | None) -> bool:
        """Whether ``epoch`` is the running epoch of ``job`` (its workers may still write)."""
        if not job or not epoch:
            return False
        with self.guard():
            current = self.server.get(JobKeys(self.edition, job).key("epoch"))
        if isinstance(current, bytes):
            current = current.decode()
        return current == epoch

    # -- -o/-O exports waiting for their feed ---------------------------------------------------

    def add_pending(self, export: Export, run: str) -> None:
        key = self.keys.pending(run)
        with self.guard():
            pipe = self.server.pipeline(transaction=False)
            pipe.hset(key, f"{export.id}:{export.version}", json.dumps(asdict(export)))
            pipe.expire(key, PENDING_TTL_SECONDS)
            pipe.execute()

    def promote_pending(self, run: str, now: datetime) -> int:
        with self.guard():
            values = cast(list[bytes], self.server.hvals(self.keys.pending(run)))
        exports = [Export(**json.loads(value)) for value in values]
        self.record_exports(exports, now)
        self.drop_pending(run)
        return len(exports)

    def drop_pending(self, run: str | None = None) -> int:
        """Forgets the pending exports of ``run``. With None, nothing: other workers' runs may
        be live; a dead run's pending exports expire after a week."""
        if run is None:
            return 0
        key = self.keys.pending(run)
        with self.guard():
            count = int(self.server.hlen(key))
            self.server.delete(key)
        return count

    # -- run history -------------------------------------------------------------------------

    def record_run(
        self,
        started: datetime,
        edition: str,
        spider: str,
        exit_code: int,
        tallies: Mapping[str, int],
    ) -> None:
        value = json.dumps(
            {
                "started_at": to_text(started),
                "edition": edition,
                "spider": spider,
                "exit_code": exit_code,
                "tallies": dict(tallies),
            }
        )
        with self.guard():
            pipe = self.server.pipeline(transaction=False)
            pipe.lpush(self.keys.key("runs"), value)
            pipe.ltrim(self.keys.key("runs"), 0, RUNS_KEPT - 1)
            pipe.execute()

    def recent_runs(self, edition: str, limit: int) -> list[dict[str, int]]:
        with self.guard():
            values = cast(list[bytes], self.server.lrange(self.keys.key("runs"), 0, RUNS_KEPT))
        runs = [json.loads(value) for value in values]
        return [run["tallies"] for run in runs if run.get("edition") == edition][:limit]

    def counts(self) -> dict[str, int]:
        with self.guard():
            pipe = self.server.pipeline(transaction=False)
            pipe.scard(self.keys.key("articles"))
            pipe.scard(self.keys.key("exported"))
            pipe.zcard(self.keys.key("failing"))
            articles, exported, failing = pipe.execute()
        return {"articles": int(articles), "exported": int(exported), "failing": int(failing)}

    # -- reading everything (coverage) -----------------------------------------------------------

    def all_articles(self) -> Iterator[dict[str, Any]]:
        """Every article hash (as text), for the coverage report."""
        with self.guard():
            ids = sorted(
                int(raw)
                for raw in cast(set[bytes], self.server.smembers(self.keys.key("articles")))
            )
            for start in range(0, len(ids), 500):
                pipe = self.server.pipeline(transaction=False)
                for article_id in ids[start : start + 500]:
                    pipe.hgetall(self.keys.article(article_id))
                for article_id, raw in zip(ids[start : start + 500], pipe.execute(), strict=True):
                    row = {k.decode(): v.decode() for k, v in raw.items()}
                    row["id"] = article_id
                    yield row

    def all_sightings(self, channel: str) -> dict[int, dict[str, Any]]:
        with self.guard():
            raw = cast(dict[bytes, bytes], self.server.hgetall(self.keys.sightings(channel)))
        return {int(key): json.loads(value) for key, value in raw.items()}
