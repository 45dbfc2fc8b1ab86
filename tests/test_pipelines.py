from __future__ import annotations

import contextlib
import copy
import inspect
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
from ukrinform_crawler.pages.blocks import ArticleDraft, Block, Inline, Mark
from ukrinform_crawler.pipelines import ITEM_PIPELINES, PipelineChain, clean_article
from ukrinform_crawler.pipelines.base import ArticlePipeline
from ukrinform_crawler.pipelines.cleaning import (
    AdvertisingDisclaimerPipeline,
    BylinePipeline,
    CitationNoticePipeline,
    CopyrightLinePipeline,
    MediaIdentifierPipeline,
    PhotoCreditPipeline,
    PromoLinePipeline,
    PublisherLinePipeline,
    ReadAlsoPipeline,
    RepeatedHeadingPipeline,
    SearchFormPipeline,
)
from ukrinform_crawler.pipelines.render import RenderPipeline, render
from ukrinform_crawler.pipelines.validation import (
    CYRILLIC_AS_LATIN1,
    MOJIBAKE_CODECS,
    PLAUSIBLE_TEXT,
    RequiredFieldsPipeline,
    garbled,
)

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
ARTICLE = "https://www.ukrinform.net/rubric-ato/1-x.html"


def crawler(settings: dict[str, Any] | None = None) -> Crawler:
    return get_crawler(settings_dict=settings or {})


def p(text: str) -> Block:
    return Block("p", (Inline(text),))


def linked(before: str, title: str, href: str = ARTICLE, after: str = "") -> Block:
    runs = [Inline(before), Inline(title, (Mark("a", href),)), Inline(after)]
    return Block("p", tuple(run for run in runs if run.text))


def draft(blocks: list[str | Block], **fields: Any) -> ArticleDraft:
    values: dict[str, Any] = {
        "id": 3999860,
        "url": URL,
        "edition": "en",
        "title": "Zelensky, Nausėda discuss talks",
        "published_at": "2025-06-02T18:57:00+03:00",
        "blocks": tuple(p(b) if isinstance(b, str) else b for b in blocks),
    }
    values.update(fields)
    return ArticleDraft(**values)


def texts(item: ArticleDraft) -> list[str]:
    return [text for block in item.blocks for text in block.paragraphs()]


def run_twice(
    cls: type[ArticlePipeline], item: ArticleDraft, settings: dict[str, Any] | None = None
) -> tuple[ArticleDraft, dict[str, Any]]:
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
    assert classes[0] is ReadAlsoPipeline
    assert classes[-2:] == [RenderPipeline, RequiredFieldsPipeline]
    for cls in classes:
        parameter = inspect.signature(cls.process_item).parameters["spider"]
        assert parameter.default is None  # optional: no Scrapy 2.19 deprecation warning
        pipeline = build_from_crawler(cls, crawler())
        assert pipeline.process_item(render(draft(["Text."]))) is not None


def test_pipeline_manager_builds_without_warnings() -> None:
    from scrapy.pipelines import ItemPipelineManager

    the_crawler = crawler({"ITEM_PIPELINES": ITEM_PIPELINES})
    manager = ItemPipelineManager.from_crawler(the_crawler)
    assert len(manager.methods["process_item"]) == len(ITEM_PIPELINES)


def test_render_writes_body_and_body_html_once_from_blocks() -> None:
    figure = Block("figure", src="https://static.ukrinform.com/photos/x.jpg", alt='a "b"')
    items = (Block("li", (Inline("one"),)), Block("li", (Inline("two & three"),)))
    strong_link = (Mark("strong"), Mark("a", "https://x/?a=1&b=2"))
    blocks = [
        Block("h2", (Inline("Head <1>"),)),
        Block(
            "p",
            (
                Inline("A "),
                Inline("bold", (Mark("strong"),)),
                Inline(" ", (Mark("strong"),)),
                Inline("link", strong_link),
                Inline("\n"),
                Inline("\u0338after"),
            ),
        ),
        figure,
        Block("ul", items=items),
        Block("related", (Inline("Read also:"),)),
    ]
    article = render(draft(blocks, related=[RelatedLink(title="t", url=ARTICLE)]))
    assert type(article) is Article
    assert article.body == "Head <1>\n\nA bold link \u0338after\n\none\n\ntwo & three"
    assert article.body_html == (
        "<h2>Head &lt;1&gt;</h2>\n"
        '<p>A <strong>bold <a href="https://x/?a=1&amp;b=2">link</a></strong><br>\u0338after</p>\n'
        '<figure><img src="https://static.ukrinform.com/photos/x.jpg" alt="a &quot;b&quot;">'
        "</figure>\n<ul><li>one</li><li>two &amp; three</li></ul>"
    )
    assert article.related == [{"title": "t", "url": ARTICLE}]
    assert render(draft([])).body is None
    assert render(draft([])).body_html is None


