"""Cleaning pipelines: one job each, idempotent, English and Ukrainian boilerplate."""

from __future__ import annotations

import re

from ukrinform_crawler.items import Article, RelatedLink
from ukrinform_crawler.pipelines.base import (
    ArticlePipeline,
    ParagraphPipeline,
    SubstringPipeline,
    WholeParagraphPipeline,
    item_texts,
    line_texts,
    paragraph_texts,
)
from ukrinform_crawler.text import (
    byline_names,
    html_line_text,
    join_html_lines,
    join_paragraphs,
    normalize_html_line,
    normalize_optional,
    normalize_text,
    normalized,
    split_html_lines,
    split_paragraphs,
)
from ukrinform_crawler.urls import canonical_article_url

_QUOTES = "\"'«»“”„‟‹›’‘ʼ`"
_DASHES = "-‐‑‒–—―"
_HOMOGLYPHS = {
    pair[0]: pair
    for pair in ("aа", "cс", "eе", "iі", "oо", "pр", "xх", "yу", "kк", "mм", "hн", "tт", "bв")
} | {
    pair[1]: pair
    for pair in ("aа", "cс", "eе", "iі", "oо", "pр", "xх", "yу", "kк", "mм", "hн", "tт", "bв")
}
_PLACEHOLDERS = {
    "{DOMAIN}": r"ukrinform\s*\.\s*[a-zа-я]{2,3}",
    "{LAW}": r"[IІ]?\s*[XХ]",
    "{VR}": r"(?:VR|ВР)",
    "{MEDIA_ID}": r"[RР]\s*\d{2}\s*[" + _DASHES + r"]\s*\d{5}",
    "{NO}": r"(?:№|No\.?|N)",
    "{AND}": r"(?:,?\s*(?:and|та|і|й)|,)",
}


def loose(template: str) -> str:
    """A regex for boilerplate text, tolerant of whitespace, quote and dash styles and homoglyphs.

    Whitespace may be missing or repeated, any quote or apostrophe may stand for another (or be
    missing), Latin and Cyrillic look-alike letters are interchangeable, a final period is
    optional, ``{…}`` are placeholders.
    Compile with ``re.IGNORECASE``.
    """
    parts: list[str] = []
    index = 0
    while index < len(template):
        char = template[index]
        placeholder = next((p for p in _PLACEHOLDERS if template.startswith(p, index)), None)
        if placeholder:
            parts.append(_PLACEHOLDERS[placeholder])
            index += len(placeholder)
            continue
        if char.isspace():
            parts.append(r"\s*")
        elif char in ".," and index == len(template) - 1:
            parts.append(f"{re.escape(char)}?")
        elif char in _QUOTES:
            parts.append(f"[{re.escape(_QUOTES)}]?")
        elif char in _DASHES:
            parts.append(rf"\s*[{_DASHES}]\s*")
        elif char.lower() in _HOMOGLYPHS:
            parts.append(f"[{_HOMOGLYPHS[char.lower()]}]")
        else:
            parts.append(re.escape(char))
        index += 1
    return "".join(parts)


def _any_of(*templates: str) -> re.Pattern[str]:
    """Any of the ``loose`` templates (compiled with ``re.IGNORECASE``).

    When the templates start with letters of different classes, a lookahead for those letters
    comes first: at most places the engine then tests one class instead of entering every
    template (two to three times faster, the same matches).
    """
    pattern = "|".join(f"(?:{loose(template)})" for template in templates)
    first_classes = {_HOMOGLYPHS.get(template[0].lower(), template[0]) for template in templates}
    if len(first_classes) > 1 and all(template[0].isalpha() for template in templates):
        firsts = "".join(sorted(set("".join(first_classes))))
        pattern = f"(?=[{re.escape(firsts)}])(?:{pattern})"
    return re.compile(pattern, re.IGNORECASE)


