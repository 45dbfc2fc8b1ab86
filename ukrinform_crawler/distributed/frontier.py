"""The shared frontier of a job: a priority queue with leases, in Redis, one Lua script per step.

Keys (``keys.JobKeys``): ``epoch`` (the current run of the job; made by the first worker, deleted
when the job is done), ``queue`` (sorted set of request ids by -priority, FIFO within a priority),
``requests`` (id → serialized request), ``prio`` (id → queue score), ``seen`` (fingerprints and
``a:<article id>`` markers of this epoch), ``leases`` (sorted set id → deadline, ms of the Redis
clock), ``holders`` (id → worker), ``workers`` (worker → JSON), ``beats`` (worker → last
heartbeat), ``walk`` (the walk record, see ``store``), ``done:<epoch>`` (set for a day once the
epoch is done).

Lease protocol: ``lease`` moves a request from the queue to ``leases`` with a deadline;
the holder renews its leases on each heartbeat; ``ack`` forgets a request once its callback
output has been processed (its new requests are queued, its records written); ``requeue`` gives
back what a closing worker still holds; ``check`` puts every lease past its deadline back in the
queue (a dead worker's), marks the walk of the epoch as not finished, and, when nothing is
queued or leased, clears the frontier and ends the epoch — atomically, so exactly one worker
sees ``DONE_NOW``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any, cast

import redis

from ukrinform_crawler.distributed.keys import JOBS, JobKeys

DONE_TTL_SECONDS = 86400

_NOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
"""

JOIN = (
    """
local epoch = redis.call('GET', KEYS[1])
local new = 0
if not epoch then
  epoch = tostring(redis.call('INCR', KEYS[2]))
  redis.call('SET', KEYS[1], epoch)
  new = 1
end
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[5], ARGV[3], ARGV[4])
"""
    + _NOW
    + """
redis.call('ZADD', KEYS[4], now, ARGV[1])
return {epoch, new}
"""
)

PUSH = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
if ARGV[2] ~= '' then
  if redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 1 then return 0 end
  if ARGV[3] ~= '' and redis.call('SISMEMBER', KEYS[2], ARGV[3]) == 1 then return 0 end
  redis.call('SADD', KEYS[2], ARGV[2])
  if ARGV[3] ~= '' then redis.call('SADD', KEYS[2], ARGV[3]) end
end
local id = string.format('%012d', redis.call('INCR', KEYS[6]))
redis.call('HSET', KEYS[4], id, ARGV[5])
redis.call('HSET', KEYS[5], id, ARGV[4])
redis.call('ZADD', KEYS[3], ARGV[4], id)
return 1
"""

LEASE = (
    """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {-1} end
"""
    + _NOW
    + """
local popped = redis.call('ZPOPMIN', KEYS[2], 1)
if #popped == 0 then return {0} end
local id = popped[1]
redis.call('ZADD', KEYS[4], now + tonumber(ARGV[3]), id)
redis.call('HSET', KEYS[5], id, ARGV[2])
return {1, id, redis.call('HGET', KEYS[3], id), redis.call('ZCARD', KEYS[2])}
"""
)

ACK = """
local done = 0
for i = 2, #ARGV do
  local id = ARGV[i]
  local holder = redis.call('HGET', KEYS[2], id)
  local forget = holder == ARGV[1]
  if not holder and redis.call('ZREM', KEYS[5], id) == 1 then forget = true end
  if forget then
    redis.call('ZREM', KEYS[1], id)
    redis.call('HDEL', KEYS[2], id)
    redis.call('HDEL', KEYS[3], id)
    redis.call('HDEL', KEYS[4], id)
    done = done + 1
  end
end
return done
"""

RENEW = (
    _NOW
    + """
redis.call('ZADD', KEYS[3], now, ARGV[1])
local renewed = 0
for i = 3, #ARGV do
  if redis.call('HGET', KEYS[2], ARGV[i]) == ARGV[1] then
    redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[i])
    renewed = renewed + 1
  end
end
return renewed
"""
)

REQUEUE = """
local back = 0
for i = 2, #ARGV do
  local id = ARGV[i]
  if redis.call('HGET', KEYS[2], id) == ARGV[1] then
    redis.call('ZREM', KEYS[1], id)
    redis.call('HDEL', KEYS[2], id)
    redis.call('ZADD', KEYS[3], redis.call('HGET', KEYS[4], id) or 0, id)
    back = back + 1
  end
end
return back
"""

CHECK = (
    """
local epoch = redis.call('GET', KEYS[1])
if epoch ~= ARGV[1] then
  if redis.call('EXISTS', KEYS[10]) == 1 then return {2, 0, 0, 0} end
  return {3, 0, 0, 0}
end
"""
    + _NOW
    + """
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
for _, id in ipairs(expired) do
  redis.call('ZREM', KEYS[3], id)
  redis.call('HDEL', KEYS[4], id)
  redis.call('ZADD', KEYS[2], redis.call('HGET', KEYS[5], id) or 0, id)
