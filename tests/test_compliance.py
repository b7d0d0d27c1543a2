"""Compliance notes follow the client's country and what the plan does
(data/compliance.yaml)."""

from __future__ import annotations

from smmplan.compliance import note, topics
from smmplan.paths import example_briefs
from smmplan.validation import load_brief


def examples():
    return {p.parent.name: load_brief(p) for p in example_briefs()}


def test_notes_name_the_countrys_rules_and_only_what_the_plan_does():
    b = examples()
    # Cloudline (US) runs employee advocacy and matched audiences: FTC and CCPA
    cloud = topics(b["b2b-software"])
    assert "influencer_disclosure" in cloud and "data_protection_ads" in cloud
    assert "FTC" in note(b["b2b-software"], "influencer_disclosure")["text"]["en"]
    assert "CCPA" in note(b["b2b-software"], "data_protection_ads")["text"]["en"]
    # Maison Lune (GB) works with creators and uploads customer lists: #ad, CAP, UK GDPR
    lune = note(b["fashion"], "influencer_disclosure")["text"]["en"]
    assert "#ad" in lune and "CAP" in lune
    assert "UK GDPR" in note(b["fashion"], "data_protection_ads")["text"]["en"]
    # Maison Fournil uses no creators and uploads no customer list: neither note
    assert not {"influencer_disclosure", "data_protection_ads"} & set(topics(b["bakery"]))
    # the same fashion brand in France: the law of 9 June 2023
    fr = b["fashion"].model_copy(update={"client": b["fashion"].client.model_copy(
        update={"country": "FR"})})
    assert "2023-451" in note(fr, "influencer_disclosure")["text"]["fr"]
    for rule in note(fr, "influencer_disclosure"), note(b["fashion"], "data_protection_ads"):
        assert rule["sources"]
