"""Soak test of distributed mode: rounds of three workers on one job, one killed at a random moment.

    python -m tests.soak_distributed --rounds 10 [--articles 300] [--new 30] [--seed 1] [--keep DIR]

Each round adds ``--new`` articles to the replica, starts three `scrapy crawl ukrinform` workers
on a real redis-server (each with its own feed dir, or all in one dir every other round), sends
SIGKILL to one of them after a random delay (startup, mid-crawl, closing: anywhere), waits for
the others, then runs one follow-up worker. After every round: every surviving worker and the
follow-up exited 0, and the union of every ``*.jsonl`` of every feed dir holds each article of
the replica exactly once, with no broken line.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from tests.redis_server import RedisServer
from tests.site import Replica
from tests.test_distributed import Worker, start_worker, union


def round_problems(
    site: Replica, server: RedisServer, workdir: Path, number: int, rng: random.Random
) -> tuple[list[str], str]:
    shared = number % 2 == 1
    dirs = [workdir / ("shared" if shared else f"r{number}-w{n}") for n in range(3)]
    workers = [
        start_worker(site, server.url, dirs[n], workdir / f"r{number}-w{n}.log") for n in range(3)
    ]
    victim = rng.randrange(3)
    delay = rng.uniform(0.5, 6.0)
    time.sleep(delay)
    workers[victim].process.send_signal(signal.SIGKILL)
    problems: list[str] = []
    for n, worker in enumerate(workers):
        code = worker.wait(timeout=300)
        if n != victim and code != 0:
            problems.append(f"worker {n} exited {code}: {worker.last_line}")
    follow: Worker = start_worker(
        site, server.url, workdir / "follow", workdir / f"r{number}-f.log"
    )
    if (code := follow.wait(timeout=300)) != 0:
        problems.append(f"follow-up exited {code}: {follow.last_line}")
    copies: Counter[tuple[int, int]] = union(*workdir.glob("*/"))
    expected = set(site.corpus.ids())
    found = {article_id for article_id, _version in copies}
    problems += [f"{key} delivered {count} times" for key, count in copies.items() if count > 1]
    problems += [f"missing {article_id}" for article_id in sorted(expected - found)]
    note = f"killed worker {victim} after {delay:.1f}s ({'one feed dir' if shared else 'own dirs'})"
    return problems, note


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.soak_distributed", description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--new", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep feeds and logs here")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)  # noqa: S311  # test timing, not secrets
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        failures = 0
        with RedisServer(workdir / "redis") as server, Replica(articles=args.articles) as site:
            for number in range(args.rounds):
                for _ in range(args.new if number else 0):
                    site.add_article()
                problems, note = round_problems(site, server, workdir, number, rng)
                failures += bool(problems)
                print(f"round {number + 1}: {note}: {'; '.join(problems) or 'ok'}", flush=True)
    print(f"{args.rounds} rounds, {failures} with problems, {time.monotonic() - started:.0f}s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
