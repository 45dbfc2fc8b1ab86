"""A deterministic local replica of the Ukrinform editions (ukrinform.net, .ua, .es, .de, .fr,
.pl, .jp, .org, .ru) for offline crawl tests.

``Corpus`` computes articles on demand from ``(seed, index)`` and gives the exact feed record
each must produce (``Corpus.expected``); ``Replica`` serves the corpus over HTTP on loopback in
the real page template, with listings, RSS, sitemaps, search and fault injection.
"""

from .corpus import Block, Corpus, Headline, Link, Mark, SyntheticArticle
from .server import FAULT_MODES, Fault, Replica, decode_payload, php_serialize, search_payload

__all__ = [
    "FAULT_MODES",
    "Block",
    "Corpus",
    "Fault",
    "Headline",
    "Link",
    "Mark",
    "Replica",
    "SyntheticArticle",
    "decode_payload",
    "php_serialize",
    "search_payload",
]
