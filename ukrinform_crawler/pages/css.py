"""CSS selectors compiled once to lxml XPath, for page classes that read many nodes."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information
from parsel.csstranslator import css2xpath


@lru_cache(maxsize=256)
def compiled_css(css: str) -> etree.XPath:
    """A CSS selector (with parsel's ``::text`` / ``::attr()``) compiled once to lxml XPath.

    The same translation as ``response.css``, evaluated on the lxml tree without wrapping
    every match in a ``Selector``.
    """
    return etree.XPath(css2xpath(css), smart_strings=False)


def select(css: str, node: Any) -> list[Any]:
    """What ``css`` selects below ``node`` (an lxml element): elements or strings, in page order."""
    result = compiled_css(css)(node)
    return result if isinstance(result, list) else [result]
