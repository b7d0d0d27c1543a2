"""Community management and crisis playbooks, computed from the channels kept, the team
and, when a post export gives comment counts, the brand's own baseline."""

from __future__ import annotations

from dataclasses import dataclass

from .brief import Brief
from .channels import content_facts
from .exports.posts import read_posts
from .jsondata import as_data

SITUATIONS = {  # situation -> moderation action
    "question": "answer",
    "complaint": "answer_then_private",
    "praise": "thank",
    "troll": "hide_or_ignore",
    "spam": "delete",
    "review": "answer",
}
NEGATIVE_SHARE = 10.0  # % of comments assumed negative when no measure exists (convention)
LEVELS = (  # level, multiple of the daily baseline, who acts, hours to act
    (1, 2, "community_manager", 4),
    (2, 5, "strategist", 2),
    (3, 10, "management", 1),
)


@dataclass
class Community:
    situations: list[dict]  # {situation, action}
    response_hours: dict[str, int]
    baseline_comments_per_day: float | None
    negative_per_day: float | None
    baseline_basis: str  # "history" or "none"
    levels: list[dict]  # {level, trigger_per_day, multiple, owner, hours}
    approval_owner: str

    def to_json(self) -> dict:
        return as_data(self)


def baseline_comments(brief: Brief) -> float | None:
    """Average comments per day over the post export's dated span (when it has comments)."""
    posts = read_posts(brief)
    if posts is None or "comments" not in posts or "date" not in posts:
        return None
    days = posts["date"].dropna()
    if days.empty:
        return None
    span = max(1, (days.max() - days.min()).days + 1)
    return float(posts["comments"].fillna(0).sum() / span)


def plan_community(brief: Brief, kept_platforms: list[str]) -> Community:
    """The community and crisis chapter's results."""
    facts = content_facts()["platforms"]
    base = baseline_comments(brief)
    negative = base * NEGATIVE_SHARE / 100 if base is not None else None
    levels = []
    for level, multiple, owner, hours in LEVELS:
        if brief.client.size == "sme":
            owner = {"community_manager": "social_media_manager",
                     "strategist": "owner", "management": "owner"}[owner]
        trigger = round(max(1.0, negative * multiple), 1) if negative is not None else None
        levels.append({"level": level, "multiple": multiple, "trigger_per_day": trigger,
                       "owner": owner, "hours": hours})
    return Community(
        situations=[{"situation": k, "action": v} for k, v in SITUATIONS.items()],
        response_hours={p: facts[p]["response_hours"] for p in kept_platforms},
        baseline_comments_per_day=round(base, 2) if base is not None else None,
        negative_per_day=round(negative, 2) if negative is not None else None,
        baseline_basis="history" if base is not None else "none",
        levels=levels,
        approval_owner="owner" if brief.client.size == "sme" else "strategist",
    )
