from __future__ import annotations

import contextlib
import copy
import inspect
import itertools
import random
import re
from dataclasses import replace
from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.misc import build_from_crawler, load_object
from scrapy.utils.test import get_crawler

from tests.conftest import fixture_names, load_response
from ukrinform_crawler.items import Article, RelatedLink
from ukrinform_crawler.pages.article import ArticlePage
from ukrinform_crawler.pipelines import ITEM_PIPELINES, PipelineChain, clean_article
from ukrinform_crawler.pipelines import base as base_module
from ukrinform_crawler.pipelines import cleaning as cleaning_module
from ukrinform_crawler.pipelines.base import ArticlePipeline, SubstringPipeline, folded_texts
from ukrinform_crawler.pipelines.cleaning import (
    AdvertisingDisclaimerPipeline,
    BylinePipeline,
    CitationNoticePipeline,
    CopyrightLinePipeline,
    EmptyParagraphPipeline,
    MediaIdentifierPipeline,
    NormalizeTextPipeline,
    PhotoCreditPipeline,
    PromoLinePipeline,
    PublisherLinePipeline,
    ReadAlsoPipeline,
    RepeatedHeadingPipeline,
    SearchFormPipeline,
)
from ukrinform_crawler.pipelines.validation import (
    CYRILLIC_AS_LATIN1,
    MOJIBAKE_CODECS,
    PLAUSIBLE_TEXT,
    RequiredFieldsPipeline,
    garbled,
)
from ukrinform_crawler.text import escape_text

URL = "https://www.ukrinform.net/rubric-polytics/3999860-zelensky-nauseda.html"
EN_NOTICE = (
    "While citing and using any materials on the Internet, links to the website ukrinform.net "
    "not lower than the first paragraph are mandatory. In addition, citing the translated "
    "materials of foreign media outlets is possible only if there is a link to the website "
    "ukrinform.net and the website of a foreign media outlet."
)
EN_DISCLAIMER = (
    'Materials marked as "Advertisement" or with a disclaimer reading "The material has been '
    'posted in accordance with Part 3 of Article 9 of the Law of Ukraine "On Advertising" No. '
    '270/96-VR of July 3, 1996 and the Law of Ukraine "On the Media" No. 2849-Х of March 31, '
    "2023 and on the basis of an agreement/invoice."
)
UK_NOTICE = (
    "При цитуванні і використанні будь-яких матеріалів в Інтернеті відкриті для пошукових систем "
    "гіперпосилання не нижче першого абзацу на «ukrinform.ua» — обов’язкові, крім того, цитування "
    "перекладів матеріалів іноземних ЗМІ можливе лише за умови гіперпосилання на сайт ukrinform.ua "
    "та на сайт іноземного ЗМІ. Цитування і використання матеріалів у офлайн-медіа, мобільних "
    'додатках, SmartTV можливе лише з письмової згоди "ukrinform.ua".'
)
UK_DISCLAIMER = (
    "Матеріали з позначкою «Реклама» або з дисклеймером: “Матеріал розміщено згідно з частиною 3 "
    "статті 9 Закону України “Про рекламу” № 270/96-ВР від 03.07.1996 та Закону України “Про "
    "медіа” № 2849-IX від 31.03.2023 та на підставі Договору/рахунка."
)
KEEP_EN = "As Ukrinform reported earlier, President Zelensky arrived in Vilnius."
KEEP_UK = "Як повідомляв Укрінформ, у ніч на неділю низка регіонів зазнала атаки."


def crawler(settings: dict[str, Any] | None = None) -> Crawler:
    return get_crawler(settings_dict=settings or {})


def article(paragraphs: list[str], html: list[str] | None = None, **fields: Any) -> Article:
    values: dict[str, Any] = {
        "id": 3999860,
        "url": URL,
        "title": "Zelensky, Nausėda discuss talks",
        "published_at": "2025-06-02T18:57:00+03:00",
        "body": "\n\n".join(paragraphs),
        "body_html": "\n".join(html if html is not None else [f"<p>{p}</p>" for p in paragraphs]),
    }
    values.update(fields)
    return Article(**values)


