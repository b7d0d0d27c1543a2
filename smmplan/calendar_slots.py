"""The calendar's timing: each platform's posting windows (from its own post history, else
the catalogue's defaults, each window saying which), the posts of the plan period spread
over those windows, and which posts are sponsored month by month.

Windows of a platform with history: its weekdays ranked by mean engagement rate (at least
``MIN_POSTS_PER_DAY`` posts each); each day at its best measured hour cell (at least
``MIN_POSTS_PER_WINDOW`` posts: the window's own rate, basis ``hour``), else at the
platform's best hour with the day's average (basis ``day``: a day-level figure, never
shown as the hour's). A platform without posts in the history gets the catalogue's default
windows (basis ``default``, no figure): never another platform's or the pooled history's.

Spreading (data/content.yaml ``calendar``): the posts go to the best ``windows`` windows, one
per weekday, each with a share by rank (``rank_weights``); a week's posts go to the windows
furthest behind their share (ties to the better rank), so good days take turns and a
platform never posts twice in one window and day.
"""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .brief import Brief
from .catalogue import content_facts

MIN_POSTS_PER_WINDOW = 3
MIN_POSTS_PER_DAY = 5  # a weekday (or hour) ranked on fewer posts is noise
BASES = ("hour", "day", "default")


@dataclass
class Window:
    weekday: int  # 0 = Monday
    hour: int
    rate: float | None  # mean engagement rate (%): the cell's (hour), the day's (day), None
    posts: int  # posts behind the rate: the cell's or the whole day's
    basis: str = "hour"  # hour: measured cell; day: day-level average; default: catalogue


@dataclass
class Slot:
    date: str
    time: str
    platform: str
    pillar: str
    format: str
    sponsored: bool
    idea: str = ""  # topic — hook (ideas.py)
    cta: str = ""
    adaptation: str = ""  # how the idea is cut for the slot's format
    moment: str = ""  # the key moment the post prepares, if any
    base_idea: str = ""  # the idea as placed (idea_repeats.vary_repeats keeps it as the text)
    angle: str = ""  # the angle a repeat is written from (idea_repeats.vary_repeats)
    lever: str = ""  # the sector lever its idea carries out (creators.creator_cost)
    ad_only: bool = False  # a paid creative run as an ad only, off the feed (ad_only.py)
    test: bool = False  # sponsored by the held-back budget's test, not the plan's (paid_tests)
    keep: bool = False  # never dropped as filler (a best performer's or maintenance post)
    profile: str = ""  # "founder" or "wave": from people's own profiles (profile_posts.py)


def calendar_rules() -> dict:
    """data/content.yaml ``calendar``: windows per platform, rank weights, morning and
    evening hours, the moments' role threshold, the sectors that post on holidays."""
    return content_facts()["calendar"]


def best_windows(history: pd.DataFrame, top: int = 4,
                 min_posts: int = MIN_POSTS_PER_WINDOW) -> list[Window]:
    """The (weekday, hour) cells with the highest mean engagement rate (engagements /
    reach per post), among cells with at least ``min_posts`` posts."""
    grouped = history.groupby(["weekday", "hour"])["rate"].agg(["mean", "size"])
    grouped = grouped[grouped["size"] >= min_posts].sort_values(
        ["mean", "size"], ascending=[False, False])
    return [Window(int(w), int(h), round(float(r["mean"]), 3), int(r["size"]))
            for (w, h), r in grouped.head(top).iterrows()]


def own_history(history: pd.DataFrame | None, platform: str) -> pd.DataFrame | None:
    """The history's posts of one platform (the whole history when the export names no
    platform at all); None when it has none of this platform's or no rate."""
    if history is None or "rate" not in history or history.empty:
        return None
    labelled = "platform" in history and (history["platform"] != "").any()
    rows = history[history["platform"] == platform] if labelled else history
    return rows if len(rows) else None


