"""The lab's budget panel: total, per-platform bounds and assumptions (rates, seasonality,
awareness share, order values, sale rate), platforms added or removed, re-optimised live
by the budget chapter itself; its Keep writes the scenario's ``budget`` section."""

from __future__ import annotations

from .errors import BriefError, SmmplanError
from .lab_scenario import _Keeper, platform_label, preview_brief


def budget_start(plan) -> dict:
    """Where the budget panel starts: the total and, per planned platform, the brief's
    and scenario's minimum and maximum (None: no cap, the maximum follows the total)."""
    spec = plan.brief.budget.paid.channels
    bounds = {}
    for c in plan.paid.channels:
        s = spec.get(c.platform)
        bounds[c.platform] = {"min": float(s.min) if s and s.min is not None else 0.0,
                              "max": float(s.max) if s and s.max is not None else None}
    return {"total": float(plan.brief.budget.paid_media), "channels": bounds}


def budget_choices(total: float, bounds: dict[str, tuple[float, float]]) -> dict:
    """The budget section a Keep writes: a maximum at or above the total is no cap."""
    channels = {}
    for platform, (low, high) in bounds.items():
        channels[platform] = {"min": round(float(low), 2),
                              "max": None if high >= total else round(float(high), 2)}
    return {"paid_media": round(float(total), 2), "paid": {"channels": channels}}



class BudgetPanel:
    """The budget panel: starts from the brief's and the scenario's total and bounds; a
    platform without a cap (maximum at the total) keeps following the total."""

    def __init__(self, plan):
        import ipywidgets as w

        self.plan = plan
        start = budget_start(plan)
        self.total_value = start["total"]
        style = {"description_width": "initial"}
        self.total = w.FloatText(value=start["total"], description="Paid budget", step=1000,
                                 style=style)
        top = self._top(start["total"], start["channels"])
        self.bounds = {}
        for platform, b in start["channels"].items():
            high = b["max"] if b["max"] is not None else start["total"]
            self.bounds[platform] = w.FloatRangeSlider(
                value=[b["min"], high], min=0, max=top, step=self._step(top),
                description=platform_label(platform), continuous_update=False,
                readout_format=",.0f", style=style, layout=w.Layout(width="600px"))
        self.out = w.Output()
        self.keeper = _Keeper(plan, "budget", self.out)
        self._busy = False
        self.total.observe(self._total_changed, names="value")
        for s in self.bounds.values():
            s.observe(lambda _: self.recompute(), names="value")
        self.recompute()
        self.box = w.VBox([self.total, *self.bounds.values(), self.out, self.keeper.box])

    @staticmethod
    def _top(total: float, channels: dict) -> float:
        caps = [b["max"] or 0 for b in channels.values()] + [b["min"] for b in
                                                             channels.values()]
        return max([2 * total, *caps, 1.0])

    @staticmethod
    def _step(top: float) -> float:
        return max(1.0, round(top / 200, -2) or 1.0)

    def _total_changed(self, change) -> None:
        old, new = float(change["old"]), float(change["new"])
        self._busy = True
        try:
            top = max(2 * new, max(s.max for s in self.bounds.values()))
            for s in self.bounds.values():
                s.max = top
                s.step = self._step(top)
                low, high = s.value
                if high >= old:  # no cap: the maximum follows the total
                    s.value = [min(low, new), new] if new > 0 else [0, 0]
        finally:
            self._busy = False
        self.total_value = new
        self.recompute()

    def choices(self) -> dict:
        """The budget section the panel shows."""
        return budget_choices(float(self.total.value),
                              {p: tuple(s.value) for p, s in self.bounds.items()})

    def recompute(self) -> None:
        """Re-optimise with the values on screen (refused ones are shown, never kept)."""
        if self._busy:
            return
        from . import preflight
        from .budget import plan_paid

        choices = self.choices()
        self.out.clear_output()
        with self.out:
            try:
                brief = preview_brief(self.plan, {"budget": choices})
                lines = preflight.paid_problems(brief, "budget")
                if lines:
                    raise BriefError(lines)
                result = plan_paid(brief)
            except SmmplanError as exc:
                self.keeper.error = "; ".join(line.split(": ", 1)[-1]
                                              for line in exc.lines())
                print(f"Cannot place the budget: {self.keeper.error}")
                return
            self.keeper.error, self.keeper.choices = None, choices
            t = result.totals
            print(f"Conversions {t['conversions']:,.0f}, cost per conversion "
                  f"{t['cpa'] or 0:,.2f}, revenue {t['revenue']:,.0f}")
            for c in result.channels:
                print(f"  {platform_label(c.platform)}: spend {c.spend:,.0f} (awareness "
                      f"{c.awareness_spend:,.0f}, conversions {c.conversion_spend:,.0f}), "
                      f"conversions {c.conversions:,.0f}")