def test_read_also_moves_links_to_related_in_page_order() -> None:
    first = "https://www.ukrinform.net/rubric-polytics/3999712-zelensky-duda.html"
    second = "https://www.ukrinform.net/rubric-ato/3999755-swap.html"
    box = Block("related", (Inline("Read also:"), Inline(" "), Inline("Duda", (Mark("a", first),))))
    item = draft(
        [
            "Para one.",
            box,
            "Para two.",
            linked("Read also: ", "Swap", second + "?x=1"),
            linked("Read also: ", "Duplicate", first),
            "Read also: No link here",
            linked("Details of the talks are in ", "our report", first, "."),
            "Para three.",
        ],
        related=[RelatedLink(title="Earlier", url="https://www.ukrinform.net/rubric-ato/1-a.html")],
    )
    once, stats = run_twice(ReadAlsoPipeline, item)
    assert texts(once) == [
        "Para one.",
        "Para two.",
        "Details of the talks are in our report.",
        "Para three.",
    ]
    assert once.related == [
        {"title": "Earlier", "url": "https://www.ukrinform.net/rubric-ato/1-a.html"},
        {"title": "Duda", "url": first},
        {"title": "Swap", "url": second},
    ]
    assert stats["ukrinform/clean/read_also"] == 4


@pytest.mark.parametrize(
    "label",
    ["Lesen Sie auch:", "Czytaj także:", "Voir aussi :", "参照：", "Zobacz:", "Dit:"],
)
def test_a_label_and_one_article_link_are_related_in_any_language(label: str) -> None:
    bold_label = Block(
        "p", (Inline(label, (Mark("strong"),)), Inline(" "), Inline("Titel", (Mark("a", ARTICLE),)))
    )
    once, _ = run_twice(
        ReadAlsoPipeline, draft(["Text.", linked(label + " ", "Titel"), bold_label])
    )
    assert texts(once) == ["Text."]
    assert once.related == [{"title": "Titel", "url": ARTICLE}]


@pytest.mark.parametrize(
    "block",
    [
        linked("Source: ", "a report", "https://example.com/report.html"),  # not the site
        linked("The talks: ", "Zelensky met Duda", ARTICLE, " in Vilnius."),  # text after it
        linked("He said in a long sentence that: ", "this", ARTICLE),  # not a short label
        linked("No colon ", "here", ARTICLE),
    ],
)
def test_other_paragraphs_with_one_link_stay(block: Block) -> None:
    once, stats = run_twice(ReadAlsoPipeline, draft([block]))
    assert once.blocks == (block,)
    assert once.related == []
    assert "ukrinform/clean/read_also" not in stats


def test_photo_credit() -> None:
    long_text = ("Photo: " + "a very long sentence that is not a credit " * 5).strip()
    emphasis = Block("p", (Inline("Photo: President’s Office", (Mark("em"),)),))
    item = draft(["Text.", "Photo", "Фото:", long_text, emphasis, "After."])
    once, stats = run_twice(PhotoCreditPipeline, item)
    assert once.image_credit == "President’s Office"
    assert texts(once) == ["Text.", "Фото:", long_text, "After."]
    assert stats["ukrinform/clean/photo_credit"] == 2


def test_photo_credit_of_a_closing_emphasised_line_in_any_language() -> None:
    credit = Block("p", (Inline("Foto: Präsidialamt", (Mark("em"),)),))
    once, stats = run_twice(PhotoCreditPipeline, draft(["Text.", credit], edition="en"))
    assert once.image_credit == "Präsidialamt"
    assert texts(once) == ["Text."]
    assert stats["ukrinform/clean/photo_credit"] == 1
    not_last, _ = run_twice(PhotoCreditPipeline, draft([credit, "Text."], edition="en"))
    assert not_last.image_credit is None
    plain, _ = run_twice(PhotoCreditPipeline, draft(["Text.", "Foto: Präsidialamt"], edition="en"))
    assert plain.image_credit is None


