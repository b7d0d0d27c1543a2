"""What a client reads in a built plan.html: the visible text (no scripts, styles or chart
data) and, separately, the words drawn in its charts (titles, axis titles, legends,
categories, hover labels, buttons). Used by the tests that scan plans for tool internals
and for English left in French plans."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

_BLOCKS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "table",
           "br", "caption", "figcaption", "blockquote", "header", "footer", "dt", "dd", "title"}
# Figure keys whose string values are drawn as words; the rest (colours, fonts, modes,
# axis anchors) is styling.
_CHART_TEXT_KEYS = {"text", "name", "hovertemplate", "texttemplate", "label", "x", "y",
                    "labels", "ticktext", "title", "tickformat", "ticksuffix", "tickprefix"}
_PLACEHOLDER = re.compile(r"%\{[^}]*\}|<extra>.*?</extra>|<[^>]+>")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("td", "th"):
            self.out.append(" | ")
        elif tag in _BLOCKS:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1
        elif tag in _BLOCKS:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data)


def page_text(source: str) -> str:
    """The visible text of a plan's HTML, one block a line, cells separated by ``|``."""
    parser = _Text()
    parser.feed(source)
    text = html.unescape("".join(parser.out))
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n", text).strip()


def _strings(node: object, key: str = "") -> list[str]:
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _strings(v, k)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v, key)]
    if isinstance(node, str) and key in _CHART_TEXT_KEYS:
        return [_PLACEHOLDER.sub(" ", node)]
    return []


def chart_text(source: str) -> list[str]:
    """Every word-bearing string of the plan's plotly figures (``var f={...}`` in each
    figure's script), placeholders and tags removed."""
    decoder = json.JSONDecoder()
    out: list[str] = []
    for m in re.finditer(r"<script>\(function\(\)\{var f=(?=\{)", source):
        figure, _ = decoder.raw_decode(source, m.end())
        out += [s for s in _strings(figure) if s.strip()]
    return out


def plan_text(path: Path) -> str:
    """A plan's page text followed by its charts' words, one string a line."""
    source = path.read_text(encoding="utf-8")
    return page_text(source) + "\n" + "\n".join(chart_text(source))
