"""Boilerplate catalogues (one per edition), the language-free anchors, and a German page."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
from scrapy.http import HtmlResponse

from tests.site import Corpus
from tests.site.model import KYIV
from tests.site.render import RenderContext, Renderer
from ukrinform_crawler.boilerplate import (
    ALL,
    CATALOGUES,
    Catalogue,
    Patterns,
    anchors,
    patterns_for,
)
from ukrinform_crawler.boilerplate import EDITIONS as CATALOGUE_EDITIONS
from ukrinform_crawler.boilerplate.catalogue import Phrase
from ukrinform_crawler.extract import to_feed
from ukrinform_crawler.pages.article import ArticlePage
from ukrinform_crawler.pages.blocks import ArticleDraft, Block, Inline, Mark
from ukrinform_crawler.pipelines import clean_article
from ukrinform_crawler.urls import EDITION_HOSTS

KEEP = (
    "As Ukrinform reported earlier, the agency's site ukrinform.net was moved to new servers.",
    "The Law of Ukraine No. 270/96-VR on advertising was amended in 2025.",
    "Parliament passed law No. 2849-IX, the law on media, in 2023.",
    "© 2024 photographs by the author are kept in the museum's archive, it said.",
)
"""Real paragraphs that mention Ukrinform, its site, a law or a ©: they must survive."""


def fill(template: str, catalogue: Catalogue, domain: str) -> str:
    """A catalogue phrase as a page writes it."""
    conjunction = catalogue.conjunctions[0] if catalogue.conjunctions else ","
    values = {
        "{DOMAIN}": domain,
        "{YEAR}": "2026",
        "{MEDIA_ID}": "R40-01421",
        "{NO}": "No.",
        "{VR}": "VR",
        "{LAW}": "IX",
        "{AND}": f" {conjunction}" if conjunction != "," else ",",
    }
    for name, value in values.items():
        template = template.replace(name, value)
    return template


def draft(edition: str | None, paragraphs: list[str | Block]) -> ArticleDraft:
    return ArticleDraft(
        id=1,
        url="https://www.ukrinform.de/rubric-ato/1-x.html",
        edition=edition,
        title="Title",
        published_at="2026-01-02T10:00:00+02:00",
        authors=["Ukrinform"],
        blocks=tuple(Block("p", (Inline(p),)) if isinstance(p, str) else p for p in paragraphs),
    )


def test_every_edition_has_a_catalogue_whose_patterns_compile() -> None:
    assert set(CATALOGUE_EDITIONS) == set(EDITION_HOSTS)
    for code, catalogue in CATALOGUES.items():
        assert catalogue.language == code
        patterns = Patterns(catalogue)
        assert patterns.copyright.pattern != "(?!)", code
        for phrase in catalogue.phrases():
            assert isinstance(phrase, Phrase)
            assert phrase.text == phrase.text.strip()
    confirmed = {code for code, c in CATALOGUES.items() if any(p.confirmed for p in c.phrases())}
    assert confirmed == {"en", "uk"}  # site-model.md §9 confirms these two only


@pytest.mark.parametrize("edition", CATALOGUE_EDITIONS)
def test_every_phrase_of_an_edition_is_removed_from_its_body(edition: str) -> None:
    catalogue = CATALOGUES[edition]
    domain = EDITION_HOSTS[edition].removeprefix("www.")
    link = f"https://www.{domain}/rubric-ato/2-y.html"

    def phrase(field: str, index: int = 0) -> str:
        return fill(getattr(catalogue, field)[index].text, catalogue, domain)

    notice = " ".join(fill(p.text, catalogue, domain) for p in catalogue.citation_notice)
    label = Block(
        "p", (Inline(phrase("read_also") + " "), Inline("Related title", (Mark("a", link),)))
    )
    credit = Block("p", (Inline(f"{phrase('photo_credit')} Agency", (Mark("em"),)),))
    byline = [f"{phrase('byline')} Anna Schmidt, Kyiv"] if catalogue.byline else []
    body: list[str | Block] = [
        "First real paragraph.",
        label,
        f"Glued real sentence. {phrase('citation_notice')}",
        *byline,
        credit,
        f"{notice} {phrase('advertising_disclaimer')}",
        phrase("media_identifier"),
        phrase("copyright"),
        *(fill(p.text, catalogue, domain) for p in catalogue.search_form),
        phrase("promo"),
        phrase("publisher"),
        f"{phrase('read_also')} A title without a link",
    ]
    item = clean_article(draft(edition, body), {"UKRINFORM_REQUIRED_FIELDS": ["id"]})
    expected = ["First real paragraph.", "Glued real sentence.", *byline]
    assert (item.body or "").split("\n\n") == expected
    assert item.related == [{"title": "Related title", "url": link}]
    assert item.image_credit == "Agency"
    assert item.authors == (["Anna Schmidt"] if byline else ["Ukrinform"])


GERMAN_FOOTER_UNSEEN = [
    "Beim Zitieren von Inhalten ist ein Verweis auf ukrinform.de verpflichtend. Auch für "
    "übersetzte Texte gilt: Quelle ukrinform.de und das ausländische Medium nennen. "
    "Werbematerialien werden nach dem Werbegesetz Nr. 270/96-WR sowie dem Mediengesetz "
    "Nr. 2849-IX veröffentlicht.",
    "Anbieter von Online-Medien; Kennnummer - R40-01421.",
    "Ein Satz zuvor.© 2015-2026 Ukrinform. Sämtliche Rechte bleiben vorbehalten.",
]


@pytest.mark.parametrize("edition", ["de", "en", None])
def test_footer_wording_no_catalogue_holds_is_removed_by_the_anchors(edition: str | None) -> None:
    item = clean_article(draft(edition, [*KEEP, *GERMAN_FOOTER_UNSEEN]))
    assert (item.body or "").split("\n\n") == [*KEEP, "Ein Satz zuvor."]


def test_anchors_leave_real_sentences() -> None:
    for text in KEEP:
        assert anchors.citation_spans(text) == []
        assert anchors.disclaimer_spans(text) == []
        assert anchors.media_identifier_spans(text) == []
        assert anchors.copyright_spans(text) == []
    text = "Nr. 270/96 vom 3. Juli. Neu.Satz; 1996 r. oraz"
    assert anchors.sentence_starts(text) == [0, 18, 24, 28]


def test_patterns_of_an_unknown_edition_hold_every_catalogue() -> None:
    assert patterns_for(None) is ALL
    assert patterns_for("xx") is ALL
    for catalogue in CATALOGUES.values():
        for phrase in catalogue.read_also:
            assert ALL.read_also.match(phrase.text + " x"), phrase


UNSEEN_GERMAN = {
    "Lesen Sie auch: ": "Mehr zum Thema: ",
    "Abonnieren Sie unsere Kanäle": "Folgen Sie Ukrinform auf",
    "Online-Medium; Medienkennung": "Anbieter von Online-Medien; Kennnummer",
    "Alle Rechte vorbehalten.": "Sämtliche Rechte bleiben vorbehalten.",
    "Bei der Zitierung und Verwendung von Materialien im Internet ist ein Link auf die Website "
    "ukrinform.de nicht tiefer als im ersten Absatz obligatorisch.": (
        "Beim Zitieren von Inhalten ist ein Verweis auf ukrinform.de im ersten Absatz Pflicht."
    ),
}
"""German wording that no catalogue holds, in place of the catalogue's (the acceptance test
uses German pages whose phrasing the project has never seen)."""


def test_german_pages_in_unseen_wording_come_out_exact() -> None:
    corpus = Corpus("de", 200, 17)
    renderer = Renderer(corpus)
    context = RenderContext(
        token="T" * 40, now=datetime(2026, 11, 2, tzinfo=KYIV), rnd=1, bnith="b" * 80, rncf="c" * 44
    )
    seen: dict[str, int] = {"related": 0, "credit": 0, "byline": 0, "boilerplate": 0}
    for g in range(200):
        article = corpus.article_at(g)
        html = renderer.article_page(article, context)
        for old, new in UNSEEN_GERMAN.items():
            html = html.replace(old, new)
        page = ArticlePage(HtmlResponse(article.url, body=html.encode()))
        record: dict[str, Any] = to_feed(clean_article(page.to_item()))
        expected = corpus.expected(article.id)
        assert {key: record[key] for key in expected} == expected, article.url
        seen["related"] += bool(record["related"])
        seen["credit"] += record["image_credit"] is not None
        seen["byline"] += record["authors"] != ["Ukrinform"]
        seen["boilerplate"] += "boilerplate" in article.features
        assert not re.search(
            r"Mehr zum Thema|Foto:|R40-01421|Erweiterte Suche|Folgen Sie|Rechte", html_text(record)
        )
        assert "ukrinform.de" not in record["body"]
    assert all(seen.values()), seen


def html_text(record: dict[str, Any]) -> str:
    return " ".join(str(record[name]) for name in ("body", "body_html", "title", "lead"))


def channel_paragraph(text: str, *links: tuple[str, str]) -> Block:
    runs = [Inline(text)]
    for title, href in links:
        runs += [Inline(title, (Mark("a", href),)), Inline(", ")]
    return Block("p", tuple(runs[:-1]))


def test_a_promo_of_the_channels_in_any_wording_goes_and_real_text_stays() -> None:
    channels = (
        ("Telegram", "https://t.me/ukrinform_news"),
        ("Instagram", "https://www.instagram.com/ukrinform/"),
        ("YouTube", "https://www.youtube.com/c/UkrinformTV"),
    )
    promo = channel_paragraph("Folgt uns: ", *channels)
    story = channel_paragraph(
        "The minister announced the decision on his pages, and the video appeared on ",
        *channels[1:],
    )
    single = channel_paragraph("Read the statement on ", channels[0])
    item = clean_article(draft("de", ["First real paragraph.", story, single, promo]))
    assert (item.body or "").split("\n\n") == ["First real paragraph.", story.text, single.text]
