"""HTML/XML rendering of the replica: precompiled string templates, no template engine.

The article page is the real ukrinform.ua template (``templates/``, derived byte for byte from a
saved page) with slots ``@@name@@``; every other edition applies a fixed list of translations
(``Edition.chrome_replacements``) to the chrome once at start-up.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from .corpus import PAGE_SIZE, Block, Corpus, Headline, Inline, Link, Mark, SyntheticArticle
from .model import KYIV, Edition, kyiv_iso, kyiv_raw, promo_html, rfc822

TEMPLATES = Path(__file__).parent / "templates"
SLOT = re.compile(r"@@(\w+)@@")

CMS_ENTITIES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\u00a0": "&nbsp;",
        "\u2013": "&ndash;",
        "\u2019": "&rsquo;",
        "«": "&laquo;",
        "»": "&raquo;",
        "…": "&hellip;",
        "'": "&#39;",
    }
)
"""How the CMS stores body and lead text (site-model §6.6)."""
MINIMAL_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#039;"})


def attr(text: str) -> str:
    """Template escaping (PHP htmlspecialchars with ENT_QUOTES)."""
    return text.translate(ATTR)


class Template:
    """A text split at ``@@slot@@`` markers; ``render`` joins literals with slot values."""

    def __init__(self, text: str) -> None:
        self.parts = SLOT.split(text)

    def bind(self, values: dict[str, str]) -> Template:
        """A template with some slots filled in for good (edition constants)."""
        out = [self.parts[0]]
        for i in range(1, len(self.parts), 2):
            name, literal = self.parts[i], self.parts[i + 1]
            if name in values:
                out[-1] += values[name] + literal
            else:
                out.extend((name, literal))
        bound = Template("")
        bound.parts = out
        return bound

    def render(self, values: dict[str, str]) -> str:
        parts = self.parts.copy()
        for i in range(1, len(parts), 2):
            parts[i] = values[parts[i]]
        return "".join(parts)

    @property
    def slots(self) -> set[str]:
        return set(self.parts[1::2])


@dataclass
class RenderContext:
    """Per-response values: the visitor's CSRF token and the render-time noise."""

    token: str
    now: datetime
    rnd: int
    bnith: str
    rncf: str


def translate_chrome(texts: dict[str, str], edition: Edition) -> dict[str, str]:
    """Apply the edition's chrome translations; every replacement must hit somewhere."""
    for old, new in edition.chrome_replacements:
        hits = 0
        for name, text in texts.items():
            hits += text.count(old)
            texts[name] = text.replace(old, new)
        if not hits:
            raise ValueError(f"chrome translation {old[:40]!r} matched nothing")
    return texts


