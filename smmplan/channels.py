"""Channels and content: which platforms to run and why, content pillars and mix, the
editorial calendar (CSV and iCalendar), and the approval flow.

Scoring a platform (0-100) = 50 x audience fit + 30 x objective fit + 20 x current
presence, each 0-1: audience fit is the share of the targets expected on the platform
(weighted by target size; platform usage rates without targets); objective fit is how well
the platform serves the roles the diagnosis asks for (data/content.yaml); presence is the
client's followers there relative to its largest channel; a platform a business goal
names ("4,000 Instagram followers") gets ``GOAL_BONUS`` % of the way left to 100; the
sector's fit multiplies it; the score never leaves its 0-100 scale. Which platforms are
kept follows ``channel_choice`` (no platform the targets do not use, a higher bar to add
one than to keep one, the team's capacity as a cap, never a reason to add); each kept
platform gets the role it serves best.

Without targets, and for a platform the targets' age profile does not cover (regional
platforms such as LINE, WeChat or VK, which are scored only in their countries), the
audience fit is the share of adults using it in the client's country, else its region,
else the stated stand-in (``market.platform_use``). A live seller (its sector or offer says
it sells live, or its sector playbook has the live-selling lever) gets live sessions in
the mix of the platforms that have them (Facebook Live, Instagram Live...).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from . import workload as wl
from .ad_only import split_ads_only
from .boost_ads import boost_ads
from .brief import Brief, platforms
from .calendar_slots import (  # noqa: F401 (Window, Slot, best_windows re-exported)
    Slot,
    Window,
    best_windows,
    build_slots,
    calendar_rules,
    platform_windows,
    session_stories,
    short_pillar,
    sponsor_slots,
    sponsorable_formats,
)
from .catalogue import (
    content_facts,  # noqa: F401 (re-exported)
    paid_facts,  # noqa: F401
)
from .channel_choice import (
    audience_term,
    best_performers,
    choose,
    results_leader,
    scaled_score,
    sector_fit,
)
from .confirm_marks import confirmed_only
from .creator_posts import place_creator_posts
from .customer_refs import cap_references
from .exports.posts import read_posts
from .frequency import (  # noqa: F401 (allocate_frequency re-exported)
    allocate_frequency,
    feed_lead,
    floor_shortfall,
    lead_rotation,
    maintenance_role,
    overloaded,
    recount,
    weak_platforms,
)
from .frequency import rules as frequency_rules
from .goals import goal_platform
from .holiday_names import named_holidays
from .i18n import Translator
from .idea_banks import idea_banks
from .idea_repeats import tease_before_the_day, vary_repeats
from .idea_supply import least_needed, next_needed, within_supply
from .ideas import (
    assign_ideas,
    copy_register,
    target_ideas,
)
from .jsondata import as_data
from .market import platform_use
from .month_spread import fill_evenly, respread, state
from .new_shops import new_shops
from .openings_paid import opening_ads, without_opening
from .order_cutoff import no_ads_days
from .posting_days import closed_days, moment_platforms
from .profile_posts import FORMAT as PROFILE_FORMAT
from .profile_posts import add_profile_posts, profile_per_week
from .quiet_days import cap_quiet_weeks, no_paid_days, off_days, thin_quiet_days
from .season_steps import placed
from .sectors import playbook, sector_dates
from .sessions import sessions
from .sponsored_ideas import (
    awareness_ideas,
    paid_ideas,
    recut_moments,
    sell_on_sponsored,
    selling_ctas,
    sponsor_fit,
)
from .sponsored_targets import favour_targets
from .staples import placed_moments
from .webinars import recorded_long_videos, webinar_lives

if TYPE_CHECKING:
    from .targets import Targets

ROLES = ("awareness", "engagement", "conversion", "customer_service")
GOAL_BONUS = 20.0  # % of the way to 100 for a platform a business goal names



@dataclass
class ChannelChoice:
    platform: str
    score: float
    audience_fit: float
    objective_fit: float
    presence: float
    kept: bool
    role: str | None
    reason: str  # kept: "kept", "kept_brief", "kept_home"; dropped: channel_choice.choose's reasons
    posts_per_week: float = 0.0
    current_posts_per_week: float | None = None
    audience_basis: str = "targets"  # or platform_use's basis: country, region, stand_in
    sector_fit: float = 1.0  # multiplier of the sector (channel_choice.sector_fit)
    protected: bool = False  # best performer: posts no less than today (allocate_frequency)
    cut: bool = False  # protected, but the team's capacity forces fewer posts than today
    acquired: float | None = None  # % of the client's customers who came through it (own
    #                                 data, platforms it runs), None when not known
    maintenance: bool = False  # weak engagement, no acquisition: a maintenance cadence
    held: bool = False  # its posts held to its score against the lead's (allocate_frequency)
    stretched: float = 0.0  # posts a week above its recommended maximum (stretch_max)
    reminders: float = 0.0  # of its posts a week, stories before booked sessions
    reminded: float = 0.0  # of those, the reminder stories (``Sessions.reminded``)
    profiles: float = 0.0  # of its posts a week, from people's own profiles (profile_posts)
    floor: str | None = field(default=None, metadata={"plan_json": False})  # allocate_frequency


@dataclass
class Channels:
    choices: list[ChannelChoice]
    capacity_posts: float  # posts a week the team can sustain
    planned_posts: float
    overloaded: bool  # the brief's current posting exceeds the capacity
    pillars: list[dict]  # {key, role, weight (%)}
    mix: dict[str, list[str]]  # platform -> formats in rotation
    windows: dict[str, list[Window]]
    windows_basis: str  # "history" or "default"
    timezone: str
    slots: list[Slot]
    key_dates: list[dict]  # {date, name, kind: holiday / event}
    approval: list[dict]  # {content, draft, approve, publish}
    notes: list[str] = field(default_factory=list)
    sector_kind: str = "other"
    pillar_names: dict[str, str] = field(default_factory=dict)  # in the plan's language
    ideas: list[dict] = field(default_factory=list)  # evergreen and dated ideas (ideas.py)
    regional: list[str] = field(default_factory=list)  # regional platforms of the country
    live_commerce: bool = False  # live sessions in the mix (a live seller)
    selling: list[str] | None = None  # platforms with conversion spend (None: not known)
    conversion: str | None = None  # the kind of conversion paid buys (budget.paid.conversion)
    closed: list[str] = field(default_factory=list)  # the days it does not post (holidays)
    # posts a week the distinct ideas support on a platform that gave up posts (idea_supply)
    idea_bound: dict[str, float] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)  # dated ideas no post carries
    # the posting the recommended team option carries when it cut the calendar below the
    # capacity (plan.Plan._stretch_within_budget), else None
    budget_posts: float | None = None
    filler: int = 0  # posts left out rather than filled with a product's idea again (ideas.fill)
    # what ChannelChoice.acquired counts: {"basis": "customers"} (the customer table), or
    # {"basis": "web", "event", "conversions"} (web_results); None when no data says
    acquired_from: dict | None = None
    # the platform that brings most of the client's results (not held to its score), and
    # the one whose posts give way first when the ideas fall short (idea_supply)
    results_leader: str | None = field(default=None, metadata={"plan_json": False})
    spare: str | None = field(default=None, metadata={"plan_json": False})
    # the held-back budget's test (paid_tests.held_back_test), whose posts the calendar pins:
    # computed once, here, for the budget chapter and the summary too (Plan.held_back_test)
    held_back_test: dict | None = field(default=None, metadata={"plan_json": False})

    def to_json(self) -> dict:
        data = as_data(self)
        data.pop("slots")
        return data

    def calendar_json(self) -> dict:
        return {"timezone": self.timezone, "posts": [as_data(s) for s in self.slots],
                "key_dates": self.key_dates}


def considered(brief: Brief) -> list[str]:
    """The platforms the channels chapter scores for this brief: every platform of the
    catalogue, except regional ones outside their countries that the brief does not run."""
    country = brief.client.country
    current = {c.platform for c in brief.situation.channels}
    catalogue, facts = platforms(), content_facts()["platforms"]
    live = live_seller(brief)
    return [p for p in facts if p in current or (
        country in catalogue[p].get("countries", [country])
        and (live or not facts[p].get("live_sellers_only")))]


def regional_platforms(brief: Brief) -> list[str]:
    """The regional platforms (``countries`` in data/platforms.yaml) that matter in the
    client's country or that the brief already runs."""
    catalogue = platforms()
    return [p for p in considered(brief) if "countries" in catalogue[p]]


