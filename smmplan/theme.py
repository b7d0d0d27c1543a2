"""The client's colours made legible: WCAG contrast for lines and text, CIE76 distance
between series, and the plan's shared figure layout (``Theme``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .errors import UsageError

Figure = dict
_GREYS = ["#4D4D4D", "#8C8C8C", "#B3B3B3", "#D9D9D9", "#6B6B6B", "#A0A0A0"]
# Spare series colours after the brand's and the greys: the Okabe-Ito palette, chosen to
# stay apart for colour-blind readers (Okabe & Ito 2008, "Color Universal Design",
# https://jfly.uni-koeln.de/color/).
_SPARES = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"]
_FONT = "Helvetica, Arial, sans-serif"
_GRID = "#EBEBEB"
_WHITE = "#FFFFFF"
_HEX = re.compile(r"#[0-9A-Fa-f]{6}")

# WCAG 2.x non-text contrast (1.4.11): lines, markers and chart text against the white
# background need at least 3:1.
MIN_CONTRAST = 3.0
# CIE76 colour difference below which two series read as one colour: 2.3 is a just
# noticeable difference side by side; a legend swatch, a thin line or a small marker needs
# far more. 25 separates the fashion example's navy #2B2D42 from dark grey #4D4D4D
# (19.8, told apart by nobody in its legend) and keeps navy against #8C8C8C (41.7).
MIN_DELTA_E = 25.0


def _rgb(colour: str) -> tuple[int, int, int]:
    if not _HEX.fullmatch(colour):
        raise UsageError(f"not a #RRGGBB colour: {colour!r}")
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#RRGGBB`` colour (0 black, 1 white)."""
    r, g, b = (_linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@lru_cache(maxsize=256)
def readable(colour: str, background: str = _WHITE, ratio: float = MIN_CONTRAST) -> str:
    """``colour`` itself when it has ``ratio`` contrast against ``background``, else the
    lightest darker shade of it (same hue: its RGB scaled towards black) that has."""
    if contrast_ratio(colour, background) >= ratio:
        return colour
    rgb = _rgb(colour)

    def shade(f: float) -> str:
        return "#" + "".join(f"{int(c * f):02X}" for c in rgb)

    lo, hi = 0.0, 1.0  # shade(lo) passes (black does on a light background), shade(hi) fails
    for _ in range(20):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if contrast_ratio(shade(mid), background) >= ratio else (lo, mid)
    return shade(lo)


def _lab(colour: str) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in _rgb(colour))
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047  # sRGB, D65 white
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


@lru_cache(maxsize=1024)
def delta_e(a: str, b: str) -> float:
    """CIE76 colour difference: the Euclidean distance of the two colours in CIE Lab."""
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5


def distinct_colours(wanted: Sequence[str], spares: Sequence[str],
                     min_delta: float = MIN_DELTA_E) -> list[str]:
    """``wanted`` in order, each colour closer than ``min_delta`` (CIE76) to an earlier
    one replaced by the first spare far enough from all kept so far (when none is, the
    spare farthest from them)."""
    kept: list[str] = []

    def gap(colour: str) -> float:
        return min((delta_e(colour, k) for k in kept), default=float("inf"))

    for colour in wanted:
        if gap(colour) >= min_delta:
            kept.append(colour)
            continue
        free = [s for s in spares if s not in kept]
        far = [s for s in free if gap(s) >= min_delta]
        kept.append(far[0] if far else max(free, key=gap, default=colour))
    return kept


_LINE_SPARES = [readable(c) for c in (*_GREYS, *_SPARES)]


class Theme:
    """The client's colours, the locale's number separators, and the shared layout.

    Fills (bars, slices) keep the brand colours; lines, markers and chart text use
    ``readable`` shades with 3:1 contrast on white. Series colours are kept apart by
    ``distinct_colours``."""

    def __init__(self, primary: str, secondary: str, separators: str = ".,"):
        self.primary = primary
        self.secondary = secondary
        self.separators = separators  # plotly: decimal sign then thousands separator
        self.primary_line = readable(primary)

    def palette(self, n: int) -> list[str]:
        """``n`` fill colours told apart: the brand's two, then neutral greys, then
        spares."""
        base = [self.primary, self.secondary, *_GREYS]
        return distinct_colours([base[i % len(base)] for i in range(n)], [*_GREYS, *_SPARES])

    def line_palette(self, n: int) -> list[str]:
        """``n`` colours for lines and markers: the palette's, darkened to 3:1 contrast on
        white where needed, and told apart after darkening."""
        base = [readable(c) for c in (self.primary, self.secondary, *_GREYS)]
        return distinct_colours([base[i % len(base)] for i in range(n)],
                                _LINE_SPARES)

    def lines(self, *colours: str) -> list[str]:
        """These colours for lines or markers: darkened to 3:1 contrast on white where
        needed, each too close to an earlier one replaced by a spare."""
        return distinct_colours([readable(c) for c in colours], _LINE_SPARES)

    def highlight(self, other: str) -> tuple[str, str]:
        """The brand colour for what a chart singles out, and ``other`` (a grey) for the
        rest, replaced by a farther grey or a spare when the two are too close."""
        brand, rest = distinct_colours([self.primary, other], [*_GREYS, *_SPARES])
        return brand, rest

    def figure(self, data: list[dict], title: str, height: int = 380,
               xaxis: dict | None = None, yaxis: dict | None = None, **layout) -> Figure:
        """A figure with the plan's layout (white background, left title, brand font).
        Every axis, second ones included, takes room for its title (``automargin``)."""
        axis = {"gridcolor": _GRID, "zerolinecolor": "#CCCCCC", "automargin": True}
        for key in [k for k in layout if re.fullmatch(r"[xy]axis\d+", k)]:
            layout[key] = {**axis, **layout[key]}
        return {
            "data": data,
            "layout": {
                "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
                "height": height,
                "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
                "font": {"family": _FONT, "size": 12, "color": "#2A2A2A"},
                "paper_bgcolor": "#FFFFFF",
                "plot_bgcolor": "#FFFFFF",
                "legend": {"orientation": "h", "y": -0.15},
                "separators": self.separators,
                "hoverlabel": {"font": {"family": _FONT}},
                "xaxis": {**axis, **(xaxis or {})},
                "yaxis": {**axis, **(yaxis or {})},
                **layout,
            },
        }
