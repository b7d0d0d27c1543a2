"""The lab's budget panel: total, per-platform bounds and assumptions (CPM, CTR, conversion
rate, seasonality), awareness share, order values and sale rate, platforms added or
removed, re-optimised live by the budget chapter itself; its Keep writes the scenario's
``budget`` section (docs/scenario.md)."""

from __future__ import annotations

from .errors import BriefError, SmmplanError
from .lab_scenario import _Keeper, platform_label, preview_brief
from .lab_views import LiveView, preview_plan
from .scenario import read_yaml

RATES = ("cpm", "ctr", "cvr")
RATE_LABELS = {"cpm": "CPM", "ctr": "CTR %", "cvr": "Conversion %", "season": "Q4/Q1 CPM"}


def _season(plan, platform: str) -> float:
    """A platform's Q4-over-Q1 CPM ratio: the brief's (and scenario's), else data/paid.yaml's
    (Meta's for a platform without its own)."""
    from .catalogue import paid_facts

    own = plan.brief.budget.paid.seasonality
    ratios = paid_facts()["seasonality"]["q4_over_q1"]
    return float(own.get(platform, ratios.get(platform, ratios["facebook"])))


def platform_start(plan, platform: str) -> dict | None:
    """A platform's starting row: bounds (min 0, no cap), its published rates (mid) and
    seasonality; None when no published CPM, CTR and conversion rate for the plan's kind
    of conversion exist (it can then be planned only with rates of the brief's own)."""
    from .budget import conversion_kind, platform_benchmarks

    bench = platform_benchmarks(platform, plan.paid.rate, conversion_kind(plan.brief),
                                plan.brief.client.sector_kind)
    if any(r not in bench for r in RATES):
        return None
    return {"min": 0.0, "max": None, **{r: round(float(bench[r].mid), 4) for r in RATES},
            "season": _season(plan, platform)}


def budget_start(plan) -> dict:
    """Where the budget panel starts, from the brief and the scenario: the total, the
    awareness share, the sale rate, each offer line's average order value (0: none given),
    per planned platform its minimum, maximum (None: no cap, it follows the total), CPM,
    CTR and conversion rate (the chapter's, mid, to 4 decimals: written only when changed)
    and Q4/Q1 seasonality; the platforms
    that could be added; ``brief_order_values``, the brief file's own order values."""
    from .brief import platforms

    paid, spec = plan.paid, plan.brief.budget.paid.channels
    models = {m["platform"]: m for m in paid.models}
    channels = {}
    for c in paid.channels:
        s = spec.get(c.platform)
        channels[c.platform] = {
            "min": float(s.min) if s and s.min is not None else 0.0,
            "max": float(s.max) if s and s.max is not None else None,
            **{r: round(float(models[c.platform][r]["mid"]), 4) for r in RATES},
            "season": _season(plan, c.platform)}
    addable = [p for p in platforms() if p not in channels and platform_start(plan, p)]
    raw = read_yaml(plan.brief.source)
    own = {line.get("name"): float(line.get("average_order_value") or 0)
           for line in (raw.get("offer") or []) if isinstance(line, dict)}
    return {"total": float(plan.brief.budget.paid_media),
            "awareness_share": float(paid.awareness_share),
            "sale_rate": float(plan.brief.budget.paid.sale_rate),
            "order_values": {o.name: float(o.average_order_value or 0)
                             for o in plan.brief.offer},
            "channels": channels, "addable": addable, "brief_order_values": own}


def _changed(value: float, start: float | None) -> bool:
    return start is None or abs(value - start) > 1e-9 * max(1.0, abs(start))


def budget_choices(state: dict, start: dict, plan) -> dict:
    """The budget section a Keep writes for the panel's ``state`` (the shape of
    ``budget_start``; ``channels`` holds the planned platforms only). Bounds of every
    planned platform (a maximum at or above the total is no cap); an assumption only when
    changed from where the panel started or already set in the brief or the scenario (so
    a rate fitted on the ads history stays a range unless replaced); a platform no longer
    planned set to null; order values that differ from the brief file's."""
    total = float(state["total"])
    settings = plan.brief.budget.paid
    spec = settings.channels
    channels: dict[str, dict | None] = {}
    seasonality = {}
    for platform, row in state["channels"].items():
        first = start["channels"].get(platform) or {}
        given = spec.get(platform)
        out = {"min": round(float(row["min"]), 2),
               "max": None if row["max"] is None or row["max"] >= total
               else round(float(row["max"]), 2)}
        for rate in RATES:
            if _changed(row[rate], first.get(rate)) or (given and getattr(given, rate)
                                                          is not None):
                out[rate] = float(row[rate])
        channels[platform] = out
        if _changed(row["season"], first.get("season")) or platform in settings.seasonality:
            seasonality[platform] = float(row["season"])
    for platform in [*start["channels"], *spec]:
        if platform not in state["channels"]:
            channels[platform] = None  # removed from the plan
    paid: dict = {"channels": channels}
    if _changed(state["awareness_share"], start["awareness_share"]) or \
            settings.awareness_share is not None:
        paid["awareness_share"] = float(state["awareness_share"])
    if seasonality:
        paid["seasonality"] = seasonality
    if _changed(state["sale_rate"], start["sale_rate"]) or \
            "sale_rate" in settings.model_fields_set:
        paid["sale_rate"] = float(state["sale_rate"])
    out = {"paid_media": round(total, 2), "paid": paid}
    own = start["brief_order_values"]
    values = {name: float(v) for name, v in state["order_values"].items()
              if _changed(float(v), own.get(name, 0.0))}
    if values:
        out["order_values"] = values
    return out