def ranked_windows(rows: pd.DataFrame, top: int = 4) -> list[Window]:
    """One platform's measured windows, best day first (see the module docstring)."""
    days = rows.groupby("weekday")["rate"].agg(["mean", "size"])
    days = days[days["size"] >= MIN_POSTS_PER_DAY].sort_values(
        ["mean", "size"], ascending=[False, False])
    if days.empty:
        return []
    cells = rows.groupby(["weekday", "hour"])["rate"].agg(["mean", "size"])
    cells = cells[cells["size"] >= MIN_POSTS_PER_WINDOW].sort_values(
        ["mean", "size"], ascending=[False, False])
    hours = rows.groupby("hour")["rate"].agg(["mean", "size"])
    good = hours[hours["size"] >= MIN_POSTS_PER_DAY].sort_values("mean", ascending=False)
    best_hour = int((good.index if len(good) else
                     hours.sort_values("size", ascending=False).index)[0])
    out = []
    for day, row in days.head(top).iterrows():
        mine = [(h, r) for (w, h), r in cells.iterrows() if w == day]
        if mine:
            hour, cell = mine[0]
            out.append(Window(int(day), int(hour), round(float(cell["mean"]), 3),
                              int(cell["size"]), "hour"))
        else:
            out.append(Window(int(day), best_hour, round(float(row["mean"]), 3),
                              int(row["size"]), "day"))
    return out


def platform_windows(history: pd.DataFrame | None, platform: str,
                     top: int | None = None) -> list[Window]:
    """A platform's posting windows, best first: measured from its own posts, completed
    with the catalogue's default windows on other weekdays (basis ``default``)."""
    top = top or calendar_rules()["windows"]
    rows = own_history(history, platform)
    found = ranked_windows(rows, top) if rows is not None else []
    taken = {w.weekday for w in found}
    for weekday, hour in content_facts()["platforms"][platform]["windows"]:
        if len(found) >= top:
            break
        if weekday not in taken:
            found.append(Window(weekday, hour, None, 0, "default"))
            taken.add(weekday)
    return found


def weekly_picks(weights: list[float], given: list[int], count: int) -> list[int]:
    """The windows (indices) that take a week's ``count`` posts: each time the one furthest
    behind its share of the posts given so far, ties to the better rank; a window at most
    once a week. ``given`` is updated."""
    total = sum(weights)
    picks: list[int] = []
    for _ in range(min(count, len(weights))):
        done = sum(given) + 1
        behind = [done * w / total - g if i not in picks else -np.inf
                  for i, (w, g) in enumerate(zip(weights, given, strict=True))]
        i = int(np.argmax(behind))
        picks.append(i)
        given[i] += 1
    return picks


def build_slots(brief: Brief, kept: list, windows: dict[str, list[Window]],
                pillars: list[dict], mix: dict[str, list[str]], holidays_: set[str],
                sponsored_formats: set[str], live_cap: int | None = None) -> list[Slot]:
    """Posts of the plan period: each platform's weekly count spread over its best windows
    (module docstring), pillars rotated by weight, formats rotated; a post falling on a date
    of ``holidays_`` moves to the next free day; sponsored when the format is one the budget
    chapter sponsors. More posts in a week than windows: the extra ones on the week's other
    days at the best window's hour, then at the windows' other hours. A sector listed in
    ``calendar.weekdays_only`` posts Monday to Friday only. With ``live_cap``, a platform
    has at most that many live sessions a month (``_format``)."""
    rules = calendar_rules()
    lives: dict[tuple[str, str], int] = {}
    start, end = brief.client.period.start, brief.client.period.end
    slots: list[Slot] = []
    weights = [p["weight"] for p in pillars]
    done = [0] * len(pillars)

    def next_pillar(n: int) -> str:
        """Smooth weighted round-robin: the pillar furthest behind its share goes next."""
        behind = [(n + 1) * w / sum(weights) - d for w, d in zip(weights, done, strict=True)]
        i = int(np.argmax(behind))
        done[i] += 1
        return pillars[i]["key"]

    total = 0
    # buyers at work: a sector in ``weekdays_only`` posts Monday to Friday only
    workdays = 5 if brief.client.sector_kind in rules.get("weekdays_only", []) else 7
    for c in kept:
        wins = [w for w in (windows.get(c.platform) or []) if w.weekday < workdays][
            :rules["windows"]]
        if not wins or c.posts_per_week <= 0:
            continue
        ranks = rules["rank_weights"]
        shares = [ranks[min(i, len(ranks) - 1)] for i in range(len(wins))]
        given = [0] * len(wins)
        used: set[tuple[str, int]] = set()
        credit, n = 0.0, 0
        week = start - dt.timedelta(days=start.weekday())
        while week <= end:
            credit += c.posts_per_week
            count = int(credit)
            credit -= count
            picks = [(wins[i].weekday, wins[i].hour)
                     for i in weekly_picks(shares, given, count)]
            others = [d for d in range(workdays) if d not in {w for w, _ in picks}]
            picks += [(d, wins[0].hour) for d in others[:max(0, count - len(picks))]]
            hours = sorted({w.hour for w in wins})  # more posts than days: a second hour
            more = [(d, h) for d in range(workdays) for h in hours if (d, h) not in picks]
            picks += more[:max(0, count - len(picks))]
            for weekday, hour in sorted(picks):
                day = week + dt.timedelta(days=weekday)
                while day.isoformat() in holidays_ or (day.isoformat(), hour) in used \
                        or day.weekday() >= workdays:
                    day += dt.timedelta(days=1)
                if not (start <= day <= end):
                    continue
                used.add((day.isoformat(), hour))
                pillar = next_pillar(total)
                total += 1
                fmt = _format(mix[c.platform], n, lives, c.platform, day, live_cap)
                slots.append(Slot(day.isoformat(), f"{hour:02d}:00", c.platform, pillar,
                                  fmt, pillar == "showcase" and fmt in sponsored_formats))
                n += 1
            week += dt.timedelta(days=7)
    return sorted(slots, key=lambda s: (s.date, s.time, s.platform))


