"""What a boilerplate catalogue holds (one per edition) and the patterns built from it.

A catalogue is data: the phrases of one edition, each marked confirmed (seen on the site) or
assumed (a standard translation). ``Patterns`` turns a catalogue into the compiled regular
expressions the cleaning rules use; nothing else is kept in step with the phrases by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

QUOTES = "\"'«»“”„‟‹›’‘ʼ`「」"
DASHES = "-‐‑‒–—―"
COLONS = ":："
SEMICOLONS = ";；"
FINAL_STOPS = ".,。"
_PAIRS = ("aа", "cс", "eе", "iі", "oо", "pр", "xх", "yу", "kк", "mм", "hн", "tт", "bв")
HOMOGLYPHS = {pair[0]: pair for pair in _PAIRS} | {pair[1]: pair for pair in _PAIRS}
"""Latin and Cyrillic letters that look alike (lower case; patterns ignore case)."""
MEDIA_ID = r"[RР]\s*\d{2}\s*[" + DASHES + r"]\s*\d{5}"
"""The media-identifier code, ``R40-01421`` (Latin or Cyrillic R, any dash)."""
PLACEHOLDERS = {
    "{DOMAIN}": r"ukrinform\s*\.\s*[a-zа-я]{2,3}",
    "{LAW}": r"[IІ]?\s*[XХ]",
    "{VR}": r"(?:VR|ВР|WR)",
    "{MEDIA_ID}": MEDIA_ID,
    "{NO}": r"(?:№|No\.?|N)",
    "{YEAR}": r"\d{4}",
}
"""``{…}`` in a phrase: what may stand there."""


@dataclass(frozen=True)
class Phrase:
    """One phrase of a catalogue and whether the site was seen using it."""

    text: str
    confirmed: bool


def confirmed(text: str) -> Phrase:
    """A phrase seen on the site (site-model.md §9)."""
    return Phrase(text, confirmed=True)


def assumed(text: str) -> Phrase:
    """A phrase the site model does not confirm: a standard translation."""
    return Phrase(text, confirmed=False)


@dataclass(frozen=True)
class Catalogue:
    """The boilerplate phrases of one edition. Placeholders: see ``PLACEHOLDERS``; ``{AND}``
    stands for one of ``conjunctions`` (or a comma)."""

    language: str
    citation_notice: tuple[Phrase, ...]
    """The sentences of the footer's citation notice."""
    advertising_disclaimer: tuple[Phrase, ...]
    """The advertising-law disclaimer that closes the notice paragraph."""
    media_identifier: tuple[Phrase, ...]
    """The media-identifier line."""
    copyright: tuple[Phrase, ...]
    """Copyright lines, all of the form ``© 2015-{YEAR} <publisher>. <rights reserved>.``"""
    publisher: tuple[Phrase, ...]
    """The publisher's name as a line of its own under the headline."""
    read_also: tuple[Phrase, ...]
    """Labels of a "Read also" paragraph, with their colon."""
    photo_credit: tuple[Phrase, ...]
    """Prefixes of the photo-credit line, with their colon when they take one."""
    byline: tuple[Phrase, ...]
    """Words that open a human byline ("Prepared by")."""
    conjunctions: tuple[str, ...]
    """The words joining the last two of a list ("and"): bylines and promo lines."""
    search_form: tuple[Phrase, ...]
    """Words of the search form, which old templates paste after the text."""
    promo: tuple[Phrase, ...]
    """The promo lines of the agency's channels."""

    @classmethod
    def union(cls, catalogues: list[Catalogue]) -> Catalogue:
        """Every phrase of ``catalogues``: for a page whose edition is unknown."""
        values: dict[str, tuple[object, ...]] = {}
        for item in fields(cls):
            if item.name != "language":
                merged = [value for c in catalogues for value in getattr(c, item.name)]
                values[item.name] = tuple(dict.fromkeys(merged))
        return cls(language="*", **values)  # type: ignore[arg-type]  # built from fields(cls)

    def phrases(self) -> list[Phrase]:
        """Every phrase of the catalogue."""
        return [
            value
            for item in fields(self)
            if isinstance(values := getattr(self, item.name), tuple)
            for value in values
            if isinstance(value, Phrase)
        ]


def loose(template: str, conjunctions: tuple[str, ...] = ()) -> str:
    """A regex for a boilerplate phrase, tolerant of how pages vary it.

    Whitespace may be missing or repeated, any quote or apostrophe may stand for another (or be
    missing), dashes for dashes, colons for colons (``:`` ``：``), Latin and Cyrillic look-alike
    letters for each other; a final period is optional; ``{…}`` are placeholders. Compile with
    ``re.IGNORECASE``.
    """
    placeholders = {**PLACEHOLDERS, "{AND}": _and(conjunctions)}
    parts: list[str] = []
    index = 0
    while index < len(template):
        char = template[index]
        if char == "{" and (
            name := next((p for p in placeholders if template.startswith(p, index)), None)
        ):
            parts.append(placeholders[name])
            index += len(name)
            continue
        if char.isspace():
            parts.append(r"\s*")
        elif char in FINAL_STOPS and index == len(template) - 1:
            parts.append(f"[{re.escape(FINAL_STOPS)}]?")
        elif char in QUOTES:
            parts.append(f"[{re.escape(QUOTES)}]?")
        elif char in DASHES:
            parts.append(rf"\s*[{DASHES}]\s*")
        elif char in COLONS:
            parts.append(rf"\s*[{COLONS}]")
        elif char in SEMICOLONS:
            parts.append(rf"\s*[{SEMICOLONS}]")
        elif char.lower() in HOMOGLYPHS:
            parts.append(f"[{HOMOGLYPHS[char.lower()]}]")
        else:
            parts.append(re.escape(char))
        index += 1
    return "".join(parts)


