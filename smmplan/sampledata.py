"""Seeded generator of the example clients' data files (``data/examples/*``).

Run ``python -m smmplan.sampledata`` to rewrite them; the same seed gives the same bytes
(tests check it). The files copy what real exports look like, quirks included:

- ``fashion/audience.csv``: a Shopify-style customer export, ``;``-separated, UTF-8 with
  a BOM, personal columns (names, e-mails, phones), blank cells and "N/A", day-first and
  ISO dates mixed. Four planted customer groups, for the targets chapter.
- ``fashion/posts.csv``: a Meta Business Suite-style post export (Instagram, Facebook,
  TikTok), US dates ``MM/DD/YYYY HH:MM``, a "Boosted" flag, blank metrics.
- ``fashion/ads.csv``: an Ads Manager-style export, one row per ad set and month, empty
  cells where an ad set had no conversions.
- ``b2b-software/web_analytics.csv``: a GA4 landing-page export, ``#`` comment lines above
  the header.
- ``bakery/posts.csv``: a French Excel export: Latin-1, ``;``, decimal commas,
  ``DD/MM/YYYY`` dates.
- ``bakery/logo.svg``: a simple logo.
- ``fashion/actuals/posts.csv``: the post export of the plan's first two months (same
  layout), for the tracking report.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import numpy as np
import pandas as pd

from .paths import EXAMPLES_DIR

SEED = 20270101

_FIRST = ["Alice", "Ben", "Chloé", "David", "Emma", "Farid", "Grace", "Hugo", "Isla", "Jack",
          "Léa", "Mia", "Noah", "Olivia", "Priya", "Ruby", "Sam", "Zoé"]
_LAST = ["Smith", "Jones", "Taylor", "Brown", "Martin", "Khan", "Wilson", "Evans", "Dubois",
         "Patel", "Walker", "Wright"]
_CITIES = ["London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Bristol", "Edinburgh",
           "Liverpool"]


def _write(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


def _csv(frame: pd.DataFrame, sep: str = ",", decimal: str = ".") -> str:
    buf = io.StringIO()
    frame.to_csv(buf, index=False, sep=sep, decimal=decimal, lineterminator="\r\n")
    return buf.getvalue()


def fashion_audience(rng: np.random.Generator, n: int = 1200) -> pd.DataFrame:
    """Customers in four planted groups (age, spend, frequency, category, channel)."""
    groups = [  # share, age mean, orders mean, basket mean, categories, channels, female share
        (0.35, 24, 2.0, 45, ["Streetwear", "Accessories"], ["TikTok", "Instagram"], 0.6),
        (0.30, 34, 5.5, 95, ["Dresses", "Workwear"], ["Instagram", "Newsletter"], 0.85),
        (0.20, 47, 3.0, 160, ["Workwear", "Outerwear"], ["Facebook", "Google"], 0.7),
        (0.15, 29, 9.0, 70, ["Sportswear", "Streetwear"], ["Instagram", "TikTok"], 0.45),
    ]
    rows = []
    start = dt.date(2021, 1, 1)
    for i in range(n):
        g = rng.choice(len(groups), p=[g[0] for g in groups])
        _, age, orders, basket, cats, chans, female = groups[g]
        a = int(np.clip(rng.normal(age, 4), 18, 75))
        o = max(1, int(rng.poisson(orders)))
        spent = round(o * max(10.0, rng.normal(basket, basket * 0.2)), 2)
        birth = dt.date(2026 - a, int(rng.integers(1, 13)), int(rng.integers(1, 29)))
        signup = start + dt.timedelta(days=int(rng.integers(0, 1700)))
        last = signup + dt.timedelta(days=int(rng.integers(0, max(1, (dt.date(2026, 10, 31)
                                                                        - signup).days))))
        first, last_name = rng.choice(_FIRST), rng.choice(_LAST)
        rows.append({
            "Customer ID": f"C{100000 + i}",
            "First Name": first,
            "Last Name": last_name,
            "Email": f"{first.lower()}.{last_name.lower()}{i}@example.com",
            "Phone": f"+44 7{rng.integers(100, 999)} {rng.integers(100000, 999999)}",
            "City": rng.choice(_CITIES),
            "Gender": "F" if rng.random() < female else "M",
            "Birth Date": birth.strftime("%d/%m/%Y") if rng.random() < 0.7 else birth.isoformat(),
            "Accepts Email Marketing": "yes" if rng.random() < 0.55 else "no",
            "Orders Count": o,
            "Total Spent": spent,
            "Last Order Date": last.isoformat(),
            "Favourite Category": rng.choice(cats),
            "Acquisition Channel": rng.choice(chans),
        })
    frame = pd.DataFrame(rows)
    blanks = rng.random(n) < 0.04
    frame.loc[blanks, "Birth Date"] = ""
    frame.loc[rng.random(n) < 0.02, "Favourite Category"] = "N/A"
    return frame


def fashion_posts(rng: np.random.Generator, first: dt.date = dt.date(2025, 11, 1),
                  last: dt.date = dt.date(2026, 11, 1), lift: float = 1.0) -> pd.DataFrame:
    """Posts on three platforms with content-type and time-of-day effects, from ``first``
    to ``last`` (excluded); ``lift`` scales engagement (actuals of a better or worse month).
    """
    platforms = {"Instagram": (5, 42000), "TikTok": (4, 28000), "Facebook": (3, 18000)}
    types = {"Instagram": ["Reel", "Carousel", "Photo", "Story"],
             "TikTok": ["Video"], "Facebook": ["Photo", "Link", "Video"]}
    type_lift = {"Reel": 1.6, "Carousel": 1.2, "Photo": 0.9, "Story": 0.7, "Video": 1.3,
                 "Link": 0.5}
    rows, post_id = [], 1
    day = first
    while day < last:
        for platform, (per_week, followers0) in platforms.items():
            if rng.random() > per_week / 7:
                continue
            kind = rng.choice(types[platform])
            hour = int(rng.choice([8, 12, 13, 18, 19, 20, 21]))
            when = dt.datetime(day.year, day.month, day.day, hour, int(rng.integers(0, 60)))
            age_days = (day - dt.date(2025, 11, 1)).days
            followers = int(followers0 * (1 + 0.0008 * age_days))
            time_lift = 1.3 if hour >= 18 else 1.0
            weekend = 1.15 if day.weekday() >= 5 else 1.0
            reach = int(followers * rng.uniform(0.15, 0.45) * type_lift[kind] * weekend)
            boosted = rng.random() < 0.12
            if boosted:
                reach = int(reach * 2.5)
            impressions = int(reach * rng.uniform(1.1, 1.6))
            rate = rng.uniform(0.02, 0.06) * type_lift[kind] * time_lift * lift
            engaged = max(0, int(reach * rate))
            likes = int(engaged * 0.78)
            comments = int(engaged * 0.07)
            shares = int(engaged * 0.08)
            saves = engaged - likes - comments - shares
            clicks = int(reach * rng.uniform(0.002, 0.01) * (3 if kind == "Link" else 1))
            rows.append({
                "Post ID": f"{platform[:2].upper()}{post_id:05d}",
                "Platform": platform,
                "Publish time": when.strftime("%m/%d/%Y %H:%M"),
                "Post type": kind,
                "Reach": reach,
                "Impressions": impressions,
                "Likes": likes,
                "Comments": comments,
                "Shares": shares,
                "Saves": saves if platform != "Facebook" else "",
                "Link clicks": clicks,
                "Followers": followers,
                "Boosted": "Yes" if boosted else "No",
            })
            post_id += 1
        day += dt.timedelta(days=1)
    frame = pd.DataFrame(rows)
    frame["Shares"] = frame["Shares"].astype(object)
    frame.loc[rng.random(len(frame)) < 0.01, "Shares"] = ""
    return frame


def fashion_ads(rng: np.random.Generator) -> pd.DataFrame:
    """Monthly ad-set results with concave returns on spend (for fitting curves later)."""
    sets = [("Prospecting", "Broad 18-34", "Instagram", "Sales", 9.0, 0.012, 0.028),
            ("Prospecting", "Lookalike 1%", "Facebook", "Sales", 11.0, 0.010, 0.035),
            ("Prospecting", "Interests fashion", "TikTok", "Sales", 6.5, 0.009, 0.018),
            ("Retargeting", "Site visitors 30d", "Instagram", "Sales", 14.0, 0.018, 0.060),
            ("Awareness", "Video views 18-44", "TikTok", "Awareness", 4.0, 0.006, 0.004)]
    rows = []
    for m in range(12):
        start = dt.date(2025 + (10 + m) // 12, (10 + m) % 12 + 1, 1)
        end = (pd.Timestamp(start) + pd.offsets.MonthEnd(0)).date()
        q4 = 1.35 if start.month in (10, 11, 12) else 1.0
        for campaign, adset, platform, objective, cpm, ctr, cvr in sets:
            spend = round(float(rng.uniform(800, 6000)), 2)
            impressions = int(spend / (cpm * q4 * rng.uniform(0.9, 1.1)) * 1000)
            saturation = 1 / (1 + spend / 9000)  # diminishing returns on spend
            clicks = int(impressions * ctr * rng.uniform(0.85, 1.15) * (0.6 + 0.4 * saturation))
            conversions = int(clicks * cvr * rng.uniform(0.8, 1.2))
            rows.append({
                "Campaign name": campaign,
                "Ad set name": adset,
                "Platform": platform,
                "Objective": objective,
                "Reporting starts": start.isoformat(),
                "Reporting ends": end.isoformat(),
                "Amount spent (GBP)": spend,
                "Impressions": impressions,
                "Reach": int(impressions / rng.uniform(1.6, 2.4)),
                "Link clicks": clicks,
                "Purchases": conversions if conversions else "",
                "Purchases conversion value": round(conversions * rng.uniform(70, 110), 2)
                if conversions else "",
            })
    return pd.DataFrame(rows)


def saas_web_analytics(rng: np.random.Generator) -> str:
    """A GA4 landing-page report with its comment header."""
    pages = ["/", "/pricing", "/product/workflows", "/blog/okr-templates", "/demo",
             "/customers", "/blog/remote-teams", "/integrations"]
    sources = ["linkedin / social", "google / organic", "(direct) / (none)",
               "newsletter / email", "x / social", "youtube / social"]
    rows = []
    for page in pages:
        for source in sources:
            sessions = int(rng.lognormal(5.5, 0.9))
            engaged = int(sessions * rng.uniform(0.35, 0.75))
            conversions = int(engaged * rng.uniform(0.0, 0.06) * (3 if page == "/demo" else 1))
            rows.append({"Landing page": page, "Session source / medium": source,
                         "Sessions": sessions, "Engaged sessions": engaged,
                         "Engagement rate": round(engaged / sessions, 4) if sessions else 0,
                         "Key events": conversions})
    header = ("# ----------------------------------------\r\n"
              "# Landing page\r\n# Account: Cloudline\r\n# Property: cloudline.io\r\n"
              "# Start date: 20260801\r\n# End date: 20261031\r\n"
              "# ----------------------------------------\r\n\r\n")
    return header + _csv(pd.DataFrame(rows))


def bakery_posts(rng: np.random.Generator) -> pd.DataFrame:
    """Six months of Facebook and Instagram posts for a small bakery chain."""
    rows = []
    day = dt.date(2026, 5, 1)
    kinds = ["Photo", "Vidéo", "Carrousel", "Lien"]
    while day < dt.date(2026, 11, 1):
        if rng.random() < 2.5 / 7:
            platform = "Instagram" if rng.random() < 0.6 else "Facebook"
            kind = rng.choice(kinds, p=[0.55, 0.15, 0.2, 0.1])
            reach = int(rng.uniform(300, 1800) * (1.4 if kind == "Vidéo" else 1))
            engaged = int(reach * rng.uniform(0.03, 0.09))
            rows.append({
                "Date": day.strftime("%d/%m/%Y"),
                "Heure": f"{int(rng.choice([7, 8, 12, 17, 18])):02d}:00",
                "Réseau": platform,
                "Type de publication": kind,
                "Couverture": reach,
                "Interactions": engaged,
                "Commentaires": int(engaged * 0.1),
                "Taux d'engagement": round(engaged / reach * 100, 2),
            })
        day += dt.timedelta(days=1)
    return pd.DataFrame(rows)


BAKERY_LOGO = """<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" \
viewBox="0 0 240 80">
<rect width="240" height="80" rx="12" fill="#7A4A21"/>
<circle cx="40" cy="40" r="22" fill="#F3E3C3"/>
<path d="M26 44 q14 -18 28 0" stroke="#7A4A21" stroke-width="4" fill="none"/>
<text x="74" y="50" font-family="Georgia, serif" font-size="26" fill="#F3E3C3">Fournil</text>
</svg>
"""


def generate(out_dir: Path = EXAMPLES_DIR, seed: int = SEED) -> list[Path]:
    """Write every example data file under ``out_dir``; returns the paths written."""
    rng = np.random.default_rng(seed)
    written = []

    def put(rel: str, text: str, encoding: str = "utf-8") -> None:
        _write(out_dir / rel, text, encoding)
        written.append(out_dir / rel)

    put("fashion/audience.csv", "\ufeff" + _csv(fashion_audience(rng), sep=";"))
    put("fashion/posts.csv", _csv(fashion_posts(rng)))
    put("fashion/ads.csv", "\ufeff" + _csv(fashion_ads(rng)))
    put("b2b-software/web_analytics.csv", saas_web_analytics(rng))
    put("bakery/posts.csv", _csv(bakery_posts(rng), sep=";", decimal=","), "latin-1")
    put("bakery/logo.svg", BAKERY_LOGO)
    # Actuals of the first two plan months, for `smmplan track` (engagement 10 % up).
    put("fashion/actuals/posts.csv", _csv(fashion_posts(rng, dt.date(2027, 1, 1),
                                                        dt.date(2027, 3, 1), lift=1.1)))
    return written


if __name__ == "__main__":
    for path in generate():
        print(path)