def _format(mix: list[str], n: int, lives: dict[tuple[str, str], int], platform: str,
            day: dt.date, cap: int | None) -> str:
    """The format of a platform's ``n``-th post: the mix in rotation, a live only while
    the month has fewer than ``cap`` (None: no cap) of the platform's lives, else the next
    format of the mix that is not a live."""
    fmt = mix[n % len(mix)]
    if fmt != "live":
        return fmt
    key = (platform, day.isoformat()[:7])
    if cap is None or lives.get(key, 0) < cap:
        lives[key] = lives.get(key, 0) + 1
        return fmt
    others = [f for f in mix if f != "live"]
    return others[n % len(others)] if others else fmt


def _each_moment(posts: list[Slot]) -> list[Slot]:
    """Key moments' selling posts in the order they are sponsored: the last post of each
    moment first (the reminder closest to it), then the others, so a month short of
    sponsored posts still sponsors every moment once."""
    by_moment: dict[str, list[Slot]] = {}
    for s in sorted(posts, key=lambda s: s.date, reverse=True):
        by_moment.setdefault(s.moment, []).append(s)
    rounds = max((len(v) for v in by_moment.values()), default=0)
    return [v[k] for k in range(rounds) for v in by_moment.values() if k < len(v)]


def _keeps_organic(post: Slot, copies: list[Slot]) -> bool:
    """Whether sponsoring ``post`` leaves its moment a copy on another platform that is
    not sponsored (a moment posted on several platforms keeps one for its followers); a
    moment posted once may be sponsored."""
    others = [c for c in copies if c is not post and c.platform != post.platform]
    return not others or any(not c.sponsored for c in others)


def _month_quotas(quota: int, weights: dict[str, float], room: dict[str, int]) -> dict[str, int]:
    """``quota`` shared over the months (in date order) in proportion to ``weights`` by
    cumulative rounding, so equal weights give an even spread; never more than a month's
    ``room``: what a full month cannot take goes to the open months of highest weight (never
    to a month of weight 0: no paid spend there)."""
    months = sorted(weights)
    total = sum(weights.values()) or 1.0
    if not sum(weights.values()):
        weights = {m: 1.0 for m in months}
        total = float(len(months))
    out, cum, before = {}, 0.0, 0
    for m in months:
        cum += quota * weights[m] / total
        out[m] = min(round(cum) - before, room[m])
        before = round(cum)
    open_ = [m for m in months if weights[m] > 0]  # a month without paid spend takes none
    left = min(quota, sum(room[m] for m in open_)) - sum(out.values())
    while left > 0:
        m = max((m for m in open_ if out[m] < room[m]), key=lambda m: (weights[m], -out[m]))
        out[m] += 1
        left -= 1
    return out


def sponsorable_formats(formats: set[str], types: set[str]) -> set[str]:
    """The calendar formats the "What to sponsor" table allows: those with a name
    (data/content.yaml ``calendar.sponsor_formats``, else the format's key) among the
    content types it sponsors; every format when it sponsors none."""
    if not types:
        return set(formats)
    allowed = {t.strip().lower().replace("_", " ") for t in types}
    names = calendar_rules()["sponsor_formats"]
    return {f for f in formats
            if {n.replace("_", " ") for n in names.get(f, [f])} & allowed
            or f.replace("_", " ") in allowed}