class Renderer:
    """Renders every page kind of one edition from a Corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.edition = edition = corpus.edition
        self.strings = edition.strings
        self.origin = edition.origin
        self.html_dir = ' dir="rtl"' if edition.rtl else ""
        raw = {
            name: (TEMPLATES / f"{name}.html").read_bytes().decode("utf-8")
            for name in ("head_article", "chrome_top", "article_block", "chrome_bottom")
        }
        raw = translate_chrome(raw, edition)
        constants = {
            "lang": edition.lang,
            "dir": self.html_dir,
            "origin": edition.origin,
            "host": edition.host,
            "site_title": edition.strings["site_title"],
            "j_publisher": json.dumps(edition.strings["publisher"], ensure_ascii=False),
            "banner_lang": "ua" if edition.code == "uk" else edition.code,
            "nav_cat": self._nav_cat(),
            "sidebar_rubrics": self._sidebar_rubrics(),
            "search_options": self._search_options(),
        }
        self.head_article = Template(raw["head_article"]).bind(constants)
        self.chrome_top = Template(raw["chrome_top"]).bind(constants)
        self.article_block = Template(raw["article_block"]).bind(constants)
        self.chrome_bottom = Template(raw["chrome_bottom"]).bind(constants)
        self.left_menus = {r.slug: self._left_menu(r.slug) for r in edition.rubrics}
        self.left_menus[""] = self._left_menu("")
        bottom = raw["chrome_bottom"]
        start = bottom.index('<script type="text/javascript" src="https://cdn.infisecure.com')
        self.infisecure = Template(bottom[start:])
        self.hreflang = "".join(
            f'{" " * 8}<link rel="alternate" href="https://www.ukrinform.{tld}" '
            f'hreflang="{lang}" />\n'
            for tld, lang in (
                ("ua", "uk"), ("ru", "ru"), ("net", "en"), ("es", "es"), ("de", "de"),
                ("org", "ar"), ("fr", "fr"), ("jp", "ja"), ("pl", "pl"),
            )
        )  # fmt: skip

    # --- menus -------------------------------------------------------------------------

    def _menu_rubrics(self) -> list[tuple[str, str]]:
        return [(r.slug, r.name) for r in self.edition.rubrics if r.in_menu]

    def _nav_cat(self) -> str:
        picks = [r for r in self._menu_rubrics() if r[0] in ("ato", "economy", "world", "regions")]
        picks += [r for r in self._menu_rubrics() if r[0] in ("culture", "society", "sports")][:2]
        return "".join(
            f'{" " * 44}<a href="/rubric-{slug}">{attr(name)}</a>\n' for slug, name in picks
        )

    def _sidebar_rubrics(self) -> str:
        return "".join(
            "                                                    <li>\n"
            f'                                <a href="/rubric-{slug}" title="">{attr(name)}</a>\n'
            "                            </li>\n"
            for slug, name in self._menu_rubrics()
        )

    def _left_menu(self, current: str) -> str:
        lines = []
        for slug, name in self._menu_rubrics():
            label = f"<span>{attr(name)}</span>" if slug == current else attr(name)
            lines.append(
                f'                            <li><a href="/rubric-{slug}">{label}</a></li>\n'
            )
        return "".join(lines)

    def _search_options(self) -> str:
        return "".join(
            f'                                            <option value="{r.rubric_id}">'
            f"{attr(r.name)}</option>\n"
            for r in self.edition.rubrics
            if r.in_menu
        )

    def header_date(self, now: datetime) -> str:
        local = now.astimezone(KYIV)
        return self.edition.header_date.format(
            weekday=self.edition.weekdays[local.weekday()],
            day=local.day,
            month=self.edition.months[local.month - 1],
            year=local.year,
            time=f"{local:%H:%M}",
        )

    def _chrome_values(self, ctx: RenderContext, rubric: str) -> dict[str, str]:
        local = ctx.now.astimezone(KYIV)
        return {
            "token": ctx.token,
            "header_date": self.header_date(ctx.now),
            "left_menu": self.left_menus.get(rubric, self.left_menus[""]),
            "year": str(local.year),
            "today": local.strftime("%d.%m.%Y"),
            "bnith": ctx.bnith,
            "rncf": ctx.rncf,
        }

    # --- body --------------------------------------------------------------------------

    def inline(self, nodes: tuple[Inline, ...], table: dict[int, str] = CMS_ENTITIES) -> str:
        out: list[str] = []
        for node in nodes:
            if isinstance(node, str):
                out.append(node.translate(table))
            elif isinstance(node, Link):
                inner = self.inline(node.children, table)
                if node.external:
                    out.append(f'<a href="{node.href}" rel="nofollow" target="_blank">{inner}</a>')
                elif node.blank:
                    out.append(f'<a href="{node.href}" target="_blank">{inner}</a>')
                else:
                    out.append(f'<a href="{node.href}">{inner}</a>')
            elif isinstance(node, Mark):
                out.append(f"<{node.tag}>{self.inline(node.children, table)}</{node.tag}>")
        return "".join(out)

    def block(self, block: Block, year: int) -> str:
        table = MINIMAL_ENTITIES if block.raw_typography else CMS_ENTITIES
        kind = block.kind
        if kind in ("p", "byline"):
            return f"<p>{self.inline(block.inline, table)}</p>"
        if kind == "center":
            return f'<p align="center">{self.inline(block.inline, table)}</p>'
        if kind == "separator":
            return '<p align="center">***</p>'
        if kind == "spacer":
            return "<p></p>"
        if kind == "h2":
            return f"<h2>{self.inline(block.inline, table)}</h2>"
        if kind == "blockquote":
            return f"<blockquote>{self.inline(block.inline, table)}</blockquote>"
        if kind == "ul":
            items = "".join(f"\t<li>{self.inline(item, table)}</li>\r\n" for item in block.items)
            return f"<ul>\r\n{items}</ul>"
        if kind == "figure":
            return (
                f'<figure><img alt="" height="1350" src="{block.src}" title="" width="1080" />'
                "</figure>"
            )
        if kind == "read":
            return (
                f'<section class="read"><b>{self.strings["read_also"]}</b>'
                f"{self.inline(block.inline, table)}</section>"
            )
        if kind == "credit":
            return f"<p><em>{self.strings['photo']}{self.inline(block.inline, table)}</em></p>"
        if kind == "boilerplate":
            return self.boilerplate(block, year)
        raise ValueError(kind)

    def boilerplate(self, block: Block, year: int) -> str:
        """Footer, search-form and promo text pasted after the body, as old/AMP templates do."""
        s = self.strings
        link = block.inline[0]
        assert isinstance(link, Link)
        promo = promo_html(s["promo_line"])
        paragraphs = (
            f'<p>{s["read_also"]}<a href="{link.href}">{self.inline(link.children)}</a></p>',
            f"<p>{s['notice']}</p>",
            f"<p>{s['media_id']}</p>",
            f"<p>{s['copyright'].format(year=year)}</p>",
            f"<p>{s['extended_search']}</p>",
            f"<p>{s['hide_search']}</p>",
            f"<p>{s['by_period']}</p>",
            "<p>-</p>",
            f"<p>{promo}</p>",
        )
        return "\r\n\r\n".join(paragraphs)

    # --- article -----------------------------------------------------------------------

    def lead_html(self, article: SyntheticArticle) -> str:
        return (article.lead or "").translate(CMS_ENTITIES)

    def _tags(self, article: SyntheticArticle) -> str:
        if not article.tags:
            return ""
        links = "".join(
            f'{" " * 36}<a class="tag" href="/tag-{slug}">{attr(name)}</a>\n'
            for slug, name in article.tags
        )
        return (
            '<aside class="tags">\n        <div>\n            \n    '
            + links.removeprefix("    ")
            + "                                    </div>\n    </aside>\n"
        )

    def _share(self, article: SyntheticArticle) -> str:
        doubled = f"https://{self.edition.host}/{article.path}"
        title = attr(article.title)
        return (
            '<aside class="share">\n    <ul>\n'
            '        <li><a target="_blank" href="https://www.facebook.com/sharer/sharer.php?u='
            f'{doubled}&amp;src=sdkpreparse"><i class="fa demo-icon icon-facebook-1 faa-tada '
            'animated-hover faa-fast"></i><span class="fb-count"></span></a></li>\n'
            f'        <li><a href="http://twitter.com/share?url={article.url}&text={title}" '
            'target="_blank"><i class="fa demo-icon icon-twitter faa-tada animated-hover '
            'faa-fast"></i></a></li>\n'
            f'                <li><a href="https://telegram.me/share/url?url={doubled}&text={title}"'
            ' target="_blank"><i class="fa demo-icon icon-telegram faa-tada animated-hover '
            'faa-fast"></i></a></li>\n                    </ul>\n</aside>\n'
        )

    def _news_markup(self, article: SyntheticArticle, body: str) -> str:
        title = attr(article.title)
        prefix = (
            f'                    <div class="newsPrefix">{attr(article.label)}</div>        \n'
            if article.label
            else "                \n"
        )
        heading = (
            f'    <div class="newsHeading">{self.lead_html(article)}</div>\n'
            if article.lead
            else ""
        )
        return (
            "<header>\n"
            f'    <h1 class="newsTitle">{title}</h1>\n\n'
            '    <div class="newsMetaBlock">\n'
            f"{prefix}"
            '        <div class="newsDate">\n'
            f'            <time datetime="{kyiv_iso(article.published)}">'
            f"{kyiv_raw(article.published)}</time>\n"
            "        </div>\n\n"
            '        <div class="newsViews">\n                    </div>\n'
            f'        <div class="newsPublisher"><span>{self.strings["publisher"]}</span></div>\n'
            "    </div>\n\n</header>\n\n"
            "    <figure>\n"
            f'        <img class="newsImage" src="{article.image_url}" title="{title}"\n'
            f'             alt="{title}"/>\n'
            "    </figure>\n"
            '    <span class="newsGradient"></span>\n\n'
            '    <div class="newsPicture">\n</div>\n'
            '<div class="newsText">\n'
            f"{heading}\n"
            "    <div>\n         \n"
            f"        {body}\r\n\n        \n"
            '        <div class="afterNewItemMobileBanner mobileBanner" style="display:none;">\n'
            '            <div data-name="after_news_item_mobile">\r\n</div>\n'
            "        </div>\n            </div>\n</div>\n\n\n"
        )

    def _interview_markup(self, article: SyntheticArticle, body: str) -> str:
        title = attr(article.title)
        return (
            "<header>\n"
            f'    <div class="firstTitle">{title}</div>\n'
            f'    <div class="firstSubTitle">{self.lead_html(article)}</div>\n'
            f'    <div class="firstDate">{kyiv_raw(article.published)}</div>\n'
            "</header>\n"
            f'<figure><img class="newsImage" src="{article.image_url}" alt="{title}"/></figure>\n'
            f'<div class="interviewText">\r\n{body}\r\n</div>\n'
        )

    def _side(self, article: SyntheticArticle, fresh: list[Headline]) -> str:
        corpus = self.corpus
        gs = corpus.listing(f"rubric:{article.rubric}")
        nxt: Headline | None = None
        position = bisect.bisect_right(gs, article.g)
        if article.g % 10 != 0 and position < len(gs):
            nxt = corpus.headline(gs[position])
        target = nxt or corpus.headline(article.g)
        items = []
        for k, head in enumerate(fresh[:4]):
            title = attr(head.title)
            image = (
                '                        <span class="photoreportsImage">\n'
                f'                            <img src="{head.thumb}"\n'
                f'                                 alt="{title}" title="{title}"></span>\n'
                if k != 2
                else ""
            )
            items.append(
                "                    <div>\n"
                f'                <a href="{head.path}">\n{image}'
                f"                    <span>{title}</span>\n"
                "                </a>\n            </div>\n"
            )
        return (
            '                <side class="publishing"\n'
            '                      id="socialBlockSlideStop_extra"\n'
            f'                      data-nextlink="{target.path}"\n'
            f'                      data-nextheader="{attr(target.title)}">\n'
            "                    <div>\n"
            f"    <h2>{self.strings['latest']}</h2>\n"
            '    <div class="photoreports">\n'
            + "".join(items)
            + "            </div>\n</div>\n                </side>"
        )

    def _actual(self, fresh: list[Headline]) -> str:
        items = []
        for head in fresh[:6]:
            title = attr(head.title)
            items.append(
                "                \n                    <div>\n"
                f'                        <a href="{head.path}">\n'
                f'                            <img src="{head.thumb}" alt="" title="{title}"/>\n'
                '                            <span class="analiticGradient"></span>\n'
                '                            <span class="analiticText">\n'
                f"\t\t\t\t\t\t<span>{title}</span>\n\t\t\t\t\t</span>\n"
                "                        </a>\n                    </div>\n"
            )
        return (
            '            <aside class="actual" id="actualBlock">\n        <div>\n'
            f"            <h2>{self.strings['latest']}</h2>\n"
            '            <div class="analiticBody">\n'
            + "".join(items)
            + "                            </div>\n        </div>\n    </aside>\n"
        )

    def article_page(self, article: SyntheticArticle, ctx: RenderContext) -> str:
        year = ctx.now.astimezone(KYIV).year
        body = "\r\n\r\n".join(self.block(block, year) for block in article.blocks)
        if article.layout == "interview":
            markup = self._interview_markup(article, body)
            article_class = "news interview"
        else:
            markup = self._news_markup(article, body)
            article_class = "news"
        markup += self._tags(article) + self._share(article)
        fresh_gs = self.corpus.listing(f"rubric:{article.rubric}")
        fresh = [self.corpus.headline(g) for g in fresh_gs[:7] if g != article.g]
        description = (article.lead or article.title).translate(CMS_ENTITIES)
        description += self.strings["description_suffix"]
        values = self._chrome_values(ctx, article.rubric)
        values.update(
            title=attr(article.title),
            description=description,
            url=article.url,
            amp_url=f"{self.origin}/amp{article.path}",
            image=article.image_url,
            j_title=json.dumps(article.title, ensure_ascii=False),
            j_description=json.dumps(description.translate(ATTR), ensure_ascii=False),
            j_rubric_name=json.dumps(article.rubric_name, ensure_ascii=False),
            iso=kyiv_iso(article.published),
            epoch=str(int(article.published.timestamp())),
            iso_modified=kyiv_iso(article.modified),
            epoch_modified=str(int(article.modified.timestamp())),
            rubric=article.rubric,
            body_class="innerPage newsPage",
            article_class=article_class,
            article=markup,
            id=str(article.id),
            rnd=str(ctx.rnd),
            side=self._side(article, fresh),
            actual=self._actual(fresh),
        )
        return (
            self.head_article.render(values)
            + self.chrome_top.render(values)
            + self.article_block.render(values)
            + self.chrome_bottom.render(values)
        )

    # --- navigation pages --------------------------------------------------------------

    def _simple_head(self, title: str, path: str, ctx: RenderContext, feed: str) -> str:
        return (
            f'<!DOCTYPE html>\n<html lang="{self.edition.lang}"{self.html_dir}>\n<head>\n'
            f"    <title>{attr(title)}</title>\n"
            '    <meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
            '    <meta name="description" content="'
            f'{attr(title)}{self.strings["description_suffix"]}"/>\n'
            '    <meta name="theme-color" content="#353b4b">\n'
            f'    <meta name="csrf-token" content="{ctx.token}">\n\n'
            '            <link type="text/css" rel="stylesheet" '
            f'href="{self.origin}/css/index.css?v.0.8"/>\n'
            '        <link rel="alternate" type="application/rss+xml" '
            f'title="{self.strings["site_title"]} RSS" href="{self.origin}/rss/{feed}"/>\n'
            f'            <link rel="canonical" href="{self.origin}{attr(path)}">\n'
            f'        <link rel="shortcut icon" href="{self.origin}/img/favicon.ico"/>\n\n'
            f"{self.hreflang}    \n"
        )

    def chrome_page(
        self, title: str, path: str, content: str, ctx: RenderContext, rubric: str = "",
        feed: str = "block-lastnews",
    ) -> str:  # fmt: skip
        values = self._chrome_values(ctx, rubric)
        values["body_class"] = "innerPage"
        return (
            self._simple_head(title, path, ctx, feed)
            + self.chrome_top.render(values)
            + content
            + "        </div>\n\n"
            + self.chrome_bottom.render(values)
        )

    def listing_date(self, moment: datetime) -> str:
        local = moment.astimezone(KYIV)
        return self.edition.listing_date.format(
            day=local.day, month=self.edition.months[local.month - 1], year=local.year
        )

    def list_item(self, head: Headline) -> str:
        title = attr(head.title)
        lead = (head.lead or "").translate(CMS_ENTITIES)
        return (
            f'                    <article data-id="{head.id}">\n'
            f'                        <figure><a href="{head.path}"><img src="{head.thumb}" '
            f'alt="{title}"></a></figure>\n'
            "                        <section>\n"
            f'                            <h2><a href="{head.path}">{title}</a></h2>\n'
            f"                            <p>{lead}</p>\n"
            f'                            <time datetime="{kyiv_iso(head.published)}">'
            f"{self.listing_date(head.published)}</time>\n"
            "                        </section>\n                    </article>\n"
        )

    def featured(self, head: Headline) -> str:
        title = attr(head.title)
        return (
            '                    <div class="rest">\n'
            f'                        <figure><a href="{head.path}"><img src="{head.image}" '
            f'alt="{title}"></a></figure>\n'
            f'                        <section><h2><a href="{head.path}">{title}</a></h2>'
            f"<p>{(head.lead or '').translate(CMS_ENTITIES)}</p></section>\n"
            "                    </div>\n"
        )

    PROMO_ITEM = (
        '                    <article data-id="0" class="promo">\n'
        '                        <figure><a href="https://t.me/ukrinform_news"><img '
        'src="https://www.ukrinform.ua/img/telegram_promo.jpg" alt="Telegram"></a></figure>\n'
        '                        <section><h2><a href="https://t.me/ukrinform_news">'
        "Ukrinform Telegram</a></h2></section>\n"
        "                    </article>\n"
    )

    def pagination(self, base: str, page: int, last_page: int) -> str:
        if last_page <= 1 or page > last_page:
            return ""

        def href(n: int) -> str:
            return f"{base}?page={n}"

        items = []
        if page > 1:
            items.append(
                '    <li class="page-item"><a class="page-link" rel="prev" '
                f'href="{href(page - 1)}">'
                "&lsaquo;</a></li>\n"
            )
        for n in range(max(1, page - 2), min(last_page, page + 2) + 1):
            if n == page:
                items.append(
                    f'    <li class="page-item active" aria-current="page"><span class="page-link">'
                    f"{n}</span></li>\n"
                )
            else:
                items.append(
                    '    <li class="page-item"><a class="page-link" '
                    f'href="{href(n)}">{n}</a></li>\n'
                )
        if page < last_page:
            items.append(
                '    <li class="page-item"><a class="page-link" rel="next" '
                f'href="{href(page + 1)}">'
                "&rsaquo;</a></li>\n"
            )
        return (
            '                <ul class="pagination">\n' + "".join(items) + "                </ul>\n"
        )

    def listing_content(
        self, heading: str, heads: list[Headline], base: str, page: int, total: int
    ) -> str:
        last_page = max(1, -(-total // PAGE_SIZE))
        parts = [
            '            <div class="restHolder">\n'
            f'                <div class="restTitle">{attr(heading)}</div>\n'
            '                <section class="restList">\n'
        ]
        if heads:
            parts.append(self.featured(heads[0]))
        for k, head in enumerate(heads):
            parts.append(self.list_item(head))
            if page == 1 and k == 4:
                parts.append(self.PROMO_ITEM)
        parts.append("                </section>\n")
        if heads:
            parts.append(self.pagination(base, page, last_page))
        parts.append("            </div>\n")
        return "".join(parts)

    def message_page(self, heading: str, path: str, ctx: RenderContext) -> str:
        content = (
            '            <div class="notFound">\n'
            f"                <h2>{attr(heading)}</h2>\n"
            '                <p><a href="/">ukrinform</a></p>\n'
            "            </div>\n"
        )
        return self.chrome_page(heading, path, content, ctx)

    def expired_page(self) -> str:
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            "<title>Page Expired</title>\n</head>\n<body>\n"
            '<div class="code">419</div>\n<div class="message">Page Expired</div>\n'
            "</body>\n</html>\n"
        )

    def challenge_page(self, ctx: RenderContext) -> str:
        return (
            "<!DOCTYPE html>\n<html>\n<head>\n"
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
            "</head>\n<body>\n" + self.infisecure.render({"bnith": ctx.bnith, "rncf": ctx.rncf})
        )

    # --- feeds -------------------------------------------------------------------------

    def rss(self, heads: list[Headline], feed_path: str, title: str) -> str:
        items = []
        for head in heads:
            rubric = self.edition.rubric(head.rubric)
            items.append(
                "<item>\n"
                f"<title>{xml_escape(head.title)}</title>\n"
                f"<link>{head.url}</link>\n"
                f"<description>{xml_escape(head.lead or '')}</description>\n"
                f"<category>{xml_escape(rubric.name if rubric else head.rubric)}</category>\n"
                f'<enclosure url="{head.image}" length="{40000 + head.image_n * 37}" '
                'type="image/jpeg"/>\n'
                f"<pubDate>{rfc822(head.published)}</pubDate>\n"
                f'<guid isPermaLink="true">{head.url}</guid>\n'
                "</item>\n"
            )
        now = heads[0].published if heads else datetime.now(KYIV)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
            f"<title>{xml_escape(title)}</title>\n"
            f"<link>{self.origin}</link>\n"
            f"<description>{xml_escape(self.strings['site_title'])}</description>\n"
            f"<language>{self.edition.lang}</language>\n"
            f"<lastBuildDate>{rfc822(now)}</lastBuildDate>\n"
            f'<atom:link href="{self.origin}{feed_path}" rel="self" type="application/rss+xml"/>\n'
            + "".join(items)
            + "</channel>\n</rss>\n"
        )

    @staticmethod
    def urlset(entries: list[tuple[str, str]]) -> str:
        body = "".join(
            f"<url><loc>{xml_escape(loc)}</loc><lastmod>{lastmod}</lastmod></url>\n"
            for loc, lastmod in entries
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n"
        )

    @staticmethod
    def sitemap_index(locs: list[str]) -> str:
        body = "".join(f"<sitemap><loc>{xml_escape(loc)}</loc></sitemap>\n" for loc in locs)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + body
            + "</sitemapindex>\n"
        )
