"""Every plotly figure of the plan: one function each, themed with the client's colours.

Figures are plain plotly JSON dicts (``{"data": [...], "layout": {...}}``): building them
needs no ``plotly.graph_objects`` (slow to import and to validate in every plan kernel);
tests validate each one with ``plotly.graph_objects.Figure``. Functions never display.
"""

from __future__ import annotations

from .brief import platforms
from .i18n import Translator
from .identity import CompetitorBenchmark, Diagnosis, Maturity
from .theme import (  # noqa: F401 - the colour rules, used by the tests through charts
    _GREYS,
    _LINE_SPARES,
    _SPARES,
    MIN_CONTRAST,
    MIN_DELTA_E,
    Figure,
    Theme,
    contrast_ratio,
    delta_e,
    distinct_colours,
    readable,
    relative_luminance,
)

# a legend just above the plot, right-aligned (with _controls_under_title)
_TOP_LEGEND = {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"}


def _controls_under_title(fig: Figure) -> Figure:
    """The title on the first line of the top margin, and the controls above the plot
    (buttons, a top legend) on a second line below it: on a narrow page they never
    overlap, however long the title."""
    layout = fig["layout"]
    layout["title"].update({"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 12}})
    layout["margin"] = {**layout["margin"], "t": 90}
    return fig


def _label(platform: str) -> str:
    return platforms()[platform]["label"]


def problems_chart(diag: Diagnosis, tr: Translator, theme: Theme,
                   ranks: dict[str, int] | None = None) -> Figure:
    """Horizontal bars of the seven problems' severity; fix-first ones in the brand colour;
    ties in the chapter's one ranking (``ranks``, else the diagnosis's)."""
    rank = ranks or {p.key: p.rank for p in diag.problems}
    rows = sorted(diag.problems, key=lambda p: (p.score, -rank[p.key]))
    brand, rest = theme.highlight("#B3B3B3")
    bar = {
        "type": "bar",
        "orientation": "h",
        "x": [p.score for p in rows],
        "y": [tr.t(f"problem.{p.key}.name") for p in rows],
        "marker": {"color": [brand if p.fix_first else rest for p in rows]},
        "text": [tr.t(f"severity.{p.severity}") for p in rows],
        "textposition": "auto",
        "hovertemplate": "%{y}: %{x}/3<extra></extra>",
    }
    return theme.figure([bar], tr.t("chart.problems_title"), height=360,
                        xaxis={"range": [0, 3], "dtick": 1,
                               "title": {"text": tr.t("chart.severity_axis")}})


def maturity_chart(m: Maturity, tr: Translator, theme: Theme) -> Figure:
    """Bars of the maturity dimensions and the overall score on a 0-100 scale."""
    names = [tr.t("chart.infrastructure"), tr.t("chart.culture"), tr.t("chart.activity"),
             tr.t("chart.overall")]
    activity = (m.score - 0.4 * m.infrastructure - 0.4 * m.culture) / 0.2
    values = [m.infrastructure, m.culture, round(activity, 1), m.score]
    brand, rest = theme.highlight("#8C8C8C")
    bar = {
        "type": "bar",
        "x": names,
        "y": values,
        "marker": {"color": [rest, rest, rest, brand]},
        "text": [tr.number(v) for v in values],
        "textposition": "outside",
        "hovertemplate": "%{x}: %{y}/100<extra></extra>",
    }
    cuts = [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": c, "y1": c,
             "line": {"dash": "dot", "color": "#CCCCCC"}} for c in (25, 50, 75)]
    return theme.figure([bar], tr.t("chart.maturity_title"), height=320,
                        yaxis={"range": [0, 110], "title": {"text": tr.t("chart.score_axis")}},
                        shapes=cuts)


def _names(bench: CompetitorBenchmark, tr: Translator) -> list[str]:
    return [
        f"{e.name} {tr.t('common.client_marker')}" if e.is_client else e.name
        for e in bench.entities
    ]


def _colors(bench: CompetitorBenchmark, theme: Theme) -> list[str]:
    brand, rest = theme.highlight("#9E9E9E")
    return [brand if e.is_client else rest for e in bench.entities]


def followers_chart(bench: CompetitorBenchmark, tr: Translator, theme: Theme) -> Figure:
    """Stacked bars of followers per platform for the client and each competitor."""
    names = _names(bench, tr)
    all_platforms = sorted({p for e in bench.entities for p in e.followers_by_platform})
    bars = [
        {
            "type": "bar",
            "name": _label(platform),
            "x": names,
            "y": [e.followers_by_platform.get(platform, 0) for e in bench.entities],
            "marker": {"color": colour},
            "hovertemplate": "%{x}<br>" + _label(platform) + ": %{y:,}<extra></extra>",
        }
        for colour, platform in zip(theme.palette(len(all_platforms)), all_platforms,
                                    strict=True)
    ]
    return theme.figure(bars, tr.t("chart.followers_title"), barmode="stack",
                        yaxis={"title": {"text": tr.t("chart.followers_axis")}})


def _single_bar(bench, tr, theme, values, title, axis, fmt) -> Figure:
    bar = {
        "type": "bar",
        "x": _names(bench, tr),
        "y": values,
        "marker": {"color": _colors(bench, theme)},
        "text": [fmt(v) if v is not None else tr.t("common.na") for v in values],
        "textposition": "outside",
        "hovertemplate": "%{x}: %{text}<extra></extra>",
    }
    return theme.figure([bar], title, yaxis={"title": {"text": axis}, "rangemode": "tozero"})


def engagement_chart(bench: CompetitorBenchmark, tr: Translator, theme: Theme) -> Figure:
    """Follower-weighted engagement rate of each brand."""
    return _single_bar(
        bench, tr, theme, [e.engagement_rate for e in bench.entities],
        tr.t("chart.er_title"), tr.t("chart.er_axis"), lambda v: tr.percent(v, 2),
    )


def frequency_chart(bench: CompetitorBenchmark, tr: Translator, theme: Theme) -> Figure:
    """Posts per week of each brand, all channels together."""
    return _single_bar(
        bench, tr, theme, [e.posts_per_week for e in bench.entities],
        tr.t("chart.frequency_title"), tr.t("table.posts_per_week"), lambda v: tr.number(v, 1),
    )


def share_of_voice_chart(bench: CompetitorBenchmark, tr: Translator, theme: Theme) -> Figure:
    """Donut of share of voice, the client in its primary colour."""
    colours = distinct_colours([theme.primary if e.is_client else _GREYS[i % len(_GREYS)]
                                for i, e in enumerate(bench.entities)], [*_GREYS, *_SPARES])
    pie = {
        "type": "pie",
        "labels": _names(bench, tr),
        "values": [e.share_of_voice for e in bench.entities],
        "hole": 0.5,
        "marker": {"colors": colours},
        "sort": False,
        "texttemplate": "%{label}<br>%{percent}",
        "hovertemplate": "%{label}: %{percent}<extra></extra>",
    }
    return theme.figure([pie], tr.t("chart.sov_title"), showlegend=False)


def positioning_chart(bench: CompetitorBenchmark, tr: Translator, theme: Theme) -> Figure:
    """Followers (log) against engagement rate, bubble size = posts per week."""
    names = dict(zip((id(e) for e in bench.entities), _names(bench, tr), strict=True))
    rows = [e for e in bench.entities if e.engagement_rate is not None and e.followers]
    client, other = theme.lines(theme.primary, "#9E9E9E")
    scatter = {
        "type": "scatter",
        "mode": "markers+text",
        "x": [e.followers for e in rows],
        "y": [e.engagement_rate for e in rows],
        "text": [names[id(e)] for e in rows],
        "textposition": "top center",
        "marker": {
            "size": [12 + 3 * min(e.posts_per_week, 20) for e in rows],
            "color": [client if e.is_client else other for e in rows],
            "line": {"width": 1, "color": "#FFFFFF"},
        },
        "hovertemplate": "%{text}<br>%{x:,}<br>%{y:.2f}%<extra></extra>",
    }
    return theme.figure([scatter], tr.t("chart.positioning_title"),
                        xaxis={"type": "log", "title": {"text": tr.t("chart.followers_axis")}},
                        yaxis={"title": {"text": tr.t("chart.er_axis")}})


# --- Chapter 2: targets ----------------------------------------------------------------

def k_selection_chart(selection: list[dict], chosen: int, tr: Translator,
                      theme: Theme) -> Figure:
    """Silhouette (higher is better) and Davies-Bouldin (lower is better) against k."""
    ks = [row["k"] for row in selection]
    sil_colour, db_colour = theme.lines(theme.primary, "#9E9E9E")
    sil = {
        "type": "scatter", "mode": "lines+markers", "name": tr.t("chart.silhouette"),
        "x": ks, "y": [row["silhouette"] for row in selection],
        "line": {"color": sil_colour, "width": 3},
        "marker": {"size": [16 if k == chosen else 8 for k in ks],
                   "symbol": ["star" if k == chosen else "circle" for k in ks]},
        "hovertemplate": "k=%{x}: %{y:.3f}<extra></extra>",
    }
    db = {
        "type": "scatter", "mode": "lines+markers", "name": tr.t("chart.davies_bouldin"),
        "x": ks, "y": [row["davies_bouldin"] for row in selection], "yaxis": "y2",
        "line": {"color": db_colour, "dash": "dot"},
        "hovertemplate": "k=%{x}: %{y:.3f}<extra></extra>",
    }
    rejected = [row["k"] for row in selection if not row["admissible"]]
    shapes = [{"type": "rect", "xref": "x", "yref": "paper", "x0": k - 0.5, "x1": k + 0.5,
               "y0": 0, "y1": 1, "fillcolor": "#F2F2F2", "line": {"width": 0},
               "layer": "below"} for k in rejected]
    return _controls_under_title(theme.figure(
        [sil, db], tr.t("chart.k_title"), height=380,
        xaxis={"title": {"text": tr.t("chart.k_axis")}, "dtick": 1},
        yaxis={"title": {"text": tr.t("chart.silhouette")}},
        yaxis2={"title": {"text": tr.t("chart.davies_bouldin")}, "overlaying": "y",
                "side": "right", "showgrid": False},
        shapes=shapes,
        legend=_TOP_LEGEND,
    ))


def segment_sizes_chart(names: list[str], shares: list[float], tr: Translator,
                        theme: Theme) -> Figure:
    """Share of the audience in each target, in the targets' colours on the map (dark
    enough for its markers)."""
    bar = {
        "type": "bar", "orientation": "h", "x": shares, "y": names,
        "marker": {"color": theme.line_palette(len(names))},
        "text": [tr.percent(s) for s in shares], "textposition": "auto",
        "hovertemplate": "%{y}: %{text}<extra></extra>",
    }
    return theme.figure([bar], tr.t("chart.sizes_title"), height=120 + 50 * len(names),
                        yaxis={"autorange": "reversed"},
                        xaxis={"title": {"text": tr.t("chart.share_axis")}})


def profile_heatmap(names: list[str], features: list[str], z: list[list[float | None]],
                    tr: Translator, theme: Theme) -> Figure:
    """Targets x traits, coloured by z-score (how far the target is from the average);
    the scale's ends are dark enough to stand out from its white-grey middle."""
    high, low = theme.lines(theme.secondary, "#3B6EA8")
    heat = {
        "type": "heatmap", "x": features, "y": names, "z": z, "zmid": 0,
        "colorscale": [[0, low], [0.5, "#F7F7F7"], [1, high]],
        "text": [[("" if v is None else f"{v:+.1f}") for v in row] for row in z],
        "texttemplate": "%{text}", "hovertemplate": "%{y}<br>%{x}: z = %{z:.2f}<extra></extra>",
        "colorbar": {"title": {"text": "z"}},
    }
    return theme.figure([heat], tr.t("chart.heatmap_title"), height=160 + 45 * len(names),
                        yaxis={"autorange": "reversed"})


def segment_map(points: dict, names: list[str], explained: list[float], tr: Translator,
                theme: Theme) -> Figure:
    """A sample of the audience on its first two principal components, by target.
    Hover shows the target only: no row-level data."""
    colours = theme.line_palette(len(names))
    traces = []
    for i, name in enumerate(names):
        xs = [x for x, s in zip(points["x"], points["segment"], strict=True) if s == i]
        ys = [y for y, s in zip(points["y"], points["segment"], strict=True) if s == i]
        traces.append({"type": "scatter",
                       "mode": "markers", "name": name, "x": xs, "y": ys,
                       "marker": {"color": colours[i], "size": 5, "opacity": 0.6},
                       "hovertemplate": name + "<extra></extra>"})
    ex = explained + [0, 0]
    return theme.figure(
        traces, tr.t("chart.map_title"), height=460,
        xaxis={"title": {"text": tr.t("chart.component", n=1, share=tr.percent(ex[0]))},
               "zeroline": False},
        yaxis={"title": {"text": tr.t("chart.component", n=2, share=tr.percent(ex[1]))},
               "zeroline": False},
    )


# --- Paid campaigns and budget, team and cost -------------------------------------------

def allocation_chart(platforms_: list[str], awareness: list[float], conversion: list[float],
                     tr: Translator, theme: Theme) -> Figure:
    """Spend per platform, split into awareness and conversion campaigns."""
    labels = [_label(p) for p in platforms_]
    conv, aware = theme.palette(2)
    bars = [
        {"type": "bar", "name": tr.t("chart.conversion_spend"), "x": labels, "y": conversion,
         "marker": {"color": conv}, "hovertemplate": "%{x}: %{y:,.0f}<extra></extra>"},
        {"type": "bar", "name": tr.t("chart.awareness_spend"), "x": labels, "y": awareness,
         "marker": {"color": aware}, "hovertemplate": "%{x}: %{y:,.0f}<extra></extra>"},
    ]
    return theme.figure(bars, tr.t("chart.allocation_title"), barmode="stack",
                        yaxis={"title": {"text": tr.t("chart.spend_axis")}})


def sweep_chart(sweep: list[dict], break_even: float | None, current: float, tr: Translator,
                theme: Theme) -> Figure:
    """Conversions and marginal cost per conversion against the conversion budget."""
    budgets = [row["budget"] for row in sweep]
    conv, cpa = theme.lines(theme.primary, theme.secondary)
    traces = [
        {"type": "scatter", "mode": "lines+markers", "name": tr.t("chart.conversions"),
         "x": budgets, "y": [row["conversions"] for row in sweep],
         "line": {"color": conv, "width": 3},
         "hovertemplate": "%{x:,.0f}: %{y:,.0f}<extra></extra>"},
        {"type": "scatter", "mode": "lines+markers", "name": tr.t("chart.marginal_cpa"),
         "x": budgets, "y": [row["marginal_cpa"] for row in sweep], "yaxis": "y2",
         "line": {"color": cpa, "dash": "dot"},
         "hovertemplate": "%{x:,.0f}: %{y:,.2f}<extra></extra>"},
    ]
    shapes = [{"type": "line", "xref": "x", "yref": "paper", "x0": current, "x1": current,
               "y0": 0, "y1": 1, "line": {"color": "#777777", "dash": "dash"}}]
    if break_even:
        shapes.append({"type": "line", "xref": "paper", "yref": "y2", "x0": 0, "x1": 1,
                       "y0": break_even, "y1": break_even,
                       "line": {"color": "#C62828", "dash": "dot"}})
    return _controls_under_title(theme.figure(
        traces, tr.t("chart.sweep_title"), height=420, shapes=shapes,
        xaxis={"title": {"text": tr.t("chart.conversion_budget_axis")}},
        yaxis={"title": {"text": tr.t("chart.conversions")}, "rangemode": "tozero"},
        yaxis2={"title": {"text": tr.t("chart.marginal_cpa")}, "overlaying": "y",
                "side": "right", "showgrid": False, "rangemode": "tozero"},
        legend=_TOP_LEGEND,
    ))


def monthly_chart(monthly: list[dict], tr: Translator, theme: Theme) -> Figure:
    """Forecast conversions per month and platform (seasonal CPMs make Q4 dearer)."""
    platforms_ = list(dict.fromkeys(row["platform"] for row in monthly))
    colours = theme.palette(len(platforms_))
    traces = []
    for colour, platform in zip(colours, platforms_, strict=True):
        rows = [r for r in monthly if r["platform"] == platform]
        traces.append({"type": "bar", "name": _label(platform),
                       "x": [r["month"] for r in rows], "y": [r["conversions"] for r in rows],
                       "marker": {"color": colour},
                       "hovertemplate": "%{x|%b %Y}: %{y:,.0f}<extra></extra>"})
    return theme.figure(traces, tr.t("chart.monthly_title"), barmode="stack",
                        yaxis={"title": {"text": tr.t("chart.conversions")}})


def cost_chart(costs: dict, tr: Translator, theme: Theme) -> Figure:
    """The plan's total cost by item."""
    keys = [k for k in ("existing_team", "owner_time", "team", "ads", "production", "tools")
            if costs.get(k)]
    pie = {"type": "pie", "labels": [tr.t(f"team.cost.{k}") for k in keys],
           "values": [costs[k] for k in keys], "hole": 0.5, "sort": False,
           "marker": {"colors": theme.palette(len(keys))},
           "hovertemplate": "%{label}: %{value:,.0f} (%{percent})<extra></extra>"}
    return theme.figure([pie], tr.t("chart.cost_title"), height=340)


def pnl_chart(monthly: list[dict], tr: Translator, theme: Theme) -> Figure:
    """Monthly gross margin from paid social against the plan's monthly cost, and the
    cumulative result."""
    months = [r["month"] for r in monthly]
    cost = [r["team"] + r["ads"] + r["production"] + r["tools"] for r in monthly]
    margin_c, cost_c, cumul_c = distinct_colours(
        [theme.primary, "#B3B3B3", readable(theme.secondary)], _LINE_SPARES)
    traces = [
        {"type": "bar", "name": tr.t("chart.gross_margin"), "x": months,
         "y": [r["gross_margin"] for r in monthly], "marker": {"color": margin_c}},
        {"type": "bar", "name": tr.t("chart.cost"), "x": months, "y": [-c for c in cost],
         "marker": {"color": cost_c}},
        {"type": "scatter", "mode": "lines+markers", "name": tr.t("chart.cumulative"),
         "x": months, "y": [r["cumulative"] for r in monthly],
         "line": {"color": cumul_c, "width": 3}},
    ]
    return theme.figure(traces, tr.t("chart.pnl_title"), barmode="relative",
                        yaxis={"title": {"text": tr.t("chart.money_axis")}})


# --- Objectives ---------------------------------------------------------------------------

def trajectory_chart(months: list[str], series: list[tuple[str, list[float], float]],
                     tr: Translator, theme: Theme) -> Figure:
    """Each objective's KPI path (name, monthly values, baseline), as % of its baseline."""
    colours = theme.line_palette(len(series))
    traces = [{"type": "scatter", "mode": "lines+markers", "name": name, "x": months,
               "y": [round(v / base * 100, 1) for v in values],
               "line": {"color": colour},
               "hovertemplate": name + ": %{y:.1f}%<extra></extra>"}
              for colour, (name, values, base) in zip(colours, series, strict=True)]
    return theme.figure(traces, tr.t("chart.trajectory_title"), height=380,
                        yaxis={"title": {"text": tr.t("chart.baseline_axis")}})


def posting_heatmap(heat: dict, weekday_names: list[str], tr: Translator,
                    theme: Theme) -> Figure:
    """Mean engagement rate by weekday and hour (post history)."""
    trace = {"type": "heatmap", "x": [f"{h:02d}:00" for h in heat["hours"]],
             "y": [weekday_names[w] for w in heat["weekdays"]], "z": heat["rate"],
             "colorscale": [[0, "#F7F7F7"], [1, theme.primary_line]],
             "hovertemplate": "%{y} %{x}: %{z:.2f}%<extra></extra>",
             "colorbar": {"title": {"text": "%"}}}
    return theme.figure([trace], tr.t("chart.windows_title"), height=340,
                        yaxis={"autorange": "reversed"})


def scenario_chart(platforms_: list[str], scenarios: dict[str, list[float]],
                   names: dict[str, str], tr: Translator, theme: Theme) -> Figure:
    """Conversions per platform under the low / mid / high benchmark scenarios, switched by
    buttons that work in the static HTML (no kernel)."""
    labels = [_label(p) for p in platforms_]
    keys = list(scenarios)
    traces = [{"type": "bar", "name": names[k], "x": labels, "y": scenarios[k],
               "visible": k == "mid", "marker": {"color": theme.primary},
               "hovertemplate": "%{x}: %{y:,.0f}<extra></extra>"} for k in keys]
    buttons = [{"label": names[k], "method": "update",
                "args": [{"visible": [j == i for j in range(len(keys))]}]}
               for i, k in enumerate(keys)]
    fig = theme.figure(traces, tr.t("chart.scenario_title"), height=400, showlegend=False,
                       updatemenus=[{"type": "buttons", "direction": "right", "x": 0,
                                     "xanchor": "left", "y": 1.02, "yanchor": "bottom",
                                     "pad": {"t": 0, "b": 4, "l": 0, "r": 0},
                                     "active": keys.index("mid"), "buttons": buttons}],
                       yaxis={"title": {"text": tr.t("chart.conversions")}})
    return _controls_under_title(fig)



def comparison_chart(names: list[str], conversions: list[float], costs: list[float],
                     tr: Translator, theme: Theme) -> Figure:
    """Named scenarios side by side: conversions (bars) and total cost of the plan (line)."""
    bar, line = theme.palette(1)[0], theme.lines(theme.secondary)[0]
    traces = [{"type": "bar", "name": tr.t("chart.conversions"), "x": names, "y": conversions,
               "marker": {"color": bar}, "hovertemplate": "%{x}: %{y:,.0f}<extra></extra>"},
              {"type": "scatter", "mode": "markers", "name": tr.t("chart.cost"), "x": names,
               "y": costs, "yaxis": "y2", "marker": {"color": line, "size": 12},
               "hovertemplate": "%{x}: %{y:,.0f}<extra></extra>"}]
    return _controls_under_title(theme.figure(
        traces, tr.t("chart.compare_title"), height=340, legend=_TOP_LEGEND,
        yaxis={"title": {"text": tr.t("chart.conversions")}, "rangemode": "tozero"},
        yaxis2={"title": {"text": tr.t("chart.cost")}, "overlaying": "y", "side": "right",
                "showgrid": False, "rangemode": "tozero"}))

# --- Tracking report ----------------------------------------------------------------------

def actuals_trajectory_chart(months: list[str], trajectory: list[float],
                             actuals: list[float | None], baseline: float, title: str,
                             axis: str, tr: Translator, theme: Theme) -> Figure:
    """One KPI's planned path by month with the months measured so far and the baseline."""
    plan_c, actual_c, base_c = theme.lines(theme.primary, theme.secondary, "#8C8C8C")
    traces = [
        {"type": "scatter", "mode": "lines", "name": tr.t("tracking.chart.planned_path"),
         "x": months, "y": trajectory, "line": {"color": plan_c, "dash": "dot"}},
        {"type": "scatter", "mode": "lines+markers", "name": tr.t("tracking.chart.actual"),
         "x": months, "y": actuals, "line": {"color": actual_c, "width": 3},
         "marker": {"size": 9}, "connectgaps": False},
        {"type": "scatter", "mode": "lines", "name": tr.t("tracking.chart.baseline"),
         "x": [months[0], months[-1]], "y": [baseline, baseline],
         "line": {"color": base_c, "width": 1}},
    ]
    return theme.figure(traces, title, height=320, yaxis={"title": {"text": axis}})


def delivery_chart(names: list[str], scheduled: list[int], published: list[int],
                   tr: Translator, theme: Theme) -> Figure:
    """Posts scheduled by the calendar against posts published, per platform."""
    planned_c, done_c = theme.highlight("#B3B3B3")[::-1]
    traces = [{"type": "bar", "name": tr.t("tracking.chart.scheduled"), "x": names, "y": scheduled,
               "marker": {"color": planned_c}},
              {"type": "bar", "name": tr.t("tracking.chart.published"), "x": names, "y": published,
               "marker": {"color": done_c}}]
    return theme.figure(traces, tr.t("tracking.chart.delivery_title"), height=340, barmode="group",
                        yaxis={"title": {"text": tr.t("tracking.chart.posts_axis")}})


def variance_waterfall(labels: list[str], values: list[float], tr: Translator,
                       theme: Theme) -> Figure:
    """From the baseline rate to the actual one: the first and last ``values`` are levels,
    the ones between are the mix and rate effects that add up to the change."""
    up, down = theme.lines(theme.primary, theme.secondary)
    trace = {"type": "waterfall", "x": labels, "y": values,
             "measure": ["absolute"] + ["relative"] * (len(values) - 2) + ["total"],
             "increasing": {"marker": {"color": up}},
             "decreasing": {"marker": {"color": down}},
             "totals": {"marker": {"color": "#8C8C8C"}},
             "text": [f"{v:+.2f}" if 0 < i < len(values) - 1 else f"{v:.2f}"
                      for i, v in enumerate(values)], "textposition": "outside",
             "hovertemplate": "%{x}: %{y:.2f}<extra></extra>"}
    return theme.figure([trace], tr.t("tracking.chart.variance_title"), height=340,
                        showlegend=False,
                        yaxis={"title": {"text": tr.t("tracking.chart.engagement_axis")}})