def run_twice(
    cls: type[ArticlePipeline], item: Article, settings: dict[str, Any] | None = None
) -> tuple[Article, dict[str, Any]]:
    """Runs a pipeline twice (it must be idempotent) and returns the item and the stats."""
    the_crawler = crawler(settings)
    pipeline = build_from_crawler(cls, the_crawler)
    once = copy.deepcopy(pipeline.process_item(item))
    stats_once = dict(the_crawler.stats.get_stats())  # type: ignore[union-attr]
    twice = pipeline.process_item(copy.deepcopy(once))
    assert twice == once
    assert the_crawler.stats.get_stats() == stats_once  # type: ignore[union-attr]
    return once, stats_once


def test_item_pipelines_constant_is_ordered_and_loadable() -> None:
    priorities = list(ITEM_PIPELINES.values())
    assert priorities == sorted(priorities)
    assert len(set(priorities)) == len(priorities)
    classes = [load_object(path) for path in ITEM_PIPELINES]
    assert classes[0] is NormalizeTextPipeline
    assert classes[-1] is RequiredFieldsPipeline
    for cls in classes:
        parameter = inspect.signature(cls.process_item).parameters["spider"]
        assert parameter.default is None  # optional: no Scrapy 2.19 deprecation warning
        pipeline = build_from_crawler(cls, crawler())
        assert pipeline.process_item(article(["Text."])) is not None


def test_pipeline_manager_builds_without_warnings() -> None:
    from scrapy.pipelines import ItemPipelineManager

    the_crawler = crawler({"ITEM_PIPELINES": ITEM_PIPELINES})
    manager = ItemPipelineManager.from_crawler(the_crawler)
    assert len(manager.methods["process_item"]) == len(ITEM_PIPELINES)


def test_normalize_text_fields() -> None:
    item = article(
        ["  Body\u00a0one\u00ad ", "Caf\u0065\u0301 \u200btwo"],
        html=["<p>Body&nbsp;one&shy;</p>", "<p>Cafe\u0301  \u200btwo</p>"],
        title=" Title\u202fhere ",
        lead="Lead\r\nline",
        label=" Заява ",
        tags=[" ОБСЄ ", "\u200b"],
        authors=["Ukrinform "],
        related=[RelatedLink(title=" Read\u00a0me ", url=" https://x/ ")],
        image_credit="МЗС\u00a0",
    )
    once, stats = run_twice(NormalizeTextPipeline, item)
    assert once.body == "Body one\n\nCafé two"
    assert once.body_html == "<p>Body one</p>\n<p>Café two</p>"
    assert (once.title, once.lead, once.label) == ("Title here", "Lead line", "Заява")
    assert once.tags == ["ОБСЄ"]
    assert once.authors == ["Ukrinform"]
    assert once.related == [{"title": "Read me", "url": "https://x/"}]
    assert once.image_credit == "МЗС"
    assert stats["ukrinform/clean/normalize"] == 9