end
if #expired > 0 then redis.call('HSET', KEYS[9], 'failed', epoch) end
local queued = redis.call('ZCARD', KEYS[2])
local leased = redis.call('ZCARD', KEYS[3])
if queued == 0 and leased == 0 and ARGV[2] == '1' then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7])
  redis.call('SET', KEYS[10], '1', 'EX', tonumber(ARGV[3]))
  for _, gone in ipairs(redis.call('ZRANGEBYSCORE', KEYS[8], '-inf', now - tonumber(ARGV[4]))) do
    redis.call('ZREM', KEYS[8], gone)
    redis.call('HDEL', KEYS[11], gone)
  end
  return {1, 0, 0, #expired}
end
return {0, queued, leased, #expired}
"""
)

LEAVE = """
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
"""


class JobState(Enum):
    RUNNING = 0
    DONE_NOW = 1
    """This call found the job done and cleared its frontier."""
    DONE = 2
    """Another worker found the job done."""
    VANISHED = 3
    """The epoch is gone without being done: Redis lost its data (flushed, or restarted without
    persistence)."""


@dataclass(frozen=True)
class Check:
    state: JobState
    queued: int
    leased: int
    requeued: int


@dataclass(frozen=True)
class Leased:
    id: str
    payload: bytes
    queued: int
    """Requests left in the queue after this one."""


class EpochGone(Exception):
    """The job's epoch ended (done, or lost) while this worker was on it."""


class Frontier:
    """One worker's handle on the frontier of one job (see the module docstring)."""

    def __init__(
        self, server: redis.Redis, keys: JobKeys, worker: str, lease_seconds: float
    ) -> None:
        self.server = server
        self.keys = keys
        self.worker = worker
        self.lease_ms = max(1, round(lease_seconds * 1000))
        self.epoch = ""
        self._join = server.register_script(JOIN)
        self._push = server.register_script(PUSH)
        self._lease = server.register_script(LEASE)
        self._ack = server.register_script(ACK)
        self._renew = server.register_script(RENEW)
        self._requeue = server.register_script(REQUEUE)
        self._check = server.register_script(CHECK)
        self._leave = server.register_script(LEAVE)

    def k(self, *names: str) -> list[str]:
        return [self.keys.key(name) for name in names]

    def join(self, info: str, registry: str) -> bool:
        """Joins the job's current epoch, or starts one; True when this worker started it."""
        epoch, new = cast(
            list[Any],
            self._join(
                keys=[*self.k("epoch", "epochs", "workers", "beats"), JOBS],
                args=[self.worker, info, self.keys.registry_field, registry],
            ),
        )
        self.epoch = epoch.decode() if isinstance(epoch, bytes) else str(epoch)
        return bool(new)

    def push(self, fingerprint: str | None, marker: str | None, score: int, payload: bytes) -> int:
        """Queues a request unless its fingerprint (or marker) was seen in this epoch.

        1 queued, 0 a duplicate; raises EpochGone. ``fingerprint`` None: never filtered.
        """
        result = int(
            cast(
                int,
                self._push(
                    keys=self.k("epoch", "seen", "queue", "requests", "prio", "seq"),
                    args=[self.epoch, fingerprint or "", marker or "", score, payload],
                ),
            )
        )
        if result < 0:
            raise EpochGone(self.epoch)
        return result

    def lease(self) -> Leased | None:
        """The next request, leased to this worker; None when the queue is empty."""
        result = cast(
            list[Any],
            self._lease(
                keys=self.k("epoch", "queue", "requests", "leases", "holders"),
                args=[self.epoch, self.worker, self.lease_ms],
            ),
        )
        if int(result[0]) < 0:
            raise EpochGone(self.epoch)
        if int(result[0]) == 0:
            return None
        ident, payload, queued = result[1], result[2], result[3]
        return Leased(ident.decode(), payload or b"", int(queued))

    def ack(self, ids: Iterable[str]) -> int:
        """Forgets requests whose processing is complete."""
        ids = list(ids)
        if not ids:
            return 0
        return int(
            cast(
                int,
                self._ack(
                    keys=self.k("leases", "holders", "requests", "prio", "queue"),
                    args=[self.worker, *ids],
                ),
            )
        )

    def renew(self, ids: Iterable[str]) -> int:
        """Heartbeat: this worker is alive, and its leases run ``lease_ms`` from now."""
        return int(
            cast(
                int,
                self._renew(
                    keys=self.k("leases", "holders", "beats"),
                    args=[self.worker, self.lease_ms, *ids],
                ),
            )
        )

    def requeue(self, ids: Iterable[str]) -> int:
        """Puts this worker's unfinished requests back in the queue (it is closing)."""
        ids = list(ids)
        if not ids:
            return 0
        return int(
            cast(
                int,
                self._requeue(
                    keys=self.k("leases", "holders", "queue", "prio"), args=[self.worker, *ids]
                ),
            )
        )

    def check(self, *, finish: bool) -> Check:
        """Re-queues expired leases; with ``finish``, ends the epoch when nothing is left."""
        result = cast(
            list[Any],
            self._check(
                keys=[
                    *self.k(
                        "epoch", "queue", "leases", "holders", "prio", "requests", "seen", "beats"
                    ),
                    self.keys.key("walk"),
                    self.keys.done(self.epoch),
                    self.keys.key("workers"),
                ],
                args=[self.epoch, "1" if finish else "0", DONE_TTL_SECONDS, self.lease_ms],
            ),
        )
        state, queued, leased, requeued = (int(value) for value in result)
        return Check(JobState(state), queued, leased, requeued)

    def queued(self) -> int:
        return int(self.server.zcard(self.keys.key("queue")))

    def leave(self) -> None:
        self._leave(keys=self.k("workers", "beats"), args=[self.worker])