def live_seller(brief: Brief) -> bool:
    """Whether the client sells live: its sector or an offer line says so (data/content.yaml
    live_commerce.words, English and French), or its sector playbook has the live-selling
    lever."""
    rules = content_facts()["live_commerce"]
    text = " ".join([brief.client.sector] + [f"{o.name} {o.description}"
                                             for o in brief.offer]).lower()
    if any(word in text for word in rules["words"]):
        return True
    return any(lever["key"] == rules["sector_lever"]
               for lever in playbook(brief.client.sector_kind)["levers"])


def score_channels(brief: Brief, target_reach: dict[str, float] | None,
                   wanted_roles: dict[str, float], max_channels: int,
                   home: set[str] | None = None,
                   acquired: dict[str, float] | None = None) -> list[ChannelChoice]:
    """Score every platform considered for the brief (see the module docstring) and keep
    at most ``max_channels`` by the rules of ``channel_choice.choose``; ``acquired``: % of
    the client's customers acquired through each platform (its own data), which weighs on
    the audience part of the score (``channel_choice.audience_term``)."""
    facts = content_facts()["platforms"]
    catalogue = platforms()
    current = {c.platform: c for c in brief.situation.channels}
    top_followers = max([c.followers or 0 for c in current.values()] + [1])
    named = {goal_platform(g) for g in brief.goals.business_goals} - {None}
    choices = []
    for platform in considered(brief):
        f = facts[platform]
        source = f.get("audience_of", platform)  # TikTok Shop: TikTok's audience
        basis = "targets"
        if target_reach is not None and (source in target_reach
                                         or "countries" not in catalogue[source]):
            audience = target_reach.get(source, 0.0) / 100
        else:
            use = platform_use(source, brief.client.country)
            audience, basis = use.share / 100, use.basis
        total_weight = sum(wanted_roles.values()) or 1
        objective = sum(f["roles"][r] / 3 * w for r, w in wanted_roles.items()) / total_weight
        presence = (current[platform].followers or 0) / top_followers if platform in current \
            else 0.0
        fit = sector_fit(brief.client.sector_kind, platform)
        # a business goal set on this platform ranks it, within the 0-100 scale
        runs = platform in current
        term = audience_term(audience, source, acquired, runs)
        score = scaled_score(100 * (0.5 * term + 0.3 * objective + 0.2 * presence),
                             GOAL_BONUS, platform in named, fit)
        role = max(ROLES, key=lambda r: (f["roles"][r] * (1 + wanted_roles.get(r, 0)),
                                         -ROLES.index(r)))
        choices.append(ChannelChoice(platform, round(score, 1), round(audience, 3),
                                     round(objective, 3), round(presence, 3), False, role,
                                     "", current_posts_per_week=current[platform]
                                     .posts_per_week if platform in current else None,
                                     audience_basis=basis, sector_fit=fit,
                                     acquired=acquired.get(source, 0.0)
                                     if acquired and runs else None))
    choices.sort(key=lambda c: -c.score)
    choose(choices, brief, max_channels, home)
    return choices


