"""Boilerplate knowledge: one phrase catalogue per edition, and the patterns built from them.

Adding an edition: a ``<code>.py`` module here holding its ``CATALOGUE``, and its code in
``EDITIONS``. Rules that the page structure can decide use no phrase (``anchors``).
"""

from __future__ import annotations

from importlib import import_module

from ukrinform_crawler.boilerplate.catalogue import Catalogue, Patterns

EDITIONS = ("en", "uk", "de", "es", "fr", "pl", "ja", "ar", "ru")
"""The editions with a catalogue (``ukrinform_crawler.boilerplate.<code>``)."""

CATALOGUES: dict[str, Catalogue] = {
    code: import_module(f"ukrinform_crawler.boilerplate.{code}").CATALOGUE for code in EDITIONS
}
ALL = Patterns(Catalogue.union(list(CATALOGUES.values())))
"""Every edition's phrases at once: for a page whose edition is unknown, and for the rules that
accept a phrase of any language (the credit word of an emphasised closing line)."""
_PATTERNS = {code: Patterns(catalogue) for code, catalogue in CATALOGUES.items()}


def patterns_for(edition: str | None) -> Patterns:
    """The patterns of an edition's catalogue (``ALL`` for an unknown edition)."""
    return _PATTERNS.get(edition or "", ALL)


__all__ = ["ALL", "CATALOGUES", "EDITIONS", "Catalogue", "Patterns", "patterns_for"]
