"""The lab's scenario comparison panel: name the kept scenario ("Prudent", "Ambitious"),
see the named scenarios side by side (each computed as a plan of its own by
``comparison.compare``, drawn by the budget chapter's comparison view), and keep the
comparison for the plan (docs/scenario.md)."""

from __future__ import annotations

from pathlib import Path

from .errors import SmmplanError
from .lab_scenario import (
    _Keeper,
    escape,
    keep_comparison,
    name_scenario,
    read_scenario,
)
from .lab_views import LiveView, preview_plan
from .scenario import COMPARE, named_scenarios


class ComparisonPanel:
    """Named scenarios of the scenario file, compared side by side; Keep writes the
    comparison (the ticked names) into the file for the plan's budget chapter."""

    def __init__(self, plan):
        import ipywidgets as w

        self.plan = plan
        style = {"description_width": "initial"}
        self.name = w.Text(description="Name the kept scenario", placeholder="Recommended",
                           style=style)
        self.name_button = w.Button(description="Name it", icon="tag",
                                    layout=w.Layout(width="auto"))
        self.name_button.on_click(lambda _: self.name_kept(self.name.value))
        self.picks: dict = {}
        self.pick_box = w.VBox([])
        self.compare_button = w.Button(description="Compare", icon="columns",
                                       layout=w.Layout(width="auto"))
        self.compare_button.on_click(lambda _: self.compare())
        self.view = LiveView(("scenario_comparison",), ("scenario_comparison",))
        self.keeper = _Keeper(plan, "budget", self.view.out, keep=self.keep,
                              label="Keep this comparison")
        self.message = self.keeper.message
        self.rows: list[dict] = []
        self.refresh()
        self.box = w.VBox([w.HBox([self.name, self.name_button]), self.pick_box,
                           self.compare_button, self.view.out, self.keeper.box])

    @property
    def path(self) -> Path:
        return self.keeper.path

    def refresh(self) -> None:
        """One tick box per named scenario (ticked: in the kept comparison, or every one
        when none is kept)."""
        import ipywidgets as w

        kept = read_scenario(self.path)
        names = list(named_scenarios(kept))
        chosen = kept.get(COMPARE) or names
        self.picks = {n: w.Checkbox(value=n in chosen, description=n, indent=False)
                      for n in names}
        self.pick_box.children = list(self.picks.values()) or [w.HTML(
            "<em>No named scenario yet: Keep choices in the chapters, then name them here."
            "</em>")]

    def chosen(self) -> list[str]:
        """The named scenarios ticked, in the file's order."""
        return [n for n, box in self.picks.items() if box.value]

    def name_kept(self, name: str) -> Path | None:
        """Keep the scenario file's current choices under ``name``."""
        try:
            path = name_scenario(self.plan.brief.source, name, self.path)
        except SmmplanError as exc:
            self.message.value = "<b>Nothing saved</b>: " + escape("; ".join(exc.lines()))
            return None
        self.refresh()
        self.message.value = f"Named “{escape(name.strip())}” in <code>{escape(str(path))}</code>."
        return path

    def compare(self) -> list[dict]:
        """Compute the ticked scenarios, each as a plan of its own, and draw them."""
        from .comparison import compare
        from .views.scenarios import comparison_section

        named = named_scenarios(read_scenario(self.path))
        self.rows = compare(self.plan, {n: named[n] for n in self.chosen()})
        if not self.rows:
            self.view.blank()
            return []
        rows = self.rows
        self.view.draw(preview_plan(self.plan, self.plan.brief),
                       lambda p: comparison_section(p, rows))
        return rows

    def keep(self) -> Path | None:
        """Keep the comparison of the ticked scenarios for the plan (none ticked: the plan
        shows no comparison)."""
        try:
            path = keep_comparison(self.plan.brief.source, self.chosen(), self.path)
        except SmmplanError as exc:
            self.message.value = "<b>Nothing saved</b>: " + escape("; ".join(exc.lines()))
            return None
        self.message.value = (f"Comparison kept in <code>{escape(str(path))}</code>: the "
                              "budget chapter shows it when built with <code>--scenario "
                              f"{escape(str(path))}</code>.")
        return path