def _and(conjunctions: tuple[str, ...]) -> str:
    words = "|".join(re.escape(word) for word in conjunctions)
    return rf"(?:,?\s*(?:{words})|,)" if words else ","


def any_of(phrases: tuple[Phrase, ...], conjunctions: tuple[str, ...] = ()) -> re.Pattern[str]:
    """Any of the ``loose`` phrases (never matching when there are none)."""
    if not phrases:
        return re.compile(r"(?!)")
    templates = sorted({phrase.text for phrase in phrases}, key=len, reverse=True)
    pattern = "|".join(f"(?:{loose(template, conjunctions)})" for template in templates)
    return re.compile(pattern, re.IGNORECASE)


_COPYRIGHT_FORM = re.compile(
    r"^©\s*\d{4}\s*-\s*\{YEAR\}\s*(?P<publisher>[^.]+?)\.\s*(?P<rights>.+)$"
)


def _label(text: str) -> str:
    """A prefix without its colon, as a loose pattern."""
    return loose(text.rstrip(COLONS + " \u00a0"))


class Patterns:
    """The compiled patterns of one catalogue (each rule reads the ones it needs)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.citation_notice = any_of(catalogue.citation_notice)
        self.advertising_disclaimer = any_of(catalogue.advertising_disclaimer)
        self.media_identifier = any_of(catalogue.media_identifier)
        self.promo = any_of(catalogue.promo, catalogue.conjunctions)
        self.copyright = self._copyright(catalogue.copyright)
        names = "|".join(loose(p.text) for p in catalogue.publisher)
        self.publisher = re.compile(rf"(?:{names})\.?" if names else r"(?!)", re.IGNORECASE)
        words = "|".join(loose(p.text) for p in catalogue.search_form)
        self.search_form = re.compile(
            rf"(?:\s*(?:{words})|\s*[{DASHES}])+\s*" if words else r"(?!)", re.IGNORECASE
        )
        labels = "|".join(_label(p.text) for p in catalogue.read_also)
        self.read_also = re.compile(rf"^(?:{labels})\s*[{COLONS}]" if labels else r"(?!)", re.I)
        self.photo_credit, self.bare_photo = self._credit(catalogue.photo_credit)
        self.byline, self.byline_separator = self._byline(catalogue)

    @staticmethod
    def _copyright(phrases: tuple[Phrase, ...]) -> re.Pattern[str]:
        """``© [YYYY-]YYYY[,] <publisher>[.] [<rights reserved>[.]]``, "(c)" for "©"."""
        publishers: dict[str, None] = {}
        rights: dict[str, None] = {}
        for phrase in phrases:
            if match := _COPYRIGHT_FORM.match(phrase.text):
                publishers[loose(match["publisher"])] = None
                rights[loose(match["rights"].rstrip(FINAL_STOPS))] = None
        if not publishers:
            return re.compile(r"(?!)")
        return re.compile(
            rf"(?:©|\(c\))\s*(?:\d{{4}}\s*[{DASHES}]\s*)?\d{{4}},?\s*(?:{'|'.join(publishers)})"
            rf"\s*\.?(?:\s*(?:{'|'.join(rights)})\s*[{re.escape(FINAL_STOPS)}]?)?",
            re.IGNORECASE,
        )

    @staticmethod
    def _credit(phrases: tuple[Phrase, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """The credit line (its text after the prefix is ``credit``) and a bare credit word."""
        prefixes = []
        words = []
        for phrase in phrases:
            text = phrase.text.strip()
            word = _label(text)
            words.append(word)
            prefixes.append(rf"{word}\s*[{COLONS}]" if text[-1] in COLONS else word)
        if not prefixes:
            return re.compile(r"(?!)"), re.compile(r"(?!)")
        return (
            re.compile(rf"^(?:{'|'.join(prefixes)})\s*(?P<credit>.*)$", re.IGNORECASE),
            re.compile(rf"^(?:{'|'.join(words)})\s*[{COLONS}]?$", re.IGNORECASE),
        )

    @staticmethod
    def _byline(catalogue: Catalogue) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """A byline paragraph ("Підготувала Марина Дмитрів, Київ": ``names`` then a place) and
        what separates its names."""
        prefixes = sorted((loose(p.text) for p in catalogue.byline), key=len, reverse=True)
        if not prefixes:
            return re.compile(r"(?!)"), re.compile(",")
        words = "|".join(re.escape(word) for word in catalogue.conjunctions)
        separator = rf"\s*(?:,|\s(?:{words})\s|&)\s*" if words else r"\s*(?:,|&)\s*"
        return (
            re.compile(
                rf"^(?i:{'|'.join(prefixes)})\s+(?P<names>[^,.:;]{{3,100}}?)(?:,\s*[^,.]{{2,40}})?\.?$"
            ),
            re.compile(separator),
        )

    def byline_names(self, paragraph: str) -> list[str]:
        """The names of a byline paragraph, or [] when it is not one (names are capitalised)."""
        match = self.byline.match(paragraph)
        if not match:
            return []
        names = [name.strip() for name in self.byline_separator.split(match["names"])]
        if not names or not all(
            name and len(name.split()) <= 4 and all(word[0].isupper() for word in name.split())
            for name in names
        ):
            return []
        return names
