"""The client brief: a YAML file validated into a typed model.

Errors are reported one line per problem as ``file: field.path: what is wrong``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Literal

from babel import Locale
from babel.numbers import list_currencies
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from .brief_paid import ChannelPaid, PaidSettings  # noqa: F401 (the paid settings)
from .catalogue import check_platform, kpi_catalogue, platform_catalogue, platforms  # noqa: F401
from .errors import BriefError

PROBLEM_KEYS = (
    "website_traffic",
    "brand_awareness",
    "customer_loyalty",
    "online_reputation",
    "sales",
    "infrastructure",
    "digital_culture",
)
DATA_KINDS = ("audience", "posts", "ads", "web_analytics", "competitors", "comments")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


PlatformKey = Annotated[str, AfterValidator(check_platform)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


NonEmpty = Annotated[str, Field(min_length=1)]
Score = Annotated[int, Field(ge=0, le=3)]
Percent = Annotated[float, Field(ge=0, le=100)]
Money = Annotated[float, Field(ge=0)]


class Period(_Model):
    start: dt.date = Field(description="First day of the plan (YYYY-MM-DD).")
    months: int = Field(ge=1, le=36, description="Length of the plan in months (1-36).")

    @property
    def end(self) -> dt.date:
        """Last day of the plan period."""
        return add_months(self.start, self.months) - dt.timedelta(days=1)

    @property
    def weeks(self) -> float:
        """The plan's length in weeks, both its first and last day included."""
        return ((self.end - self.start).days + 1) / 7

    @property
    def month_starts(self) -> list[dt.date]:
        """The first day of each of the plan's months, from the first month that starts on
        or after ``start`` (one list for every chapter: forecasts, trajectories, P&L)."""
        first = self.start if self.start.day == 1 else add_months(self.start.replace(day=1), 1)
        return [add_months(first, i) for i in range(self.months)]


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the end of shorter months."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


class Client(_Model):
    name: NonEmpty = Field(description="Client's name as it appears on the plan.")
    sector: NonEmpty = Field(description="Business sector, in the client's words.")
    sector_kind: str = Field(
        default="other",
        description="Sector playbook (`data/sectors/<kind>.yaml`): retail_fashion, food_shop, "
        "restaurant, b2b, beauty, education, nonprofit, or other.",
    )
    size: Literal["sme", "large"] = Field(
        description="Company size: `sme` (one person or a tiny team) or `large`."
    )
    country: str = Field(description="ISO 3166 two-letter country code, e.g. FR, US.")
    language: Literal["en", "fr"] = Field(description="Language of the plan: `en` or `fr`.")
    currency: str = Field(description="ISO 4217 currency code, e.g. EUR, USD.")
    period: Period = Field(description="When the plan runs.")
    author: NonEmpty = Field(description="Author or agency name shown on the cover.")
    market_population: int | None = Field(
        default=None, ge=100,
        description="People aged 15+ in the area a local business serves (its city or "
        "neighbourhood): replaces the country's population in reach estimates.",
    )
    locations: int | None = Field(
        default=None, ge=1,
        description="Shops, restaurants or sites the business runs, each with its own Google "
        "Business Profile and reviews to answer (the team's hours count each one; 1 if "
        "not given).",
    )

    @field_validator("sector_kind")
    @classmethod
    def _sector_kind(cls, value: str) -> str:
        from .sectors import sector_kinds

        value = value.strip().lower()
        if value not in sector_kinds():
            raise ValueError(f"unknown sector kind {value!r} (known: "
                             f"{', '.join(sector_kinds())})")
        return value

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        value = value.upper()
        if value not in Locale("en").territories or not re.fullmatch(r"[A-Z]{2}", value):
            raise ValueError(f"unknown country code {value!r} (use ISO 3166 alpha-2, e.g. FR)")
        return value

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        value = value.upper()
        if value not in list_currencies():
            raise ValueError(f"unknown currency code {value!r} (use ISO 4217, e.g. EUR)")
        return value


class ToneOfVoice(_Model):
    adjectives: list[NonEmpty] = Field(min_length=1, description="How the brand sounds.")
    do: list[NonEmpty] = Field(default_factory=list, description="Example phrasings to use.")
    dont: list[NonEmpty] = Field(default_factory=list, description="Example phrasings to avoid.")
    address: Literal["vous", "tu", "mirror"] = Field(
        default="vous", description="How French copy and replies address people: `vous`, `tu`, "
        "or `mirror` (`vous` in posts, `tu` in replies to people who write in `tu`).",
    )