CITATION_NOTICE = _any_of(
    "While citing and using any materials on the Internet, links to the website {DOMAIN} not "
    "lower than the first paragraph are mandatory.",
    "In addition, citing the translated materials of foreign media outlets is possible only if "
    "there is a link to the website {DOMAIN} and the website of a foreign media outlet.",
    "При цитуванні і використанні будь-яких матеріалів в Інтернеті відкриті для пошукових систем "
    "гіперпосилання не нижче першого абзацу на «{DOMAIN}» — обов’язкові,",
    "При цитуванні і використанні будь-яких матеріалів в Інтернеті відкриті для пошукових систем "
    "гіперпосилання не нижче першого абзацу на «{DOMAIN}» — обов’язкові.",
    "крім того, цитування перекладів матеріалів іноземних ЗМІ можливе лише за умови "
    "гіперпосилання на сайт {DOMAIN} та на сайт іноземного ЗМІ.",
    "Цитування і використання матеріалів у офлайн-медіа, мобільних додатках, SmartTV можливе "
    'лише з письмової згоди "{DOMAIN}".',
)
"""The citation / copyright notice of the footer, sentence by sentence (en, uk)."""

ADVERTISING_DISCLAIMER = _any_of(
    'Materials marked as "Advertisement" or with a disclaimer reading "The material has been '
    'posted in accordance with Part 3 of Article 9 of the Law of Ukraine "On Advertising" '
    '{NO} 270/96-{VR} of July 3, 1996 and the Law of Ukraine "On the Media" {NO} 2849-{LAW} of '
    'March 31, 2023 and on the basis of an agreement/invoice."',
    "Матеріали з позначкою «Реклама» або з дисклеймером: “Матеріал розміщено згідно з частиною 3 "
    "статті 9 Закону України “Про рекламу” {NO} 270/96-{VR} від 03.07.1996 та Закону України "
    "“Про медіа” {NO} 2849-{LAW} від 31.03.2023 та на підставі Договору/рахунка.”",
)
"""The advertising-law disclaimer (en, uk), with or without its closing quote."""

MEDIA_IDENTIFIER = _any_of(
    "Online media entity; Media identifier - {MEDIA_ID}.",
    "Cуб'єкт у сфері онлайн-медіа; ідентифікатор медіа - {MEDIA_ID}.",
    "Media identifier - {MEDIA_ID}.",
    "ідентифікатор медіа - {MEDIA_ID}.",
)
"""The media-identifier line (en, uk; Latin or Cyrillic "C" in "Cуб'єкт")."""

COPYRIGHT_LINE = re.compile(
    r"(?:©|\(c\))\s*(?:\d{4}\s*[" + _DASHES + r"]\s*)?\d{4},?\s*(?:Ukrinform|Укрінформ)\s*\.?"
    r"(?:\s*(?:All\s+rights\s+reserved|Усі\s+права\s+застережені|Усі\s+права\s+захищені"
    r"|Всі\s+права\s+застережені|Всі\s+права\s+захищені)\s*\.?)?",
    re.IGNORECASE,
)
"""The copyright line, "© 2015-2026 Ukrinform. All rights reserved." with any years."""

PROMO_LINE = _any_of(
    "Join our channels Telegram, Instagram{AND} YouTube.",
    "Приєднуйтесь до наших каналів Telegram, Instagram{AND} YouTube.",
)
"""The Telegram/Instagram/YouTube promo line (en, uk)."""

SEARCH_FORM_WORDS = (
    "Hide extended search",
    "Extended search",
    "By period:",
    "All rubrics",
    "Search",
    "Приховати розширений пошук",
    "Розширений пошук",
    "За період:",
    "Всi рубрики",
    "Пошук",
)
SEARCH_FORM = re.compile(
    r"(?:\s*(?:" + "|".join(loose(word) for word in SEARCH_FORM_WORDS) + rf"|[{_DASHES}]))+\s*",
    re.IGNORECASE,
)
"""A paragraph made only of search-form words (glued ones too) or a lone dash."""

PUBLISHER_LINE = re.compile(r"(?:Ukrinform|Укрінформ)\.?", re.IGNORECASE)
"""The publisher line shown under the headline."""

READ_ALSO = re.compile(
    r"^(?:Read\s+also|Also\s+read|See\s+also|Читайте\s+також|Дивіться\s+також)\s*:",
    re.IGNORECASE,
)
"""A "Read also" / "Читайте також" paragraph."""
ANCHOR = re.compile(r'<a href="(?P<href>[^"]*)">(?P<title>.*?)</a>', re.DOTALL)

