"""Every plotly figure of the plan: one function each, themed with the client's colours.

Functions take results and a Translator and return a ``go.Figure``; they never display.
"""

from __future__ import annotations

import plotly.graph_objects as go

from .brief import platforms
from .i18n import Translator
from .identity import CompetitorBenchmark, Diagnosis, Maturity

_GREYS = ["#4D4D4D", "#8C8C8C", "#B3B3B3", "#D9D9D9", "#6B6B6B", "#A0A0A0"]


class Theme:
    """The client's colours and the layout every figure shares."""

    def __init__(self, primary: str, secondary: str, separators: str = ".,"):
        self.primary = primary
        self.secondary = secondary
        self.separators = separators  # plotly: decimal sign then thousands separator

    def palette(self, n: int) -> list[str]:
        """``n`` colours: the brand's two, then neutral greys."""
        base = [self.primary, self.secondary, *_GREYS]
        return [base[i % len(base)] for i in range(n)]

    def apply(self, fig: go.Figure, title: str, height: int = 380) -> go.Figure:
        fig.update_layout(
            title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
            template="plotly_white",
            height=height,
            margin={"l": 10, "r": 10, "t": 50, "b": 10},
            font={"family": "Helvetica, Arial, sans-serif", "size": 12},
            legend={"orientation": "h", "y": -0.15},
            separators=self.separators,
        )
        return fig


def _label(platform: str) -> str:
    return platforms()[platform]["label"]


def problems_chart(diag: Diagnosis, tr: Translator, theme: Theme) -> go.Figure:
    """Horizontal bars of the seven problems' severity; fix-first ones in the brand colour."""
    rows = sorted(diag.problems, key=lambda p: (p.score, -p.rank))
    fig = go.Figure(
        go.Bar(
            x=[p.score for p in rows],
            y=[tr.t(f"problem.{p.key}.name") for p in rows],
            orientation="h",
            marker_color=[theme.primary if p.fix_first else "#B3B3B3" for p in rows],
            text=[tr.t(f"severity.{p.severity}") for p in rows],
            textposition="auto",
            hovertemplate="%{y}: %{x}/3<extra></extra>",
        )
    )
    fig.update_xaxes(range=[0, 3], dtick=1, title=tr.t("chart.severity_axis"))
    return theme.apply(fig, tr.t("chart.problems_title"), height=360)


def maturity_chart(m: Maturity, tr: Translator, theme: Theme) -> go.Figure:
    """Bars of the maturity dimensions and the overall score on a 0-100 scale."""
    names = [tr.t("chart.infrastructure"), tr.t("chart.culture"), tr.t("chart.activity"),
             tr.t("chart.overall")]
    activity = (m.score - 0.4 * m.infrastructure - 0.4 * m.culture) / 0.2
    values = [m.infrastructure, m.culture, round(activity, 1), m.score]
    fig = go.Figure(
        go.Bar(
            x=names,
            y=values,
            marker_color=["#8C8C8C", "#8C8C8C", "#8C8C8C", theme.primary],
            text=[tr.number(v) for v in values],
            textposition="outside",
            hovertemplate="%{x}: %{y}/100<extra></extra>",
        )
    )
    for cut in (25, 50, 75):
        fig.add_hline(y=cut, line_dash="dot", line_color="#CCCCCC")
    fig.update_yaxes(range=[0, 110], title=tr.t("chart.score_axis"))
    return theme.apply(fig, tr.t("chart.maturity_title"), height=320)


def _names(bench: CompetitorBenchmark, tr: Translator) -> list[str]:
    return [
        f"{e.name} {tr.t('common.client_marker')}" if e.is_client else e.name
        for e in bench.entities
    ]


def _colors(bench: CompetitorBenchmark, theme: Theme) -> list[str]:
    return [theme.primary if e.is_client else "#9E9E9E" for e in bench.entities]


def followers_chart(bench: CompetitorBenchmark, tr: Translator, theme: Theme) -> go.Figure:
    """Stacked bars of followers per platform for the client and each competitor."""
    names = _names(bench, tr)
    all_platforms = sorted({p for e in bench.entities for p in e.followers_by_platform})
    colours = theme.palette(len(all_platforms))
    fig = go.Figure()
    for colour, platform in zip(colours, all_platforms, strict=True):
        fig.add_bar(
            name=_label(platform),
            x=names,
            y=[e.followers_by_platform.get(platform, 0) for e in bench.entities],
            marker_color=colour,
            hovertemplate="%{x}<br>" + _label(platform) + ": %{y:,}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title=tr.t("chart.followers_axis"))
    return theme.apply(fig, tr.t("chart.followers_title"))


def _single_bar(bench, tr, theme, values, title, axis, fmt) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=_names(bench, tr),
            y=values,
            marker_color=_colors(bench, theme),
            text=[fmt(v) if v is not None else tr.t("common.na") for v in values],
            textposition="outside",
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    fig.update_yaxes(title=axis, rangemode="tozero")
    return theme.apply(fig, title)


def engagement_chart(bench: CompetitorBenchmark, tr: Translator, theme: Theme) -> go.Figure:
    """Follower-weighted engagement rate of each brand."""
    return _single_bar(
        bench, tr, theme, [e.engagement_rate for e in bench.entities],
        tr.t("chart.er_title"), tr.t("chart.er_axis"), lambda v: tr.percent(v, 2),
    )


def frequency_chart(bench: CompetitorBenchmark, tr: Translator, theme: Theme) -> go.Figure:
    """Posts per week of each brand, all channels together."""
    return _single_bar(
        bench, tr, theme, [e.posts_per_week for e in bench.entities],
        tr.t("chart.frequency_title"), tr.t("table.posts_per_week"), lambda v: tr.number(v, 1),
    )


def share_of_voice_chart(bench: CompetitorBenchmark, tr: Translator, theme: Theme) -> go.Figure:
    """Donut of share of voice, the client in its primary colour."""
    fig = go.Figure(
        go.Pie(
            labels=_names(bench, tr),
            values=[e.share_of_voice for e in bench.entities],
            hole=0.5,
            marker={"colors": [theme.primary] + _GREYS[: len(bench.entities) - 1]},
            sort=False,
            texttemplate="%{label}<br>%{percent}",
            hovertemplate="%{label}: %{percent}<extra></extra>",
        )
    )
    fig.update_layout(showlegend=False)
    return theme.apply(fig, tr.t("chart.sov_title"))


def positioning_chart(bench: CompetitorBenchmark, tr: Translator, theme: Theme) -> go.Figure:
    """Followers (log) against engagement rate, bubble size = posts per week."""
    rows = [e for e in bench.entities if e.engagement_rate is not None and e.followers]
    names = {e.name: n for e, n in zip(bench.entities, _names(bench, tr), strict=True)}
    fig = go.Figure(
        go.Scatter(
            x=[e.followers for e in rows],
            y=[e.engagement_rate for e in rows],
            mode="markers+text",
            text=[names[e.name] for e in rows],
            textposition="top center",
            marker={
                "size": [12 + 3 * min(e.posts_per_week, 20) for e in rows],
                "color": [theme.primary if e.is_client else "#9E9E9E" for e in rows],
                "line": {"width": 1, "color": "#FFFFFF"},
            },
            hovertemplate="%{text}<br>%{x:,}<br>%{y:.2f}%<extra></extra>",
        )
    )
    fig.update_xaxes(type="log", title=tr.t("chart.followers_axis"))
    fig.update_yaxes(title=tr.t("chart.er_axis"))
    return theme.apply(fig, tr.t("chart.positioning_title"))
