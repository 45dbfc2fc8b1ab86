# Ukrainian text is content here, so Cyrillic look-alikes are intended; `random` seeds
# deterministic content, not secrets.
# ruff: noqa: S311
"""Deterministic synthetic corpus: article ``i`` is computed from ``(seed, i)`` on demand.

Positions run newest first. Internally each article has a generation index ``g``: the first
``count`` articles have ``g = 0 … count-1``; ``add_article()`` publishes ``g = -1, -2, …`` on
top. Ids and publication times are arithmetic in ``g`` (strictly decreasing), so any article,
listing page or sitemap week is reachable without materialising the corpus.
"""

from __future__ import annotations

import random
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from .banks import BANKS, Bank
from .model import EDITIONS, KYIV, Edition, clean_text, kyiv_iso, kyiv_raw, slugify

ANCHOR = datetime(2026, 10, 28, 12, 0, tzinfo=KYIV)
"""Time of article g=0 before jitter; 300 articles reach back across the October DST end."""
ID_STEP = 15
MINUTES_STEP = 50
MINUTES_JITTER = 30
PAGE_SIZE = 20
MASK = (1 << 64) - 1


def mix(*values: int) -> int:
    """A fast deterministic 64-bit hash of integers (splitmix64 rounds)."""
    state = 0x9E3779B97F4A7C15
    for value in values:
        state = (state ^ (value & MASK)) * 0xBF58476D1CE4E5B9 & MASK
        state = (state ^ (state >> 31)) * 0x94D049BB133111EB & MASK
        state ^= state >> 29
    return state


@dataclass(frozen=True)
class Link:
    """An inline ``<a>``: internal (relative / https://www. / http://www.) or external."""

    href: str
    children: tuple[Inline, ...]
    external: bool = False
    blank: bool = True
    target_id: int | None = None


@dataclass(frozen=True)
class Mark:
    """Inline emphasis: ``b``, ``strong`` or ``em``."""

    tag: str
    children: tuple[Inline, ...]


Inline = str | Link | Mark


@dataclass(frozen=True)
class Block:
    """One body block as the CMS stores it.

    kinds: ``p``, ``center`` (``<p align="center"><strong>…``), ``separator`` (``***``),
    ``spacer`` (``<p></p>``), ``h2``, ``ul`` (``items``), ``blockquote``, ``figure`` (``src``),
    ``read`` (a ``section.read``; ``inline`` holds one Link), ``credit`` (``<p><em>Photo: …``),
    ``byline`` and ``boilerplate`` (footer/search/promo/Read-also text pasted into the body;
    ``inline`` holds its Read-also Link).
    """

    kind: str
    inline: tuple[Inline, ...] = ()
    items: tuple[tuple[Inline, ...], ...] = ()
    src: str = ""
    raw_typography: bool = False


@dataclass(frozen=True)
class SyntheticArticle:
    """The structured spec an article page is rendered from and its ground truth derived from."""

    id: int
    g: int
    edition: str
    rubric: str
    rubric_name: str
    slug: str
    path: str
    url: str
    title: str
    lead: str | None
    label: str | None
    published: datetime
    layout: str
    blocks: tuple[Block, ...]
    tags: tuple[tuple[str, str], ...]
    image_url: str
    byline: str | None
    credit: str | None
    features: frozenset[str] = field(default_factory=frozenset)
    edited: datetime | None = None
    """When the article was last edited after publication (``Corpus.edit_article``)."""

    @property
    def modified(self) -> datetime:
        return self.edited or self.published

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return self.blocks


@dataclass(frozen=True)
class Headline:
    """What listings, feeds and sidebars need: cheap to compute."""

    id: int
    g: int
    rubric: str
    title: str
    lead: str | None
    path: str
    url: str
    published: datetime
    image_unix: int
    image_n: int

    @property
    def thumb(self) -> str:
        return image_path(self.image_unix, self.image_n, "300_200_")

    @property
    def image(self) -> str:
        return image_path(self.image_unix, self.image_n, "630_360_")


