"""What the plan shows, recorded as it is shown: blocks that display in Jupyter and in
the exported HTML, and a Recorder that keeps every figure and table for plan.json and
tables/*.csv, so that the HTML and the JSON cannot disagree."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from plotly.io.json import to_json_plotly

from .paths import TEMPLATES_DIR
from .safety import write_csv

_env = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR / "fragments"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,  # the package's own templates: no file check on every render
)

FIGURE_CLASS = "smm-figure"


def render(template: str, **context: object) -> Markup:
    """Render an HTML fragment from ``templates/fragments``; every value is escaped."""
    return Markup(_env.get_template(template).render(**context))


class Html:
    """An HTML fragment that Jupyter and nbconvert display as-is."""

    def __init__(self, markup: str):
        self.markup = str(markup)

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:  # keeps stray text/plain outputs short and code-free
        return ""


def static_output() -> bool:
    """True in batch builds (``SMMPLAN_STATIC=1``): outputs carry only what the exported
    HTML uses, which keeps executed notebooks small and builds fast."""
    return os.environ.get("SMMPLAN_STATIC") == "1"


class FigureBlock:
    """A plotly figure: interactive in JupyterLab (plotly MIME type) and in the HTML
    (a div drawn by the plotly.js that the plan template embeds once)."""

    def __init__(self, key: str, fig: dict):
        self.key = key
        # plotly's serializer escapes <, > and / so brief strings cannot close the script
        self.payload = to_json_plotly(fig)

    def html(self) -> str:
        """The figure as a div and the script that draws it with the page's plotly.js."""
        spec = json.loads(self.payload)
        height = spec.get("layout", {}).get("height") or 420
        div = f"fig-{self.key}"
        return (
            f'<div class="{FIGURE_CLASS}" data-key="{self.key}">'
            f'<div id="{div}" class="plotly-graph-div" style="height:{height}px;width:100%">'
            f"</div><script>(function(){{var f={self.payload};"
            f'Plotly.newPlot("{div}",f.data,f.layout,{_PLOTLY_CONFIG});}})();</script></div>'
        )

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = {"text/html": self.html()}
        if not static_output():
            bundle["application/vnd.plotly.v1+json"] = json.loads(self.payload)
        return bundle

    def __repr__(self) -> str:
        return ""


@dataclass
class Column:
    """A table column: stable key (CSV/JSON), translated header, display formatter."""

    key: str
    header: str
    fmt: Callable[[object], str] = str


def _clean(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


# No mode bar (zoom, pan, download buttons) in a client document; charts stay responsive.
_PLOTLY_CONFIG = json.dumps({"displayModeBar": False, "displaylogo": False, "responsive": True})


@dataclass
class Recorder:
    """Every figure and table shown, in order, by stable key."""

    figures: dict[str, dict] = field(default_factory=dict)
    tables: dict[str, dict] = field(default_factory=dict)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    summary: list[dict] | None = None  # the executive summary's decisions, as shown

    def figure(self, key: str, chapter: str, fig: dict) -> FigureBlock:
        """Record a figure and return it as a displayable block."""
        block = FigureBlock(key, fig)
        spec = json.loads(block.payload)
        title = spec.get("layout", {}).get("title", {}).get("text")
        self.figures[key] = {"chapter": chapter, "title": title, "plotly": spec}
        return block

    def table(
        self, key: str, chapter: str, title: str, frame: pd.DataFrame, columns: list[Column]
    ) -> Html:
        """Record a table (raw values by stable column key) and return its HTML."""
        frame = frame[[c.key for c in columns]].reset_index(drop=True)
        self.frames[key] = frame
        self.tables[key] = {
            "chapter": chapter,
            "title": title,
            "columns": [{"key": c.key, "header": c.header} for c in columns],
            "rows": [
                {k: _clean(v) for k, v in row.items()} for row in frame.to_dict("records")
            ],
        }
        cells = [
            [c.fmt(v) if v is not None and not _isnan(v) else "" for c, v in
             zip(columns, row, strict=True)]
            for row in frame.itertuples(index=False)
        ]
        return Html(
            render("table.html.j2", key=key, title=title, headers=[c.header for c in columns],
                   rows=cells, numeric=[_is_numeric(frame[c.key]) for c in columns])
        )

    def write_tables(self, folder: Path) -> list[Path]:
        """Write each recorded table as ``folder/<key>.csv`` (UTF-8, raw values; text that
        a spreadsheet would run as a formula is prefixed with ``'``)."""
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for key, frame in self.frames.items():
            path = folder / f"{key}.csv"
            write_csv(frame, path)
            paths.append(path)
        return paths


def _isnan(value: object) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