def paid_conversion_lead(kept: list[ChannelChoice],
                         conversion_spend: dict[str, float] | None) -> ChannelChoice | None:
    """The kept platform that carries the largest share of the paid conversion spend (more
    than any other platform), else None: its role in the plan is conversion whatever its
    organic score says, so that the channels and the budget chapters agree on where sales
    and leads come from."""
    spend = {c.platform: (conversion_spend or {}).get(c.platform, 0.0) for c in kept}
    total = sum(spend.values())
    if total <= 0:
        return None
    best = max(kept, key=lambda c: spend[c.platform])
    runner_up = max((spend[c.platform] for c in kept if c is not best), default=0.0)
    return best if spend[best.platform] > runner_up else None


def public_holidays(country: str, years: range, language: str,
                    tr: Translator) -> dict[dt.date, str]:
    """The country's public holidays named in the plan's language: the ``holidays``
    package's own translation when it has one for the country, else its English names
    through data/holiday_names.yaml (markers such as "observed" said in the plan's
    language), else the country's own-language names; never English in a plan in another
    language (an English name without translation is left out and logged). See
    ``smmplan.holiday_names``."""
    return named_holidays(country, years, language, tr)


def key_dates(brief: Brief) -> list[dict]:
    """Public holidays of the client's country in the plan period (named in the plan's
    language, ``public_holidays``), the sector playbook's moments for that country (kind
    ``sector``) and the brief's events."""
    start, end = brief.client.period.start, brief.client.period.end
    out = []
    tr = Translator(brief.client.language, brief.locale, brief.client.currency)
    days = public_holidays(brief.client.country, range(start.year, end.year + 1),
                           brief.client.language, tr)
    for day, name in sorted(days.items()):
        if start <= day <= end:
            out.append({"date": day.isoformat(), "name": name, "kind": "holiday"})
    for event in brief.calendar.events:
        if start <= event.date <= end:
            out.append({"date": event.date.isoformat(), "name": event.name, "kind": "event"})
    c = brief.client
    named = {(d["date"], d["name"].casefold()) for d in out}
    for d in sector_dates(c.sector_kind, c.country, start, end):
        entry = {"date": d["date"].isoformat(), "name": d["entry"]["name"][c.language],
                 "kind": "sector"} | ({"estimated": True} if d["entry"].get("estimated") else {})
        if (entry["date"], entry["name"].casefold()) not in named:  # Boxing Day: once
            out.append(entry)
    return sorted(out, key=lambda d: d["date"])