def image_path(unix: int, n: int, prefix: str) -> str:
    folder = datetime.fromtimestamp(unix, KYIV).strftime("%Y_%m")
    return f"https://static.ukrinform.com/photos/{folder}/thumb_files/{prefix}{unix}-{n}.jpg"


def inline_text(nodes: tuple[Inline, ...]) -> str:
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(node)
        else:
            parts.append(inline_text(node.children))
    return "".join(parts)


INVISIBLES = ("\u00ad", "\u200b", "\u200d", "\u2060", "\ufeff")
LONG_RUN = re.compile(r"[^\W\d_]{8,}")
"""A run of eight or more letters: where an unspaced script gets its invisible character."""


def _sprinkle(text: str, rng: random.Random, spaced: bool = True) -> str:
    """Insert a soft hyphen or a zero-width character inside a word of a paragraph."""
    if not spaced:
        runs = list(LONG_RUN.finditer(text))
        if not runs:
            return text
        run = rng.choice(runs)
        cut = (run.start() + run.end()) // 2
        return text[:cut] + rng.choice(INVISIBLES) + text[cut:]
    words = text.split(" ")
    long_words = [i for i, word in enumerate(words) if len(word) > 7 and word.isalpha()]
    if not long_words:
        return text
    i = rng.choice(long_words)
    word = words[i]
    cut = len(word) // 2
    invisible = rng.choice(INVISIBLES)
    words[i] = word[:cut] + invisible + word[cut:]
    return " ".join(words)


