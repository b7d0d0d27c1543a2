"""A post idea as the calendar places it (topic, hook, call to action, the moment or
series it belongs to) and the brief's register for posts and replies. Imported by the
modules that make ideas (ideas, webinars, new_shops) without importing each other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from .brief import Brief
from .catalogue import content_facts
from .jsondata import as_data

MOMENT_POSTS_PER_PLATFORM = 2  # posts of a key moment per platform: a teaser and a reminder


@dataclass
class Idea:
    pillar: str
    topic: str
    hook: str
    cta: str  # catalogue key under cta.
    offer: str = ""  # offer line name when the idea is about one
    persona: str = ""  # declared persona's name when the idea is about one
    # the product (or the offer line with products) a template's idea is told on: one
    # cell of the template x product grid (ideas._focuses), capped at idea_caps.repeats
    product: str = ""
    voice: str = "brand"  # "person": posted from a founder's or employee's own profile
    moment: str = ""  # key-moment name when the idea is dated
    date: str = ""  # ISO date of the moment
    lead_days: int = 0
    when: str = ""  # "morning" or "evening": slot hours of data/content.yaml calendar
    weekdays: list[int] = field(default_factory=list)  # days it may go out (0 = Monday)
    order_by_days: int | None = None  # orders close this many days before the moment
    season_days: int = 0  # the moment runs this many days after its date (a season)
    posts: int = MOMENT_POSTS_PER_PLATFORM  # a moment's posts per platform
    cap: int | None = None  # most posts it may fill in the year (the brand's own lines)
    # a story told once (a retro, an origin story): the most posts it fills in the year,
    # whoever posts it (data/sectors/<kind>.yaml ideas[].per_year); None: the calendar's caps
    per_year: int | None = None
    formats: list[str] = field(default_factory=list)  # format families it fits (all if empty)
    # a dated occurrence it sells or reports ("seats left for Saturday"): its weekday and
    # whether the post points to the next one ("next") or the last one ("last"); never
    # one that falls on a day of ``no_show`` (public holidays: no session)
    occurs: dict = field(default_factory=dict)
    no_show: frozenset[str] = frozenset()
    lever: str = ""  # the sector lever the idea carries out (a paid creator's post)
    opens: bool = False  # its offer opens on its day: every post that day; before it a teaser
    # a series' rhythm (data/sectors/<kind>.yaml ideas[].cadence: week, month, quarter): at
    # most one post of the series in each such period, whatever the platform; ``series``
    # names it (the template and its offer line: a product's version is the same series)
    cadence: str = ""
    series: str = ""
    goal: bool = False  # it carries out one of the brief's goals (the new shops' opening)
    staple: str = ""  # a sector's staple (ideas[].staple: week or month): a post of it each period
    window: tuple = ()  # ("MM-DD", "MM-DD"): the days of the year it may go out (a gift)
    # placed with the brief's own moments: a season's posts before and on its key date
    # (data/content.yaml calendar.season_steps ``first``), which have only a few days
    first: bool = False
    once: bool = False  # a single post in all, not one per platform (a season's step)
    # what its posts draw on that the brand cannot make at will (``supply_of``): (name, used
    # by one post, the most a month), e.g. ("customer_photos", 3, 12)
    supply: tuple = ()
    # (first, last) ISO times ("2027-12-18T12:00") it may not go out between: after an
    # order cut-off, a post that sells for delivery (``order_cutoff.shut_selling``)
    shut: tuple = ()
    call_hour: int | None = None  # on its order deadline's day, posts only before this hour
    # its posts' texts, one per product in turn (idea_turns: a template told on every
    # product, one post each, not one idea per product)
    turns: tuple = ()
    launch: bool = False  # a first look at what is new: none after a delivery cut-off
    # each numbered post names a new customer (data/sectors/<kind>.yaml ideas[].reference):
    # capped a month by the sector's ``references`` (customer_refs.py), the rest recuts
    reference: bool = False
    # the month ("YYYY-MM") whose sessions it announces, before that month starts: its
    # sponsored post is paid from that month's budget (calendar_slots.sponsor_slots)
    sells: str = ""
    # how many words of the awareness goal's target's message it says, when at least the
    # rule's least (awareness_message.speaks_message), else 0: what a sponsored post
    # bought for awareness carries, the closest first
    speaks: int = 0

    def closed(self, slot) -> bool:
        """Whether a post (its ``date`` and ``time``) may not carry the idea: in its
        ``shut`` times, or, on its order deadline's own day (``last_day`` with
        ``order_by_days``), at or after its ``call_hour`` (``order_cutoff.with_call_hour``:
        the last call to order goes out before orders close, that morning or the day
        before)."""
        if any(first <= f"{slot.date}T{slot.time}" <= last for first, last in self.shut):
            return True
        if self.call_hour is None or self.order_by_days is None or self.season_days:
            return False
        return slot.date == self.last_day and int(slot.time[:2]) >= self.call_hour

    @cached_property  # ideas are never changed once made; asked for per post and idea
    def last_day(self) -> str:
        """The last day a moment's post may go out: the moment itself, the last day of its
        season (``season_days`` after it), or, when orders close earlier, the last day to
        order itself (the reminder, a moment's last post, lands on the day before or the
        day of the deadline when the platform posts then: "last day to order")."""
        day = dt.date.fromisoformat(self.date)
        if self.order_by_days is not None:
            day -= dt.timedelta(days=self.order_by_days)
        return (day + dt.timedelta(days=self.season_days)).isoformat()

    @cached_property
    def first_day(self) -> str:
        """The first day a moment's post may go out: ``lead_days`` before the moment, or
        before its order deadline when orders close earlier (the lead time is for
        ordering, not for the day itself); a weekday-bound one (``weekdays``: its hook says
        "order by Friday") no earlier than the Monday of its deadline's week, so that the
        Friday it names is the deadline's."""
        day = dt.date.fromisoformat(self.date)
        if self.order_by_days is not None:
            day -= dt.timedelta(days=self.order_by_days)
        first = day - dt.timedelta(days=self.lead_days)
        if self.weekdays and self.order_by_days is not None:  # "by Friday" is this week's
            first = max(first, day - dt.timedelta(days=day.weekday()))  # Friday: from Monday
        return first.isoformat()

    @cached_property
    def text(self) -> str:
        """Topic and hook in one line, as the calendar carries it."""
        return f"{self.topic} — {self.hook}"

    def to_json(self) -> dict:
        return as_data(self) | {"text": self.text}


