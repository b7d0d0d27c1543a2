"""What each notebook cell shows: one module per chapter (``identity``, ``targets``,
``objectives``, ``channels``, ``community``, ``budget`` and its ``scenarios`` comparison,
``team``), the cover and summary
(``summary``), the tracking report (``tracking``) and shared helpers (``base``).

Every view takes the ``Plan``, returns a ``Section`` (HTML fragments and figures) and
records the figures and tables it shows in ``plan.record``; words go through ``plan.tr``,
HTML is escaped Jinja. A view holds no rule or domain constant: it shows what the
chapter's module computed. Notebooks call ``v.<section>(plan)``.
"""

from .base import TOC_MARKER, Section, chapter_heading
from .budget import (
    budget_allocation,
    budget_decisions,
    budget_forecast,
    budget_scenarios,
)
from .budget_appendix import budget_appendix
from .channels import (
    calendar_view,
    channel_choice,
    channels_appendix,
    channels_decisions,
    content_plan,
)
from .community import community_decisions, community_playbook, crisis_playbook
from .identity import (
    competitors,
    diagnosis,
    identity_canvas,
    identity_decisions,
    maturity,
    swot,
    tone_of_voice,
)
from .kpi_definitions import kpi_definitions
from .measurement import objectives_measurement
from .objectives import objectives_decisions, objectives_smart
from .scenarios import scenario_comparison
from .summary import appendix_heading, cover, executive_summary, footer, plan_closing
from .targets import (
    persona_name,
    sub_targets,
    target_ads_advice,
    target_map,
    target_personas,
    target_selection,
    targets_appendix,
    targets_decisions,
    targets_intro,
)
from .team import team_costs, team_decisions, team_roles
from .tracking import tracking_report

__all__ = [
    "Section", "TOC_MARKER", "appendix_heading", "budget_allocation", "budget_appendix",
    "budget_decisions", "budget_forecast", "budget_scenarios", "calendar_view",
    "channel_choice", "channels_appendix", "channels_decisions", "chapter_heading",
    "community_decisions", "community_playbook", "competitors", "content_plan", "cover",
    "crisis_playbook", "diagnosis", "executive_summary", "footer", "identity_canvas",
    "identity_decisions", "kpi_definitions", "maturity", "objectives_decisions",
    "objectives_measurement", "objectives_smart", "persona_name", "plan_closing",
    "scenario_comparison", "sub_targets", "swot", "target_ads_advice", "target_map",
    "target_personas", "target_selection", "targets_appendix", "targets_decisions",
    "targets_intro", "team_costs", "team_decisions", "team_roles", "tone_of_voice",
    "tracking_report",
]
