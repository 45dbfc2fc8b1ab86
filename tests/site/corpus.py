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
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

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


# --- text banks -----------------------------------------------------------------------------

EN_ACTORS = (
    ("Zelensky", "President Volodymyr Zelensky"),
    ("Sybiha", "Foreign Minister Andrii Sybiha"),
    ("Svyrydenko", "Prime Minister Yulia Svyrydenko"),
    ("Shmyhal", "Defense Minister Denys Shmyhal"),
    ("General Staff", "The General Staff of the Armed Forces"),
    ("Air Force", "The Ukrainian Air Force"),
    ("EU", "The European Commission"),
    ("Rutte", "NATO Secretary General Mark Rutte"),
    ("Nausėda", "Lithuanian President Gitanas Nausėda"),
    ("IAEA", "The IAEA mission"),
    ("Ukrenergo", "Ukrenergo"),
    ("NBU", "The National Bank of Ukraine"),
    ("Klitschko", "Kyiv Mayor Vitali Klitschko"),
    ("SBU", "The Security Service of Ukraine"),
)
EN_VERBS = (
    ("discusses", "discussed"),
    ("announces", "announced"),
    ("welcomes", "welcomed"),
    ("condemns", "condemned"),
    ("backs", "backed"),
    ("reviews", "reviewed"),
    ("signs deal on", "signed a deal on"),
    ("outlines plans for", "outlined plans for"),
)
EN_TOPICS = (
    "drone production",
    "energy security",
    "air defense support",
    "grain exports",
    "Ukraine-EU trade",
    "Kyiv's heating season",
    "S-300/S-400 replacements",
    "25-story housing repairs",
    "prisoner exchange",
    "sanctions against Russia",
    "humanitarian demining",
    "the Black Sea corridor",
    "critical minerals",
    "railway repairs",
    "winter preparations",
    "reconstruction of Kharkiv",
)
EN_PLACES = (
    "in Kyiv",
    "in Brussels",
    "in Vilnius",
    "in Warsaw",
    "in Odesa region",
    "in Kharkiv",
    "in Lviv",
    "in Dnipro",
)
EN_SUFFIXES = ("", "", "", "", " - Reuters", " - SBU", " - media")
EN_FILLER = (
    "The parties also coordinated the next steps on {topic} and agreed to meet again {place}.",
    "According to {actor}, the work on {topic} will continue in the coming weeks.",
    "Officials noted that {num}\u00a0projects related to {topic} are already under way.",
    "Experts say the decision on {topic} is crucial for Ukraine’s resilience this winter.",
    "Earlier this week, {actor} held talks on {topic} with international partners.",
    "The meeting {place} lasted about {num}\u00a0minutes – longer than planned.",
    "Local authorities said the «Diia» app would list updates on {topic}.",
    "Drone attacks continued overnight, but {actor} said the plans for {topic} remain intact.",
)
EN_QUOTES = (
    "We are grateful to our partners for their support. This is the foundation for peace",
    "Every decision on {topic} strengthens our defense and our economy",
    "We will not stop until every town has light and heat…",
    "The world must see what Russia does every night",
)
EN_PEOPLE = (
    ("Olena Kovalenko", "f"),
    ("Iryna Shevchuk", "f"),
    ("Mariia Bondar", "f"),
    ("Andrii Melnyk", "m"),
    ("Taras Hrytsenko", "m"),
    ("Oleksandr Tkachenko", "m"),
)
EN_CREDITS = ("President’s Office", "Ukrinform", "MFA", "Pexels", "General Staff", "Facebook")
EN_INTERVIEW_GUESTS = (
    "Kostyantyn Saliy, CEO of Ukrenergo",
    "Olha Stefanishyna, Ambassador of Ukraine to the United States",
    "Denys Maliuska, former Minister of Justice",
    "Oksana Markarova, economist",
)
EN_INTERVIEW_QUOTES = (
    "We will pass this winter without blackouts",
    "Drone production is now our strongest export argument",
    "Reconstruction must start before the war ends",
    "Our partners understand what is at stake",
)
EN_QUESTIONS = (
    "How do you assess the situation now?",
    "What are the main risks for the coming months?",
    "What do partners expect from Ukraine?",
    "How long will this take?",
)

