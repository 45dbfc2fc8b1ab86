"""Short soak: kill -9 a real crawl 3 times, finish once: every article once in the feed dir.

The full soak is its own command: `python -m tests.soak_kill --kills 20`.
"""

from __future__ import annotations

from pathlib import Path

from tests.soak_kill import soak


def test_kill_9_three_times_then_one_run_exports_every_article_once(tmp_path: Path) -> None:
    result = soak(tmp_path, kills=3, articles=300, seed=20261125, log=lambda _line: None)
    assert result.problems == [], result.summary()
    assert result.records == result.expected == 300
    assert result.kills == 3