class VisualIdentity(_Model):
    primary_color: str = Field(description="Main brand colour, `#RRGGBB`.")
    secondary_color: str = Field(description="Second brand colour, `#RRGGBB`.")
    logo: str | None = Field(
        default=None, description="Logo file (PNG, JPEG or SVG), relative to the brief."
    )

    @field_validator("primary_color", "secondary_color")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not _HEX.match(value):
            raise ValueError(f"{value!r} is not a colour written as #RRGGBB")
        return value.upper()

    @field_validator("logo")
    @classmethod
    def _logo_ext(cls, value: str | None) -> str | None:
        if value and Path(value).suffix.lower() not in {".png", ".jpg", ".jpeg", ".svg"}:
            raise ValueError(f"logo {value!r} must be a .png, .jpg, .jpeg or .svg file")
        return value


class Brand(_Model):
    mission: NonEmpty = Field(description="Why the company exists, in one sentence.")
    value_proposition: NonEmpty = Field(
        description="What the customer gets that they cannot get elsewhere."
    )
    differentiators: list[NonEmpty] = Field(
        min_length=1, description="What sets the brand apart (at least one)."
    )
    personality: list[NonEmpty] = Field(min_length=1, description="Personality traits.")
    tone_of_voice: ToneOfVoice = Field(description="How the brand speaks.")
    visual_identity: VisualIdentity = Field(description="Colours and logo used by the plan.")


class OfferLine(_Model):
    name: NonEmpty = Field(description="Name of the product or service line.")
    description: str = Field(default="", description="What the line is.")
    average_order_value: Money | None = Field(
        default=None, description="Average order value in the brief's currency."
    )
    gross_margin: Percent | None = Field(default=None, description="Gross margin, percent.")
    capacity_per_month: float | None = Field(
        default=None, gt=0, description="Places the line can sell a month (sessions x seats), "
        "to turn bookings into a fill rate.")
    audience_values: list[NonEmpty] = Field(
        default_factory=list,
        description="Values of the audience table's `product` column that belong to this "
        "line (case-insensitive), for sub-targets.",
    )
    billing: Literal["one_off", "annual"] | None = Field(
        default=None,
        description="`annual`: the order value is one year of a contract the customer renews "
        "each year (a subscription); with budget.paid.net_revenue_retention the plan also "
        "values a customer over several years. `one_off` (or none): a single purchase.",
    )
    buying_path: Literal["self_serve", "sales_led"] | None = Field(
        default=None,
        description="How a buyer gets the line: `self_serve` (signs up or starts a trial "
        "alone) or `sales_led` (through a demo with sales, no free trial). Its posts ask for "
        "that step: a self-serve line never asks to book a demo, a sales-led one never to "
        "start a free trial.",
    )


class Problem(_Model):
    score: Score = Field(description="0 = not a problem, 3 = severe.")
    evidence: str = Field(default="", description="Short note: what shows it.")


class Problems(_Model):
    website_traffic: Problem = Field(description="Poor or no website traffic and search ranking.")
    brand_awareness: Problem = Field(description="Weak awareness or irrelevant positioning.")
    customer_loyalty: Problem = Field(description="Falling customer loyalty.")
    online_reputation: Problem = Field(description="Poor or non-existent online reputation.")
    sales: Problem = Field(description="Difficulty selling.")
    infrastructure: Problem = Field(description="Infrastructure not ready for digital.")
    digital_culture: Problem = Field(description="No digital culture.")


class Channel(_Model):
    platform: str = Field(description="A key of data/platforms.yaml, e.g. instagram.")
    handle: str | None = Field(default=None, description="Account name, e.g. @brand.")
    followers: int | None = Field(default=None, ge=0, description="Followers today.")
    posts_per_week: float | None = Field(
        default=None, ge=0, le=200, description="Average posts per week."
    )
    engagement_rate: Percent | None = Field(
        default=None, description="Average engagement rate by followers, percent."
    )
    keep: bool = Field(default=False, description="Keep it even if few of the targets use it.")

    @field_validator("platform")
    @classmethod
    def _known_platform(cls, value: str) -> str:
        return check_platform(value)


class Competitor(_Model):
    name: NonEmpty = Field(description="Competitor's name.")
    channels: list[Channel] = Field(
        default_factory=list, description="Its channels, with the same fields as the client's."
    )
    mentions: int | None = Field(
        default=None, ge=0, description="Brand mentions over the last month, if measured."
    )


