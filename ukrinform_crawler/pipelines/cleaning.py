"""The cleaning rules, one job each: boilerplate by the edition's catalogue (phrases) and by
structure or language-free anchors; related links, the photo credit and the byline read out."""

from __future__ import annotations

import re

from ukrinform_crawler.boilerplate import ALL, Patterns, anchors
from ukrinform_crawler.boilerplate.anchors import Span
from ukrinform_crawler.items import RelatedLink
from ukrinform_crawler.pages.blocks import ArticleDraft, Block, without_spans
from ukrinform_crawler.pipelines.base import CleaningRule, LineRule
from ukrinform_crawler.text import normalize_text
from ukrinform_crawler.urls import canonical_article_url

MAX_LABEL_WORDS = 4
"""The longest label ("Read also:", "Lesen Sie auch:") of a paragraph of one related link."""


def is_related_paragraph(block: Block) -> bool:
    """True for a paragraph holding only a short label ending in a colon (of any language, in
    ``<b>``/``<strong>`` or not) and one link to an article of the site."""
    runs = [run for run in block.inlines if run.text.strip()]
    links = block.links()
    if block.kind != "p" or len(links) != 1 or not runs:
        return False
    label = "".join(run.text for run in runs if not any(m.tag == "a" for m in run.marks)).strip()
    last = runs[-1]
    return (
        any(m.tag == "a" for m in last.marks)
        and label[-1:] in (":", "：")
        and len(label.split()) <= MAX_LABEL_WORDS
        and block.text.startswith(label)
        and canonical_article_url(links[0][1]) is not None
    )


class ReadAlsoPipeline(CleaningRule):
    """Moves "Read also" boxes and paragraphs to ``related`` (page order, one entry per URL):
    a ``section.read`` box, a paragraph of a label and one link to an article of the site
    (any language), or a paragraph opening with the edition's "Read also" label."""

    RULE = "read_also"

    def clean(self, draft: ArticleDraft, patterns: Patterns) -> int:
        kept: list[Block] = []
        found: list[RelatedLink] = []
        for block in draft.blocks:
            if (
                block.kind == "related"
                or is_related_paragraph(block)
                or (block.kind == "p" and patterns.read_also.match(block.text))
            ):
                for title, href in block.links():
                    ref = canonical_article_url(href)
                    found.append(RelatedLink(title=title, url=ref.url if ref else href))
            else:
                kept.append(block)
        hits = len(draft.blocks) - len(kept)
        if hits:
            draft.blocks = tuple(kept)
            seen = {link["url"] for link in draft.related}
            for link in found:
                if link["title"] and link["url"] not in seen:
                    seen.add(link["url"])
                    draft.related.append(link)
        return hits


class SpanRule(LineRule):
    """Removes boilerplate from inside lines: every span of the language-free ``anchor`` (the
    whole of a footer line in any wording), then every match of the catalogue's ``pattern``
    (a phrase glued to real text); a line left empty is dropped."""

    def pattern(self, patterns: Patterns) -> re.Pattern[str]:
        raise NotImplementedError

    def anchor(self, text: str) -> list[Span]:
        """The language-free spans of boilerplate in ``text`` (none by default)."""
        return []

    def edit(self, line: Block, draft: ArticleDraft, patterns: Patterns) -> Block | None:
        if spans := self.anchor(line.text):
            line = without_spans(line, spans) or Block(line.kind)
        spans = [match.span() for match in self.pattern(patterns).finditer(line.text)]
        if spans:
            line = without_spans(line, spans) or Block(line.kind)
        return line if line.text else None


class CitationNoticePipeline(SpanRule):
    """Removes the citation notice ("While citing…", "При цитуванні…"), and the sentences that
    name the site's domain in a text naming it twice."""

    RULE = "citation_notice"

    def anchor(self, text: str) -> list[Span]:
        return anchors.citation_spans(text)

    def pattern(self, patterns: Patterns) -> re.Pattern[str]:
        return patterns.citation_notice


class AdvertisingDisclaimerPipeline(SpanRule):
    """Removes the advertising-law disclaimer, and any text closing with the law numbers
    270/96 and 2849."""

    RULE = "advertising_disclaimer"

    def anchor(self, text: str) -> list[Span]:
        return anchors.disclaimer_spans(text)

    def pattern(self, patterns: Patterns) -> re.Pattern[str]:
        return patterns.advertising_disclaimer


class MediaIdentifierPipeline(SpanRule):
    """Removes the media-identifier line ("… Media identifier - R40-01421.")."""

    RULE = "media_identifier"

    def anchor(self, text: str) -> list[Span]:
        return anchors.media_identifier_spans(text)

    def pattern(self, patterns: Patterns) -> re.Pattern[str]:
        return patterns.media_identifier