class Corpus:
    """The article population of one edition, lazy and deterministic in ``(seed, index)``."""

    def __init__(self, edition: str = "en", count: int = 300, seed: int = 7) -> None:
        if edition not in EDITIONS:
            raise ValueError(f"unknown edition {edition!r}")
        if count < 1:
            raise ValueError("count must be positive")
        self.edition_code = edition
        self.edition: Edition = EDITIONS[edition]
        self.bank: Bank = BANKS[edition]
        self.count = count
        self.seed = seed
        self.added = 0
        self.edits: dict[int, int] = {}
        """Edits per article ``g`` (``edit_article``)."""
        self._lock = threading.RLock()
        self._rubric_index: dict[str, list[int]] | None = None
        self._tag_index: dict[str, list[int]] | None = None
        weights: list[tuple[int, str]] = []
        total = 0
        for rubric in self.edition.rubrics:
            total += rubric.weight
            weights.append((total, rubric.slug))
        self._rubric_cumulative = weights
        self._rubric_total = total
        self._offsets = [mix(seed, 1000 + k) % 997 for k in range(12)]
        self._headline = lru_cache(maxsize=8192)(self._make_headline)
        self._article = lru_cache(maxsize=2048)(self._make_article)

    # --- arithmetic over g ---------------------------------------------------------------

    @property
    def host(self) -> str:
        return self.edition.host

    @property
    def size(self) -> int:
        return self.count + self.added

    @property
    def newest_g(self) -> int:
        return -self.added

    def g_at(self, position: int) -> int:
        """Generation index of the article at listing position ``position`` (0 = newest)."""
        return position - self.added

    def id_of(self, g: int) -> int:
        return self.edition.top_id - g * ID_STEP - mix(self.seed, g, 1) % ID_STEP

    def g_of_id(self, article_id: int) -> int | None:
        g = (self.edition.top_id - article_id) // ID_STEP
        if -self.added <= g < self.count and self.id_of(g) == article_id:
            return g
        return None

    def published_of(self, g: int) -> datetime:
        minutes = g * MINUTES_STEP + mix(self.seed, g, 2) % MINUTES_JITTER
        # In UTC: aware arithmetic in one zone is wall-clock arithmetic and can land on a local
        # time that does not exist (the spring-forward hour).
        return (ANCHOR.astimezone(UTC) - timedelta(minutes=minutes)).astimezone(KYIV)

    def rubric_of(self, g: int) -> str:
        pick = mix(self.seed, g, 3) % self._rubric_total
        for bound, slug in self._rubric_cumulative:
            if pick < bound:
                return slug
        raise AssertionError("unreachable")

    def tags_of(self, g: int) -> tuple[tuple[str, str], ...]:
        if (g + self._offsets[3]) % 6 == 0:
            return ()
        vocabulary = self.edition.tags
        count = 1 + mix(self.seed, g, 4) % 4
        picked: list[tuple[str, str]] = []
        for k in range(count):
            tag = vocabulary[mix(self.seed, g, 5, k) % len(vocabulary)]
            if tag not in picked:
                picked.append(tag)
        return tuple(picked)

    def layout_of(self, g: int) -> str:
        return "interview" if (g + self._offsets[0]) % 20 == 0 else "news"

    # --- public API ----------------------------------------------------------------------

    def ids(self) -> list[int]:
        """All ids, newest first."""
        return [self.id_of(g) for g in range(-self.added, self.count)]

    def iter_ids(self) -> Iterator[int]:
        for g in range(-self.added, self.count):
            yield self.id_of(g)

    def add_article(self) -> int:
        """Publish one article on top of every listing; returns its id."""
        with self._lock:
            self.added += 1
            g = -self.added
            if self._rubric_index is not None:
                self._rubric_index.setdefault(self.rubric_of(g), []).insert(0, g)
            if self._tag_index is not None:
                for slug, _name in self.tags_of(g):
                    self._tag_index.setdefault(slug, []).insert(0, g)
            return self.id_of(g)

    def edit_article(self, article_id: int) -> None:
        """Edit a published article in place: same URL, one more paragraph, a later
        ``dateModified`` (each call is one more edit)."""
        g = self.g_of_id(article_id)
        if g is None:
            raise KeyError(article_id)
        with self._lock:
            self.edits[g] = self.edits.get(g, 0) + 1

    def article(self, article_id: int) -> SyntheticArticle:
        g = self.g_of_id(article_id)
        if g is None:
            raise KeyError(article_id)
        return self.article_at(g)

    def article_at(self, g: int) -> SyntheticArticle:
        article = self._article(g)
        edits = self.edits.get(g, 0)
        return self._edited(article, edits) if edits else article

    def _edited(self, article: SyntheticArticle, edits: int) -> SyntheticArticle:
        note = self.bank.edit_note.format(edits=edits)
        first = next(
            (i for i, block in enumerate(article.blocks) if block.kind == "p"),
            len(article.blocks),
        )
        blocks = (*article.blocks[: first + 1], Block("p", (note,)), *article.blocks[first + 1 :])
        return replace(article, blocks=blocks, edited=article.published + timedelta(hours=edits))

    def headline(self, g: int) -> Headline:
        return self._headline(g)

    def find(self, article_id: int) -> SyntheticArticle | None:
        g = self.g_of_id(article_id)
        return None if g is None else self.article_at(g)

    def listing(self, name: str) -> list[int] | range:
        """The ``g`` sequence (newest first) of a listing: "lastnews", "rubric:<r>", "tag:<t>"."""
        if name == "lastnews":
            return range(-self.added, self.count)
        kind, _, key = name.partition(":")
        with self._lock:
            if kind == "rubric":
                if self._rubric_index is None:
                    index: dict[str, list[int]] = {}
                    for g in range(-self.added, self.count):
                        index.setdefault(self.rubric_of(g), []).append(g)
                    self._rubric_index = index
                return self._rubric_index.get(key, [])
            if kind == "tag":
                if self._tag_index is None:
                    tags: dict[str, list[int]] = {}
                    for g in range(-self.added, self.count):
                        for slug, _name in self.tags_of(g):
                            tags.setdefault(slug, []).append(g)
                    self._tag_index = tags
                return self._tag_index.get(key, [])
        raise KeyError(name)

    def by_page(self, listing: str, page: int) -> list[int]:
        """Article ids on page ``page`` (1-based) of a listing."""
        gs = self.listing(listing)
        start = (max(page, 1) - 1) * PAGE_SIZE
        return [self.id_of(g) for g in gs[start : start + PAGE_SIZE]]

    def g_range_between(self, start: datetime, end: datetime) -> range:
        """The ``g`` values published in ``[start, end)``, newest first."""
        lo, hi = -self.added, self.count

        def first_older(moment: datetime) -> int:
            # smallest g whose publication is < moment (times decrease with g)
            a, b = lo, hi
            while a < b:
                mid = (a + b) // 2
                if self.published_of(mid) < moment:
                    b = mid
                else:
                    a = mid + 1
            return a

        return range(first_older(end), first_older(start))

    def expected(self, article_id: int) -> dict[str, Any]:
        """The feed record the crawler must emit (all Article fields but scraped_at/body_html)."""
        article = self.article(article_id)
        paragraphs: list[str] = []
        related: list[dict[str, str]] = []
        origin = self.edition.origin
        for block in article.blocks:
            if block.kind in ("p", "center", "separator", "h2", "blockquote", "byline"):
                text = clean_text(inline_text(block.inline))
                if text:
                    paragraphs.append(text)
            elif block.kind == "ul":
                paragraphs.extend(clean_text(inline_text(item)) for item in block.items)
            elif block.kind in ("read", "boilerplate"):
                link = block.inline[0]
                assert isinstance(link, Link)
                target = self.article(link.target_id or 0)
                related.append(
                    {"title": clean_text(inline_text(link.children)), "url": origin + target.path}
                )
        published = kyiv_iso(article.published)
        return {
            "id": article.id,
            "url": article.url,
            "edition": self.edition_code,
            "language": self.edition.lang,
            "rubric": article.rubric,
            "rubric_name": article.rubric_name,
            "title": clean_text(article.title),
            "lead": clean_text(article.lead) if article.lead else None,
            "label": article.label,
            "body": "\n\n".join(paragraphs),
            "published_at": published,
            "published_at_raw": kyiv_raw(article.published),
            "modified_at": kyiv_iso(article.modified),
            "authors": [article.byline] if article.byline else ["Ukrinform"],
            "tags": [clean_text(name) for _slug, name in article.tags],
            "image_url": article.image_url,
            "image_credit": article.credit,
            "related": related,
        }

    # --- generation ----------------------------------------------------------------------

    def _title_parts(self, g: int, rng: random.Random) -> tuple[str, str | None, str]:
        """Title, lead and what the slug is made from (the title, or its English gloss)."""
        bank = self.bank
        if self.layout_of(g) == "interview":
            guest = rng.choice(bank.guests)
            return guest, rng.choice(bank.guest_quotes), bank.glossed(guest)
        short, _ = rng.choice(bank.actors)
        verb, _ = rng.choice(bank.verbs)
        parts = {
            "short": short,
            "verb": verb,
            "topic": rng.choice(bank.topics),
            "place": rng.choice(bank.places),
            "suffix": rng.choice(bank.suffixes),
        }
        title = bank.title.format(**parts)
        lead = bank.lead.format(
            actor=rng.choice(bank.actors)[1],
            past=rng.choice(bank.verbs)[1],
            topic=rng.choice(bank.topics),
        )
        if (g + self._offsets[9]) % 4 == 0:
            words = lead.split(" ")
            words.insert(len(words) // 2, "\u00a0" + words.pop(len(words) // 2))
            lead = " ".join(words)
        no_lead = (g + self._offsets[10]) % 15 == 7
        return title, None if no_lead else lead, bank.slug_source(title, parts)

    def _make_headline(self, g: int) -> Headline:
        rng = random.Random(f"{self.seed}:{self.edition_code}:{g}:head")
        title, lead, slug_source = self._title_parts(g, rng)
        rubric = self.rubric_of(g)
        article_id = self.id_of(g)
        path = f"/rubric-{rubric}/{article_id}-{slugify(slug_source, self.edition_code)}.html"
        published = self.published_of(g)
        unix = int(published.timestamp()) - 600 - rng.randrange(3000)
        if rng.random() < 0.15:
            unix -= rng.randrange(30, 400) * 86400  # a reused photo from an older folder
        return Headline(
            id=article_id,
            g=g,
            rubric=rubric,
            title=title,
            lead=lead,
            path=path,
            url=self.edition.origin + path,
            published=published,
            image_unix=unix,
            image_n=rng.randrange(1, 999),
        )

    def _link_targets(self, g: int, rng: random.Random) -> list[int]:
        """Distinct existing articles to link to: older ones first, shuffled deterministically.

        Only articles that can never change are used (older ones, or base articles), so an
        article's content does not depend on how many were added later.
        """
        older = list(range(g + 1, min(self.count, g + 41)))
        rng.shuffle(older)
        newer = list(range(max(0, g - 40), g)) if g > 0 else []
        rng.shuffle(newer)
        return older + newer

    def _internal_link(self, target_g: int, rng: random.Random, text: str) -> Link:
        target = self.headline(target_g)
        style = rng.randrange(3)
        href = (
            target.path
            if style == 0
            else f"https://{self.edition.host}{target.path}"
            if style == 1
            else f"http://{self.edition.host}{target.path}"
        )
        return Link(href, (text,), external=False, blank=style != 1, target_id=target.id)

    def _make_article(self, g: int) -> SyntheticArticle:
        head = self.headline(g)
        rng = random.Random(f"{self.seed}:{self.edition_code}:{g}:body")
        en = self.edition_code == "en"
        bank = self.bank
        strings = self.edition.strings
        off = self._offsets
        layout = self.layout_of(g)
        features: set[str] = {layout}
        blocks: list[Block] = []
        actors, topics, places = bank.actors, bank.topics, bank.places
        verbs, quotes = bank.verbs, bank.quotes
        targets = self._link_targets(g, rng)

        def sentence() -> str:
            actor_short, actor = rng.choice(actors)
            return rng.choice(bank.filler).format(
                topic=rng.choice(topics),
                place=rng.choice(places),
                actor=bank.mid(actor),
                actor_short=actor_short,
                num=rng.randrange(2, 90),
            )

        def plain_paragraph() -> Block:
            text = bank.joiner.join(sentence() for _ in range(rng.randrange(1, 4)))
            if rng.random() < 0.25:
                text = _sprinkle(text, rng, bank.spaced)
                features.add("invisible")
            return Block("p", (text,), raw_typography=rng.random() < 0.3)

        def quote_paragraph() -> Block:
            quote = rng.choice(quotes).format(topic=rng.choice(topics))
            short, full = rng.choice(actors)
            speaker = bank.mid(full) if bank.speaker_full else short
            return Block("p", (bank.quote_line.format(quote=quote, speaker=speaker),))

        if layout == "interview":
            questions = bank.questions
            for k in range(rng.randrange(3, 6)):
                blocks.append(Block("p", (Mark("strong", (questions[k % len(questions)],)),)))
                blocks.append(plain_paragraph())
                if k == 1 and rng.random() < 0.5:
                    blocks.append(quote_paragraph())
        else:
            _, actor = rng.choice(actors)
            _, past = rng.choice(verbs)
            topic, place = rng.choice(topics), rng.choice(places)
            first = bank.first.format(
                actor=actor, past=past, topic=topic, place=place, reports=strings["reports"]
            )
            before, link_text, after = bank.posted
            external = Link(
                f"http://x.com/ukrinform/status/{mix(self.seed, g, 7) % 10**18}",
                (link_text,),
                external=True,
            )
            blocks.append(Block("p", (first,)))
            blocks.append(Block("p", (before, external, after)))
            blocks.append(quote_paragraph())
            for _ in range(rng.randrange(1, 4)):
                blocks.append(plain_paragraph())
            if (g + off[8]) % 6 == 1:
                blocks.append(Block("h2", (bank.heading(rng.choice(topics)),)))
                blocks.append(plain_paragraph())
                features.add("h2")
            if (g + off[8]) % 6 == 3:
                items = tuple((sentence(),) for _ in range(rng.randrange(2, 5)))
                blocks.append(Block("ul", items=items))
                features.add("ul")
            if (g + off[8]) % 6 == 5:
                blocks.append(Block("blockquote", (rng.choice(quotes).format(topic=bank.peace),)))
                features.add("blockquote")
            if (g + off[7]) % 8 == 0:
                features.add("digest")
                blocks.insert(1, Block("spacer"))
                blocks.insert(2, Block("center", (Mark("strong", (bank.digest,)),)))
                blocks.append(Block("separator", ("***",)))
                blocks.append(Block("spacer"))
                folder = head.published.strftime("%Y_%m")
                blocks.append(
                    Block("figure", src=f"https://static.ukrinform.com/photos/{folder}/"
                          f"{head.image_unix}-{head.image_n + 1}.jpg")
                )  # fmt: skip
                blocks.append(plain_paragraph())
            _, actor = rng.choice(actors)
            _, past = rng.choice(verbs)
            recap = {
                "reported": strings["reported"],
                "actor": bank.mid(actor),
                "past": past,
                "topic": rng.choice(topics),
                "place": rng.choice(places),
            }
            prefix, anchor, tail = (part.format(**recap) for part in bank.recap)
            if targets:
                link = self._internal_link(targets.pop(0), rng, anchor)
                blocks.append(Block("p", (prefix, link, tail)))
            else:
                blocks.append(Block("p", (prefix + anchor + tail,)))
        # mid-body Read-also blocks
        reads = (g + off[6]) % 3
        for k in range(min(reads, len(targets))):
            target = self.headline(targets.pop(0))
            style = rng.randrange(3)
            href = (target.path, f"http://{self.edition.host}{target.path}",
                    f"https://{self.edition.host}{target.path}")[style]  # fmt: skip
            words = target.title.split(" ")
            children: tuple[Inline, ...]
            bold = rng.random() < 0.4
            if bold and len(words) > 2:
                children = (words[0] + " ", Mark("b", (words[1],)), " " + " ".join(words[2:]))
            elif bold and not bank.spaced:  # a few characters of an unspaced title
                cut = len(target.title) // 3
                title = target.title
                children = (title[:cut], Mark("b", (title[cut : cut + 2],)), title[cut + 2 :])
            else:
                children = (target.title,)
            position = min(len(blocks) - 1, 2 + 2 * k)
            blocks.insert(position, Block("read", (Link(href, children, target_id=target.id),)))
            features.add("read")
        byline: str | None = None
        bylined = (g + off[5]) % 7 == 0 or "digest" in features
        if layout == "news" and bank.people and bylined:
            name, gender = rng.choice(bank.people)
            prefix = strings["byline"] if gender == "f" else strings["byline_m"]
            byline = name
            blocks.append(
                Block("byline", (Mark("strong", (f"{prefix} {name}, {strings['city']}",)),))
            )
            features.add("byline")
        credit: str | None = None
        if (g + off[4]) % 5 != 0:
            credit = rng.choice(bank.credits)
            blocks.append(Block("credit", (credit,)))
            features.add("credit")
        if layout == "news" and (g + off[0]) % 20 == 10 and targets:
            target = self.headline(targets.pop(0))
            blocks.append(
                Block("boilerplate", (Link(target.path, (target.title,), target_id=target.id),))
            )
            features.add("boilerplate")
        label: str | None = None
        if layout == "news" and (g + off[2]) % 9 == 0:
            label = strings["exclusive"] if (g // 9) % 2 or en else strings["statement"]
            features.add("label")
        tags = self.tags_of(g)
        if tags:
            features.add("tags")
        rubric = self.edition.rubric(head.rubric)
        assert rubric is not None
        return SyntheticArticle(
            id=head.id,
            g=g,
            edition=self.edition_code,
            rubric=head.rubric,
            rubric_name=rubric.name,
            slug=head.path.rsplit("/", 1)[1][len(str(head.id)) + 1 : -5],
            path=head.path,
            url=head.url,
            title=head.title,
            lead=head.lead,
            label=label,
            published=head.published,
            layout=layout,
            blocks=tuple(blocks),
            tags=tags,
            image_url=head.image,
            byline=byline,
            credit=credit,
            features=frozenset(features),
        )

    def search_text(self, g: int) -> str:
        article = self.article_at(g)
        parts = [article.title, article.lead or ""]
        for block in article.blocks:
            parts.append(inline_text(block.inline))
            parts.extend(inline_text(item) for item in block.items)
        return clean_text(" ".join(parts)).casefold()


def week_bounds(year: int, week: int) -> tuple[datetime, datetime]:
    start = datetime.fromisocalendar(year, week, 1).replace(tzinfo=KYIV)
    return start, (start + timedelta(days=7)).replace(tzinfo=KYIV)