def test_read_also_moves_links_to_related_in_page_order() -> None:
    first = "https://www.ukrinform.net/rubric-polytics/3999712-zelensky-duda.html"
    second = "https://www.ukrinform.net/rubric-ato/3999755-swap.html"
    second_http = "http://www.ukrinform.net/rubric-ato/3999755-swap.html?x=1"
    item = article(
        [
            "Para one.",
            "Read also: Zelensky, Duda talk",
            "Para two.",
            "Читайте також: Обмін",
            "Read also: Duplicate",
            "Read also: No link here",
            "Para three.",
        ],
        html=[
            "<p>Para one.</p>",
            f'<p>Read also: <a href="{first}">Zelensky, Duda talk</a></p>',
            "<p>Para two.</p>",
            f'<p>Читайте також: <a href="{second_http}">Обмін</a></p>',
            f'<p>Read also: <a href="{first}">Duplicate</a></p>',
            "<p>Read also: No link here</p>",
            "<p>Para three.</p>",
        ],
        related=[RelatedLink(title="Earlier", url="https://www.ukrinform.net/rubric-ato/1-a.html")],
    )
    once, stats = run_twice(ReadAlsoPipeline, item)
    assert once.body == "Para one.\n\nPara two.\n\nPara three."
    assert once.body_html == "<p>Para one.</p>\n<p>Para two.</p>\n<p>Para three.</p>"
    assert once.related == [
        {"title": "Earlier", "url": "https://www.ukrinform.net/rubric-ato/1-a.html"},
        {"title": "Zelensky, Duda talk", "url": first},
        {"title": "Обмін", "url": second},
    ]
    assert stats["ukrinform/clean/read_also"] == 4


def test_read_also_in_text_only_items() -> None:
    item = article(["Keep.", "Read also: something"], html=[], body_html=None)
    once, _ = run_twice(ReadAlsoPipeline, item)
    assert once.body == "Keep."
    assert once.related == []


def test_photo_credit() -> None:
    long_text = ("Photo: " + "a very long sentence that is not a credit " * 5).strip()
    item = article(
        ["Text.", "Photo", "Фото:", long_text, "Photo: President’s Office", "After."],
        html=[
            "<p>Text.</p>",
            "<p>Photo</p>",
            "<p>Фото:</p>",
            f"<p>{long_text}</p>",
            "<p><em>Photo: President’s Office</em></p>",
            "<p>After.</p>",
        ],
    )
    once, stats = run_twice(PhotoCreditPipeline, item)
    assert once.image_credit == "President’s Office"
    assert once.body == f"Text.\n\n{long_text}\n\nAfter."
    assert once.body_html == f"<p>Text.</p>\n<p>{long_text}</p>\n<p>After.</p>"
    assert stats["ukrinform/clean/photo_credit"] == 3


def test_photo_credit_length_setting() -> None:
    item = article(["Фото: Офіс Президента України та Міністерство закордонних справ"])
    once, _ = run_twice(PhotoCreditPipeline, item, {"UKRINFORM_CREDIT_MAX_LENGTH": 20})
    assert once.image_credit is None
    assert once.body


@pytest.mark.parametrize(
    ("cls", "junk", "rule"),
    [
        (CitationNoticePipeline, EN_NOTICE, "citation_notice"),
        (CitationNoticePipeline, UK_NOTICE, "citation_notice"),
        (AdvertisingDisclaimerPipeline, EN_DISCLAIMER, "advertising_disclaimer"),
        (AdvertisingDisclaimerPipeline, UK_DISCLAIMER, "advertising_disclaimer"),
        (
            MediaIdentifierPipeline,
            "Online media entity; Media identifier - R40-01421.",
            "media_identifier",
        ),
        (
            MediaIdentifierPipeline,
            "Cуб'єкт у сфері онлайн-медіа; ідентифікатор медіа - R40-01421.",
            "media_identifier",
        ),
        (
            MediaIdentifierPipeline,
            "Суб’єкт у сфері онлайн-медіа; ідентифікатор медіа – R40-01421",
            "media_identifier",
        ),
        (CopyrightLinePipeline, "© 2015-2026 Ukrinform. All rights reserved.", "copyright_line"),
        (CopyrightLinePipeline, "© 2015–2031 Укрінформ. Усі права застережені.", "copyright_line"),
        (PromoLinePipeline, "Join our channels Telegram, Instagram and YouTube.", "promo_line"),
        (
            PromoLinePipeline,
            "Приєднуйтесь до наших каналів Telegram, Instagram та YouTube.",
            "promo_line",
        ),
    ],
)
def test_notices_removed_alone_and_glued(cls: type[ArticlePipeline], junk: str, rule: str) -> None:
    real = "The talks ended." if junk.isascii() else "Переговори завершилися."
    item = article(
        [junk, f"{real} {junk}", KEEP_EN, KEEP_UK],
        html=[
            f"<p>{junk}</p>",
            f'<p><a href="https://www.ukrinform.net/rubric-ato/1-x.html">{real}</a>{junk}</p>',
            f"<p>{KEEP_EN}</p>",
            f"<p>{KEEP_UK}</p>",
        ],
    )
    once, stats = run_twice(cls, item)
    assert once.body == f"{real}\n\n{KEEP_EN}\n\n{KEEP_UK}"
    assert once.body_html == (
        f'<p><a href="https://www.ukrinform.net/rubric-ato/1-x.html">{real}</a></p>\n'
        f"<p>{KEEP_EN}</p>\n<p>{KEEP_UK}</p>"
    )
    assert stats[f"ukrinform/clean/{rule}"] == 2


