"""Signals of this project, sent through ``crawler.signals``."""

article_failed = object()
"""An article could not be fetched or parsed after every retry.

Arguments: ``article_id: int``, ``url: str`` (canonical), ``reason: str``, ``spider``.
"""

article_listed = object()
"""A discovery channel listed an article URL.

Arguments: ``article_id: int``, ``url: str`` (canonical), ``channel: str`` ("listing", "search",
"rss", "sitemap"), ``published_at: datetime | None`` (as listed), ``spider``.
"""

search_window_done = object()
"""Every result page of one search day window was read.

Arguments: ``day: str`` (ISO date), ``query: str``, ``rubric: str | None``, ``spider``.
"""

feed_output_failed = object()
"""A ``-o``/``-O`` feed file could not be opened, written or stored.

Arguments: ``path: str``, ``error: OSError``.
"""

article_outside_window = object()
"""A fetched article was published outside the run's ``since``/``until`` window.

Arguments: ``article_id: int``, ``spider``.
"""
