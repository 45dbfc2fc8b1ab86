"""The leased frontier of a job against a real redis-server: leases, acks, expiry, the end of a
job; the request codec; how a worker with nothing to do is judged."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import redis
from scrapy import FormRequest
from scrapy.utils.request import request_from_dict

from ukrinform_crawler.distributed import codec
from ukrinform_crawler.distributed.frontier import EpochGone, Frontier, JobState
from ukrinform_crawler.distributed.keys import JobKeys
from ukrinform_crawler.report import RunTally, judge

JUDGED = {"spider_errors": 0, "max_error_rate": 0.05, "output_errors": [], "drift": []}


@pytest.fixture
def server(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


def frontier(server: redis.Redis, worker: str, lease: float = 5.0) -> Frontier:
    joined = Frontier(server, JobKeys.of("en", "walk"), worker, lease)
    joined.join("{}", "{}")
    return joined


def test_the_first_worker_starts_the_run_and_others_join_it(server: redis.Redis) -> None:
    first = Frontier(server, JobKeys.of("en", "walk"), "a", 5)
    second = Frontier(server, JobKeys.of("en", "walk"), "b", 5)
    assert first.join("{}", "{}")
    assert not second.join("{}", "{}")
    assert first.epoch == second.epoch


def test_a_request_is_queued_once_per_fingerprint_and_article(server: redis.Redis) -> None:
    a = frontier(server, "a")
    assert a.push("fp1", "a:7", 0, b"one") == 1
    assert a.push("fp1", None, 0, b"again") == 0
    assert a.push("fp2", "a:7", 0, b"same article, other URL") == 0
    assert a.push(None, None, 0, b"dont_filter") == 1
    assert a.queued() == 2


def test_priority_first_then_fifo(server: redis.Redis) -> None:
    a = frontier(server, "a")
    for name, score in (("low", 0), ("high", -5), ("low2", 0)):
        a.push(name, None, score, name.encode())
    assert [a.lease().payload for _ in range(3)] == [b"high", b"low", b"low2"]  # type: ignore[union-attr]
    assert a.lease() is None


def test_acked_requests_are_gone_and_the_job_ends_once(server: redis.Redis) -> None:
    a, b = frontier(server, "a"), frontier(server, "b")
    a.push("fp", None, 0, b"x")
    leased = b.lease()
    assert leased is not None
    assert a.check(finish=True).state is JobState.RUNNING  # leased by b
    assert a.ack([leased.id]) == 0  # not a's lease
    assert b.ack([leased.id]) == 1
    assert a.check(finish=True).state is JobState.DONE_NOW
    assert b.check(finish=True).state is JobState.DONE
    assert not server.exists(a.keys.key("seen"), a.keys.key("queue"))
    c = frontier(server, "c")  # the next run starts afresh: nothing is "seen"
    assert c.epoch != a.epoch
    assert c.push("fp", None, 0, b"x") == 1
    with pytest.raises(EpochGone):
        a.push("fp-late", None, 0, b"y")


def test_a_dead_workers_lease_expires_back_into_the_queue(server: redis.Redis) -> None:
    dead, alive = frontier(server, "dead", lease=0.3), frontier(server, "alive", lease=0.3)
    dead.push("fp", None, 0, b"x")
    alive.push("fp2", None, 0, b"y")
    held = alive.lease()
    taken = dead.lease()
    assert held is not None
    assert taken is not None
    for _ in range(4):
        time.sleep(0.15)
        alive.renew([held.id])  # a live worker renews; the dead one cannot
    check = alive.check(finish=True)
    assert (check.state, check.requeued, check.queued, check.leased) == (JobState.RUNNING, 1, 1, 1)
    assert server.hget(alive.keys.key("walk"), "failed") == alive.epoch.encode()
    again = alive.lease()
    assert again is not None
    assert again.payload == taken.payload


def test_a_closing_worker_gives_back_what_it_holds(server: redis.Redis) -> None:
    a = frontier(server, "a")
    a.push("fp", None, 3, b"x")
    leased = a.lease()
    assert leased is not None
    assert a.requeue([leased.id]) == 1
    assert a.check(finish=False).queued == 1


def test_a_flushed_redis_is_not_mistaken_for_a_finished_job(server: redis.Redis) -> None:
    a = frontier(server, "a")
    a.push("fp", None, 0, b"x")
    server.flushall()
    assert a.check(finish=True).state is JobState.VANISHED


def test_requests_travel_as_json_and_come_back_whole() -> None:
    request = FormRequest(
        "https://www.ukrinform.net/redirect",
        formdata={"params[query]": "Київ"},
        meta={"ukrinform_search_day": "2026-03-01", "handle_httpstatus_list": [419]},
        cb_kwargs={"day": "2026-03-01", "page": 1},
        priority=-3,
        dont_filter=True,
    )
    back = request_from_dict(codec.loads(codec.dumps(request.to_dict())))
    assert (back.url, back.method, back.body, back.priority) == (
        request.url,
        "POST",
        request.body,
        -3,
    )
    assert back.headers == request.headers
    assert back.meta == request.meta
    assert back.cb_kwargs == request.cb_kwargs
    with pytest.raises(TypeError, match="cannot queue"):
        codec.dumps({"meta": {"x": object()}})


def test_a_worker_that_found_nothing_left_to_do_succeeds() -> None:
    idle = RunTally()
    assert judge(idle, "finished", **JUDGED).exit_code == 1  # alone: nothing fetched is a failure
    assert judge(idle, "finished", **JUDGED, shared_job=True).exit_code == 0
