"""The article body as structure: blocks of inline runs, and the draft the spider yields.

The page makes blocks (``LineBuilder`` is the one place that decides where spaces and line
breaks go); the cleaning rules drop or edit blocks; ``pipelines.render`` writes ``body`` and
``body_html`` from them once, at the end. Block texts are normalised when made (NFC, collapsed
whitespace, no NBSP, soft hyphen or zero-width character) and never escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ukrinform_crawler.items import Article
from ukrinform_crawler.text import collapse_whitespace, nfc, replace_special_chars

BREAK = "\n"
"""The text of an ``Inline`` that is a line break (normalised text holds no newline)."""
TEXT_KINDS = frozenset({"p", "h2", "h3", "blockquote", "li"})
"""Blocks whose text is a paragraph of the body."""
LIST_KINDS = frozenset({"ul", "ol"})


@dataclass(frozen=True, slots=True)
class Mark:
    """Inline markup around a run: ``strong``, ``em`` or ``a`` (with its absolute ``href``)."""

    tag: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Inline:
    """A run of text inside the marks around it (outermost first); ``BREAK`` is a line break."""

    text: str
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class Block:
    """One block of the body.

    ``kind``: ``p``, ``h2``, ``h3``, ``blockquote`` (text in ``inlines``); ``ul``/``ol``
    (``items``, blocks of kind ``li``); ``figure`` (``src``, ``alt``); ``related`` (a "Read
    also" box: a label and links); ``credit`` (the photo-credit line, its credit in ``alt``).
    """

    kind: str
    inlines: tuple[Inline, ...] = ()
    items: tuple[Block, ...] = ()
    src: str | None = None
    alt: str = ""
    text: str = field(init=False, repr=False, compare=False)
    """The plain text of ``inlines`` (a line break reads as a space), NFC."""

    def __post_init__(self) -> None:
        text = "".join(" " if run.text == BREAK else run.text for run in self.inlines)
        object.__setattr__(self, "text", nfc(text))

    def paragraphs(self) -> tuple[str, ...]:
        """The paragraphs of the plain body this block gives: a list gives one per item."""
        if self.kind in LIST_KINDS:
            return tuple(item.text for item in self.items)
        return (self.text,) if self.text and self.kind in TEXT_KINDS else ()

    def links(self) -> list[tuple[str, str]]:
        """``(title, href)`` of each link, in order (consecutive runs of one link joined)."""
        links: list[tuple[str, str]] = []
        current: Mark | None = None
        for run in self.inlines:
            mark = next((m for m in run.marks if m.tag == "a"), None)
            if mark is not None and mark.href and mark == current:
                links[-1] = (links[-1][0] + run.text, mark.href)
            elif mark is not None and mark.href:
                links.append((run.text, mark.href))
            current = mark
        return [(collapse_whitespace(nfc(title)), href) for title, href in links]

    def is_emphasis(self) -> bool:
        """True when every run of text is inside ``em``."""
        return all(
            any(m.tag == "em" for m in run.marks) for run in self.inlines if run.text.strip()
        )


@dataclass(kw_only=True)
class ArticleDraft(Article):
    """An ``Article`` before cleaning: its body is ``blocks``, not yet ``body``/``body_html``,
    ``related`` or ``image_credit``. It never reaches a feed (``pipelines.render``)."""

    blocks: tuple[Block, ...] = ()


class LineBuilder:
    """Builds the runs of one block from the texts and elements of its markup, in page order.

    Whitespace collapses to one space; spaces and line breaks go only between pieces of text,
    inside the marks both pieces share, so no block starts or ends with one; markup that holds
    no text leaves nothing. Adjacent runs in equal marks are one run.
    """

    __slots__ = ("_emitted", "_stack", "br", "runs", "space", "started")

    def __init__(self) -> None:
        self.runs: list[Inline] = []
        self._stack: list[Mark | None] = []
        self._emitted = 0
        """How many entries of the stack have text (they are open in the output)."""
        self.started = False
        self.space = False
        self.br = False

    def add_text(self, raw: str) -> None:
        if raw.isspace():  # the whitespace between tags; NBSP and U+202F are whitespace too
            self.space = True
            return
        text = replace_special_chars(raw)
        if not text:
            return
        if text[0].isspace():
            self.space = True
        if core := collapse_whitespace(text):
            self._content(core)
            if text[-1].isspace():
                self.space = True

    def line_break(self) -> None:
        self.br = True

    def open(self, mark: Mark | None) -> None:
        """Enter an element (``mark`` None: an element that adds no markup)."""
        self._stack.append(mark)

    def close(self) -> None:
        self._stack.pop()
        self._emitted = min(self._emitted, len(self._stack))

    def _marks(self, depth: int) -> tuple[Mark, ...]:
        return tuple(mark for mark in self._stack[:depth] if mark is not None)

    def _content(self, text: str) -> None:
        if self.started and (self.br or self.space):
            self._append(Inline(BREAK if self.br else " ", self._marks(self._emitted)))
        self._append(Inline(text, self._marks(len(self._stack))))
        self._emitted = len(self._stack)
        self.started = True
        self.space = self.br = False

    def _append(self, run: Inline) -> None:
        last = self.runs[-1] if self.runs else None
        if last and last.marks == run.marks and BREAK not in (last.text, run.text):
            self.runs[-1] = Inline(last.text + run.text, run.marks)
        else:
            self.runs.append(run)

    def finish(self) -> tuple[Inline, ...]:
        """The runs built, each NFC."""
        return tuple(Inline(nfc(run.text), run.marks) for run in self.runs)


def rebuild(pieces: Iterable[Inline]) -> tuple[Inline, ...]:
    """Runs again from runs whose text was edited: whitespace re-collapsed by ``LineBuilder``."""
    line = LineBuilder()
    current: tuple[Mark, ...] = ()
    for piece in pieces:
        common = 0
        while (
            common < min(len(current), len(piece.marks)) and current[common] == piece.marks[common]
        ):
            common += 1
        for _ in current[common:]:
            line.close()
        for mark in piece.marks[common:]:
            line.open(mark)
        current = piece.marks
        if piece.text == BREAK:
            line.line_break()
        else:
            line.add_text(piece.text)
    return line.finish()


def without_spans(block: Block, spans: Sequence[tuple[int, int]]) -> Block | None:
    """``block`` with the spans of its ``text`` removed (each becomes a space, then whitespace
    is collapsed again); None when no text is left. Markup outside the spans is kept; a block
    whose text is not the plain join of its runs (NFC joined across runs) loses its markup."""
    joined = "".join(" " if run.text == BREAK else run.text for run in block.inlines)
    runs = block.inlines if joined == block.text else (Inline(block.text),)
    pieces: list[Inline] = []
    offset = 0
    for run in runs:
        end = offset + len(run.text if run.text != BREAK else " ")
        kept: list[str] = []
        position = offset
        for start, stop in sorted(spans):
            if stop <= position or start >= end:
                continue
            kept.append(run.text[position - offset : max(start, position) - offset])
            if start >= offset:
                kept.append(" ")
            position = min(stop, end)
        if position == offset:
            pieces.append(run)
        else:
            rest = run.text[position - offset :] if run.text != BREAK else ""
            pieces.append(Inline("".join(kept) + rest, run.marks))
        offset = end
    inlines = rebuild(pieces)
    return Block(block.kind, inlines) if inlines else None