UK_ACTORS = (
    ("Зеленський", "Президент Володимир Зеленський"),
    ("Сибіга", "Міністр закордонних справ Андрій Сибіга"),
    ("Свириденко", "Прем'єр-міністр Юлія Свириденко"),
    ("Шмигаль", "Міністр оборони Денис Шмигаль"),
    ("Генштаб", "Генеральний штаб ЗСУ"),
    ("Повітряні сили", "Повітряні сили ЗСУ"),
    ("Єврокомісія", "Європейська комісія"),
    ("Рютте", "Генсек НАТО Марк Рютте"),
    ("МАГАТЕ", "Місія МАГАТЕ"),
    ("Укренерго", "Укренерго"),
    ("НБУ", "Національний банк України"),
    ("Кличко", "Міський голова Києва Віталій Кличко"),
    ("СБУ", "Служба безпеки України"),
)
UK_VERBS = (
    ("обговорив", "обговорив"),
    ("анонсував", "анонсував"),
    ("привітав", "привітав"),
    ("засудив", "засудив"),
    ("підтримав", "підтримав"),
    ("оцінив", "оцінив"),
)
UK_TOPICS = (
    "виробництво дронів",
    "енергетичну безпеку",
    "підтримку ППО",
    "експорт зерна",
    "торгівлю Україна-ЄС",
    "опалювальний сезон у Києві",
    "обмін полоненими",
    "санкції проти Росії",
    "гуманітарне розмінування",
    "чорноморський коридор",
    "ремонт залізниці",
    "підготовку до зими",
    "відбудову Харкова",
)
UK_PLACES = (
    "у Києві",
    "у Брюсселі",
    "у Вільнюсі",
    "у Варшаві",
    "на Одещині",
    "у Харкові",
    "у Львові",
    "у Дніпрі",
)
UK_SUFFIXES = ("", "", "", "", " - Reuters", " - СБУ", " - ЗМІ")
UK_FILLER = (
    "Сторони також узгодили наступні кроки щодо теми «{topic}» і домовилися зустрітися {place}.",
    "За словами {actor_short}, робота над темою «{topic}» триватиме найближчими тижнями.",
    "Посадовці зазначили, що вже реалізують {num}\u00a0проєктів, пов’язаних із темою «{topic}».",
    "Експерти вважають рішення щодо теми «{topic}» вирішальним для стійкості України взимку.",
    "Зустріч {place} тривала близько {num}\u00a0хвилин – довше, ніж планували.",
    "Атаки дронів тривали вночі, але {actor_short} заявив, що плани не змінюються.",
)
UK_QUOTES = (
    "Ми вдячні партнерам за підтримку. Це основа для миру",
    "Кожне рішення зміцнює нашу оборону та економіку",
    "Ми не зупинимося, доки в кожному місті не буде світла і тепла…",
    "Світ має бачити, що Росія робить щоночі",
)
UK_PEOPLE = (
    ("Марина Дмитрів", "f"),
    ("Ірина Шевчук", "f"),
    ("Олена Коваленко", "f"),
    ("Андрій Мельник", "m"),
    ("Тарас Гриценко", "m"),
)
UK_CREDITS = ("МЗС", "Офіс Президента", "Укрінформ", "Генштаб", "Facebook")
UK_INTERVIEW_GUESTS = (
    "Володимир Кудрицький, голова правління Укренерго",
    "Ольга Стефанішина, посол України у США",
    "Оксана Маркарова, економістка",
)
UK_INTERVIEW_QUOTES = (
    "Ми пройдемо цю зиму без блекаутів",
    "Виробництво дронів - наш найсильніший аргумент",
    "Відбудова має початися ще до кінця війни",
)
UK_QUESTIONS = (
    "Як ви оцінюєте ситуацію зараз?",
    "Які основні ризики на найближчі місяці?",
    "Чого партнери очікують від України?",
)


