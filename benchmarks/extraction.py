"""Extraction quality and speed: ukrinform_crawler vs trafilatura and newspaper4k, same pages.

``python -m benchmarks.extraction [--per-layout 1000] [--rounds 1] [--fixtures DIR]``

The corpus: the saved pages of ``tests/fixtures/article`` (two real ukrinform.ua pages and six
pages in the real template) plus replica pages (English and Ukrainian, alternating) until every
layout has ``--per-layout`` pages: news, interview, winter dates (+02:00), the Exclusive /
Заява label, boilerplate inside the body. Ground truth: the fixtures' expected records and
``Corpus.expected``.

Timed per page, in one process, in blocks of ``BLOCK_PAGES`` pages that each extractor runs in
turn (the order rotating from block to block), so a slow spell of a shared machine weighs on all
of them alike (``--rounds`` passes; the per-page time is the median of the passes). Each
extractor first reads a few warm-up pages (other articles, not measured), so that its one-time
costs (lazy imports, compiled patterns) fall on none of the measured pages:

- ours: ``HtmlResponse`` from the bytes → ``ArticlePage`` (``is_article``, ``to_item``) → the
  cleaning pipelines, exactly as a crawl runs them;
- trafilatura: ``trafilatura.extract(html_bytes, url=url)`` (defaults: the main text only);
  its title and date come from ``trafilatura.extract_metadata``, which is not timed;
- newspaper4k: ``Article(url).download(input_html=…)`` + ``parse()`` (no NLP, no network).

Quality: body token F1 (multiset of lower-cased word tokens), body exact match (ours: the feed
string itself; the others: their non-empty lines joined by one newline against the truth's
paragraphs, which forgives them the separator), title exact match, publication day and full
timestamp (with the Kyiv offset) exact, and boilerplate strings leaked into the body.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import re
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse

from benchmarks.common import ROOT, median, percentile, table, write_result
from tests.site import Corpus
from tests.site.model import KYIV
from tests.site.render import RenderContext, Renderer
from ukrinform_crawler.pages.article import ArticlePage
from ukrinform_crawler.pipelines import PipelineChain

FIXTURES = ROOT / "tests" / "fixtures" / "article"
BLOCK_PAGES = 25
LAYOUTS = ("news", "interview", "winter", "label", "boilerplate")

BOILERPLATE = (
    "While citing and using any materials",
    "citing the translated materials",
    "Materials marked as",
    "Media identifier",
    "Online media entity",
    "All rights reserved",
    "Join our channels",
    "Extended search",
    "By period:",
    "Read also:",
    "При цитуванні",
    "цитування перекладів",
    "Цитування і використання матеріалів у офлайн",
    "Матеріали з позначкою",
    "ідентифікатор медіа",
    "Усі права застережені",
    "Приєднуйтесь до наших каналів",
    "Розширений пошук",
    "За період:",
    "Читайте також:",
    "Всi рубрики",
)
"""Boilerplate that must never be in a body (substrings, after whitespace normalisation)."""
BOILERPLATE_LINES = re.compile(
    r"^(?:(?:Photo|Фото):.*|Ukrinform\.?|Укрінформ\.?|Search|Пошук|-)$", re.MULTILINE
)
"""Boilerplate paragraphs: the photo credit, the publisher line, lone search-form words."""
TOKEN = re.compile(r"\w+")
SPACES = re.compile(r"[^\S\n]+")


@dataclass
class Page:
    name: str
    group: str
    url: str
    html: bytes
    truth: dict[str, Any]
    layouts: tuple[str, ...] = ()


@dataclass
class Extracted:
    body: str | None
    title: str | None
    date: str | None
    """ISO datetime (or date) as the extractor gives it."""


@dataclass
class Scores:
    pages: int = 0
    f1: list[float] = field(default_factory=list)
    exact: int = 0
    title: int = 0
    day: int = 0
    timestamp: int = 0
    leaks: int = 0
    leaking_pages: int = 0
    failures: int = 0
    ms: list[float] = field(default_factory=list)
    exact_by_layout: Counter[str] = field(default_factory=Counter)
    pages_by_layout: Counter[str] = field(default_factory=Counter)


def render_context() -> RenderContext:
    """Fixed per-response noise, so every run renders the same bytes."""
    return RenderContext(
        token="T" * 40,
        now=datetime(2026, 11, 2, 12, 0, tzinfo=KYIV),
        rnd=123456789,
        bnith="b" * 80,
        rncf="c" * 44,
    )


def fixture_pages(folder: Path = FIXTURES) -> list[Page]:
    """The saved pages of ``folder``: ``NAME.html`` or ``NAME.html.gz``, each beside
    ``NAME.meta.json`` (``{"url": …}``, the address it was fetched from) and ``NAME.json``, the
    expected record (``body``, ``title`` and ``published_at`` are scored)."""
    pages = []
    for path in sorted([*folder.glob("*.html"), *folder.glob("*.html.gz")]):
        name = path.name.removesuffix(".gz").removesuffix(".html")
        if any(page.name == name for page in pages):
            raise ValueError(f"{folder} holds both {name}.html and {name}.html.gz")
        meta = json.loads((folder / f"{name}.meta.json").read_text(encoding="utf-8"))
        truth = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        html = path.read_bytes()
        if path.suffix == ".gz":
            html = gzip.decompress(html)
        pages.append(Page(name, "fixtures", meta["url"], html, truth))
    return pages


WARM_UP_SEED = 8
"""The corpus seed of the warm-up pages: other articles than the measured ones (seed 7)."""


def replica_pages(per_layout: int, seed: int = 7) -> tuple[list[Page], Counter[str]]:
    """Replica pages, both editions alternating, until each layout has ``per_layout`` pages."""
    corpora = {edition: Corpus(edition, 100_000, seed) for edition in ("en", "uk")}
    renderers = {edition: Renderer(corpus) for edition, corpus in corpora.items()}
    ctx = render_context()
    counts: Counter[str] = Counter()
    pages: list[Page] = []
    g = 0
    while any(counts[layout] < per_layout for layout in LAYOUTS) and g < 100_000:
        for edition, corpus in corpora.items():
            article = corpus.article_at(g)
            layouts = [article.layout]
            if article.published.utcoffset() == KYIV.utcoffset(datetime(2026, 1, 15)):
                layouts.append("winter")
            layouts += [name for name in ("label", "boilerplate") if name in article.features]
            if all(counts[layout] >= per_layout for layout in layouts):
                continue
            counts.update(layouts)
            html = renderers[edition].article_page(article, ctx).encode()
            pages.append(
                Page(
                    f"{edition}-{article.id}",
                    "replica",
                    article.url,
                    html,
                    corpus.expected(article.id),
                    tuple(layouts),
                )
            )
        g += 1
    return pages, counts


# --- the extractors -------------------------------------------------------------------------


def ours_factory() -> Callable[[Page], Extracted]:
    chain = PipelineChain()

    def ours(page: Page) -> Extracted:
        response = HtmlResponse(url=page.url, body=page.html)
        article = ArticlePage(response)
        if not article.is_article():
            return Extracted(None, None, None)
        try:
            item = chain.process(article.to_item())
        except DropItem:
            return Extracted(None, None, None)
        return Extracted(item.body, item.title, item.published_at)

    return ours


def trafilatura_factory() -> Callable[[Page], Extracted]:
    import trafilatura

    def extract(page: Page) -> Extracted:
        return Extracted(trafilatura.extract(page.html, url=page.url), None, None)

    return extract


def trafilatura_metadata(page: Page) -> tuple[str | None, str | None]:
    import trafilatura

    meta = trafilatura.extract_metadata(page.html, default_url=page.url)
    return (meta.title, meta.date) if meta is not None else (None, None)


def newspaper_factory() -> Callable[[Page], Extracted]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "nltk is not installed": only nlp() needs it
        from newspaper import Article

    def extract(page: Page) -> Extracted:
        language = "uk" if ".ukrinform.ua/" in page.url else "en"
        article = Article(page.url, language=language, fetch_images=False)
        article.download(input_html=page.html.decode("utf-8", "replace"))
        article.parse()
        date = article.publish_date.isoformat() if article.publish_date else None
        return Extracted(article.text, article.title, date)

    return extract


# --- scoring ----------------------------------------------------------------------------------


def clean(text: str) -> str:
    return SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def f1(predicted: str, truth: str) -> float:
    got = Counter(TOKEN.findall(predicted.lower()))
    want = Counter(TOKEN.findall(truth.lower()))
    overlap = sum((got & want).values())
    if not got or not want or not overlap:
        return 1.0 if got == want else 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def lines(text: str) -> str:
    return "\n".join(line for line in (clean(part) for part in text.split("\n")) if line)


def leaks(body: str) -> int:
    text = lines(body)
    return sum(text.count(marker) for marker in BOILERPLATE) + len(BOILERPLATE_LINES.findall(text))


def score(scores: Scores, page: Page, got: Extracted, strict: bool) -> None:
    truth = page.truth
    scores.pages += 1
    body = got.body or ""
    if got.body is None:
        scores.failures += 1
    scores.f1.append(f1(body, truth["body"]))
    exact = body == truth["body"] if strict else lines(body) == lines(truth["body"])
    scores.exact += exact
    for layout in page.layouts:
        scores.pages_by_layout[layout] += 1
        scores.exact_by_layout[layout] += exact
    scores.title += bool(got.title) and clean(got.title or "") == truth["title"]
    published = truth["published_at"]
    scores.day += bool(got.date) and (got.date or "")[:10] == published[:10]
    scores.timestamp += got.date == published
    leaked = leaks(body)
    scores.leaks += leaked
    scores.leaking_pages += leaked > 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extraction", description=__doc__)
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=FIXTURES,
        help="folder of saved pages with their expected records (see fixture_pages); "
        "default: tests/fixtures/article",
    )
    parser.add_argument(
        "--per-layout",
        type=int,
        default=1000,
        help="replica pages per layout (0: the saved pages alone)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="timed passes per extractor; a pass after the first sees every page again, with "
        "whatever each extractor cached from it (only the first pass is cold)",
    )
    parser.add_argument(
        "--only",
        choices=("ours", "trafilatura", "newspaper4k"),
        action="append",
        help="run only these extractors (repeatable); default: all three",
    )
    parser.add_argument("--output", default="extraction", help="results/<output>.json")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    fixtures = fixture_pages(args.fixtures)
    if not fixtures and args.per_layout <= 0:
        parser.error(f"no pages: {args.fixtures} holds no NAME.html(.gz) and --per-layout is 0")
    replica, layout_counts = replica_pages(args.per_layout)
    pages = fixtures + replica
    truth_leaks = sum(leaks(page.truth["body"]) for page in pages)
    print(
        f"{len(fixtures)} fixture pages + {len(replica)} replica pages "
        f"({', '.join(f'{k} {v}' for k, v in layout_counts.items())}); "
        f"boilerplate strings in the ground truth: {truth_leaks}; "
        f"prepared in {time.perf_counter() - started:.1f} s",
        flush=True,
    )

    factories = {
        "ours": ours_factory,
        "trafilatura": trafilatura_factory,
        "newspaper4k": newspaper_factory,
    }
    names = args.only or list(factories)
    extractors = {name: factories[name]() for name in names}
    warm_up, _ = replica_pages(1, seed=WARM_UP_SEED)
    for extract in extractors.values():
        for page in warm_up:
            extract(page)
    times: dict[str, list[list[float]]] = {name: [[] for _ in pages] for name in names}
    outputs: dict[str, list[Extracted]] = {name: [] for name in names}
    # Interleaved in blocks: every block of pages goes through each extractor in turn, the order
    # rotating from block to block, so a slow or fast spell of a shared machine weighs on all
    # extractors alike, while each extractor still runs many pages in a row as in real use.
    for round_index in range(args.rounds):
        gc.collect()
        spent = dict.fromkeys(names, 0.0)
        for block, first in enumerate(range(0, len(pages), BLOCK_PAGES)):
            shift = block % len(names)
            for name in names[shift:] + names[:shift]:
                extract = extractors[name]
                for index in range(first, min(first + BLOCK_PAGES, len(pages))):
                    start = time.perf_counter()
                    got = extract(pages[index])
                    elapsed = time.perf_counter() - start
                    spent[name] += elapsed
                    times[name][index].append(elapsed * 1000)
                    if round_index == 0:
                        outputs[name].append(got)
        print(
            f"round {round_index + 1}: "
            + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in spent.items()),
            flush=True,
        )
    if "trafilatura" in outputs:
        for page, got in zip(pages, outputs["trafilatura"], strict=True):
            got.title, got.date = trafilatura_metadata(page)

    rows = []
    results: dict[str, Any] = {}
    for name in names:
        for group in ("fixtures", "replica", "all"):
            scores = Scores()
            for index, page in enumerate(pages):
                if group != "all" and page.group != group:
                    continue
                score(scores, page, outputs[name][index], strict=name == "ours")
                scores.ms.append(median(times[name][index]))
            n = scores.pages
            if not n:
                continue
            row = {
                "pages": n,
                "body_f1": sum(scores.f1) / n,
                "body_exact_pct": 100 * scores.exact / n,
                "title_exact_pct": 100 * scores.title / n,
                "date_day_pct": 100 * scores.day / n,
                "timestamp_exact_pct": 100 * scores.timestamp / n,
                "boilerplate_leaks": scores.leaks,
                "leaking_pages": scores.leaking_pages,
                "failures": scores.failures,
                "median_ms": median(scores.ms),
                "p99_ms": percentile(scores.ms, 0.99),
                "body_exact_pct_by_layout": {
                    layout: round(100 * scores.exact_by_layout[layout] / count, 2)
                    for layout, count in scores.pages_by_layout.items()
                },
            }
            results.setdefault(name, {})[group] = row
            rows.append(
                [
                    name,
                    group,
                    n,
                    row["body_f1"],
                    row["body_exact_pct"],
                    row["title_exact_pct"],
                    row["date_day_pct"],
                    row["timestamp_exact_pct"],
                    row["boilerplate_leaks"],
                    row["median_ms"],
                    row["p99_ms"],
                ]
            )
    headers = [
        "extractor",
        "pages",
        "n",
        "body F1",
        "exact %",
        "title %",
        "day %",
        "datetime %",
        "leaks",
        "median ms",
        "p99 ms",
    ]
    print()
    print(table(headers, rows))
    speedup = speedup_fixtures = None
    if "ours" in results and "trafilatura" in results:
        speedup = results["trafilatura"]["all"]["median_ms"] / results["ours"]["all"]["median_ms"]
        print(f"\nmedian speed-up over trafilatura.extract: {speedup:.1f}x (target >= 7x)")
        if fixtures:
            speedup_fixtures = (
                results["trafilatura"]["fixtures"]["median_ms"]
                / results["ours"]["fixtures"]["median_ms"]
            )
            print(f"on the saved pages alone: {speedup_fixtures:.1f}x")
    if "ours" in results:
        ours = results["ours"]["all"]
        print(
            f"ours: body exact {ours['body_exact_pct']:.2f}% (target 100), "
            f"boilerplate leaks {ours['boilerplate_leaks']} (target 0); "
            f"by layout: {ours['body_exact_pct_by_layout']}"
        )
    path = write_result(
        args.output,
        {
            "command": "python -m benchmarks.extraction "
            + f"--per-layout {args.per_layout} --rounds {args.rounds}"
            + (f" --fixtures {args.fixtures}" if args.fixtures != FIXTURES else ""),
            "pages": {"fixtures": len(fixtures), "replica": len(replica)},
            "replica_pages_by_layout": dict(layout_counts),
            "ground_truth_boilerplate_strings": truth_leaks,
            "speedup_over_trafilatura_median": speedup,
            "speedup_over_trafilatura_median_saved_pages": speedup_fixtures,
            "results": results,
            "wall_s": round(time.perf_counter() - started, 1),
        },
    )
    print(f"written {path}")


if __name__ == "__main__":
    main()