def plan_channels(brief: Brief, fix_first: list[str], target_reach: dict[str, float] | None,
                  capacity: float, sponsored_types: set[str],
                  paid_spend: dict[str, float] | None = None,
                  paid_monthly: list[dict] | None = None,
                  conversion_spend: dict[str, float] | None = None,
                  conversion: str | None = None, home: set[str] | None = None,
                  acquired: dict[str, float] | None = None,
                  stretch: float | None = None,
                  tests: list[dict] | None = None) -> Channels:
    """The channels and content chapter's results; ``capacity`` is the posts a week the
    plan's team can produce (``team.content_capacity``); ``stretch`` the most posts a week
    spare capacity may add above the platforms' recommended maximum (``allocate_frequency``,
    the team budget's bound); ``paid_monthly`` the budget
    chapter's monthly spend rows, which the sponsored posts follow; ``conversion_spend``
    its conversion spend per platform (a platform without any sponsors awareness posts
    only) and ``conversion`` the kind of conversion it buys (budget.paid.conversion);
    ``home`` the large targets' home platforms (``channel_choice.home_platforms``);
    ``acquired`` the % of customers acquired through each platform (own data); ``tests``
    the budget's dated tests (``trial_test``), whose sponsored posts fall in their days."""
    facts = content_facts()
    roles_needed: dict[str, float] = {}
    for i, problem in enumerate(fix_first):
        role = facts["problem_roles"].get(problem)
        if role:
            roles_needed[role] = roles_needed.get(role, 0) + (3 - i)
    if not roles_needed:
        roles_needed = {"awareness": 1, "engagement": 1}
    max_channels = brief.calendar.max_channels or max(1, min(6, int(np.ceil(capacity / 4))))
    choices = score_channels(brief, target_reach, roles_needed, max_channels, home, acquired)
    kept = [c for c in choices if c.kept]
    lead = paid_conversion_lead(kept, conversion_spend)
    if lead is not None and lead.role != "conversion":
        # the platform paid converts on has the conversion role; the role it leaves goes to
        # a platform holding the conversion role without conversion spend, best suited first
        strengths = facts["platforms"]
        idle = [c for c in kept if c.role == "conversion"
                and not (conversion_spend or {}).get(c.platform)]
        if idle:
            swap = max(idle, key=lambda c: strengths[c.platform]["roles"].get(lead.role, 0))
            swap.role = lead.role
        lead.role = "conversion"
    if lead is not None:  # one conversion channel: the others take their next-best role
        for c in kept:
            if c is not lead and c.role == "conversion":
                roles = facts["platforms"][c.platform]["roles"]
                c.role = max((r for r in ROLES if r != "conversion"),
                             key=lambda r: (roles[r] * (1 + roles_needed.get(r, 0)),
                                            -ROLES.index(r)))
    # a booked workshop's reminder stories come first out of the team's hours, at a story's
    # hours against an average post's: the rest goes to the platforms' posts
    held = sessions(brief)
    weeks = brief.client.period.weeks
    reminders = len(held.dates) / weeks if held else 0.0
    cost = min(1.0, wl.families()["story"]["sme"] / (wl.expected_sme_per_post(brief) or 1.0))
    if reminders:
        capacity = max(0.0, capacity - reminders * cost) + reminders  # a story: few hours
    # the founders' and volunteers' posts the advocacy lever states come first too, at a
    # photo post's hours against an average post's
    profiles = profile_per_week(brief, [c.platform for c in kept], weeks)
    if profiles:
        cost = min(1.0, wl.families()[wl.family_of(PROFILE_FORMAT)]["sme"]
                   / (wl.expected_sme_per_post(brief) or 1.0))
        capacity = max(0.0, capacity - profiles * cost) + profiles
    floors = best_performers(brief, target_reach)
    # a maintenance cadence (frequency.py), never where paid runs: its ads need feed posts
    weak = weak_platforms(kept, brief, set(floors) | {
        p for p, v in (paid_spend or {}).items() if v > 0})
    for c in kept:
        c.maintenance = c.platform in weak
        if c.maintenance:
            c.role = maintenance_role(c, ROLES, roles_needed)
    cadence = frequency_rules()["maintenance"]["posts_per_week"]
    today = {c.platform: c.posts_per_week or 0.0 for c in brief.situation.channels}
    leader = results_leader(acquired)
    allocate_frequency(kept, capacity - reminders - profiles, floors,
                       {p: cadence for p in weak}, stretch, today,
                       {leader} if leader else set())
    # Pillars weighted by the roles the diagnosis asks for.
    book = playbook(brief.client.sector_kind)
    pillars = []
    for key, role in facts["pillars"].items():
        pillars.append({"key": key, "role": role, "weight": (1 + 2 * roles_needed.get(role, 0))
                        * book["pillar_weights"][key]})
    total = sum(p["weight"] for p in pillars)
    for p in pillars:
        p["weight"] = round(p["weight"] / total * 100, 1)
    live = live_seller(brief)
    mix = {}
    for c in kept:
        formats = facts["platforms"][c.platform]["formats"]
        mix[c.platform] = formats[:3]
        if live and c.platform in facts["live_commerce"]["platforms"] and "live" in formats \
                and "live" not in mix[c.platform]:
            mix[c.platform] = formats[:2] + ["live"]  # one post in three: a live session
    recorded_long_videos(mix, kept, brief, paid_spend)  # long videos: the webinars' recordings
    storied = dict(mix)  # a booked line's reminder stories are its stories (one a week):
    if held is not None and held.dates:  # the rest of the rotation is feed posts
        mix = {p: [f for f in facts["platforms"][p]["formats"] if f != "story"][:3]
               if "story" in m else m for p, m in mix.items()}
    lead_feed = feed_lead(kept, today, mix)  # its rotation: feed formats, when stories
    if lead_feed:  # would take its feed below today's (a brief's posts a week are feed posts)
        mix[lead_feed] = storied[lead_feed] = lead_rotation(
            facts["platforms"][lead_feed]["formats"], next(
                c.posts_per_week for c in kept if c.platform == lead_feed), today[lead_feed])
    history = read_posts(brief)
    windows = {c.platform: platform_windows(history, c.platform) for c in kept}
    basis = "history" if any(w.basis != "default" for ws in windows.values() for w in ws) \
        else "default"
    dates = key_dates(brief)
    holidays_ = closed_days(brief.client.sector_kind, dates, brief.client.country)
    sponsored_formats = sponsorable_formats({f for m in mix.values() for f in m},
                                            sponsored_types)
    for attempt in range(3):  # a floor (today's posting) holds on the brand page's
        slots = build_slots(brief, kept, windows, pillars, mix, holidays_,  # calendar: the
                            sponsored_formats,  # quiet days' posts come back over the year
                            None if live else int(calendar_rules()["lives_per_month"]))
        webinar_lives(slots, brief, mix)  # the calendar's lives: the webinars
        thin_quiet_days(slots, brief)  # buyers away (Thanksgiving week): fewer organic posts
        short = floor_shortfall(kept, slots, today, weeks)
        # never beyond the team's capacity: a floor the team cannot hold is not held
        room = capacity - reminders - profiles - sum(c.posts_per_week for c in kept)
        if not short or room <= 1e-9 or attempt == 2:  # the slots are the last frequencies'
            for c in kept:  # a best performer still short (capacity): said as cut
                if short.get(c.platform, 0.0) * weeks >= 1 and c.protected:
                    c.cut = True
            break
        scale = min(1.0, room / sum(short.values()))
        for c in kept:
            c.posts_per_week += short.get(c.platform, 0.0) * scale
    if held is not None:  # a reminder story before each session: posts the frequency counts
        added = session_stories(slots, storied, windows, held.dates,
                                brief.client.period.start, reminded=set(held.reminded()),
                                pillar=short_pillar(slots, pillars,
                                                    calendar_rules()["session_story_role"]))
        slots = sorted(slots + added, key=lambda s: (s.date, s.time, s.platform))
        for c in kept:
            c.reminders = round(sum(s.platform == c.platform for s in added) / weeks, 1)
            c.reminded = round(len(held.reminded()) / weeks, 1) * any(  # one a month
                s.platform == c.platform for s in added)
    tz = brief.calendar.timezone or facts["timezones"].get(brief.client.country, "UTC")
    approval = []
    sme = brief.client.size == "sme"
    for content, (draft, approve, publish) in {
        "organic": ("social_media_manager", "owner", "social_media_manager") if sme else
        ("content_manager", "strategist", "community_manager"),
        "sponsored": ("social_media_manager", "owner", "social_media_manager") if sme else
        ("campaign_manager", "strategist", "campaign_manager"),
        "reply": ("social_media_manager", "social_media_manager", "social_media_manager")
        if sme else ("community_manager", "community_manager", "community_manager"),
        "crisis": ("social_media_manager", "owner", "social_media_manager") if sme else
        ("community_manager", "management", "strategist"),
    }.items():
        approval.append({"content": content, "draft": draft, "approve": approve,
                         "publish": publish})
    tr = Translator(brief.client.language, brief.locale, brief.client.currency)
    evergreen, moments = idea_banks(brief, tr, dates)
    selling = None if conversion_spend is None else \
        sorted(p for p, v in conversion_spend.items() if v > 0)
    sells = selling_ctas(conversion)
    on = moment_platforms([c.platform for c in kept])
    if selling is not None:  # a moment that sells goes on the platforms that buy the sale
        on |= {c.platform for c in kept if c.platform in selling}

    def prefer(idea, slot) -> bool:
        if slot.format == "live" and not live:
            return False
        return not (idea.cta in sells and selling is not None and slot.platform in selling) \
            or slot.format in sponsored_formats
    closed = set(holidays_) | off_days(brief)  # no moment moved onto a day buyers are off
    if brief.client.sector_kind in calendar_rules().get("weekdays_only", []):
        day = brief.client.period.start  # no moment post pulled onto a weekend either
        while day <= brief.client.period.end:
            if day.weekday() >= 5:
                closed.add(day.isoformat())
            day += dt.timedelta(days=1)
    planned = {id(s): (s.pillar, s.format) for s in slots}
    for s in slots:  # a best performer's floor and a maintenance cadence lose no filler post
        s.keep = any(c.platform == s.platform and (c.protected or c.maintenance) for c in kept) \
            or s.platform == lead_feed  # the lead's feed at today's: no post left out
    count, before, state_ = len(slots), list(slots), state(slots)
    short = assign_ideas(slots, evergreen, moments, tr, copy_register(brief), on, closed, prefer)
    short = respread(before, state_, slots, evergreen, moments,  # its filler left out
                     placed_moments(slots, moments), tr, copy_register(brief), short)  # monthly
    spare = least_needed(choices, paid_spend)
    removed = within_supply(slots, short, evergreen, moments, tr, copy_register(brief),
                            spare, planned, others=next_needed(choices, paid_spend))
    filler = count - len(slots) - sum(removed.values())  # grid posts left out (ideas.fill)
    if selling is not None:
        recut_moments(slots, moments, set(selling), sells, mix, sponsored_formats, tr,
                      copy_register(brief))
    if paid_spend is not None:  # after the ideas: posts that carry what paid sells first
        paid = confirmed_only(paid_ideas(evergreen + moments, brief.budget.paid.books,
                                         conversion), tr)  # an unconfirmed offer: organic
        aware = confirmed_only(awareness_ideas(evergreen), tr)
        chosen = None if selling is None else set(selling)
        fit = sponsor_fit(paid, sponsored_formats, chosen, aware)
        no_ads = no_ads_days(brief) | no_paid_days(brief)  # Christmas Day, buyers away
        series = {m.text for m in moments if m.staple == "month"}  # a monthly story: organic
        sold = {m.text: m.sells for m in moments if m.sells}  # a month's sessions: its budget
        sponsor_slots(slots, paid_spend, without_opening(paid_monthly),
                      lambda s: None if s.date in no_ads or s.base_idea in series else fit(s),
                      lambda s: sold.get(s.base_idea, s.date[:7]),
                      {t["platform"]: (t["start"], t["end"]) for t in tests or []})
        sell_on_sponsored(slots, paid, tr, copy_register(brief), evergreen, moments,
                          chosen, aware)
        split_ads_only(slots, evergreen, moments, tr, copy_register(brief))  # off the feed
        ads = {p: [f for f in m if f in sponsored_formats and f != "story"]
               for p, m in mix.items()}  # the formats the "What to sponsor" table allows
        opening_ads(slots, moments, brief, paid_monthly, tr, copy_register(brief), ads)
        boost_ads(slots, moments, paid_monthly, new_shops(brief), tr, ads,
                  copy_register(brief))  # monthly, one ad per new shop
    place_creator_posts(slots, brief, evergreen, tr, copy_register(brief))  # the lever's count
    tease_before_the_day(slots, moments, tr, copy_register(brief))
    # the founders' and volunteers' posts: on top of the brand page's (recount adds them)
    add_profile_posts(slots, brief, windows, closed | no_paid_days(brief), evergreen, tr,
                      copy_register(brief))
    cap_quiet_weeks(slots, brief)  # buyers away (year-end break): a post a day at most
    vary_repeats(slots, tr, evergreen)
    cap_references(slots, brief, tr, evergreen)  # named customers a month, then recuts
    recount(kept, slots, weeks)  # the frequency is the calendar's: quiet days, reminders, ideas
    shown = placed(moments, slots)
    return Channels(
        sector_kind=brief.client.sector_kind,
        pillar_names={k: tr.text(v) for k, v in book["pillar_names"].items()},
        ideas=[i.to_json() for i in evergreen + shown
               if not (i.staple and i.date)],  # a staple's weeks: its idea, listed once
        unplaced=[m.text for m in moments if m not in shown and not m.staple
                  and m.date <= brief.client.period.end.isoformat()],
        choices=choices, capacity_posts=round(capacity, 1),
        planned_posts=round(sum(c.posts_per_week for c in kept), 1),
        overloaded=overloaded(brief, capacity), pillars=pillars, mix=storied,
        windows=windows, windows_basis=basis, timezone=tz, slots=slots, key_dates=dates,
        approval=approval,
        regional=regional_platforms(brief), live_commerce=live, selling=selling,
        conversion=conversion, closed=sorted(holidays_),
        idea_bound={c.platform: c.posts_per_week for c in kept
                    if removed.get(c.platform) and not c.maintenance}, filler=filler,
        results_leader=leader, spare=spare,
    )