def test_photo_credit_length_setting() -> None:
    item = draft(["Фото: Офіс Президента України та Міністерство закордонних справ"], edition="uk")
    once, _ = run_twice(PhotoCreditPipeline, item, {"UKRINFORM_CREDIT_MAX_LENGTH": 20})
    assert once.image_credit is None
    assert texts(once)


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
    edition = "uk" if re.search("[а-яіїєґ]", junk.lower().replace("х", "")) else "en"
    real = "The talks ended." if edition == "en" else "Переговори завершилися."
    item = draft([junk, linked("", real, ARTICLE, junk), KEEP_EN, KEEP_UK], edition=edition)
    once, stats = run_twice(cls, item)
    assert once.blocks == (linked("", real), p(KEEP_EN), p(KEEP_UK))
    assert render(once).body_html == (
        f'<p><a href="{ARTICLE}">{real}</a></p>\n<p>{KEEP_EN}</p>\n<p>{KEEP_UK}</p>'
    )
    assert stats[f"ukrinform/clean/{rule}"] == 2


def test_removal_keeps_the_markup_around_it() -> None:
    block = Block(
        "p",
        (
            Inline("Kept "),
            Inline("words", (Mark("strong"),)),
            Inline(" © 2015-2026 Ukrinform. All rights reserved. More "),
            Inline("text", (Mark("em"),)),
        ),
    )
    once, _ = run_twice(CopyrightLinePipeline, draft([block]))
    assert render(once).body_html == "<p>Kept <strong>words</strong> More <em>text</em></p>"


@pytest.mark.parametrize(
    "variant",
    [
        EN_NOTICE.replace(" ", "  ").replace("ukrinform.net", "ukrinform.es"),
        EN_NOTICE.replace(". In addition", ".In addition"),
        EN_NOTICE.upper(),
        UK_NOTICE.replace("«ukrinform.ua»", '"ukrinform.ua"').replace("обов’язкові", "обов'язкові"),
        UK_NOTICE.replace('"ukrinform.ua"', "„ukrinform.ua“"),
    ],
)
def test_citation_notice_variants(variant: str) -> None:
    once, _ = run_twice(CitationNoticePipeline, draft([variant, KEEP_EN], edition=None))
    assert texts(once) == [KEEP_EN]


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
    once, _ = run_twice(AdvertisingDisclaimerPipeline, draft([variant, KEEP_UK], edition=None))
    assert texts(once) == [KEEP_UK]


def test_full_footer_paragraph_needs_both_notice_pipelines() -> None:
    footer = f"{UK_NOTICE} {UK_DISCLAIMER}"
    media = "Cуб'єкт у сфері онлайн-медіа; ідентифікатор медіа - R40-01421."
    item = clean_article(draft([KEEP_UK, footer, media], edition="uk"))
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
    edition = "en" if paragraph.isascii() or paragraph.strip() == "–" else "uk"
    once, stats = run_twice(SearchFormPipeline, draft([paragraph, "Kept."], edition=edition))
    assert texts(once) == ["Kept."]
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
    once, _ = run_twice(SearchFormPipeline, draft([paragraph], edition=None))
    assert texts(once) == [paragraph]


def test_publisher_line() -> None:
    item = draft(["Ukrinform", "Ukrinform.", "Ukrinform reports.", KEEP_UK])
    once, stats = run_twice(PublisherLinePipeline, item)
    assert texts(once) == ["Ukrinform reports.", KEEP_UK]
    assert stats["ukrinform/clean/publisher_line"] == 2


def test_repeated_heading() -> None:
    item = draft(
        ["Zelensky, Nausėda discuss talks", "The lead.", "02.06.2025 18:57", "Body."],
        lead="The lead.",
        published_at_raw="02.06.2025 18:57",
    )
    once, stats = run_twice(RepeatedHeadingPipeline, item)
    assert texts(once) == ["Body."]
    assert stats["ukrinform/clean/repeated_heading"] == 3


@pytest.mark.parametrize(("title", "paragraph"), [("STRASSE", "Straße"), ("Straße", "STRASSE")])
def test_repeated_heading_compares_case_folded_text(title: str, paragraph: str) -> None:
    once, stats = run_twice(RepeatedHeadingPipeline, draft([paragraph, "Body."], title=title))
    assert texts(once) == ["Body."]
    assert stats["ukrinform/clean/repeated_heading"] == 1


def test_a_list_loses_its_boilerplate_items_and_an_empty_list_goes() -> None:
    items = (Block("li", (Inline("One."),)), Block("li", (Inline("Ukrinform"),)))
    empty = (Block("li", (Inline("Ukrinform"),)),)
    item = draft([Block("ul", items=items), Block("ol", items=empty), "Body."])
    once, stats = run_twice(PublisherLinePipeline, item)
    assert once.blocks == (Block("ul", items=items[:1]), p("Body."))
    assert stats["ukrinform/clean/publisher_line"] == 2