class Situation(_Model):
    problems: Problems = Field(description="The seven typical problems, each scored 0-3.")
    channels: list[Channel] = Field(default_factory=list, description="The client's channels.")
    mentions: int | None = Field(
        default=None, ge=0, description="The client's mentions over the last month, if measured."
    )
    competitors: list[Competitor] = Field(
        default_factory=list, description="Competitors with their public figures."
    )
    strengths: list[NonEmpty] = Field(default_factory=list, description="SWOT items to add.")
    weaknesses: list[NonEmpty] = Field(default_factory=list, description="SWOT items to add.")
    opportunities: list[NonEmpty] = Field(default_factory=list, description="SWOT items to add.")
    threats: list[NonEmpty] = Field(default_factory=list, description="SWOT items to add.")

    @model_validator(mode="after")
    def _unique_platforms(self) -> Situation:
        seen = [c.platform for c in self.channels]
        dupes = sorted({p for p in seen if seen.count(p) > 1})
        if dupes:
            raise ValueError(f"platform listed twice in channels: {', '.join(dupes)}")
        return self


class DeclaredPersona(_Model):
    name: NonEmpty = Field(description="Persona name.")
    description: str = Field(default="", description="Who they are, in a sentence or two.")
    share: Percent | None = Field(default=None, description="Estimated share of customers, %.")
    age_range: str | None = Field(default=None, description="E.g. 25-34.")
    channels: list[PlatformKey] = Field(
        default_factory=list, description="Platforms where they are."
    )
    message: str = Field(default="", description="What to tell them.")
    offer: str = Field(default="", description="Offer line that fits them.")


class TargetSettings(_Model):
    k: int | None = Field(
        default=None, ge=2, le=12, description="Force the number of targets (else chosen)."
    )
    k_min: int = Field(default=2, ge=2, le=12, description="Smallest number of targets tried.")
    k_max: int = Field(default=8, ge=2, le=12, description="Largest number of targets tried.")
    min_share: Percent = Field(
        default=5, description="Smallest target allowed, percent of the audience."
    )
    personas: list[DeclaredPersona] = Field(
        default_factory=list, description="Personas declared by hand (used without data)."
    )

    @model_validator(mode="after")
    def _range(self) -> TargetSettings:
        if self.k_min > self.k_max:
            raise ValueError(f"k_min ({self.k_min}) is larger than k_max ({self.k_max})")
        return self


class Event(_Model):
    date: dt.date = Field(description="Day of the event (YYYY-MM-DD).")
    name: NonEmpty = Field(description="What happens (shown in the calendar).")


class CalendarSettings(_Model):
    events: list[Event] = Field(
        default_factory=list, description="The client's own key dates (launches, sales...)."
    )
    timezone: str | None = Field(
        default=None, description="IANA time zone of the calendar (default: from country)."
    )
    max_channels: int | None = Field(
        default=None, ge=1, le=9, description="Most channels the team should run."
    )

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str | None) -> str | None:
        if value is None:
            return value
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as "
                             "Europe/Paris)") from None
        return value


class BusinessGoal(_Model):
    description: NonEmpty = Field(description="The goal, in the client's words.")
    metric: str | None = Field(default=None, description="What measures it, in words.")
    target: float | None = Field(default=None, description="Target value of the metric.")
    kpi: str | None = Field(
        default=None, description="The KPI of data/kpis.yaml that measures it (for tracking "
        "and the realism check).",
    )
    baseline: float | None = Field(
        default=None, description="Today's value of the KPI, if not measurable from data."
    )

    @field_validator("kpi")
    @classmethod
    def _known_kpi(cls, value: str | None) -> str | None:
        if value is None:
            return value
        known = kpi_catalogue()
        if value not in known:
            raise ValueError(f"unknown KPI {value!r} (known: {', '.join(sorted(known))})")
        return value
    horizon_months: int | None = Field(
        default=None, ge=1, le=60, description="Months to reach it (default: goals horizon)."
    )


class Goals(_Model):
    horizon_months: int = Field(ge=1, le=60, description="Horizon of the business goals.")
    business_goals: list[BusinessGoal] = Field(
        min_length=1, description="Business goals (at least one)."
    )
    kpi_targets: dict[str, float] = Field(
        default_factory=dict,
        description="Targets chosen for the plan's KPIs (KPI id -> value), replacing the "
        "computed ones; checked for realism like business goals.",
    )

    @field_validator("kpi_targets")
    @classmethod
    def _known_kpis(cls, value: dict[str, float]) -> dict[str, float]:
        known = kpi_catalogue()
        unknown = sorted(set(value) - set(known))
        if unknown:
            raise ValueError(f"unknown KPI(s) {', '.join(unknown)}")
        return value


