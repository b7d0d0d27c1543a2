"""The Plan: one brief, its parts computed lazily (once, on first use), and the record
of everything shown, written out as plan.json and tables/*.csv."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import pickle
import time
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cached_property
from pathlib import Path

import numpy as np
from babel import Locale

from . import __version__, conversion_cost, paid_tests
from .audience import Audience, load_audience
from .brief import Brief
from .budget import Paid, plan_paid
from .calendar_files import calendar_files
from .channel_choice import home_platforms
from .channels import Channels, add_target_ideas, plan_channels
from .checks import run as run_checks
from .community import Community, plan_community
from .confirm_marks import unmark
from .creators import CreatorCost, creator_cost
from .fill_range import with_ranges
from .frequency import overloaded
from .goal_gap import with_forecasts
from .i18n import Translator
from .identity import Identity, analyse_identity
from .kpi_owner import with_owners
from .objective_paths import with_paths
from .objectives import Objectives, kpi_catalogue, plan_objectives
from .organic_posting import with_posting
from .paths import PLAN_FILE_ENV
from .report import Recorder
from .safety import write_csv
from .sponsored_ideas import selling_ctas
from .sponsored_targets import favoured_products
from .target_channels import acquisition_shares, ruled_out, target_home
from .target_spend import PROSPECTING
from .targets import Targets, declared_reach, find_targets, platform_reach, target_reach
from .team import (
    Capacity,
    Team,
    calendar_load,
    content_capacity,
    hours_over,
    plan_team,
    team_options,
    work_rows,
)
from .theme import Theme
from .trial_value import trial_value
from .validation import load_brief
from .web_results import web_results

SCHEMA_VERSION = 2
# Chapters that exist, in plan order.
CHAPTERS = ("identity", "targets", "objectives", "channels", "community", "budget", "team")


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build_date() -> dt.date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


class Plan:
    """Everything the plan computes for one brief."""

    def __init__(self, brief: Brief):
        self.brief = brief
        c = brief.client
        self.tr = Translator(c.language, brief.locale, c.currency)
        vi = brief.brand.visual_identity
        symbols = Locale.parse(brief.locale).number_symbols["latn"]
        self.theme = Theme(vi.primary_color, vi.secondary_color,
                           separators=symbols["decimal"] + symbols["group"])
        self.record = Recorder()
        self.date = build_date()
        self._files: Future[dict[str, bytes]] | None = None
        self.scenario: Path | None = None  # the scenario file applied (load_plan sets it)

    @cached_property
    def identity(self) -> Identity:
        """Brand identity and diagnosis (chapter 1)."""
        return analyse_identity(self.brief)

    @cached_property
    def audience(self) -> Audience | None:
        """The client's audience table, typed, identity columns removed (or None)."""
        return load_audience(self.brief)

    @cached_property
    def targets(self) -> Targets:
        """Targets and sub-targets (chapter 2)."""
        return find_targets(self.brief, self.audience)

    @cached_property
    def paid(self) -> Paid:
        """Paid campaigns and budget (chapter 6)."""
        tg = self.targets
        split = None
        if not tg.declared and self.audience is not None:
            overall = platform_reach(self.audience)
            labels = tg.labels
            split = []
            paying = list(dict(self.brief.budget.paid.channels)) or [
                c.platform for c in self.brief.situation.channels]  # what paid may spend on
            for p in tg.personas:
                mine = target_reach(self.audience, labels == p.id)
                # a purchase is worth the target's value per order, not per customer
                worth = p.order_value_index if p.order_value_index is not None \
                    else p.value_index
                # paid reaches look-alikes of the target, not its customers: valued
                # at the platform's own value (target_spend.by_index)
                split.append({"id": p.id, "share": p.share, "value_index": worth,
                              "audience": PROSPECTING,
                              "index": {k: v / overall[k] for k, v in mine.items()
                                        if overall.get(k)},
                              "ruled_out": ruled_out(p, paying)})  # its card's verdict
        # One BLAS thread: with several, sums are split differently and the optimum moves
        # in its last digits, so -j 1 (all threads) and -j 2 (one each) would differ.
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1, user_api="blas"):
            return plan_paid(self.brief, split)

    @cached_property
    def conversion_only(self) -> dict | None:
        """The conversion campaigns' cost per conversion (``conversion_cost.conversion_only``),
        computed once for every view that compares the forecast with the stop rule."""
        return conversion_cost.conversion_only(self.paid)

    @property
    def held_back_test(self) -> dict | None:
        """The held-back budget's test (``paid_tests.held_back_test``), computed once, while
        the channels are built (the calendar pins its posts), for the chapter and the
        summary."""
        return self.channels.held_back_test

    @cached_property
    def trial_value(self) -> dict | None:
        """A self-serve line's trial sign-ups, valued apart (``trial_value``), with the
        first-year ROI without and with them, computed once for every view."""
        margin = (self.team.revenue or 0) * ((self.paid.margin or 100) / 100) \
            if self.team.roi is not None else None
        return trial_value(self.brief, self.team.total_cost["total"], margin)

    @cached_property
    def team(self) -> Team:
        """Team and cost (chapter 7)."""
        kept = [c for c in self.channels.choices if c.kept]
        period = self.brief.client.period
        mix, ads_only = calendar_load(self.channels.slots, period.start, period.end)
        return plan_team(self.brief, self.paid, self.channels.planned_posts, len(kept),
                         self.capacity, mix, ads_only)

    @cached_property
    def creators(self) -> CreatorCost | None:
        """The cost of the sector's creator lever, from the calendar's creator posts of the
        plan's period, paid from the production budget (``creators``)."""
        period = self.brief.client.period
        start, end = period.start.isoformat(), period.end.isoformat()
        return creator_cost(self.brief, [s for s in self.channels.slots
                                         if start <= s.date <= end])

    @cached_property
    def objectives(self) -> Objectives:
        """Objectives, KPIs and measurement (chapter 3)."""
        bench = self.identity.competitors
        sov = None
        if bench is not None and bench.sov_method == "mentions":
            sov = next(e.share_of_voice for e in bench.entities if e.is_client)
        ob = plan_objectives(self.brief, self.identity.diagnosis.fix_first, {}, sov,
                             self.channels.slots,  # its format mix prices post KPIs
                             self.paid.calibration)  # the paid chapter's ads history
        ob = with_posting(ob, self.channels, self.brief.client.period.weeks)  # organic
        # leads follow the posts kept
        # a flagged goal's realistic value is what the plan's own forecasts add up to
        ob = with_forecasts(ob, self.paid, self.brief.client.period.months, self.brief.offer)
        ob = with_ranges(ob, self.paid, self.brief)  # a forecast that is an upper bound
        ob = with_paths(ob, self.paid, self.brief.client.period.months, self.brief.offer)
        pick = self.team.recommended  # owners: roles of the team the plan recommends
        return with_owners(ob, pick["roles"] if pick else None)

    @cached_property
    def capacity(self) -> Capacity:
        """Posts a week the plan's team can produce (the budget and the client's own)."""
        return content_capacity(self.brief, self.paid.rate)

    @cached_property
    def channels(self) -> Channels:
        """Channels, content and calendar (chapter 4)."""
        tg = self.targets
        reach = None
        if not tg.declared and self.audience is not None:
            reach = platform_reach(self.audience)
        elif tg.declared and tg.personas:
            reach = declared_reach(tg.personas)
        # where the client's own data says results come from: the platform each customer
        # came through (customer table), else the web conversions by platform
        acquired, acquired_from = None, None
        if self.audience is not None:
            acquired = acquisition_shares(self.audience,
                                          np.ones(self.audience.rows, dtype=bool)) or None
            acquired_from = {"basis": "customers"} if acquired else None
        if acquired is None and (web := web_results(self.brief)) is not None:
            acquired = web.shares
            acquired_from = {"basis": "web", "event": web.event,
                             "conversions": web.conversions}
        sponsored = {s["content_type"] for s in self.paid.sponsor if s["sponsor"]}
        posts, period = self.capacity.posts, self.brief.client.period
        fits, over_at, channels = None, None, None  # posts a week that fit / go over
        for _ in range(6):  # a small business's hours fitted on the final calendar: its
            # ads-only creatives and reminder stories included (``team.hours_over``)
            built = self._channels(reach, acquired, sponsored, posts)
            mix, ads_only = calendar_load(built.slots, period.start, period.end)
            over = hours_over(self.brief, self.capacity, built.planned_posts,
                              sum(c.kept for c in built.choices), mix, ads_only)
            if over <= 0.011:
                fits, channels = posts, built
                if over_at is None or over_at - fits < 0.1:
                    break
                posts = (fits + over_at) / 2
                continue
            over_at = posts
            if fits is not None:
                posts = (fits + over_at) / 2
                continue
            channels = built  # kept only if nothing fits (no posts at all)
            per_post = sum(r["sme_hours"] for r in work_rows(self.brief, 1.0, mix)
                           if not r["lever"]) or 1.0
            posts = max(0.0, posts - over / per_post - 0.05)
        if over_at is not None and fits is not None:  # more posting went over the hours:
            channels.capacity_posts = channels.planned_posts  # the calendar is what fits
        channels = self._stretch_within_budget(channels, reach, acquired, sponsored, posts)
        add_target_ideas(channels, self.brief, tg,  # persona ideas from the data's targets
                         favoured_products(self.brief, tg.personas, self.paid.by_target))
        unmark(channels.slots, self.tr)  # an offer to confirm: in the notes, not in public
        channels.acquired_from = acquired_from  # the held-back test's creatives, dated:
        sells = selling_ctas(channels.conversion)  # its posts that ask for the sale first
        channels.held_back_test = paid_tests.held_back_test(self, channels.choices)
        paid_tests.test_pins(channels.slots, channels.held_back_test,
                             {i["text"] for i in channels.ideas if i.get("cta") in sells})
        return channels

    def _stretch_within_budget(self, channels: Channels, reach, acquired, sponsored: set[str],
                               posts: float) -> Channels:
        """The calendar the recommended team option produces (``team.team_options``): one
        calendar, one team, one cost. A calendar above the recommended option's posting
        is rebuilt with its stretch above the platforms' recommended maximum cut first
        (``frequency.allocate_frequency``'s stretch), then with the capacity it is planned
        on lowered by what the option does not carry (the calendar's own formats, the
        sector levers and the ads-only creatives cost more hours than the capacity's
        estimate from today's posting); ``Channels.budget_posts`` says so."""
        period = self.brief.client.period
        capacity = channels.capacity_posts
        stretch: float | None = None
        budget: float | None = None  # the posting the option carries, when it cut the calendar
        for _ in range(8):
            mix, ads_only = calendar_load(channels.slots, period.start, period.end)
            options = team_options(self.brief, self.paid.total, channels.planned_posts,
                                   sum(c.kept for c in channels.choices), self.paid.rate,
                                   self.capacity, mix, ads_only)
            pick = next((o for o in options if o["recommended"]), None)
            if pick is None or not pick["within_budget"] or pick["kind"] == "owner_run":
                break  # none fits (the gap is stated), or an owner's hours, sized their way
            excess = channels.planned_posts - pick["posts_per_week"]
            if excess <= 0.05:
                break
            stretched = sum(c.stretched for c in channels.choices)
            cut = not stretched
            if stretched:
                stretch = max(0.0, stretched - math.ceil(excess * 2) / 2)
            else:  # no stretch left: the capacity planned on, down to the option's posting
                posts, stretch = max(0.0, min(posts - excess, pick["posts_per_week"])), 0.0
            channels = self._channels(reach, acquired, sponsored, posts, stretch)
            channels.capacity_posts = capacity  # the team's own capacity, as estimated
            # today's posting is over what the team sustains only against that capacity,
            # not against the option's posting the calendar was rebuilt on
            channels.overloaded = overloaded(self.brief, capacity)
            if cut or budget is not None:
                budget = channels.planned_posts
        channels.budget_posts = budget
        return channels

    def _channels(self, reach, acquired, sponsored: set[str], posts: float,
                  stretch: float | None = None) -> Channels:
        """The channels chapter for a team that can produce ``posts`` a week."""
        tg = self.targets
        channels = plan_channels(self.brief, self.identity.diagnosis.fix_first, reach,
                                 posts, sponsored,
                                 {c.platform: c.spend for c in self.paid.channels},
                                 self.paid.monthly,
                                 {c.platform: c.conversion_spend for c in self.paid.channels},
                                 self.paid.conversion, home_platforms(
                                     [(p.share, target_home(p)) for p in tg.personas],
                                     self.brief), acquired, stretch, self.paid.tests)
        return channels

    @cached_property
    def community(self) -> Community:
        """Community management and crisis playbooks (chapter 5)."""
        return plan_community(self.brief, [c.platform for c in self.channels.choices
                                           if c.kept])

    def __getstate__(self) -> dict:
        """The plan without its translator (rebuilt from the brief) and with its calendar
        files as bytes when built (a thread's future cannot be pickled)."""
        state = self.__dict__.copy()
        del state["tr"]
        files = state.pop("_files")
        state["_file_bytes"] = (files.result() if files is not None and files.done()
                                and files.exception() is None else None)
        return state

    def __setstate__(self, state: dict) -> None:
        file_bytes = state.pop("_file_bytes")
        self.__dict__.update(state)
        c = self.brief.client
        self.tr = Translator(c.language, self.brief.locale, c.currency)
        self._files = None
        if file_bytes is not None:
            self._files = Future()
            self._files.set_result(file_bytes)

    def provenance(self) -> dict:
        """Version, build date and SHA-256 of the brief, of every file it uses and of the
        scenario file applied (None when none is)."""
        brief = self.brief
        files = []
        logo = brief.brand.visual_identity.logo
        if logo:
            files.append({"kind": "logo", "name": Path(logo).name,
                          "sha256": sha256(brief.resolve(logo))})
        for kind, spec in brief.data_files().items():
            path = brief.resolve(spec.path)
            files.append({"kind": kind, "name": path.name, "sha256": sha256(path)})
        return {
            "smmplan_version": __version__,
            "date": self.date.isoformat(),
            "brief": {"name": brief.source.name if brief.source else None,
                      "sha256": sha256(brief.source) if brief.source else None},
            "data_files": files,
            "scenario": {"name": self.scenario.name, "path": str(self.scenario),
                         "sha256": sha256(self.scenario)} if self.scenario else None,
        }

    def to_json(self) -> dict:
        """The machine-readable plan (documented in docs/plan-json.md), with the result of
        the plan's own consistency checks (``checks``)."""
        data = self._json()
        data["checks"] = [c.to_json() for c in run_checks(data)]
        return data

    def _json(self) -> dict:
        c = self.brief.client
        return {
            "schema_version": SCHEMA_VERSION,
            "client": {
                "name": c.name,
                "slug": self.brief.slug,
                "sector": c.sector,
                "size": c.size,
                "country": c.country,
                "language": c.language,
                "locale": self.brief.locale,
                "currency": c.currency,
                "period": {"start": c.period.start.isoformat(),
                           "end": c.period.end.isoformat(), "months": c.period.months},
                "author": c.author,
            },
            "provenance": self.provenance(),
            "summary": self.record.summary,
            "identity": self.identity.to_json(self.brief),
            "targets": self.targets.to_json(),
            "objectives": self.objectives.to_json(),
            "kpis": {k: v for k, v in kpi_catalogue().items()
                     if k in self.objectives.baselines},
            "channels": self.channels.to_json(),
            "calendar": self.channels.calendar_json(),
            "community": self.community.to_json(),
            "budget": self.paid.to_json(),
            "team": self.team.to_json() | {"trial_value": self.trial_value},
            "creators": self.creators.to_json() if self.creators else None,
            "figures": self.record.figures,
            "tables": self.record.tables,
        }

    def prepare_files(self) -> None:
        """Start building the calendar files (calendar.csv and .ics, which need only the
        channels chapter) in a background thread; ``save`` writes them. Batch builds call
        this once every chapter is computed, so the files are built while the chapters
        are shown: a kernel spends much of that time waiting between cells."""
        if self._files is None:
            pool = ThreadPoolExecutor(max_workers=1)
            self._files = pool.submit(calendar_files, self.channels, self.brief.client.name,
                                      self.tr)
            pool.shutdown(wait=False)  # the thread ends with its one task

    def save(self, folder: str | Path) -> None:
        """Write ``plan.json``, ``tables/*.csv``, the calendar files and
        ``audience_segments.csv`` into ``folder``."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.to_json(), indent=2, ensure_ascii=False, default=str)
        (folder / "plan.json").write_text(text, encoding="utf-8")
        self.record.write_tables(folder / "tables")
        self.prepare_files()  # no-op when already started
        for name, content in self._files.result().items():  # beside the plan
            (folder / name).write_bytes(content)
        assignments = self.targets.assignments()
        if assignments is not None:  # beside the plan, never inside it
            write_csv(assignments, folder / "audience_segments.csv")


_CACHE: dict[tuple, tuple[tuple, Plan]] = {}  # (brief, scenario) key -> (files, plan)


def _version(path: Path | None) -> tuple | None:
    from .exports.table import file_version

    return file_version(path) if path is not None else None


def input_versions(brief: Brief) -> tuple:
    """The version (path, size, modification time) of every file a plan reads besides the
    brief and the scenario: the logo and each data file; a change to any of them makes
    ``load_plan`` compute the plan again."""
    names = [brief.brand.visual_identity.logo] if brief.brand.visual_identity.logo else []
    names += [spec.path for _, spec in sorted(brief.data_files().items())]
    return tuple((name, _version(brief.resolve(name))) for name in names)


def _plan_key(brief_path: str | Path, scenario_path: str | Path | None
              ) -> tuple[Path, Path | None, tuple]:
    """(brief path, scenario path, cache key) of ``load_plan``'s arguments."""
    path = Path(brief_path)
    if not path.is_absolute() and not path.exists():  # notebook defaults are relative to it
        from .paths import NOTEBOOKS_DIR

        path = NOTEBOOKS_DIR / path
    path = path.resolve()
    scenario = Path(scenario_path).resolve() if scenario_path else None
    return path, scenario, (str(path), _version(path), str(scenario), _version(scenario))


