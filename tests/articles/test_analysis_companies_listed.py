"""Which companies a story's analysis lists: a name that only an unreported candidate
proposed is a guess, and ingestion would make a company of every listed name."""

from articles.analysis import analyse


def _names(signals):
    return [c.name for c in signals.companies]


def test_party_of_an_unreported_candidate_is_not_listed():
    signals = analyse(
        "Qorvane Foods first quarter profit rises",
        "Qorvane Foods Inc said first quarter net profit rose 12 pct. "
        "It said results were helped by its planned merger with Bellwin Dairies.",
        rules_only=True,
        near_misses=True,
    )
    assert signals.deals == ()
    assert _names(signals) == ["Qorvane Foods Inc"]


def test_the_same_name_as_a_party_of_a_reported_deal_is_listed():
    signals = analyse(
        "Qorvane Foods to merge with Bellwin Dairies",
        "Qorvane Foods Inc said it agreed to merge with Bellwin Dairies.",
        rules_only=True,
    )
    assert [p.name for d in signals.deals for p in d.parties] == [
        "Qorvane Foods Inc",
        "Bellwin Dairies",
    ]
    assert "Bellwin Dairies" in _names(signals)


def test_a_plainly_named_company_is_listed_without_any_deal():
    signals = analyse(
        "Tarnby Mills raises dividend",
        "Tarnby Mills Ltd raised its quarterly dividend to 12 cts. "
        "The company said last year it might consider buying Ostrava Textiles.",
        rules_only=True,
    )
    assert signals.deals == ()
    assert _names(signals) == ["Tarnby Mills Ltd"]
