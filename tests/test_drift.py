"""The layout-drift alarm: field coverage of a run against the recent runs of its edition."""

from __future__ import annotations

import random

import pytest

from tests.site import Corpus
from ukrinform_crawler.drift import (
    ARTICLE_PAGES,
    ITEMS,
    NO_MARKUP,
    FieldCoverage,
    at_least,
    at_most,
    drift_problems,
)
from ukrinform_crawler.items import Article


def tallies_of(records: list[dict]) -> dict[str, int]:
    coverage = FieldCoverage()
    for record in records:
        coverage.add(record)
    coverage.pages(len(records), 0)
    return dict(coverage.tallies)


def test_coverage_counts_records_with_each_optional_field() -> None:
    coverage = FieldCoverage()
    coverage.add(Article(url="u", tags=["a"], lead="Lead"))
    coverage.add(Article(url="u", tags=[], lead=None, related=[{"title": "t", "url": "u"}]))
    assert coverage.tallies[ITEMS] == 2
    assert coverage.tallies["tags"] == 1
    assert coverage.tallies["related"] == 1
    assert coverage.shares()["lead"] == 0.5


def test_binomial_tails() -> None:
    assert at_most(0, 10, 0.5) == pytest.approx(0.5**10)
    assert at_least(10, 10, 0.5) == pytest.approx(0.5**10)
    assert at_most(10, 10, 0.3) == pytest.approx(1.0)


@pytest.mark.parametrize("edition", ["en", "uk"])
def test_the_replica_corpus_never_alarms_between_runs_of_any_size(edition: str) -> None:
    corpus = Corpus(edition=edition, count=2000, seed=5)
    records = [corpus.expected(article_id) for article_id in corpus.ids()]
    rng = random.Random(1)  # noqa: S311  # run sizes, not secrets
    start = 0
    history: list[dict[str, int]] = []
    while start < len(records):
        size = rng.choice([1, 3, 8, 20, 40, 100, 300])
        run = tallies_of(records[start : start + size])
        assert drift_problems(run, history[:10]) == [], (start, size)
        history.insert(0, run)
        start += size


def test_a_vanished_field_and_a_jump_of_pages_without_markup_alarm() -> None:
    corpus = Corpus(edition="en", count=200, seed=6)
    records = [corpus.expected(article_id) for article_id in corpus.ids()]
    history = [tallies_of(records[:100])]
    without_tags = tallies_of([{**record, "tags": []} for record in records[100:110]])
    assert drift_problems(without_tags, history) == ["tags in 0% of 10 records (recent runs: 83%)"]
    few = tallies_of([{**record, "tags": []} for record in records[100:104]])
    assert drift_problems(few, history) == [], "runs of under 5 records are not judged"
    challenged = tallies_of(records[100:120])
    challenged[NO_MARKUP], challenged[ARTICLE_PAGES] = 9, 29
    assert drift_problems(challenged, history) == [
        "pages without article markup 31% of 29 (recent runs: 0%)"
    ]
    one_challenge = {**challenged, NO_MARKUP: 1}
    assert drift_problems(one_challenge, history) == []