SUBSTRING_PIPELINES = [
    CitationNoticePipeline,
    AdvertisingDisclaimerPipeline,
    MediaIdentifierPipeline,
    CopyrightLinePipeline,
    PromoLinePipeline,
]


@pytest.mark.parametrize("cls", SUBSTRING_PIPELINES)
def test_a_plain_line_is_edited_as_markup_would_be(
    cls: type[SubstringPipeline], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line of plain text takes the text's edit without the pattern running over the line;
    the record is what the pattern run over the line gives."""
    junk = [
        EN_NOTICE,
        UK_NOTICE,
        EN_DISCLAIMER,
        UK_DISCLAIMER,
        "Online media entity; Media identifier - R40-01421.",
        "© 2015-2026 Ukrinform. All rights reserved.",
        "Join our channels Telegram, Instagram and YouTube.",
    ]
    around = ["R&D <b> A < B > C &amp;", "x<\u0307 y", "tail \u0338", "«лапки» & “quotes”"]
    paragraphs = [f"{first} {text} {last}" for text in junk for first in around for last in around]
    paragraphs += junk
    tags = itertools.cycle(["p", "h2", "h3", "blockquote"])
    html = [f"<{tag}>{escape_text(p)}</{tag}>" for p, tag in zip(paragraphs, tags, strict=False)]
    for text in junk:  # lines with markup besides: the pattern runs over them
        paragraphs.append(f"Kept words {text}")
        html.append(f"<p><strong>Kept words</strong> {escape_text(text)}</p>")
    item = article(paragraphs, html)
    shortcut = cls().process_item(copy.deepcopy(item))
    assert shortcut.body_html != item.body_html
    monkeypatch.setattr(base_module, "_is_plain_line", lambda line: False)
    assert cls().process_item(copy.deepcopy(item)) == shortcut


def test_removing_boilerplate_keeps_u0338_apart_from_the_tag_before_it() -> None:
    # The notice goes from a line with markup; the U+0338 after it comes next to "<p>".
    line = f"<p>{escape_text(EN_NOTICE)} \u0338tail and <strong>kept words</strong> x</p>"
    item = clean_article(article([f"{EN_NOTICE} \u0338tail and kept words x"], [line]))
    assert item.body == "\u0338tail and kept words x"
    assert item.body_html == "<p>&#x338;tail and <strong>kept words</strong> x</p>"


@pytest.mark.parametrize(
    "variant",
    [
        EN_NOTICE.replace(" ", "  ").replace("ukrinform.net", "ukrinform.es"),
        EN_NOTICE.replace(". In addition", ".In addition"),
        UK_NOTICE.replace("«ukrinform.ua»", '"ukrinform.ua"').replace("обов’язкові", "обов'язкові"),
        UK_NOTICE.replace('"ukrinform.ua"', "„ukrinform.ua“"),
    ],
)
def test_citation_notice_variants(variant: str) -> None:
    once, _ = run_twice(CitationNoticePipeline, article([variant, KEEP_EN]))
    assert once.body == KEEP_EN


def test_a_pure_edit_runs_once_per_distinct_text_of_an_item() -> None:
    edited: list[str] = []

    class CountingCitationNotice(CitationNoticePipeline):
        def edit(self, text: str, item: Article) -> str:
            edited.append(text)
            return super().edit(text, item)

    item = article([f"Ukrinform. {EN_NOTICE}", KEEP_EN, KEEP_EN])
    assert (
        CountingCitationNotice().process_item(item).body == f"Ukrinform.\n\n{KEEP_EN}\n\n{KEEP_EN}"
    )
    assert sorted(edited) == sorted({f"Ukrinform. {EN_NOTICE}", KEEP_EN})


@pytest.mark.parametrize(
    "variant",
    [
        EN_NOTICE.upper(),
        EN_NOTICE.replace("ukrinform.net", "UKRİNFORM.net"),  # re.IGNORECASE takes İ and ı for i
        EN_NOTICE.replace("ukrinform.net", "ukrınform.net"),
        EN_NOTICE.replace("ukrinform.net", "u\u212arinform.net"),  # KELVIN SIGN for k
    ],
)
def test_case_variants_pass_the_marker_shortcut(variant: str) -> None:
    once, _ = run_twice(CitationNoticePipeline, article([variant, KEEP_UK]))
    assert once.body == KEEP_UK


def test_folded_texts_fold_ascii_letters_as_ignorecase_does() -> None:
    folded = folded_texts(article(["UKRİNFORM ukrınform ſ \u212a Київ ©"]))
    assert "ukrinform ukrinform s k київ ©" in folded
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    variants = [c for c in map(chr, range(0x110000)) if ascii_letter.fullmatch(c)]
    assert len(variants) > 52  # K, ſ, İ, ı besides the ASCII letters
    for variant in variants:
        letter = next(x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, variant, re.I))
        assert letter in folded_texts(article([variant])), variant


@pytest.mark.parametrize(
    "cls",
    [
        CitationNoticePipeline,
        AdvertisingDisclaimerPipeline,
        CopyrightLinePipeline,
        PromoLinePipeline,
    ],
)
def test_markers_hold_for_every_prefilter_match(cls: type[SubstringPipeline]) -> None:
    samples = [
        EN_NOTICE, UK_NOTICE, EN_DISCLAIMER, UK_DISCLAIMER, KEEP_EN, KEEP_UK,
        "© 2015-2026 Ukrinform.", "(C) 2026 UKRINFORM", "Join us on YOUTUBE.", "Ukrinform .ua",
        "UKRİNFORM.", "ukrınform.", "270 / 96-ВР", "u\u212arinform.",
    ]  # fmt: skip
    assert cls.MARKERS
    for sample in samples:
        if cls.PREFILTER.search(sample):
            assert not cls().unchanged(article([sample])), sample
    assert cls().unchanged(article([KEEP_EN.replace("Ukrinform", "the agency"), KEEP_UK]))


@pytest.mark.parametrize(
    "variant",
    [
        EN_DISCLAIMER.replace("2849-Х", "2849-IX"),
        EN_DISCLAIMER.replace('"', "“"),
        UK_DISCLAIMER.replace("2849-IX", "2849-ІХ").replace("“", "«").replace("”", "»"),
        UK_DISCLAIMER.replace("270/96-ВР", "270/96-VR"),
    ],
)
def test_advertising_disclaimer_variants(variant: str) -> None:
    once, _ = run_twice(AdvertisingDisclaimerPipeline, article([variant, KEEP_UK]))
    assert once.body == KEEP_UK


def test_full_footer_paragraph_needs_both_notice_pipelines() -> None:
    footer = f"{UK_NOTICE} {UK_DISCLAIMER}"
    item = clean_article(
        article([KEEP_UK, footer, "Cуб'єкт у сфері онлайн-медіа; ідентифікатор медіа - R40-01421."])
    )
    assert item.body == KEEP_UK
    assert item.body_html == f"<p>{KEEP_UK}</p>"


@pytest.mark.parametrize(
    "paragraph",
    [
        "Extended searchHide extended search",
        "Extended search Hide extended search By period: -",
        "By period:",
        "-",
        " – ",
        "Розширений пошукПриховати розширений пошук",
        "За період:",
        "Пошук",
        "Всi рубрики",
        "Всі рубрики",
    ],
)
def test_search_form_words_dropped(paragraph: str) -> None:
    once, stats = run_twice(SearchFormPipeline, article([paragraph, "Kept."]))
    assert once.body == "Kept."
    assert stats["ukrinform/clean/search_form"] == 1


@pytest.mark.parametrize(
    "paragraph",
    [
        "***",
        "- Президент Зеленський ввів у дію рішення",
        "Search teams found two people.",
        "The extended search lasted all night.",
        "Пошук триває.",
    ],
)
def test_search_form_words_only_whole_paragraphs(paragraph: str) -> None:
    once, _ = run_twice(SearchFormPipeline, article([paragraph]))
    assert once.body == paragraph


def test_publisher_line() -> None:
    once, stats = run_twice(
        PublisherLinePipeline, article(["Ukrinform", "Укрінформ", "Ukrinform reports.", KEEP_UK])
    )
    assert once.body == f"Ukrinform reports.\n\n{KEEP_UK}"
    assert stats["ukrinform/clean/publisher_line"] == 2


def test_repeated_heading() -> None:
    item = article(
        ["Zelensky, Nausėda discuss talks", "The lead.", "02.06.2025 18:57", "Body."],
        lead="The lead.",
        published_at_raw="02.06.2025 18:57",
    )
    once, stats = run_twice(RepeatedHeadingPipeline, item)
    assert once.body == "Body."
    assert stats["ukrinform/clean/repeated_heading"] == 3


@pytest.mark.parametrize(("title", "paragraph"), [("STRASSE", "Straße"), ("Straße", "STRASSE")])
def test_repeated_heading_compares_case_folded_text(title: str, paragraph: str) -> None:
    once, stats = run_twice(RepeatedHeadingPipeline, article([paragraph, "Body."], title=title))
    assert once.body == "Body."
    assert stats["ukrinform/clean/repeated_heading"] == 1


def test_case_folding_never_shortens_a_character() -> None:
    """What lets RepeatedHeadingPipeline skip texts longer than every folded heading."""
    assert all(len(chr(code).casefold()) >= 1 for code in range(0x110000))


def test_empty_paragraphs_dropped_figures_kept() -> None:
    figure = '<figure><img src="https://static.ukrinform.com/photos/x.jpg" alt=""></figure>'
    item = article(
        ["One.", "", " ", "Two."],
        html=["<p>One.</p>", "<p></p>", "<p><strong> </strong></p>", figure, "<p>Two.</p>", ""],
    )
    once, stats = run_twice(EmptyParagraphPipeline, item)
    assert once.body == "One.\n\nTwo."
    assert once.body_html == f"<p>One.</p>\n{figure}\n<p>Two.</p>"
    assert stats["ukrinform/clean/empty_paragraph"] == 2


def test_byline_closing_the_body_sets_authors() -> None:
    item = article(["Body.", "Prepared by Iryna Shevchuk, Kyiv"], authors=["Ukrinform"])
    once, stats = run_twice(BylinePipeline, item)
    assert once.authors == ["Iryna Shevchuk"]
    assert once.body == "Body.\n\nPrepared by Iryna Shevchuk, Kyiv"
    assert stats["ukrinform/clean/byline"] == 1


def test_byline_followed_by_boilerplate_is_found_after_cleaning() -> None:
    footer = [EN_NOTICE, "© 2015-2026 Ukrinform. All rights reserved.", "Extended search", "-"]
    item = clean_article(article(["Body.", "Prepared by Iryna Shevchuk, Kyiv", *footer]))
    assert item.authors == ["Iryna Shevchuk"]
    assert item.body == "Body.\n\nPrepared by Iryna Shevchuk, Kyiv"


def test_no_byline_keeps_authors() -> None:
    once, stats = run_twice(BylinePipeline, article(["Body."], authors=["Ukrinform"]))
    assert once.authors == ["Ukrinform"]
    assert "ukrinform/clean/byline" not in stats


def test_everything_removed_leaves_no_body() -> None:
    item = clean_article(article(["Ukrinform", "Photo: X"]), {"UKRINFORM_REQUIRED_FIELDS": ["id"]})
    assert item.body is None
    assert item.body_html is None
    assert item.image_credit == "X"


@pytest.mark.parametrize("field", ["id", "url", "title", "body", "published_at"])
def test_validation_drops_items_missing_a_required_field(field: str) -> None:
    the_crawler = crawler()
    pipeline = build_from_crawler(RequiredFieldsPipeline, the_crawler)
    item = replace(article(["Text."]), **{field: None if field != "url" else ""})
    with pytest.raises(DropItem, match=f"missing {field}"):
        pipeline.process_item(item)
    assert the_crawler.stats.get_value(f"ukrinform/dropped/missing_{field}") == 1  # type: ignore[union-attr]


def test_validation_fields_from_settings() -> None:
    the_crawler = crawler({"UKRINFORM_REQUIRED_FIELDS": ["id", "lead"]})
    pipeline = build_from_crawler(RequiredFieldsPipeline, the_crawler)
    with pytest.raises(DropItem, match="missing lead"):
        pipeline.process_item(article(["Text."]))
    assert pipeline.process_item(article(["Text."], lead="Lead.")).lead == "Lead."


def test_valid_item_passes() -> None:
    item = article(["Text."])
    assert build_from_crawler(RequiredFieldsPipeline, crawler()).process_item(item) is item


UK_SENTENCE = (
    "Президент України заявив, що «ворог» втратив\u00a0понад 20 тис. військових — "
    "у т.ч. на Київщині, Ґданськ, №\u00a05, їжак, є, «Ї», ’ ВІ-Фай."
)
EN_SENTENCE = "Zelensky said: \u201cwe\u2019ll win\u201d \u2014 Kyiv, 5\u00a0km, caf\u00e9."


@pytest.mark.parametrize("text", [UK_SENTENCE, EN_SENTENCE, "Plain ASCII text."])
def test_clean_text_is_not_garbled(text: str) -> None:
    assert garbled(text) is None


@pytest.mark.parametrize("codec", ["cp1251", "cp1252", "latin-1"])
@pytest.mark.parametrize("sentence", [UK_SENTENCE, EN_SENTENCE])
def test_utf8_misread_in_a_single_byte_codec_is_garbled(codec: str, sentence: str) -> None:
    words = sentence.split()
    for index in range(len(words)):
        try:
            misread = words[index].encode("utf-8").decode(codec)
        except UnicodeDecodeError:  # a byte the codec has no character for
            continue
        if misread == words[index] or any(char.isspace() for char in misread):  # U+0085 is one
            continue
        text = " ".join([*words[:index], misread, *words[index + 1 :]])
        why = garbled(text)
        assert why is not None, text
        assert why.startswith("UTF-8 read as "), why
        assert why.endswith(f": {misread[:40]!r}"), why


def garbled_word_by_word(text: str) -> str | None:
    """``garbled`` by its definition: every word tried in every codec, one after the other."""
    if "\ufffd" in text:
        return "U+FFFD replacement character"
    if text.isascii():
        return None
    if match := CYRILLIC_AS_LATIN1.search(text):
        return f"windows-1251 read as Latin-1: {match[0][:40]!r}"
    for codec in MOJIBAKE_CODECS:
        for word in text.split():
            try:
                fixed = word.encode(codec).decode("utf-8")
            except UnicodeError:
                continue
            if not fixed.isascii() and PLAUSIBLE_TEXT.fullmatch(fixed):
                return f"UTF-8 read as {codec}: {word[:40]!r}"
    return None


def test_garbled_finds_what_trying_every_word_finds() -> None:
    """Random texts of Latin, Cyrillic, punctuation and spaces (Unicode's too), as they are and
    misread in every codec: the fast search agrees with the word-by-word definition."""
    rng = random.Random(5)  # noqa: S311  # test data, not secrets
    chars = (
        "ab zAZ09.,'\"-«»“”’—–…№€™\u00a0\u2003\t\n\x85\u2028\u0301😀"
        + "".join(map(chr, range(0xA0, 0x250)))
        + "".join(map(chr, range(0x400, 0x530)))
        + "".join(map(chr, range(0x2000, 0x2070)))
    )
    texts = ["".join(rng.choices(chars, k=rng.randrange(1, 30))) for _ in range(3000)]
    texts += [UK_SENTENCE, EN_SENTENCE]
    misread = []
    for text in texts:
        for codec in MOJIBAKE_CODECS:
            with contextlib.suppress(UnicodeDecodeError):
                misread.append(text.encode("utf-8").decode(codec))
    found = 0
    for text in texts + misread:
        expected = garbled_word_by_word(text)
        assert garbled(text) == expected, text
        found += expected is not None
    assert found > len(misread) // 2  # the misread texts are found, not only the clean passed


def test_mojibake_drops_the_item_and_counts_it() -> None:
    the_crawler = crawler()
    pipeline = build_from_crawler(RequiredFieldsPipeline, the_crawler)
    body = UK_SENTENCE.encode("utf-8").decode("cp1251")
    with pytest.raises(DropItem, match="mojibake in body"):
        pipeline.process_item(article([body]))
    assert the_crawler.stats.get_value("ukrinform/dropped/mojibake") == 1  # type: ignore[union-attr]


@pytest.mark.parametrize("name", fixture_names("article"))
def test_whole_chain_is_idempotent_on_every_fixture(name: str) -> None:
    chain = PipelineChain()
    once = chain.process(ArticlePage(load_response("article", name)).to_item())
    twice = chain.process(copy.deepcopy(once))
    assert twice == once


def test_chain_counts_stats() -> None:
    the_crawler = crawler()
    chain = PipelineChain(the_crawler.settings, the_crawler.stats)
    chain.process(ArticlePage(load_response("article", "uk-polytics-4044058")).to_item())
    stats = the_crawler.stats.get_stats()  # type: ignore[union-attr]
    assert stats["ukrinform/clean/read_also"] == 1
    assert stats["ukrinform/clean/photo_credit"] == 1
    assert not any(key.startswith("ukrinform/dropped/") for key in stats)


def test_any_of_matches_what_its_templates_match() -> None:
    """The lookahead for the first letters keeps every match of the plain alternation."""
    templates = ("Cat naps", "Ѕleep well", "dog runs")
    fast = cleaning_module._any_of(*templates)
    plain = re.compile("|".join(f"(?:{cleaning_module.loose(t)})" for t in templates), re.I)
    assert fast.pattern != plain.pattern
    rng = random.Random(5)  # noqa: S311  # test data, not secrets
    pieces = ["Cat naps", "сat  naps", "CAT NAPS", "Ѕleep well", "sleep well", "DOG RUNS", "dоg"]
    pieces += ["x", " ", "ſ", "K", "\u212a", "é", "–"]
    for _ in range(2_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert fast.sub("#", text) == plain.sub("#", text), text
    assert fast.search("a сAT NAPS")