class Budget(_Model):
    paid_media: Money = Field(description="Paid media budget for the plan period.")
    team: Money = Field(default=0, description="Team budget for the plan period.")
    production: Money = Field(default=0, description="Content production budget.")
    tools: Money = Field(default=0, description="Tools and software budget.")
    paid: PaidSettings = Field(
        default_factory=PaidSettings, description="How the paid budget is planned."
    )
    in_house: dict[Literal["social_media_manager", "strategist", "content_manager",
                           "community_manager", "analyst", "campaign_manager", "designer"],
                   Annotated[float, Field(ge=0, le=50)]] = Field(
        default_factory=dict,
        description="The client's existing team working on social media, in FTE per role "
        "(counted before anything is hired, its cost counted in the plan's). A large "
        "company that gives none is assumed to have the content managers and designers "
        "its current posting takes.",
    )
    owner_hours: float | None = Field(
        default=None, ge=0, le=80,
        description="Hours a week the owner (or current staff) gives to social media in a "
        "small business (default: what today's posting takes).",
    )
    owner_share: float | None = Field(
        default=None, gt=0, le=100,
        description="Share of a full-time week (percent) the owner (or current staff) "
        "gives to social media in a small business, when the brief gives no owner_hours.",
    )
    salaries: dict[Literal["social_media_manager", "strategist", "content_manager",
                           "community_manager", "analyst", "campaign_manager", "designer"],
                   Money] = Field(
        default_factory=dict,
        description="Annual gross pay per role in the plan currency (overrides the U.S. "
        "benchmark figures of data/roles.yaml).",
    )


class DataFile(_Model):
    path: NonEmpty = Field(description="File path, relative to the brief.")
    columns: dict[str, str] = Field(
        default_factory=dict,
        description="Column map: smmplan's name -> the column's name in the file.",
    )
    sheet: str | None = Field(default=None, description="Sheet name for .xlsx files.")


def _currency_code(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.upper()
    if value not in list_currencies():
        raise ValueError(f"unknown currency code {value!r} (use ISO 4217, e.g. EUR)")
    return value


class AdsFile(DataFile):
    platform: PlatformKey | None = Field(
        default=None, description="The platform of every row, for an export without a "
        "platform column (e.g. `facebook`; default: the brief's only paid platform).")
    currency: str | None = Field(
        default=None, description="ISO 4217 currency of the export's amounts (default: the "
        "plan currency); converted with dated reference rates.")

    _currency = field_validator("currency")(classmethod(
        lambda cls, value: _currency_code(value)))


class DataFiles(_Model):
    audience: DataFile | None = Field(
        default=None, description="Customers, followers or survey respondents: one row each."
    )
    posts: DataFile | None = Field(
        default=None, description="Post history export: one row per post."
    )
    ads: AdsFile | None = Field(
        default=None, description="Ads export: one row per ad or ad set (and period)."
    )
    web_analytics: DataFile | None = Field(
        default=None, description="Web analytics export (e.g. GA4 landing pages)."
    )
    competitors: DataFile | None = Field(
        default=None, description="Competitor figures over time: one row per brand and date."
    )
    comments: DataFile | None = Field(
        default=None, description="Comments export or moderation log: one row per comment "
        "(column map: text, optional date and platform).",
    )


class Brief(_Model):
    """A validated client brief."""

    client: Client = Field(description="Who the plan is for.")
    brand: Brand = Field(description="Brand identity.")
    offer: list[OfferLine] = Field(
        min_length=1, description="Product or service lines (at least one)."
    )
    situation: Situation = Field(description="Where the brand stands today.")
    targets: TargetSettings = Field(
        default_factory=TargetSettings, description="How targets are found or declared."
    )
    calendar: CalendarSettings = Field(
        default_factory=CalendarSettings, description="Editorial calendar settings."
    )
    goals: Goals = Field(description="What the business wants.")
    budget: Budget = Field(description="Budgets for the plan period, in the plan currency.")
    data: DataFiles = Field(
        default_factory=DataFiles, description="The client's own files (all optional)."
    )
    seed: int | None = Field(
        default=None, ge=0, description="Seed of every random step (clustering samples, "
        "forecast simulations). Default: derived from the content of the brief's data "
        "files and its `targets` settings (except `k`), so identical data and settings "
        "give identical plans whatever the client's name.",
    )

    @model_validator(mode="after")
    def _books_an_offer(self) -> Brief:
        books = self.budget.paid.books
        names = [o.name for o in self.offer]
        if books is not None and books not in names:
            raise ValueError(f"budget.paid.books: {books!r} is not an offer line (offer[].name: "
                             + ", ".join(repr(n) for n in names) + ")")
        return self

    # Set by parse_brief, not part of the YAML.
    _source: Path | None = PrivateAttr(default=None)
    _seed: int | None = PrivateAttr(default=None)

    @property
    def source(self) -> Path | None:
        """The YAML file the brief was read from."""
        return self._source

    @property
    def base_dir(self) -> Path:
        """Folder that relative paths in the brief are resolved against."""
        return self.source.parent if self.source else Path.cwd()

    @property
    def slug(self) -> str:
        """Folder-safe name of the client."""
        return slugify(self.client.name)

    @property
    def locale(self) -> str:
        """Babel locale of the plan, e.g. ``fr_FR`` or ``en_US``."""
        return locale_for(self.client.language, self.client.country)

    def random_seed(self) -> int:
        """Seed for every random step: the brief's ``seed`` field, else a hash of the bytes
        of its data files and of its ``targets`` settings (except ``k``, which a lab
        scenario changes); never the client's name."""
        if self.seed is not None:
            return self.seed
        if self._seed is None:
            settings = self.targets.model_dump(mode="json", exclude={"k"})
            digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode())
            for kind, spec in sorted(self.data_files().items()):
                digest.update(kind.encode())
                path = self.resolve(spec.path)
                if path.is_file():
                    digest.update(path.read_bytes())
            self._seed = int(digest.hexdigest()[:8], 16)
        return self._seed

    def resolve(self, relative: str) -> Path:
        """A path written in the brief, resolved against the brief's folder."""
        path = Path(relative).expanduser()
        return path if path.is_absolute() else self.base_dir / path

    def data_files(self) -> dict[str, DataFile]:
        """The data files the brief names, by kind."""
        return {k: getattr(self.data, k) for k in DATA_KINDS if getattr(self.data, k)}