def template_fields(template: dict, book: dict, no_show: frozenset[str]) -> dict:
    """An idea's fields that come straight from its template (data/sectors/<kind>.yaml
    ``ideas[]``): voice, hours, days, formats, occurrence, lever, rhythm, caps, window and
    supply; the topic, hook and what the idea is about are the caller's."""
    return {"voice": template.get("voice", "brand"), "when": template.get("when", ""),
            "weekdays": list(template.get("weekdays", [])),
            "formats": list(template.get("formats", [])),
            "occurs": dict(template.get("occurs", {})), "no_show": no_show,
            "lever": template.get("lever", ""), "cadence": template.get("cadence", ""),
            "per_year": template.get("per_year"), "staple": template.get("staple", ""),
            "window": tuple(template.get("window", ())), "supply": supply_of(template, book),
            "reference": bool(template.get("reference"))}


def supply_of(template: dict, book: dict) -> tuple:
    """An idea template's ``supply`` (how many of each of the sector's ``supplies`` one post
    uses: three customer photos) with the most of it the brand collects a month."""
    return tuple((k, int(n), int(book["supplies"][k]["per_month"]))
                 for k, n in (template.get("supply") or {}).items())


def copy_register(brief: Brief) -> str:
    """Register of posts (``mirror`` writes posts with ``vous``)."""
    return "tu" if brief.brand.tone_of_voice.address == "tu" else "vous"


def reply_register(brief: Brief) -> str:
    """Register of replies (``mirror`` answers in ``tu``: the people who write in ``tu``)."""
    return "vous" if brief.brand.tone_of_voice.address == "vous" else "tu"


def template_fits(template: dict, offer: object) -> bool:
    """Whether an offer line (or a differentiator's text) takes a sector template: its
    ``match`` / ``exclude`` words, and for a line its ``paths`` (the buying paths it is
    written for: "What a demo covers" is not for a line bought without a demo; a line with
    no stated path takes every template)."""
    if not isinstance(offer, str):
        path = getattr(offer, "buying_path", None)
        if path and path not in template.get("paths", [path]):
            return False
        offer = f"{offer.name} {offer.description}"
    text = offer.lower()
    if any(w in text for w in template.get("exclude", [])):
        return False
    return not template.get("match") or any(w in text for w in template["match"])


def diff_fills(template: dict, differentiators: list[str], language: str) -> list[dict]:
    """The differentiators a ``per: diff`` template takes (``template_fits``), each as the
    brief's phrase ready to sit in the topic: no outer quotes or final stop, and in French
    its first letter in lower case where the topic does not open with it (« Derrière la
    vitre : fournée visible… », French sets no capital after a colon; an acronym keeps
    its capitals). A long phrase under the ``short`` title is told once, or, where the
    template has a ``short_hook`` (the hook that names it as its subject), once each with
    that hook as the fill's ``hook`` and the next of its ``short`` titles (a list) as its
    ``short``."""
    opens = template["topic"].get(language, "").startswith("{diff}")
    most = int(content_facts()["calendar"]["diff_title_words"])
    out, short = [], 0
    for d in differentiators:
        text = raw = d.strip().strip("«»\"“”").strip().rstrip(".")
        if language == "fr" and not opens and text[1:2].islower():
            text = text[:1].lower() + text[1:]
        if not template_fits(template, d):
            continue
        if template.get("short") and len(text.split()) > most:  # a long brief phrase is
            # not pasted as the title's second half: the template's own short title, once;
            # the phrase as written, opening the hook
            if not short or template.get("short_hook"):  # a hook naming it: one each,
                # the n-th under the n-th short title (a list), never one title twice
                titles = template["short"] if isinstance(template["short"], list) \
                    else [template["short"]]
                out.append({"diff": raw, "short": titles[short % len(titles)]} | (
                    {"hook": template["short_hook"]} if "short_hook" in template else {}))
            short += 1
            continue
        out.append({"diff": text})
    return out


def product_fits(template: dict, product: str) -> bool:
    """Whether one product of an offer line that takes the template (``template_fits``)
    takes it too: none of its ``exclude`` words ("finding your size" is not told of the
    line's accessories)."""
    return not any(w in product.lower() for w in template.get("exclude", []))