def sponsor_slots(slots: list[Slot], paid_spend: dict[str, float],
                  monthly: list[dict] | None = None,
                  fit: Callable[[Slot], int | None] | None = None,
                  month_of: Callable[[Slot], str] | None = None,
                  windows: dict[str, tuple[str, str]] | None = None) -> None:
    """Sponsored posts only on platforms with a paid budget, their number in proportion to
    each platform's spend (as many as the calendar proposed: showcase posts in a format the
    budget chapter sponsors), shared over the months as the budget chapter spends
    (``monthly``: its rows of month, platform and spend; evenly without them), each month
    at most as many as it has posts that ``fit`` allows (None: not to sponsor; -1: a key
    moment's post that sells, always taken first; 0: a post that already carries what to
    sell, taken next; 1: one that can be given it); within a month, spread over its days.
    A post counts in its month, or the one ``month_of`` says it sells (a month's sessions,
    announced in the days before it starts: paid from that month's budget). ``windows``:
    {platform: (first, last ISO day)} of a dated test (``trial_test``): its sponsored posts
    fall inside the test's days only, spread over them (``_over_window``)."""
    fit = fit or (lambda s: 0)
    windows = windows or {}
    paid = {p: v for p, v in paid_spend.items() if v > 0}
    proposed = sum(s.sponsored for s in slots)
    for s in slots:
        s.sponsored = False
    organic = {s.platform for s in slots}
    spend = {p: v for p, v in paid.items() if p in organic}  # paid-only platforms: no post
    if not spend:
        return
    # without a proposal (no format matched), the showcase posts of the paid platforms
    proposed = proposed or sum(s.pillar == "showcase" and s.platform in spend for s in slots)
    total = sum(spend.values())
    copies: dict[str, list[Slot]] = {}  # a moment's posts over every platform
    for s in slots:
        if s.moment:
            copies.setdefault(s.moment, []).append(s)
    fitting: dict[str, dict[str, list[tuple[int, Slot]]]] = {p: {} for p in spend}
    month_of = month_of or (lambda s: s.date[:7])
    for s in slots:
        if s.platform in spend:
            rank = fit(s)
            span = windows.get(s.platform)
            if span:  # a dated test: its own days, one bucket
                if rank is not None and span[0] <= s.date <= span[1]:
                    fitting[s.platform].setdefault("test", []).append((rank, s))
                continue
            fitting[s.platform].setdefault(s.date[:7], [])
            if rank is not None:
                fitting[s.platform].setdefault(month_of(s), []).append((rank, s))
    # a platform with fewer posts that fit than its share asks for lowers the total, so
    # every platform's sponsored posts keep its share of the spend (one value)
    room = {p: sum(len(v) for v in m.values()) for p, m in fitting.items()}
    proposed = min([proposed] + [int(room[p] * total / v + 0.5) for p, v in spend.items()
                                 if room[p]])
    for platform, value in spend.items():
        quota = max(1, round(proposed * value / total))
        by_month = fitting[platform]
        rows = [r for r in monthly or [] if r["platform"] == platform]
        weights = {m: sum(r["spend"] for r in rows if r["month"][:7] == m) if rows else 1.0
                   for m in by_month}
        quotas = _month_quotas(quota, weights, {m: len(v) for m, v in by_month.items()})
        for month, mine in by_month.items():
            q = quotas[month]
            if platform in windows:
                _over_window(mine, q, windows[platform], copies)
                continue
            if not q:
                continue
            ranked = [s for _, s in sorted(mine, key=lambda r: (r[0], r[1].date))]
            first = []
            for s in _each_moment([s for r, s in mine if r < 0]):
                if len(first) < q and _keeps_organic(s, copies[s.moment]):
                    s.sponsored = True
                    first.append(s)
            q -= len(first)
            ranked = [s for s in ranked if not s.sponsored]
            if not q or not ranked:
                continue
            rest = sorted(ranked[:max(q, min(len(ranked), 3 * q))], key=lambda s: s.date)
            step = len(rest) / q
            for i in range(q):
                rest[int(i * step)].sponsored = True