def load_plan(brief_path: str | Path, scenario_path: str | Path | None = None) -> Plan:
    """The Plan for a brief file (with a scenario applied), shared by every chapter run in
    the same kernel; computed again when the brief, the scenario or any file the brief
    names (logo, data files) has changed since (path, size, modification time). In a
    build, the plan the build process computed meanwhile is taken (``compute_ahead``)."""
    path, scenario, key = _plan_key(brief_path, scenario_path)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] == input_versions(cached[1].brief):
        return cached[1]
    plan = _computed_ahead(key)
    if plan is None:
        plan = Plan(load_brief(path, scenario=scenario))
        plan.scenario = scenario
    _CACHE[key] = (input_versions(plan.brief), plan)
    return plan


def compute_ahead(brief: Brief, brief_path: Path, scenario_path: Path | None,
                  target: Path) -> None:
    """Compute every chapter of ``brief``'s plan and its calendar files, and leave them in
    ``target`` (pickled, replaced atomically) for the build's kernel, whose ``load_plan``
    takes them (``PLAN_FILE_ENV``). A build runs this in a thread while the kernel starts
    and imports its libraries, time in which the plan's process has nothing to do. On any
    error ``target.failed`` is written instead: the kernel computes the plan itself, and
    the error is reported by the chapter that meets it, as without this."""
    try:
        _, scenario, key = _plan_key(brief_path, scenario_path)
        plan = Plan(brief)
        plan.scenario = scenario
        for name in [n for n, v in vars(Plan).items() if isinstance(v, cached_property)]:
            getattr(plan, name)
        plan.prepare_files()
        plan._files.result()
        staging = target.with_name(target.name + ".tmp")
        staging.write_bytes(pickle.dumps((key, input_versions(brief), plan), protocol=5))
        os.replace(staging, target)
    except BaseException:  # noqa: BLE001 - the kernel computes it and reports the error
        target.with_name(target.name + ".failed").touch()


def _computed_ahead(key: tuple, wait: float = 600.0) -> Plan | None:
    """The plan a build process computed for this kernel (``compute_ahead``), once it is
    there; None outside a build, when it failed, or when it is for other inputs."""
    where = os.environ.get(PLAN_FILE_ENV)
    if not where:
        return None
    target = Path(where)
    failed = target.with_name(target.name + ".failed")
    deadline = time.monotonic() + wait
    while not target.exists():
        if failed.exists() or time.monotonic() > deadline:
            return None
        time.sleep(0.005)
    stored_key, versions, plan = pickle.loads(target.read_bytes())  # noqa: S301 - ours
    if stored_key != key or versions != input_versions(plan.brief):
        return None
    return plan


def save_report(plan: Plan, report, folder: str | Path) -> None:
    """Write ``report.json`` and the report's tables into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data = {"schema_version": SCHEMA_VERSION, "client": plan.to_json()["client"],
            "provenance": plan.provenance(), "report": report.to_json(),
            "tables": plan.record.tables}
    (folder / "report.json").write_text(json.dumps(data, indent=2, ensure_ascii=False,
                                                   default=str), encoding="utf-8")
    plan.record.write_tables(folder / "tables")
