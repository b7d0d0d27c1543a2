"""The brief's paid-media settings (``budget.paid``): bounds per platform, what one
conversion is and books, and the horizon of a customer's value."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .catalogue import check_platform
from .paths import data_yaml

PlatformKey = Annotated[str, AfterValidator(check_platform)]


def check_profession(value: str) -> str:
    """A job family of data/professions.yaml; ValueError naming the known ones."""
    known = data_yaml("professions.yaml")["families"]
    if value not in known:
        raise ValueError(f"unknown job family {value!r} (known: {', '.join(sorted(known))})")
    return value


Profession = Annotated[str, AfterValidator(check_profession)]
Percent = Annotated[float, Field(ge=0, le=100)]
Money = Annotated[float, Field(ge=0)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ChannelPaid(_Model):
    min: Money | None = Field(default=None, description="Minimum spend on this platform.")
    max: Money | None = Field(default=None, description="Maximum spend on this platform.")
    fixed: Money | None = Field(default=None, description="Hold this platform at this spend.")
    cpm: Money | None = Field(default=None, description="Override the benchmark CPM.")
    ctr: Percent | None = Field(default=None, description="Override the benchmark CTR (%).")
    cvr: Percent | None = Field(default=None, description="Override the benchmark CVR (%).")
    audience: int | None = Field(
        default=None, ge=1, description="Override the reachable audience (people)."
    )


class PaidSettings(_Model):
    objective: Literal["conversions", "revenue", "profit"] = Field(
        default="conversions", description="What the optimiser maximises."
    )
    channels: dict[PlatformKey, ChannelPaid] = Field(
        default_factory=dict,
        description="Platforms to plan paid media on, with optional bounds and overrides "
        "(default: the client's current channels that have benchmarks).",
    )
    min_useful_spend: Money | None = Field(
        default=None,
        description="Smallest spend worth running on a platform (default: 5 % of the "
        "conversion budget).",
    )
    awareness_share: Percent | None = Field(
        default=None, description="Share of paid budget for awareness (default: diagnosis)."
    )
    addressable_share: Percent | None = Field(
        default=None, description="Share of a platform's national users in the market (%)."
    )
    professions: list[Profession] = Field(
        default_factory=list,
        description="Job families a B2B plan sells to (e.g. operations_managers, it_security): "
        "the reachable audience is the people employed in them in the client's country "
        "(BLS OEWS for the U.S.) rather than all adults; a country without counts keeps the "
        "adult estimate, and the plan says so.",
    )
    usd_rate: float | None = Field(
        default=None, gt=0, description="Units of the plan currency per US dollar."
    )
    seasonality: dict[PlatformKey, float] = Field(
        default_factory=dict,
        description="Q4 CPM against Q1 per platform (e.g. 1.8), replacing data/paid.yaml.",
    )
    conversion: Literal["purchase", "lead", "booking", "signup", "store_visit"] | None = Field(
        default=None,
        description="What one conversion is (default: lead when sale_rate is under 100, "
        "else purchase). Only benchmark conversion rates of this kind may stand in when the "
        "client has no rate of its own (ads export, web analytics).",
    )
    sale_rate: Percent = Field(
        default=100,
        description="Share of conversions that become a sale worth the average order value "
        "(e.g. 5 for demo requests of which 5 % close; 100 for e-commerce purchases).",
    )
    deal_months: int = Field(
        default=0, ge=0, le=24,
        description="Months from a conversion to the sale it leads to (e.g. 3 for demo "
        "requests that close a quarter later; the client's estimate): the monthly forecast "
        "and the P&L book each month's revenue that many months after its conversions, "
        "at sale_rate (the close rate).",
    )

    books: str | None = Field(
        default=None, min_length=1,
        description="The offer line (offer[].name) one conversion books, e.g. a workshop: "
        "its average order value and margin value a conversion (default: the ads export's "
        "value per conversion, else the mean of the offer lines' order values).",
    )
    customer_months: int = Field(
        default=12, ge=1, le=60,
        description="Horizon of a customer's value (months): with repeat orders in the "
        "customer file, break-even counts the orders a customer places over it.",
    )
    net_revenue_retention: float | None = Field(
        default=None, gt=0, le=300,
        description="Net revenue retention (%): what last year's customers pay this year "
        "against what they paid then, renewals, expansion and churn included (e.g. 118). "
        "With annual offer lines (offer[].billing), a customer is also valued over several "
        "years at this rate, beside the first year's value.",
    )
    customer_file_months: int | None = Field(
        default=None, ge=1, le=600,
        description="Months the customer file's customers have been buying on average (their "
        "order counts cover that long). Sets the pace of repeat orders (default: the span "
        "of the file's last-order dates, which understates it).",
    )