def _over_window(mine: list[tuple[int, Slot]], q: int, span: tuple[str, str],
                 copies: dict[str, list[Slot]]) -> None:
    """Sponsor ``q`` of a dated test's posts (``mine``: rank and post, all inside its days
    ``span``): the test's days cut into ``q`` equal parts, the best-ranked post of each
    part (its earliest on a tie), so the ads cover the test from its first week to its
    last; a part without a post leaves its ad to the best-ranked post left."""
    first, last = (dt.date.fromisoformat(d) for d in span)
    days = (last - first).days + 1
    part = lambda s: min(q - 1, (dt.date.fromisoformat(s.date) - first).days * q // days)  # noqa: E731
    usable = sorted(((r, s) for r, s in mine
                     if not s.moment or _keeps_organic(s, copies[s.moment])),
                    key=lambda r: (r[0], r[1].date))
    taken: list[Slot] = []
    for k in range(q):
        best = next((s for _, s in usable if part(s) == k), None)
        if best is not None:
            taken.append(best)
    for _, s in usable:
        if len(taken) >= q:
            break
        if s not in taken:
            taken.append(s)
    for s in taken[:q]:
        s.sponsored = True


def outside_windows(slots: list[Slot], windows: dict[str, list[Window]],
                    weeks: float) -> list[dict]:
    """Per platform, the posts that go out of its best windows (more posts a week than
    windows, or moved off a closed day): how many a week on average and in all, and the
    hours they go out at."""
    out = []
    for platform, wins in windows.items():
        cells = {(w.weekday, f"{w.hour:02d}:00") for w in wins[:calendar_rules()["windows"]]}
        mine = [s for s in slots if s.platform == platform]
        off = [s for s in mine if (dt.date.fromisoformat(s.date).weekday(), s.time)
               not in cells]
        if off:
            out.append({"platform": platform, "posts": len(mine), "outside": len(off),
                        "per_week": len(mine) / weeks, "outside_per_week": len(off) / weeks,
                        "hours": sorted({s.time for s in off})})
    return out


def short_pillar(slots: list[Slot], pillars: list[dict], role: str = "") -> str:
    """The pillar whose share of ``slots`` falls furthest below its weight, among those of
    ``role`` (the role of the first problem the plan fixes) when any has it."""
    n = max(1, len(slots))
    return max([p for p in pillars if p["role"] == role] or pillars,
               key=lambda p: p["weight"] / 100 - sum(s.pillar == p["key"] for s in slots) / n
               )["key"]


def session_stories(slots: list[Slot], mix: dict[str, list[str]],
                    windows: dict[str, list[Window]], sessions: list[dt.date],
                    start: dt.date, lead: int = 3, reminded: set | None = None,
                    pillar: str = "showcase") -> list[Slot]:
    """A story for each session of a booked offer line (``sessions.sessions``), on each
    platform whose mix has stories, added in the ``lead`` days before it (the calendar's
    own stories keep their ideas), on the weekday the platform posts least on (the nearest
    to the session on a tie), at the platform's best window hour (the next free hour when
    that one is taken). A session of ``reminded`` (``Sessions.reminded``; all when None)
    gets a reminder story (showcase); the others' stories go to ``pillar`` (the one the
    calendar is shortest of: ``short_pillar``), the bakehouse rather than the same reminder
    each week. Returns the added stories."""
    added: list[Slot] = []
    for platform, formats in mix.items():
        if "story" not in formats:
            continue
        mine = [s for s in slots if s.platform == platform]
        hour = (windows.get(platform) or [Window(0, 9, None, 0, "default")])[0].hour
        busy = {(s.date, s.time) for s in mine}
        for session in sessions:
            load = collections.Counter(dt.date.fromisoformat(s.date).weekday()
                                       for s in mine + added if s.platform == platform)
            options = [session - dt.timedelta(days=k) for k in range(1, lead + 1)
                       if session - dt.timedelta(days=k) >= start]
            if not options:
                continue
            day = min(options, key=lambda d: (load[d.weekday()], (session - d).days)).isoformat()
            h = next(h for h in range(hour, hour + 24) if (day, f"{h % 24:02d}:00") not in busy)
            new = Slot(day, f"{h % 24:02d}:00", platform, "showcase" if reminded is None
                       or session in reminded else pillar, "story", False)
            busy.add((new.date, new.time))
            added.append(new)
    return added