PHOTO_CREDIT = re.compile(r"^(?:Photo|Photos|Фото)\s*:\s*(?P<credit>.*)$", re.IGNORECASE)
"""A photo-credit paragraph; its text after the prefix is the credit."""
BARE_PHOTO = re.compile(r"^(?:Photo|Фото)\s*:?$", re.IGNORECASE)


class NormalizeTextPipeline(ArticlePipeline):
    """Normalises every text field: whitespace, NBSP, soft hyphen, zero-width, NFC."""

    RULE = "normalize"

    def clean(self, item: Article) -> None:
        changed = 0
        for name in ("title", "lead", "label", "rubric_name", "published_at_raw", "image_credit"):
            value = getattr(item, name)
            new = normalize_optional(value)
            if new != value:
                setattr(item, name, new)
                changed += 1
        for name in ("tags", "authors"):
            values: list[str] = getattr(item, name)
            new_values = [text for value in values if (text := normalize_text(value))]
            if new_values != values:
                setattr(item, name, new_values)
                changed += 1
        related = [
            RelatedLink(title=normalize_text(link["title"]), url=link["url"].strip())
            for link in item.related
        ]
        if related != item.related:
            item.related = related
            changed += 1
        if item.body is not None:
            body = join_paragraphs(normalized(p) for p in split_paragraphs(item.body)) or None
            if body != item.body:
                item.body = body
                changed += 1
        if item.body_html is not None:
            lines = (normalize_html_line(line) for line in split_html_lines(item.body_html))
            body_html = join_html_lines(lines) or None
            if body_html != item.body_html:
                item.body_html = body_html
                changed += 1
        self.count(self.RULE, changed)


class ReadAlsoPipeline(ArticlePipeline):
    """Moves every "Read also" paragraph to ``related`` (page order, deduplicated by URL)."""

    RULE = "read_also"

    def clean(self, item: Article) -> None:
        found: list[RelatedLink] = []
        line_hits = body_hits = 0
        if item.body_html:
            lines: list[str] = []
            for line, text in zip(
                split_html_lines(item.body_html), line_texts(item.body_html), strict=True
            ):
                if READ_ALSO.match(text):
                    line_hits += 1
                    found.extend(self._links(line))
                else:
                    lines.append(line)
            if line_hits:  # otherwise the lines would be joined back as they are
                item.body_html = join_html_lines(lines) or None
        if item.body:
            paragraphs = split_paragraphs(item.body)
            texts = paragraph_texts(item.body)
            kept = [
                p for p, text in zip(paragraphs, texts, strict=True) if not READ_ALSO.match(text)
            ]
            body_hits = len(paragraphs) - len(kept)
            if body_hits:
                item.body = join_paragraphs(kept) or None
        related: list[RelatedLink] = []
        seen: set[str] = set()
        for link in [*item.related, *found]:
            if link["url"] not in seen:
                seen.add(link["url"])
                related.append(link)
        item.related = related
        self.count(self.RULE, max(line_hits, body_hits))

    def _links(self, line: str) -> list[RelatedLink]:
        links: list[RelatedLink] = []
        for match in ANCHOR.finditer(line):
            title = html_line_text(match["title"])
            href = html_line_text(match["href"])
            ref = canonical_article_url(href)
            if title and href:
                links.append(RelatedLink(title=title, url=ref.url if ref else href))
        return links


class PhotoCreditPipeline(ParagraphPipeline):
    """Moves the "Photo: …" / "Фото: …" paragraph to ``image_credit``; drops a bare "Photo"."""

    RULE = "photo_credit"
    PREFILTER = re.compile(r"Photo|Фото", re.IGNORECASE)
    """What both ``PHOTO_CREDIT`` and ``BARE_PHOTO`` match first."""

    def unchanged(self, item: Article) -> bool:
        return not any(map(self.PREFILTER.match, item_texts(item)))

    def edit(self, text: str, item: Article) -> str:
        if BARE_PHOTO.match(text):
            return ""
        match = PHOTO_CREDIT.match(text)
        if not match or len(text) > self.settings.getint("UKRINFORM_CREDIT_MAX_LENGTH", 120):
            return text
        credit = normalize_text(match["credit"])
        if credit:
            item.image_credit = credit
        return ""