def _sprinkle(text: str, rng: random.Random) -> str:
    """Insert a soft hyphen and a zero-width character inside words of a paragraph."""
    words = text.split(" ")
    long_words = [i for i, word in enumerate(words) if len(word) > 7 and word.isalpha()]
    if not long_words:
        return text
    i = rng.choice(long_words)
    word = words[i]
    cut = len(word) // 2
    invisible = rng.choice(("\u00ad", "\u200b", "\u200d", "\u2060", "\ufeff"))
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
        note = (
            f"Update {edits}: the figures were revised after publication."
            if self.edition_code == "en"
            else f"Оновлення {edits}: дані уточнено після публікації."
        )
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

    def _title_parts(self, g: int, rng: random.Random) -> tuple[str, str | None]:
        if self.layout_of(g) == "interview":
            guests = EN_INTERVIEW_GUESTS if self.edition_code == "en" else UK_INTERVIEW_GUESTS
            quotes = EN_INTERVIEW_QUOTES if self.edition_code == "en" else UK_INTERVIEW_QUOTES
            return rng.choice(guests), rng.choice(quotes)
        if self.edition_code == "en":
            short, _ = rng.choice(EN_ACTORS)
            verb, _ = rng.choice(EN_VERBS)
            title = f"{short} {verb} {rng.choice(EN_TOPICS)} {rng.choice(EN_PLACES)}"
            title += rng.choice(EN_SUFFIXES)
            lead = f"{rng.choice(EN_ACTORS)[1]} {rng.choice(EN_VERBS)[1]} {rng.choice(EN_TOPICS)}."
        else:
            short, _ = rng.choice(UK_ACTORS)
            verb, _ = rng.choice(UK_VERBS)
            title = f"{short} {verb} {rng.choice(UK_TOPICS)} {rng.choice(UK_PLACES)}"
            title += rng.choice(UK_SUFFIXES)
            lead = f"{rng.choice(UK_ACTORS)[1]} {rng.choice(UK_VERBS)[1]} {rng.choice(UK_TOPICS)}."
        if (g + self._offsets[9]) % 4 == 0:
            words = lead.split(" ")
            words.insert(len(words) // 2, "\u00a0" + words.pop(len(words) // 2))
            lead = " ".join(words)
        if (g + self._offsets[10]) % 15 == 7:
            lead = None  # type: ignore[assignment]
        return title, lead

    def _make_headline(self, g: int) -> Headline:
        rng = random.Random(f"{self.seed}:{self.edition_code}:{g}:head")
        title, lead = self._title_parts(g, rng)
        rubric = self.rubric_of(g)
        article_id = self.id_of(g)
        path = f"/rubric-{rubric}/{article_id}-{slugify(title, self.edition_code)}.html"
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
        strings = self.edition.strings
        off = self._offsets
        layout = self.layout_of(g)
        features: set[str] = {layout}
        blocks: list[Block] = []
        actors = EN_ACTORS if en else UK_ACTORS
        topics = EN_TOPICS if en else UK_TOPICS
        places = EN_PLACES if en else UK_PLACES
        verbs = EN_VERBS if en else UK_VERBS
        filler = EN_FILLER if en else UK_FILLER
        quotes = EN_QUOTES if en else UK_QUOTES
        targets = self._link_targets(g, rng)

        def sentence() -> str:
            actor_short, actor = rng.choice(actors)
            if actor.startswith("The "):
                actor = "the " + actor[4:]
            return rng.choice(filler).format(
                topic=rng.choice(topics),
                place=rng.choice(places),
                actor=actor,
                actor_short=actor_short,
                num=rng.randrange(2, 90),
            )

        def plain_paragraph() -> Block:
            text = " ".join(sentence() for _ in range(rng.randrange(1, 4)))
            if rng.random() < 0.25:
                text = _sprinkle(text, rng)
                features.add("invisible")
            return Block("p", (text,), raw_typography=rng.random() < 0.3)

        def quote_paragraph() -> Block:
            quote = rng.choice(quotes).format(topic=rng.choice(topics))
            speaker = rng.choice(actors)[0]
            text = f'"{quote}," {speaker} noted.' if en else f'"{quote}", - наголосив {speaker}.'
            return Block("p", (text,))

        if layout == "interview":
            questions = EN_QUESTIONS if en else UK_QUESTIONS
            for k in range(rng.randrange(3, 6)):
                blocks.append(Block("p", (Mark("strong", (questions[k % len(questions)],)),)))
                blocks.append(plain_paragraph())
                if k == 1 and rng.random() < 0.5:
                    blocks.append(quote_paragraph())
        else:
            _, actor = rng.choice(actors)
            _, past = rng.choice(verbs)
            topic, place = rng.choice(topics), rng.choice(places)
            if en:
                first = f"{actor} {past} {topic} {place}, {strings['reports']}."
            else:
                first = f"{strings['reports']}, {actor} {past} {topic} {place}."
            external = Link(
                f"http://x.com/ukrinform/status/{mix(self.seed, g, 7) % 10**18}",
                ("official page " if en else "сторінці ",),
                external=True,
            )
            blocks.append(Block("p", (first,)))
            if en:
                posted: tuple[Inline, ...] = (
                    "The statement was posted on the ",
                    external,
                    "of the ministry.",
                )
            else:
                posted = ("Відповідна заява розміщена на ", external, "відомства у соцмережі Х.")
            blocks.append(Block("p", posted))
            blocks.append(quote_paragraph())
            for _ in range(rng.randrange(1, 4)):
                blocks.append(plain_paragraph())
            if (g + off[8]) % 6 == 1:
                blocks.append(Block("h2", (rng.choice(topics).capitalize(),)))
                blocks.append(plain_paragraph())
                features.add("h2")
            if (g + off[8]) % 6 == 3:
                items = tuple((sentence(),) for _ in range(rng.randrange(2, 5)))
                blocks.append(Block("ul", items=items))
                features.add("ul")
            if (g + off[8]) % 6 == 5:
                blocks.append(Block("blockquote", (rng.choice(quotes).format(topic="peace"),)))
                features.add("blockquote")
            if (g + off[7]) % 8 == 0:
                features.add("digest")
                blocks.insert(1, Block("spacer"))
                heading = "MAIN THINGS" if en else "НАЙВАЖЛИВІШЕ"
                blocks.insert(2, Block("center", (Mark("strong", (heading,)),)))
                blocks.append(Block("separator", ("***",)))
                blocks.append(Block("spacer"))
                folder = head.published.strftime("%Y_%m")
                blocks.append(
                    Block("figure", src=f"https://static.ukrinform.com/photos/{folder}/"
                          f"{head.image_unix}-{head.image_n + 1}.jpg")
                )  # fmt: skip
                blocks.append(plain_paragraph())
            _, actor = rng.choice(actors)
            if actor.startswith("The "):
                actor = "the " + actor[4:]
            _, past = rng.choice(verbs)
            anchor = f"{past} {rng.choice(topics)}"
            tail = f" {rng.choice(places)}."
            if targets:
                link = self._internal_link(targets.pop(0), rng, anchor)
                blocks.append(Block("p", (f"{strings['reported']}, {actor} ", link, tail)))
            else:
                blocks.append(Block("p", (f"{strings['reported']}, {actor} {anchor}{tail}",)))
        # mid-body Read-also blocks
        reads = (g + off[6]) % 3
        for k in range(min(reads, len(targets))):
            target = self.headline(targets.pop(0))
            style = rng.randrange(3)
            href = (target.path, f"http://{self.edition.host}{target.path}",
                    f"https://{self.edition.host}{target.path}")[style]  # fmt: skip
            words = target.title.split(" ")
            children: tuple[Inline, ...]
            if rng.random() < 0.4 and len(words) > 2:
                children = (words[0] + " ", Mark("b", (words[1],)), " " + " ".join(words[2:]))
            else:
                children = (target.title,)
            position = min(len(blocks) - 1, 2 + 2 * k)
            blocks.insert(position, Block("read", (Link(href, children, target_id=target.id),)))
            features.add("read")
        byline: str | None = None
        if layout == "news" and ((g + off[5]) % 7 == 0 or "digest" in features):
            people = EN_PEOPLE if en else UK_PEOPLE
            name, gender = rng.choice(people)
            prefix = strings["byline"] if gender == "f" else strings["byline_m"]
            byline = name
            blocks.append(
                Block("byline", (Mark("strong", (f"{prefix} {name}, {strings['city']}",)),))
            )
            features.add("byline")
        credit: str | None = None
        if (g + off[4]) % 5 != 0:
            credit = rng.choice(EN_CREDITS if en else UK_CREDITS)
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
