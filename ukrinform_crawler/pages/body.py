"""The body walker: the article text of a parsed page as a list of blocks.

The walk keeps its own stack (no recursion), so markup of any depth is read; site furniture
(share and tag boxes, banners, promos, ``[data-name]`` ad slots, a teaser of another article)
is left out by structure; a ``section.read`` box becomes a ``related`` block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

from ukrinform_crawler.pages.blocks import Block, Inline, LineBuilder, Mark
from ukrinform_crawler.pages.document import Document, Element
from ukrinform_crawler.text import normalize_text

_TEXT_NODES = etree.XPath(".//text()", smart_strings=False)
_NEWS_IMAGE = etree.XPath("./img[contains(@class, 'newsImage')]")

EXCLUDED_TAGS = frozenset(
    {
        "script", "style", "form", "select", "option", "input", "button", "textarea", "ins",
        "iframe", "noscript", "aside", "header", "nav", "footer", "side", "svg", "object",
        "embed", "template", "video", "audio", "canvas", "map", "link", "meta",
    }
)  # fmt: skip
EXCLUDED_CLASSES = frozenset(
    {
        "newsHeading", "mobileBanner", "afterNewItemMobileBanner", "pixel", "newsMetaBlock",
        "newsGradient", "newsPicture", "firstTitle", "firstSubTitle", "firstDate", "share",
        "tags", "banner970", "side-banner",
    }
)  # fmt: skip
BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "address", "dd", "dt"}
)
LIST_TAGS = frozenset({"ul", "ol"})
CONTAINER_TAGS = frozenset(
    {"div", "section", "article", "main", "table", "tbody", "thead", "tfoot", "tr", "td", "th",
     "dl", "center", "figcaption", "details", "summary", "body"}
)  # fmt: skip
BLOCK_LIKE_TAGS = BLOCK_TAGS | LIST_TAGS | CONTAINER_TAGS | {"figure", "img", "hr"}
"""Tags that end the current line of text and start blocks of their own."""
INLINE_MARKS: dict[str, str] = {"b": "strong", "strong": "strong", "i": "em", "em": "em"}
BLOCK_KINDS: dict[str, str] = {
    "h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3",
    "blockquote": "blockquote",
}  # fmt: skip
"""The block kind of a block element (any other is ``p``)."""


def text_content(element: Element) -> str:
    """All the text inside ``element``."""
    return "".join(_TEXT_NODES(element))


def is_excluded(element: Element, tag: str) -> bool:
    """True for site furniture (``tag`` is the element's lower-case tag)."""
    if tag in EXCLUDED_TAGS:
        return True
    if element.get("data-name") is not None:
        return True
    classes = element.get("class")
    if classes and not EXCLUDED_CLASSES.isdisjoint(classes.split()):
        return True
    return tag == "figure" and bool(_NEWS_IMAGE(element))


@dataclass
class _Frame:
    """An element being walked: ``kind`` is ``container`` (its children are blocks),
    ``inline`` (its children are text of ``line``), ``list`` (its ``li`` children are items)."""

    kind: str
    element: Element | None
    children: Iterator[Element]
    line: LineBuilder = field(default_factory=LineBuilder)
    block_kind: str = ""
    """For the element whose text is one block (``p``, ``li``, …): the kind of that block."""
    items: list[Block] = field(default_factory=list)
    tail: bool = True
    """Whether the element's tail is text of the parent (not for the walk's own roots)."""


class BodyWalker:
    """Turns body containers into blocks, as a browser lays their text out."""

    READ_ALSO_CLASS: ClassVar[str] = "read"

    def __init__(self, absolute: Callable[[str], str]) -> None:
        self.absolute = absolute
        self.blocks: list[Block] = []

    def walk(self, text: str | None, children: list[Element]) -> None:
        """Append the blocks of ``text`` and ``children`` (with their tails) to ``blocks``."""
        root = _Frame("container", None, iter(children), tail=False)
        if text:
            root.line.add_text(text)
        stack = [root]
        while stack:
            frame = stack[-1]
            child = next(frame.children, None)
            if child is None:
                stack.pop()
                self._finish(frame, stack[-1] if stack else None)
                continue
            pushed = self._child(frame, child)
            if pushed is not None:
                stack.append(pushed)
            elif frame.kind != "list" and (tail := child.tail):
                frame.line.add_text(tail)

    def _child(self, frame: _Frame, child: Element) -> _Frame | None:
        """Handle ``child`` of ``frame``; returns the frame to walk it in, if it has one."""
        tag = child.tag
        if not isinstance(tag, str):  # a comment or processing instruction: its tail counts
            return None
        tag = tag.lower()
        if frame.kind == "list":
            return self._inline_block(child, "li") if tag == "li" else None
        if frame.kind == "container":
            if is_excluded(child, tag) or tag == "article":
                return None  # furniture, or a teaser of another article nested in the text
            if tag in BLOCK_LIKE_TAGS:
                self._flush(frame)
                return self._block(child, tag)
            return self._inline(frame.line, child, tag)
        if is_excluded(child, tag) or tag in ("img", "hr"):
            return None
        if tag == "br":
            frame.line.line_break()
            return None
        return self._inline(frame.line, child, tag)

    def _inline(self, line: LineBuilder, element: Element, tag: str) -> _Frame:
        mark: Mark | None = None
        if tag == "a":
            href = element.get("href", "").strip()
            if href and not href.startswith("#") and not href.lower().startswith("javascript:"):
                mark = Mark("a", self.absolute(href))
        elif tag in INLINE_MARKS:
            mark = Mark(INLINE_MARKS[tag])
        elif tag in BLOCK_TAGS or tag in CONTAINER_TAGS or tag in LIST_TAGS:
            line.line_break()
        line.open(mark)
        if text := element.text:
            line.add_text(text)
        return _Frame("inline", element, iter(element), line=line)

    def _inline_block(self, element: Element, kind: str) -> _Frame:
        frame = _Frame("inline", element, iter(element), block_kind=kind)
        if text := element.text:
            frame.line.add_text(text)
        return frame

    def _block(self, element: Element, tag: str) -> _Frame | None:
        """A block-like element: blocks now, or the frame that walks it."""
        if tag in BLOCK_TAGS and not len(element):
            line = LineBuilder()
            if text := element.text:
                line.add_text(text)
            self._add(Block(BLOCK_KINDS.get(tag, "p"), line.finish()))
        elif tag == "section" and self.READ_ALSO_CLASS in (element.get("class") or "").split():
            self._add(self.related(element))
        elif tag == "p" and any(
            isinstance(child.tag, str) and child.tag.lower() in BLOCK_LIKE_TAGS for child in element
        ):
            # A <p> whose end tag is missing swallows the blocks after it (lxml nests the HTML5
            # elements it does not know, such as <section>): read it as a container.
            return self._container(element)
        elif tag in BLOCK_TAGS:
            return self._inline_block(element, BLOCK_KINDS.get(tag, "p"))
        elif tag in LIST_TAGS:
            return _Frame("list", element, element.iterchildren(), block_kind=tag)
        elif tag in ("figure", "img"):
            self._add(self.figure(element))
        elif tag in CONTAINER_TAGS:
            return self._container(element)
        return None

    def _container(self, element: Element) -> _Frame:
        frame = _Frame("container", element, iter(element))
        if text := element.text:
            frame.line.add_text(text)
        return frame

    def _finish(self, frame: _Frame, parent: _Frame | None) -> None:
        """The end of an element: its block, then its tail in the parent."""
        if frame.kind == "container":
            self._flush(frame)
        elif frame.kind == "list":
            if frame.items:
                self.blocks.append(Block(frame.block_kind, items=tuple(frame.items)))
        elif frame.block_kind:
            inlines = frame.line.finish()
            if frame.block_kind == "li":
                if inlines and parent is not None:
                    parent.items.append(Block("li", inlines))
            elif inlines:
                self.blocks.append(Block(frame.block_kind, inlines))
            else:
                self._add(self.figure(frame.element))
        else:
            frame.line.close()
        tail = frame.element.tail if frame.tail and frame.element is not None else None
        if parent is not None and parent.kind != "list" and tail:
            parent.line.add_text(tail)

    def _flush(self, frame: _Frame) -> None:
        """The text gathered in a container so far, as a paragraph."""
        if inlines := frame.line.finish():
            self.blocks.append(Block("p", inlines))
            frame.line = LineBuilder()

    def _add(self, block: Block | None) -> None:
        if block is not None and (block.inlines or block.src):
            self.blocks.append(block)

    def figure(self, element: Element) -> Block | None:
        """The first image of ``element`` (or the image itself), the counter pixel excepted."""
        images = [element] if element.tag == "img" else element.iter("img")
        for image in images:
            src = (image.get("src") or image.get("data-src") or "").strip()
            if src and "pixel" not in (image.get("class") or "").split():
                alt = normalize_text(image.get("alt") or "")
                return Block("figure", src=self.absolute(src), alt=alt)
        return None

    def related(self, element: Element) -> Block:
        """A "Read also" box: its label and its links (a box without links has no text)."""
        anchors = [a for a in element.iter("a") if (a.get("href") or "").strip()]
        if not anchors:
            return Block("related")
        label_parts = [element.text or ""]
        for child in element:
            if child.tag == "a" or child in anchors:
                break
            label_parts.append(text_content(child) + (child.tail or ""))
        inlines: list[Inline] = []
        if label := normalize_text("".join(label_parts)):
            inlines.append(Inline(label))
        for anchor in anchors:
            if title := normalize_text(text_content(anchor)):
                if inlines:
                    inlines.append(Inline(", " if len(inlines) > 1 else " "))
                inlines.append(Inline(title, (Mark("a", self.absolute(anchor.get("href", ""))),)))
        return Block("related", tuple(inlines))


def torn_off(container: Element, later: list[Element], *, past_article: bool) -> list[Element]:
    """What a stray end tag pushed out of ``container``: the elements after it and after each
    of its ancestors, in page order, up to the next container of ``later``.

    The walk up stops at the article, or, when only the cut of the page was parsed (nothing but
    the article is in its body), at the body. In the template only furniture follows the text,
    which the body walk leaves out.
    """
    stops = {node for root in later for node in (root, *root.iterancestors())}
    top = "body" if past_article else "article"
    pushed: list[Element] = []
    node = container
    while node.tag != top and (parent := node.getparent()) is not None:
        for sibling in node.itersiblings():
            if sibling in stops:
                return pushed
            pushed.append(sibling)
        node = parent
    return pushed


BODY_CONTAINERS = (
    "div.newsText > div:not(.newsHeading)",
    "div.interviewText",
    "div.newsText",
    "article",
)
"""Where the body is looked for, current template first, then older or unexpected wrappers."""


def read_body(
    document: Document, absolute: Callable[[str], str], lead: str | None
) -> tuple[str | None, list[Block]]:
    """The container selector the body came from and its blocks (a block repeating the lead
    left out); ``(None, [])`` when no container holds text."""
    for css in BODY_CONTAINERS:
        allowed = 0 if css == "article" else 1
        roots = [
            root
            for root in document.select(css)
            if isinstance(getattr(root, "tag", None), str)
            and not is_excluded(root, root.tag.lower())
            and sum(1 for _ in root.iterancestors("article")) <= allowed
        ]
        walker = BodyWalker(absolute)
        for index, root in enumerate(roots):
            walker.walk(root.text, list(root))
            if document.stray_end_tags:
                pushed = torn_off(root, roots[index + 1 :], past_article=document.cut is not None)
                walker.walk(None, pushed)
        blocks = [b for b in walker.blocks if lead is None or b.paragraphs() != (lead,)]
        if any(block.paragraphs() for block in blocks):
            return css, blocks
    return None, []
