"""Layout-drift alarm: the share of records with each optional field, against recent runs.

When the site changes its markup, required fields make articles fail loudly, but optional ones
(tags, lead, credit…) just vanish. Each run counts its records with each optional field and its
article pages without article markup; the state keeps those tallies per edition. A field whose
count in this run is improbably low for the share of recent runs (binomial tail below
``SURPRISE``, and under half that share), or a share of pages without markup improbably high,
is a problem of the run.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from itemadapter import ItemAdapter

OPTIONAL_FIELDS = ("lead", "label", "tags", "image_url", "image_credit", "related", "authors")
"""Fields a record may lack; their share is watched."""
ITEMS = "items"
ARTICLE_PAGES = "article_pages"
NO_MARKUP = "no_markup_pages"

SURPRISE = 1e-4
"""Probability below which a run's count is taken as drift rather than chance."""
MIN_RUN = 5
"""Fewest records (or article pages) a run needs before it is compared."""
MIN_BASELINE = 30
"""Fewest records (or pages) the recent runs need together to make a baseline."""
MIN_NO_MARKUP_SHARE = 0.1
"""Pages without markup alarm only from this share of the run's article pages."""
BASELINE_RUNS = 10
"""How many recent runs make the baseline."""


class FieldCoverage:
    """Counts, over one run, records with each optional field and pages without markup."""

    def __init__(self) -> None:
        self.tallies: Counter[str] = Counter()

    def add(self, item: Any) -> None:
        adapter = ItemAdapter(item)
        self.tallies[ITEMS] += 1
        for name in OPTIONAL_FIELDS:
            if adapter.get(name):
                self.tallies[name] += 1

    def pages(self, article_pages: int, no_markup: int) -> None:
        self.tallies[ARTICLE_PAGES] = article_pages
        self.tallies[NO_MARKUP] = no_markup

    def shares(self) -> dict[str, float]:
        """Share of records holding each optional field (none without records)."""
        items = self.tallies[ITEMS]
        if not items:
            return {}
        return {name: round(self.tallies[name] / items, 4) for name in OPTIONAL_FIELDS}


def log_binomial(k: int, n: int, p: float) -> float:
    """log P(X = k) for X ~ Binomial(n, p), 0 < p < 1."""
    return (
        math.lgamma(n + 1)
        - math.lgamma(k + 1)
        - math.lgamma(n - k + 1)
        + k * math.log(p)
        + (n - k) * math.log1p(-p)
    )


def at_most(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p), 0 < p < 1."""
    return min(1.0, sum(math.exp(log_binomial(i, n, p)) for i in range(k + 1)))


def at_least(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p), 0 < p < 1."""
    return min(1.0, sum(math.exp(log_binomial(i, n, p)) for i in range(k, n + 1)))


def pooled(history: Iterable[Mapping[str, int]], key: str, total: str) -> tuple[int, int]:
    """(sum of ``key``, sum of ``total``) over earlier runs."""
    runs = list(history)
    return sum(run.get(key, 0) for run in runs), sum(run.get(total, 0) for run in runs)


def drift_problems(run: Mapping[str, int], history: list[Mapping[str, int]]) -> list[str]:
    """What in ``run`` departs from the recent ``history`` of the edition (newest first)."""
    problems: list[str] = []
    items = run.get(ITEMS, 0)
    if items >= MIN_RUN:
        for name in OPTIONAL_FIELDS:
            had, total = pooled(history, name, ITEMS)
            if total < MIN_BASELINE:
                continue
            share = (had + 1) / (total + 2)  # Laplace: never exactly 0 or 1
            count = run.get(name, 0)
            if count / items < share / 2 and at_most(count, items, share) < SURPRISE:
                problems.append(
                    f"{name} in {count / items:.0%} of {items} records "
                    f"(recent runs: {had / total:.0%})"
                )
    pages = run.get(ARTICLE_PAGES, 0)
    had, total = pooled(history, NO_MARKUP, ARTICLE_PAGES)
    if pages >= MIN_RUN and total >= MIN_BASELINE:
        share = (had + 1) / (total + 2)
        count = run.get(NO_MARKUP, 0)
        if (
            count / pages >= max(MIN_NO_MARKUP_SHARE, 2 * share)
            and at_least(count, pages, share) < SURPRISE
        ):
            problems.append(
                f"pages without article markup {count / pages:.0%} of {pages} "
                f"(recent runs: {had / total:.0%})"
            )
    return problems