class BudgetPanel:
    """The budget panel: starts from the brief's and the scenario's total, bounds and
    assumptions; a platform without a cap (maximum at the total) keeps following the total;
    platforms can be added (those with published rates) or left out."""

    def __init__(self, plan):
        import ipywidgets as w

        self.plan = plan
        self.start = start = budget_start(plan)
        self.total_value = start["total"]
        self._style = style = {"description_width": "initial"}
        self._busy = False
        self.total = w.FloatText(value=start["total"], description="Paid budget", step=1000,
                                 style=style)
        self.awareness = w.BoundedFloatText(
            value=start["awareness_share"], min=0, max=100, step=1, style=style,
            description="Awareness share %")
        self.sale_rate = w.BoundedFloatText(value=start["sale_rate"], min=0, max=100, step=1,
                                            description="Sale rate %", style=style)
        self.order_values = {name: w.FloatText(value=v, description=f"Order value: {name}",
                                               style=style)
                             for name, v in start["order_values"].items()}
        self.bounds, self.rates, self.planned, self.rows = {}, {}, {}, {}
        for platform, row in start["channels"].items():
            self._add_row(platform, row)
        self.add_choice = w.Dropdown(options=[(platform_label(p), p)
                                              for p in start["addable"]],
                                     description="Add a platform", style=style)
        self.add_button = w.Button(description="Add", icon="plus",
                                   layout=w.Layout(width="auto"))
        self.add_button.on_click(lambda _: self.add_platform(self.add_choice.value))
        self.out = w.Output()
        self.view = LiveView(("allocation", "budget_sweep"), ("budget",))
        self.keeper = _Keeper(plan, "budget", self.out)
        self.total.observe(self._total_changed, names="value")
        for field in [self.awareness, self.sale_rate, *self.order_values.values()]:
            field.observe(lambda _: self.recompute(), names="value")
        self.platform_box = w.VBox(list(self.rows.values()))
        self.recompute()
        self.box = w.VBox([
            w.HBox([self.total, self.awareness, self.sale_rate]),
            *self.order_values.values(), self.platform_box,
            w.HBox([self.add_choice, self.add_button]), self.out, self.view.out,
            self.keeper.box])

    def _add_row(self, platform: str, row: dict) -> None:
        import ipywidgets as w

        top = self._top(self.total_value, self.start["channels"])
        high = row["max"] if row["max"] is not None else self.total_value
        self.bounds[platform] = w.FloatRangeSlider(
            value=[row["min"], high], min=0, max=max(top, high), step=self._step(top),
            description=platform_label(platform), continuous_update=False,
            readout_format=",.0f", style=self._style, layout=w.Layout(width="600px"))
        self.planned[platform] = w.Checkbox(value=True, description="planned", indent=False,
                                            layout=w.Layout(width="auto"))
        self.rates[platform] = {
            key: w.FloatText(value=row[key], description=RATE_LABELS[key], style=self._style,
                             layout=w.Layout(width="190px"))
            for key in (*RATES, "season")}
        for widget in [self.bounds[platform], self.planned[platform],
                       *self.rates[platform].values()]:
            widget.observe(lambda _: self.recompute(), names="value")
        self.rows[platform] = w.VBox([
            w.HBox([self.bounds[platform], self.planned[platform]]),
            w.HBox(list(self.rates[platform].values()))])

    def add_platform(self, platform: str | None) -> None:
        """Plan paid media on another platform, from its published rates."""
        row = platform_start(self.plan, platform) if platform else None
        if row is None or platform in self.rows:
            return
        self.start["channels"][platform] = row  # its rates are written only when changed
        self._add_row(platform, row)
        self.platform_box.children = list(self.rows.values())
        self.add_choice.options = [o for o in self.add_choice.options if o[1] != platform]
        self.recompute()

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

    def state(self) -> dict:
        """What the panel shows, in the shape of ``budget_start``."""
        channels = {}
        for platform, slider in self.bounds.items():
            if not self.planned[platform].value:
                continue
            low, high = slider.value
            channels[platform] = {"min": float(low), "max": float(high),
                                  **{k: float(f.value) for k, f in
                                     self.rates[platform].items()}}
        return {"total": float(self.total.value),
                "awareness_share": float(self.awareness.value),
                "sale_rate": float(self.sale_rate.value),
                "order_values": {n: float(f.value) for n, f in self.order_values.items()},
                "channels": channels}

    def choices(self) -> dict:
        """The budget section the panel shows."""
        return budget_choices(self.state(), self.start, self.plan)

    def recompute(self) -> None:
        """Re-optimise with the values on screen (refused ones are shown, never kept) by
        the budget chapter, as a build would, and redraw its split, sweep and table."""
        if self._busy or not hasattr(self, "keeper"):
            return
        from . import preflight
        from . import views as v

        choices = self.choices()
        self.out.clear_output()
        with self.out:
            try:
                if not self.state()["channels"]:
                    raise BriefError(["budget: budget.paid.channels: plan at least one "
                                      "platform"])
                brief = preview_brief(self.plan, {"budget": choices})
                lines = preflight.paid_problems(brief, "budget")
                if lines:
                    raise BriefError(lines)
                preview = preview_plan(self.plan, brief, targets=self.plan.targets)
                result = preview.paid
            except SmmplanError as exc:
                self.keeper.error = "; ".join(line.split(": ", 1)[-1]
                                              for line in exc.lines())
                self.view.blank()
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
            for ex in result.excluded:
                print(f"  {platform_label(ex['platform'])}: left out, no "
                      f"{', '.join(m.upper() for m in ex['missing'])}")
        self.view.draw(preview, v.budget_allocation, v.budget_scenarios)