def locale_for(language: str, country: str) -> str:
    """The babel locale for a plan language and a client country (falls back to language)."""
    try:
        return str(Locale.parse(f"{language}_{country}"))
    except Exception:  # babel raises several types for unknown combinations
        return language


def slugify(text: str) -> str:
    """Lower-case ASCII slug: ``"Maison Fournil & Fils"`` -> ``"maison-fournil-fils"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", ascii_text).strip("-").lower()
    return slug or "client"


def _field_path(loc: tuple) -> str:
    return ".".join(str(p) for p in loc) if loc else "(top level)"


def _message(err: dict) -> str:
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if err["type"] == "extra_forbidden":
        msg = "unknown field (check its spelling and indentation)"
    elif err["type"] == "missing":
        msg = "required field is missing"
    if err["type"] not in ("missing", "extra_forbidden", "value_error") and "input" in err:
        shown = err["input"]
        if isinstance(shown, str | int | float | bool) or shown is None:
            msg += f" (got {shown!r})"
    return msg


def parse_brief(raw: object, source: Path) -> Brief:
    """Validate raw YAML content into a Brief; raise BriefError listing every problem."""
    if not isinstance(raw, dict):
        raise BriefError([f"{source}: (top level): the brief must be a YAML mapping"])
    try:
        brief = Brief.model_validate(raw)
    except ValidationError as exc:
        problems = [f"{source}: {_field_path(e['loc'])}: {_message(e)}" for e in exc.errors()]
        raise BriefError(problems + _missing_raw_files(raw, source)) from None
    brief._source = source
    return brief


def _missing_raw_files(raw: dict, source: Path) -> list[str]:
    """Data files named by a brief that failed validation, checked anyway so that one
    run lists every problem."""
    data = raw.get("data")
    if not isinstance(data, dict):
        return []
    problems = []
    for kind in DATA_KINDS:
        spec = data.get(kind)
        rel = spec.get("path") if isinstance(spec, dict) else None
        if isinstance(rel, str) and rel:
            path = Path(rel) if Path(rel).is_absolute() else source.parent / rel
            if not path.is_file():
                problems.append(f"{source}: data.{kind}.path: file not found: {path}")
    return problems


def json_schema() -> str:
    """The JSON Schema of the brief, as indented JSON text."""
    return json.dumps(Brief.model_json_schema(), indent=2, ensure_ascii=False)