class CopyrightLinePipeline(SpanRule):
    """Removes the "© 2015-YYYY Ukrinform. All rights reserved." line."""

    RULE = "copyright_line"

    def anchor(self, text: str) -> list[Span]:
        return anchors.copyright_spans(text)

    def pattern(self, patterns: Patterns) -> re.Pattern[str]:
        return patterns.copyright


SOCIAL = re.compile(
    r"^https?://(?:[\w-]+\.)*(?:t\.me|telegram\.me|instagram\.com|youtube\.com|youtu\.be"
    r"|facebook\.com|twitter\.com|x\.com|tiktok\.com)(?:[/?#]|$)",
    re.IGNORECASE,
)
"""A link to the site's channels on a social network."""
MAX_PROMO_WORDS = 12
"""The most words of a promo paragraph outside its channel links."""


def is_channel_promo(line: Block) -> bool:
    """True for a short paragraph of two or more links, all to social networks ("Join our
    channels Telegram, Instagram and YouTube", in any wording)."""
    links = line.links()
    if len(links) < 2 or not all(SOCIAL.match(href) for _, href in links):
        return False
    words = len(line.text.split()) - sum(len(title.split()) for title, _ in links)
    return words <= MAX_PROMO_WORDS


class PromoLinePipeline(SpanRule):
    """Removes the Telegram/Instagram/YouTube promo line: the catalogue's wording, or a short
    paragraph whose links all go to the site's social channels."""

    RULE = "promo_line"

    def pattern(self, patterns: Patterns) -> re.Pattern[str]:
        return patterns.promo

    def edit(self, line: Block, draft: ArticleDraft, patterns: Patterns) -> Block | None:
        return None if is_channel_promo(line) else super().edit(line, draft, patterns)


class SearchFormPipeline(LineRule):
    """Drops lines made only of search-form words ("Extended search", "За період:", "-")."""

    RULE = "search_form"

    def edit(self, line: Block, draft: ArticleDraft, patterns: Patterns) -> Block | None:
        return None if patterns.search_form.fullmatch(line.text) else line


class PublisherLinePipeline(LineRule):
    """Drops the publisher line ("Ukrinform" / "Укрінформ" alone)."""

    RULE = "publisher_line"

    def edit(self, line: Block, draft: ArticleDraft, patterns: Patterns) -> Block | None:
        return None if patterns.publisher.fullmatch(line.text) else line


class PhotoCreditPipeline(LineRule):
    """Moves the photo credit to ``image_credit``: a line opening with the edition's credit
    prefix ("Photo: …"), or a short closing paragraph wholly in emphasis that opens with a
    credit word of any edition ("<em>Foto: …</em>"); drops a bare "Photo"."""

    RULE = "photo_credit"

    def clean(self, draft: ArticleDraft, patterns: Patterns) -> int:
        hits = super().clean(draft, patterns)
        paragraphs = [block for block in draft.blocks if block.kind == "p"]
        if paragraphs and paragraphs[-1].is_emphasis() and self.credit(paragraphs[-1], ALL, draft):
            draft.blocks = tuple(block for block in draft.blocks if block is not paragraphs[-1])
            hits += 1
        return hits

    def edit(self, line: Block, draft: ArticleDraft, patterns: Patterns) -> Block | None:
        if patterns.bare_photo.match(line.text) or self.credit(line, patterns, draft):
            return None
        return line

    def credit(self, line: Block, patterns: Patterns, draft: ArticleDraft) -> bool:
        """True when ``line`` is a credit line (its credit goes to ``draft.image_credit``)."""
        match = patterns.photo_credit.match(line.text)
        if not match or len(line.text) > self.settings.getint("UKRINFORM_CREDIT_MAX_LENGTH", 120):
            return False
        if credit := normalize_text(match["credit"]):
            draft.image_credit = credit
        return True


class RepeatedHeadingPipeline(LineRule):
    """Drops lines repeating the title, the lead or the displayed date (case folded)."""

    RULE = "repeated_heading"

    def edit(self, line: Block, draft: ArticleDraft, patterns: Patterns) -> Block | None:
        headings = (draft.title, draft.lead, draft.published_at_raw)
        folded = line.text.casefold()
        return None if any(folded == value.casefold() for value in headings if value) else line


class BylinePipeline(CleaningRule):
    """Takes ``authors`` from a byline closing the cleaned body ("Prepared by Name, Kyiv")."""

    RULE = "byline"

    def clean(self, draft: ArticleDraft, patterns: Patterns) -> int:
        paragraphs = [text for block in draft.blocks for text in block.paragraphs()]
        names = patterns.byline_names(paragraphs[-1]) if paragraphs else []
        if names and names != draft.authors:
            draft.authors = names
            return 1
        return 0
