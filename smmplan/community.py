"""Community management and crisis playbooks, computed from the channels kept, the team
and, when a post export gives comment counts, the brand's own baseline."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .brief import Brief
from .content import content_facts

SITUATIONS = {  # situation -> moderation action
    "question": "answer",
    "complaint": "answer_then_private",
    "praise": "thank",
    "troll": "hide_or_ignore",
    "spam": "delete",
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
        return asdict(self)


def baseline_comments(brief: Brief) -> float | None:
    """Average comments per day in the post export (when it has a comments column)."""
    spec = brief.data.posts
    if spec is None:
        return None
    from .audience import parse_dates, parse_numbers
    from .clientdata import read_table

    table = read_table(brief.resolve(spec.path), spec.sheet)
    col = spec.columns.get("comments") or next(
        (c for c in table.columns if c.lower() in ("comments", "comment", "commentaires")),
        None)
    date = spec.columns.get("date") or next(
        (c for c in table.columns if c.lower() in ("date", "publish time")), None)
    if not col or not date or col not in table or date not in table:
        return None
    days = parse_dates(table[date]).dropna()
    if days.empty:
        return None
    span = max(1, (days.max() - days.min()).days + 1)
    return float(parse_numbers(table[col]).fillna(0).sum() / span)


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