def test_byline_closing_the_body_sets_authors() -> None:
    item = draft(["Body.", "Prepared by Iryna Shevchuk, Kyiv"], authors=["Ukrinform"])
    once, stats = run_twice(BylinePipeline, item)
    assert once.authors == ["Iryna Shevchuk"]
    assert texts(once) == ["Body.", "Prepared by Iryna Shevchuk, Kyiv"]
    assert stats["ukrinform/clean/byline"] == 1


@pytest.mark.parametrize(
    ("edition", "paragraph", "names"),
    [
        ("uk", "Підготувала Марина Дмитрів, Київ", ["Марина Дмитрів"]),
        (
            "en",
            "Prepared by Iryna Kovalenko and Petro Savchuk, Kyiv",
            ["Iryna Kovalenko", "Petro Savchuk"],
        ),
        (
            "uk",
            "Підготували Олена Коваленко та Іван Петренко",
            ["Олена Коваленко", "Іван Петренко"],
        ),
        ("de", "Vorbereitet von Anna Schmidt und Jan Kowal, Kyjiw", ["Anna Schmidt", "Jan Kowal"]),
        ("pl", "Opracowała Anna Nowak, Kijów", ["Anna Nowak"]),
        ("en", "Prepared by the editorial team", []),
        ("en", "By Tuesday, the troops had advanced", []),
        ("uk", "Підготувала до друку редакція, яка працювала всю ніч над матеріалом про війну", []),
        ("uk", "Марина Дмитрів, Київ", []),
    ],
)
def test_byline_names(edition: str, paragraph: str, names: list[str]) -> None:
    once, _ = run_twice(BylinePipeline, draft(["Body.", paragraph], edition=edition, authors=["U"]))
    assert once.authors == (names or ["U"])


def test_byline_followed_by_boilerplate_is_found_after_cleaning() -> None:
    footer = [EN_NOTICE, "© 2015-2026 Ukrinform. All rights reserved.", "Extended search", "-"]
    item = clean_article(draft(["Body.", "Prepared by Iryna Shevchuk, Kyiv", *footer]))
    assert item.authors == ["Iryna Shevchuk"]
    assert item.body == "Body.\n\nPrepared by Iryna Shevchuk, Kyiv"


def test_no_byline_keeps_authors() -> None:
    once, stats = run_twice(BylinePipeline, draft(["Body."], authors=["Ukrinform"]))
    assert once.authors == ["Ukrinform"]
    assert "ukrinform/clean/byline" not in stats


def test_everything_removed_leaves_no_body() -> None:
    item = clean_article(draft(["Ukrinform", "Photo: X"]), {"UKRINFORM_REQUIRED_FIELDS": ["id"]})
    assert item.body is None
    assert item.body_html is None
    assert item.image_credit == "X"


def test_rules_pass_a_rendered_article_untouched() -> None:
    article = render(draft(["Ukrinform", "Body."]))
    for path in ITEM_PIPELINES:
        assert load_object(path)().process_item(article) is article


@pytest.mark.parametrize("field", ["id", "url", "title", "body", "published_at"])
def test_validation_drops_items_missing_a_required_field(field: str) -> None:
    the_crawler = crawler()
    pipeline = build_from_crawler(RequiredFieldsPipeline, the_crawler)
    item = replace(render(draft(["Text."])), **{field: None if field != "url" else ""})
    with pytest.raises(DropItem, match=f"missing {field}"):
        pipeline.process_item(item)
    assert the_crawler.stats.get_value(f"ukrinform/dropped/missing_{field}") == 1  # type: ignore[union-attr]


def test_validation_fields_from_settings() -> None:
    the_crawler = crawler({"UKRINFORM_REQUIRED_FIELDS": ["id", "lead"]})
    pipeline = build_from_crawler(RequiredFieldsPipeline, the_crawler)
    with pytest.raises(DropItem, match="missing lead"):
        pipeline.process_item(render(draft(["Text."])))
    assert pipeline.process_item(render(draft(["Text."], lead="Lead."))).lead == "Lead."


def test_valid_item_passes() -> None:
    item = render(draft(["Text."]))
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
    """``garbled`` by its definition: every word (between spaces and line ends, as normalised
    text separates them) tried in every codec, one after the other."""
    if "\ufffd" in text:
        return "U+FFFD replacement character"
    if text.isascii():
        return None
    if match := CYRILLIC_AS_LATIN1.search(text):
        return f"windows-1251 read as Latin-1: {match[0][:40]!r}"
    for codec in MOJIBAKE_CODECS:
        for word in re.split(r"[ \n]+", text):
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
        pipeline.process_item(render(draft([body])))
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
