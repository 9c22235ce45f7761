"""What the analysis tests share: a story's M&A signals, and who plays which role in one."""

from __future__ import annotations

from articles.analysis import M_AND_A_KINDS, analyse


def m_and_a(title: str, body: str = "") -> list:
    """The story's acquisition, merger and investment signals, rules only."""
    return [d for d in analyse(title, body, rules_only=True).deals if d.kind in M_AND_A_KINDS]


def first_deal(body: str, title: str = ""):
    """The first M&A signal (the one the Utah eval scores); the story must have one."""
    deals = m_and_a(title, body)
    assert deals, "no acquisition, merger or investment signal"
    return deals[0]


def roles(deal) -> dict[str, str]:
    return {p.role: p.name for p in deal.parties}
