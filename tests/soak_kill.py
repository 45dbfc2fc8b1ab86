"""Soak test of exactly-once feed files: kill -9 a real crawl at random moments, then finish once.

    python -m tests.soak_kill --kills 20 [--articles 300] [--seed 1] [--keep DIR]

Each round starts `scrapy crawl ukrinform` with a state file and a feed dir against the replica
and sends SIGKILL after a random delay (startup, recovery, mid-crawl, closing: anywhere); half
the time it then tears the last line of the killed run's `.part` file, as a kill in the middle of
a write would. After every kill the complete feed files must hold no broken line and no record
twice. After one run that completes, the union of the feed dir's `*.jsonl` files must hold every
article exactly once.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.crawling import ROOT, crawl_command, read_feed_dir
from tests.site import Replica

RECOVERED = re.compile(
    r"Recovered \S+ from an interrupted run: (\d+) complete lines kept, (\d+) dropped"
)


@dataclass
class SoakResult:
    kills: int = 0
    finished_before_kill: int = 0
    torn_lines: int = 0
    recovered_files: int = 0
    recovered_lines: int = 0
    dropped_lines: int = 0
    records: int = 0
    files: int = 0
    expected: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.kills} kills ({self.finished_before_kill} runs had finished before, "
            f"{self.torn_lines} torn last lines added), "
            f"{self.recovered_files} .part files recovered: {self.recovered_lines} lines kept, "
            f"{self.dropped_lines} partial lines dropped; union {self.records} records in "
            f"{self.files} files, {self.expected} expected; {len(self.problems)} problems; "
            f"{self.seconds:.0f}s"
        )


def union_problems(feed_dir: Path, expected: set[int] | None = None) -> tuple[list[str], int]:
    """Broken lines and repeated (id, version) in the union; with ``expected``, missing ids."""
    records, broken = read_feed_dir(feed_dir)
    problems = [f"broken line {line}" for line in broken]
    copies = Counter((record.get("id"), record.get("version")) for record in records)
    problems += [f"{key} exported {count} times" for key, count in copies.items() if count > 1]
    if expected is not None:
        ids = {record.get("id") for record in records}
        problems += [f"missing id {i}" for i in sorted(expected - ids)]
        problems += [f"unexpected id {i}" for i in sorted(ids - expected, key=str)]
    return problems, len(records)


def soak(
    workdir: Path,
    *,
    kills: int,
    articles: int = 300,
    seed: int = 1,
    delay: tuple[float, float] = (0.5, 4.0),
    download_delay: float = 0.0,
    log: Callable[[str], None] = print,
) -> SoakResult:
    """Runs the soak in ``workdir`` (state, feed dir, one log per run); returns its figures.

    ``delay``: range of the random time from start to SIGKILL (startup takes about 1.3 s);
    ``download_delay`` slows the crawl so that many kills land mid-run.
    """
    rng = random.Random(seed)  # noqa: S311  # reproducible kill moments, not security
    result = SoakResult()
    started = time.monotonic()
    feed_dir = workdir / "feeds"
    with Replica(edition="en", articles=articles, seed=7) as site:
        command = crawl_command(
            "ukrinform",
            args={"since": "2000-01-01"},
            settings={
                "UKRINFORM_BASE_URL": site.base_url,
                "UKRINFORM_STATE_PATH": str(workdir / "state.sqlite"),
                "UKRINFORM_FEED_DIR": str(feed_dir),
                "LOG_LEVEL": "INFO",
                "DOWNLOAD_DELAY": str(download_delay),
            },
        )
        expected = set(site.corpus.ids())
        for round_number in range(1, kills + 1):
            wait = rng.uniform(*delay)
            log_path = workdir / f"run-{round_number:02d}.log"
            with (
                log_path.open("wb") as log_file,
                subprocess.Popen(  # noqa: S603  # our argv
                    command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log_file
                ) as process,
            ):
                try:
                    process.wait(timeout=wait)
                    result.finished_before_kill += 1
                except subprocess.TimeoutExpired:
                    process.kill()  # SIGKILL
                    process.wait()
            result.kills += 1
            result.torn_lines += tear_last_line(feed_dir, rng)
            count_recoveries(log_path, result)
            problems, records = union_problems(feed_dir)
            result.problems += [f"after kill {round_number}: {problem}" for problem in problems]
            log(f"kill {round_number} at {wait:.2f}s: {records} records in complete files")
        log_path = workdir / "run-final.log"
        with log_path.open("wb") as log_file:
            final = subprocess.run(  # noqa: S603  # our argv
                command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log_file, check=False
            )
        count_recoveries(log_path, result)
        if final.returncode != 0:
            result.problems.append(f"final run exited {final.returncode}, see {log_path}")
    problems, result.records = union_problems(feed_dir, expected)
    result.problems += problems
    if leftovers := sorted(path.name for path in feed_dir.glob("*.part")):
        result.problems.append(f"left .part files: {leftovers}")
    result.files = len(list(feed_dir.glob("*.jsonl")))
    result.expected = len(expected)
    result.seconds = time.monotonic() - started
    return result


def tear_last_line(feed_dir: Path, rng: random.Random) -> int:
    """Sometimes appends half of a .part file's last line, as a kill in the middle of a write."""
    torn = 0
    for part in feed_dir.glob("*.jsonl.part"):
        lines = part.read_bytes().splitlines(keepends=True)
        if lines and lines[-1].endswith(b"\n") and rng.random() < 0.5:
            with part.open("ab") as handle:
                handle.write(lines[-1][: rng.randrange(1, len(lines[-1]) - 1)])
            torn += 1
    return torn


def count_recoveries(log_path: Path, result: SoakResult) -> None:
    for kept, dropped in RECOVERED.findall(log_path.read_text(encoding="utf-8", errors="replace")):
        result.recovered_files += 1
        result.recovered_lines += int(kept)
        result.dropped_lines += int(dropped)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--max-delay", type=float, default=4.0, help="latest kill, seconds")
    parser.add_argument("--download-delay", type=float, default=0.1, help="slows the crawl")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    options = parser.parse_args(argv)
    print(f"seed {options.seed}")

    def run(workdir: Path) -> SoakResult:
        return soak(
            workdir,
            kills=options.kills,
            articles=options.articles,
            seed=options.seed,
            delay=(0.5, options.max_delay),
            download_delay=options.download_delay,
        )

    if options.keep:
        options.keep.mkdir(parents=True, exist_ok=True)
        result = run(options.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="ukrinform-soak-") as workdir:
            result = run(Path(workdir))
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(result.summary())
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main())
