"""The article record: the JSONL contract of every spider in this project."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict


class RelatedLink(TypedDict):
    """One entry of a "Read also" / "Читайте також" block."""

    title: str
    url: str


@dataclass(kw_only=True)
class Article:
    """One Ukrinform article, exported as one JSON line in this field order."""

    id: int | None = None
    """Numeric article id taken from the URL (``/rubric-ato/3783953-….html`` → 3783953)."""
    version: int = 1
    """Version of this record: 1 when first exported, +1 each time a changed text is re-exported."""
    url: str
    """Canonical article URL: https, ``www.`` edition host, no query or fragment."""
    edition: str | None = None
    """Edition code: "en" (ukrinform.net), "uk" (ukrinform.ua), "es", "de", "ar", "fr", "ja", …"""
    language: str | None = None
    """Language of the page, from ``<html lang>`` (e.g. "en", "uk")."""
    rubric: str | None = None
    """Rubric slug from the URL, without the ``rubric-`` prefix (e.g. "polytics")."""
    rubric_name: str | None = None
    """Rubric display name as the page shows it (e.g. "Politics", "Політика")."""
    title: str | None = None
    """Headline."""
    lead: str | None = None
    """Standfirst shown under the headline, or null when the page has none."""
    label: str | None = None
    """Type label shown before the date ("Exclusive", "Заява"), or null."""
    body: str | None = None
    """Clean plain text: paragraphs separated by one blank line, no lead, no boilerplate."""
    body_html: str | None = None
    """The body as minimal HTML, one block per line (p, h2, h3, ul, ol, blockquote, figure)."""
    published_at: str | None = None
    """Publication time, ISO 8601 with the Europe/Kyiv offset of that date."""
    published_at_raw: str | None = None
    """Publication time exactly as the page shows it (``DD.MM.YYYY HH:MM``)."""
    modified_at: str | None = None
    """Last modification time, ISO 8601 with the Europe/Kyiv offset, or null."""
    authors: list[str] = field(default_factory=list)
    """Human bylines when the article has one, otherwise the JSON-LD author names."""
    tags: list[str] = field(default_factory=list)
    """Tag names in page order."""
    image_url: str | None = None
    """Absolute URL of the lead image, or null."""
    image_credit: str | None = None
    """Photo credit from the page's "Photo: …" / "Фото: …" line, without the prefix, or null."""
    related: list[RelatedLink] = field(default_factory=list)
    """Links of the "Read also" / "Читайте також" blocks, canonical absolute URLs, in page order."""
    scraped_at: str | None = None
    """When the page was parsed, UTC, ISO 8601."""