class CitationNoticePipeline(SubstringPipeline):
    """Removes the citation / copyright notice ("While citing…", "При цитуванні…")."""

    RULE = "citation_notice"
    PATTERN = CITATION_NOTICE
    PREFILTER = re.compile(r"ukrinform\s*\.", re.IGNORECASE)  # every sentence names the domain
    MARKERS = ("ukrinform",)


class AdvertisingDisclaimerPipeline(SubstringPipeline):
    """Removes the advertising-law disclaimer ("Materials marked as "Advertisement"…")."""

    RULE = "advertising_disclaimer"
    PATTERN = ADVERTISING_DISCLAIMER
    PREFILTER = re.compile(r"270\s*/\s*96", re.IGNORECASE)
    MARKERS = ("270",)


class MediaIdentifierPipeline(SubstringPipeline):
    """Removes the media-identifier line ("Online media entity; Media identifier - R40-…")."""

    RULE = "media_identifier"
    PATTERN = MEDIA_IDENTIFIER
    PREFILTER = re.compile(f"[{_DASHES}]\\s*\\d{{5}}")  # the dash and digits of R40-01421


class CopyrightLinePipeline(SubstringPipeline):
    """Removes the "© 2015-YYYY Ukrinform. All rights reserved." line."""

    RULE = "copyright_line"
    PATTERN = COPYRIGHT_LINE
    PREFILTER = re.compile(r"©|\(c\)", re.IGNORECASE)
    MARKERS = ("©", "(c)")


class PromoLinePipeline(SubstringPipeline):
    """Removes the Telegram/Instagram/YouTube promo line."""

    RULE = "promo_line"
    PATTERN = PROMO_LINE
    PREFILTER = re.compile(r"YouTube", re.IGNORECASE)
    MARKERS = ("youtube",)


class SearchFormPipeline(WholeParagraphPipeline):
    """Drops paragraphs made only of search-form words ("Extended search", "За період:", "-")."""

    RULE = "search_form"
    PATTERN = SEARCH_FORM


class PublisherLinePipeline(WholeParagraphPipeline):
    """Drops the publisher line ("Ukrinform" / "Укрінформ" alone)."""

    RULE = "publisher_line"
    PATTERN = PUBLISHER_LINE


class RepeatedHeadingPipeline(ParagraphPipeline):
    """Drops body paragraphs repeating the title, the lead or the displayed date."""

    RULE = "repeated_heading"
    PURE_EDIT = True

    def clean(self, item: Article) -> None:
        self._headings = {
            normalize_text(value).casefold()
            for value in (item.title, item.lead, item.published_at_raw)
            if value
        }
        super().clean(item)

    def unchanged(self, item: Article) -> bool:
        # Case folding never shortens a text, so a text longer than every heading is none.
        longest = max(map(len, self._headings), default=-1)
        return self._headings.isdisjoint(
            text.casefold() for text in item_texts(item) if len(text) <= longest
        )

    def edit(self, text: str, item: Article) -> str:
        return "" if text.casefold() in self._headings else text


class BylinePipeline(ArticlePipeline):
    """Takes ``authors`` from a byline closing the cleaned body ("Prepared by Name, Kyiv")."""

    RULE = "byline"

    def clean(self, item: Article) -> None:
        paragraphs = split_paragraphs(item.body)
        names = byline_names(normalize_text(paragraphs[-1])) if paragraphs else []
        if names and names != item.authors:
            item.authors = names
            self.count(self.RULE)


class EmptyParagraphPipeline(ArticlePipeline):
    """Drops empty paragraphs and empty body_html blocks (figures are kept)."""

    RULE = "empty_paragraph"

    def clean(self, item: Article) -> None:
        hits = 0
        if item.body is not None:
            paragraphs = split_paragraphs(item.body)
            kept = [p for p in paragraphs if p.strip()]
            hits = len(paragraphs) - len(kept)
            item.body = join_paragraphs(kept) or None
        if item.body_html is not None:
            lines = split_html_lines(item.body_html)
            kept = [line for line in lines if html_line_text(line) or "<img" in line]
            hits = hits or len(lines) - len(kept)
            item.body_html = join_html_lines(kept) or None
        self.count(self.RULE, hits)
