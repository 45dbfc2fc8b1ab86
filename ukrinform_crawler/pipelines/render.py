"""The last cleaning step: the draft's blocks rendered, once, as ``body`` and ``body_html``."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from scrapy import Spider

from ukrinform_crawler.items import Article
from ukrinform_crawler.pages.blocks import (
    BREAK,
    LIST_KINDS,
    TEXT_KINDS,
    ArticleDraft,
    Block,
    Mark,
)
from ukrinform_crawler.pipelines.base import ArticlePipeline
from ukrinform_crawler.text import escape_attr, escape_text

PARAGRAPH_SEPARATOR = "\n\n"
"""Separator of paragraphs in ``Article.body``."""
HTML_LINE_SEPARATOR = "\n"
"""Separator of block lines in ``Article.body_html``."""


def inline_html(block: Block) -> str:
    """The runs of a block as minimal HTML: text escaped, marks opened and closed around it."""
    out: list[str] = []
    open_marks: tuple[Mark, ...] = ()
    for run in block.inlines:
        common = 0
        limit = min(len(open_marks), len(run.marks))
        while common < limit and open_marks[common] == run.marks[common]:
            common += 1
        out.extend(f"</{mark.tag}>" for mark in reversed(open_marks[common:]))
        for mark in run.marks[common:]:
            out.append(
                f'<a href="{escape_attr(mark.href or "")}">' if mark.tag == "a" else f"<{mark.tag}>"
            )
        out.append("<br>" if run.text == BREAK else escape_text(run.text))
        open_marks = run.marks
    out.extend(f"</{mark.tag}>" for mark in reversed(open_marks))
    return "".join(out)


def block_html(block: Block) -> str | None:
    """One line of ``body_html`` (None for a block that is not part of the body)."""
    if block.kind in LIST_KINDS:
        items = "".join(f"<li>{inline_html(item)}</li>" for item in block.items)
        return f"<{block.kind}>{items}</{block.kind}>"
    if block.kind == "figure" and block.src:
        return (
            f'<figure><img src="{escape_attr(block.src)}" alt="{escape_attr(block.alt)}"></figure>'
        )
    if block.kind in TEXT_KINDS and block.text:
        return f"<{block.kind}>{inline_html(block)}</{block.kind}>"
    return None


def render(draft: ArticleDraft) -> Article:
    """The exported ``Article`` of a cleaned draft: its ``Article`` fields, and the body."""
    values = {item.name: getattr(draft, item.name) for item in fields(Article)}
    paragraphs = [text for block in draft.blocks for text in block.paragraphs()]
    lines = [line for block in draft.blocks if (line := block_html(block)) is not None]
    values["body"] = PARAGRAPH_SEPARATOR.join(paragraphs) or None
    values["body_html"] = HTML_LINE_SEPARATOR.join(lines) or None
    return Article(**values)


class RenderPipeline(ArticlePipeline):
    """Turns the cleaned draft into the ``Article`` the feed exports (no other item changes)."""

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        return render(item) if isinstance(item, ArticleDraft) else item