def add_target_ideas(channels: Channels, brief: Brief, targets: Targets,
                     favoured: dict[str, list[str]] | None = None) -> None:
    """Persona ideas from the data-driven targets when the brief declares no persona: the
    ideas are rebuilt with them and the calendar's posts, but its key moments', given
    theirs again (the sponsored ones as ``sell_on_sponsored`` chooses, showing the products
    ``favoured`` by the targets each platform's paid budget serves: ``favour_targets``)."""
    if targets.declared or not targets.personas or brief.targets.personas:
        return
    tr = Translator(brief.client.language, brief.locale, brief.client.currency)
    evergreen, moments = idea_banks(brief, tr, channels.key_dates,
                                    target_ideas(brief, targets, tr))
    reg = copy_register(brief)
    chosen = placed_moments(channels.slots, moments)  # the key moments' posts stay as placed
    count = len(channels.slots)
    for s in channels.slots:  # a sponsored post is the paid split's: never dropped as filler
        s.keep = s.keep or s.sponsored
    fill_evenly(channels.slots, evergreen, moments, chosen, tr, reg)  # a product's filler goes
    channels.filler += count - len(channels.slots)
    selling = None if channels.selling is None else set(channels.selling)
    paid = confirmed_only(paid_ideas(evergreen + moments, brief.budget.paid.books,
                                     channels.conversion), tr)
    favour_targets(channels.slots, paid, favoured or {}, tr, reg,
                   playbook(brief.client.sector_kind).get("product_seasons", []))
    sell_on_sponsored(channels.slots, paid, tr, reg, evergreen, moments, selling,
                      confirmed_only(awareness_ideas(evergreen), tr))
    place_creator_posts(channels.slots, brief, evergreen, tr, reg)
    tease_before_the_day(channels.slots, moments, tr, reg)
    vary_repeats(channels.slots, tr, evergreen)
    cap_references(channels.slots, brief, tr, evergreen)
    kept, period = [c for c in channels.choices if c.kept], brief.client.period
    recount(kept, channels.slots, period.weeks)
    channels.planned_posts = round(sum(c.posts_per_week for c in kept), 1)
    channels.ideas = [i.to_json() for i in evergreen + moments]
