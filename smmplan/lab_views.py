"""What the lab panels redraw: the chapter's own charts and key table for the values on
screen, computed by the chapter's module on a preview plan and drawn by the chapter's own
views, so a panel shows what the plan built with those values would show."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .brief import Brief
from .plan import Plan
from .report import Column, FigureBlock, Html, Recorder


class _Recorder(Recorder):
    """A Recorder that also keeps each table's HTML, for a panel to show it again."""

    def __init__(self):
        super().__init__()
        self.html: dict[str, Html] = {}

    def table(self, key: str, chapter: str, title: str, frame, columns: list[Column]) -> Html:
        self.html[key] = block = super().table(key, chapter, title, frame, columns)
        return block


def preview_plan(plan: Plan, brief: Brief, **chapters: object) -> Plan:
    """A plan of ``brief`` (the plan's brief with a panel's choices) that shares what a
    scenario cannot change (the audience table, the identity chapter) and takes the
    chapters given as computed (``targets=``, ``paid=``); the rest is computed by the
    chapters' modules on first use, as in a build. Its record is its own."""
    preview = Plan(brief)
    preview.record = _Recorder()
    preview.scenario = plan.scenario
    preview.__dict__.update({"audience": plan.audience, "identity": plan.identity,
                             **chapters})
    return preview


def redraw(preview: Plan, views: Sequence[Callable], figures: Sequence[str],
           tables: Sequence[str]) -> dict:
    """Run chapter views on a preview plan and keep what a panel shows: ``figures`` (key
    -> plotly figure, as recorded), ``tables`` (key -> rows of raw values, as recorded)
    and ``blocks``, those figures and tables in the order the views show them."""
    record = preview.record
    blocks: list = []
    for view in views:
        section = view(preview)
        tables_html = {id(record.html.get(k)): k for k in tables}
        for block in section.blocks:
            if isinstance(block, FigureBlock) and block.key in figures:
                blocks.append(block)
            elif isinstance(block, Html) and id(block) in tables_html:
                blocks.append(block)
    return {"figures": {k: record.figures[k]["plotly"] for k in figures
                        if k in record.figures},
            "tables": {k: record.tables[k]["rows"] for k in tables if k in record.tables},
            "blocks": blocks}


class LiveView:
    """A panel's charts and key table, redrawn in one ``Output`` after each change;
    ``figures`` and ``tables`` hold what is on screen (empty while the values are
    refused)."""

    def __init__(self, figures: Sequence[str], tables: Sequence[str]):
        import ipywidgets as w

        self.keys = (tuple(figures), tuple(tables))
        self.out = w.Output()
        self.figures: dict[str, dict] = {}
        self.tables: dict[str, list[dict]] = {}

    def draw(self, preview: Plan, *views: Callable) -> None:
        """Show the views' figures and table for the preview plan."""
        from IPython.display import display

        shown = redraw(preview, views, *self.keys)
        self.figures, self.tables = shown["figures"], shown["tables"]
        self.out.clear_output(wait=True)
        with self.out:
            display(*shown["blocks"])

    def blank(self) -> None:
        """Nothing to draw: the values on screen are refused."""
        self.figures, self.tables = {}, {}
        self.out.clear_output()
