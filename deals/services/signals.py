"""From a story's analysis to the desk's deals: coverage, flags, new deals, companies, mentions.

`apply_signals` is the one write path from ingestion into `deals`. It is
idempotent: the story's own coverage links and the DealUpdate unique
constraint mean a re-run (a task delivered twice, a story re-ingested)
creates nothing a second time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from articles.analysis import CompanyHit, DealSignal, Signals
from articles.analysis.names import normalise_name
from articles.models import Article, Mention, Source
from deals.models import (
    Company,
    CompanyAlias,
    Deal,
    DealArticle,
    DealEvent,
    DealParty,
    DealUpdate,
    Kind,
    Role,
    Stage,
    StageTransitionError,
    check_transition,
    is_revival,
)
from deals.services.stages import deal_update_accept

# Which side of a deal a role stands on; "both" matches either side (symmetric roles).
_SIDE = {
    Role.ACQUIRER: "buy",
    Role.TARGET: "sell",
    Role.INVESTOR: "buy",
    Role.LEAD_INVESTOR: "buy",
    Role.INVESTEE: "sell",
    Role.LENDER: "buy",
    Role.BORROWER: "sell",
    Role.ISSUER: "sell",
    Role.PARTNER: "both",
}
# Sellers and advisers take part in a deal but do not identify it.
PRINCIPAL_ROLES = frozenset(_SIDE)
# A flag from a tier-1 source with auto-accept on is applied without review at this confidence.
AUTO_ACCEPT_MIN_CONFIDENCE = 0.75


@dataclass
class AppliedSignals:
    """What one story did to the desk's deals; the manual-story page shows it."""

    deal_ids: list[int] = field(default_factory=list)
    new_deal_ids: list[int] = field(default_factory=list)
    update_ids: list[int] = field(default_factory=list)
    auto_accepted_ids: list[int] = field(default_factory=list)
    company_ids: list[int] = field(default_factory=list)
    new_company_ids: list[int] = field(default_factory=list)


def source_trust(source: Source) -> float:
    """How far to trust the source, in [0, 1]: the one place a source's record enters a flag.

    The sources selector combines the credibility tier with the source's
    track record (its early reports that turned out true).
    """
    from articles.selectors import source_reliability

    return source_reliability(source)


def flag_confidence(signal_confidence: float, source: Source) -> float:
    """The analysis's confidence, discounted by how much the source is trusted."""
    return round(signal_confidence * (0.6 + 0.4 * source_trust(source)), 3)


# --- companies ---------------------------------------------------------------------


def _canonical(company: Company, by_id: dict[int, Company]) -> Company:
    seen: set[int] = set()
    while company.merged_into_id and company.pk not in seen:
        seen.add(company.pk)
        company = by_id.get(company.merged_into_id) or Company.objects.get(
            pk=company.merged_into_id
        )
    return company


def _slug_for(name: str) -> str:
    return (slugify(name) or "company")[:200]


def _resolve_companies(
    names: Sequence[tuple[str, str, int | None]], result: AppliedSignals
) -> dict[str, Company]:
    """(key, display name, dictionary company id) → Company, creating unverified ones in bulk.

    Ids from the dictionary are checked (it may predate a merge or deletion);
    unknown keys are looked up by alias, then by slug; what is still unknown
    becomes an unverified company with the alias seen. Bulk creation sends no
    `post_save`, so the company dictionary is not rebuilt for each new name.
    """
    keys = {key: (name, cid) for key, name, cid in names if key}
    if not keys:
        return {}
    by_id = Company.objects.in_bulk({cid for _, cid in keys.values() if cid})
    found: dict[str, Company] = {}
    for key, (_, cid) in keys.items():
        if cid and cid in by_id:
            found[key] = by_id[cid]
    missing = [k for k in keys if k not in found]
    if missing:
        for alias in CompanyAlias.objects.filter(normalised__in=missing).select_related("company"):
            found[alias.normalised] = alias.company
    missing = [k for k in keys if k not in found]
    if missing:
        slugs = {k: _slug_for(keys[k][0]) for k in missing}
        existing = {c.slug: c for c in Company.objects.filter(slug__in=set(slugs.values()))}
        to_create = {}
        for key, slug in slugs.items():
            if slug not in existing and slug not in to_create:
                to_create[slug] = Company(name=keys[key][0][:200], slug=slug, verified=False)
        if to_create:
            Company.objects.bulk_create(list(to_create.values()), ignore_conflicts=True)
            created = Company.objects.filter(slug__in=list(to_create), verified=False)
            for company in created:
                existing.setdefault(company.slug, company)
                result.new_company_ids.append(company.pk)
        for key, slug in slugs.items():
            if slug in existing:
                found[key] = existing[slug]
        CompanyAlias.objects.bulk_create(
            [
                CompanyAlias(company=found[k], alias=keys[k][0][:200], normalised=k[:200])
                for k in missing
                if k in found
            ],
            ignore_conflicts=True,
        )
    merged_ids = {c.merged_into_id for c in found.values() if c.merged_into_id}
    if merged_ids:
        by_id.update(Company.objects.in_bulk(merged_ids))
        found = {k: _canonical(c, by_id) for k, c in found.items()}
    return found


def _key(name: str, key: str) -> str:
    return (key or normalise_name(name))[:200]


def _write_mentions(
    article: Article, hits: Iterable[CompanyHit], companies: dict[str, Company]
) -> list[int]:
    merged: dict[int, Mention] = {}
    for hit in hits:
        company = companies.get(_key(hit.name, hit.key))
        if company is None:
            continue
        mention = merged.get(company.pk)
        if mention is None:
            merged[company.pk] = Mention(
                article=article,
                company=company,
                matched_alias=(hit.matched or hit.name)[:200],
                count=max(1, hit.count),
            )
        else:
            mention.count += max(1, hit.count)
    Mention.objects.bulk_create(list(merged.values()), ignore_conflicts=True)
    return list(merged)


# --- deals -------------------------------------------------------------------------


def _principals(signal: DealSignal, companies: dict[str, Company]) -> list[tuple[int, str, str]]:
    """(company id, role, side) for the parties that identify the deal, each company once."""
    out: list[tuple[int, str, str]] = []
    seen: set[int] = set()
    for party in signal.parties:
        if party.role not in PRINCIPAL_ROLES:
            continue
        company = companies.get(_key(party.name, party.key))
        if company is None or company.pk in seen:
            continue
        seen.add(company.pk)
        out.append((company.pk, party.role, _SIDE[party.role]))
    return out


def _compatible(side_a: str, side_b: str) -> bool:
    return side_a == side_b or "both" in (side_a, side_b)


def _match_score(principals: list[tuple[int, str, str]], deal: Deal, kind: str) -> int:
    """How many of the story's principal parties the deal has on the same side; 0 for no match."""
    deal_sides: dict[int, set[str]] = {}
    for party in deal.parties.all():
        if party.role in PRINCIPAL_ROLES:
            deal_sides.setdefault(party.company_id, set()).add(_SIDE[party.role])
    hits = sum(
        1
        for company_id, _, side in principals
        if any(_compatible(side, s) for s in deal_sides.get(company_id, ()))
    )
    if len(principals) == 1:
        return hits if hits and deal.kind == kind else 0
    return hits if hits >= 2 else 0


def _find_deal(
    article: Article, signal: DealSignal, principals: list[tuple[int, str, str]]
) -> Deal | None:
    """The deal this signal reports on: same principal parties, recent enough, not dismissed.

    Deals this very article already covers always qualify, so a re-run finds
    what the first run created even if an editor dismissed it since.
    """
    when = article.published_at or timezone.now()
    cutoff = min(when, timezone.now()) - timedelta(days=settings.DEAL_MATCH_WINDOW_DAYS)
    company_ids = [cid for cid, _, _ in principals]
    stages = [*(Stage.RUMOURED, Stage.IN_TALKS, Stage.AGREED), Stage.CALLED_OFF]
    if signal.stage == Stage.COMPLETED:
        stages.append(Stage.COMPLETED)
    live = Q(
        dismissed=False,
        merged_into__isnull=True,
        stage__in=stages,
        last_activity_at__gte=cutoff,
    )
    candidates = (
        Deal.objects.filter(parties__company_id__in=company_ids)
        .filter(live | Q(coverage__article=article))
        .distinct()
        .prefetch_related("parties")
    )
    best: tuple[int, bool, object] | None = None
    chosen = None
    for deal in candidates:
        score = _match_score(principals, deal, signal.kind)
        if not score:
            continue
        rank = (score, not deal.dismissed, deal.last_activity_at)
        if best is None or rank > best:
            best, chosen = rank, deal
    return chosen


_TITLES = {
    Kind.ACQUISITION: "{buy} to acquire {sell}",
    Kind.INVESTMENT: "{buy} invests in {sell}",
    Kind.DEBT: "{buy} lends to {sell}",
    Kind.IPO: "{sell} IPO",
    Kind.MERGER: "{all} merger",
    Kind.PARTNERSHIP: "{all} partnership",
}


def _deal_title(signal: DealSignal, companies: dict[str, Company]) -> str:
    names: dict[str, list[str]] = {"buy": [], "sell": [], "both": []}
    for party in signal.parties:
        company = companies.get(_key(party.name, party.key))
        if company is None or party.role not in PRINCIPAL_ROLES:
            continue
        names[_SIDE[party.role]].append(company.name)
    every = names["buy"] + names["sell"] + names["both"]
    buy = " & ".join(names["buy"] or names["both"][:1] or ["?"])
    sell = " & ".join(names["sell"] or names["both"][1:] or ["?"])
    template = _TITLES.get(signal.kind, "{all}")
    if ("{buy}" in template and not names["buy"] and not names["both"]) or (
        "{sell}" in template and not names["sell"] and not names["both"]
    ):
        template = "{all} " + signal.kind
    return template.format(buy=buy, sell=sell, all=" & ".join(every))[:300]


def _amount_fields(signal: DealSignal) -> dict[str, object]:
    amount = signal.amount
    if amount is None:
        return {}
    return {"value": amount.value, "currency": amount.currency[:3], "value_usd": amount.usd}


def _create_deal(
    *, article: Article, signal: DealSignal, companies: dict[str, Company], confidence: float
) -> tuple[Deal, DealUpdate]:
    amount = _amount_fields(signal)
    stake = (
        signal.stake_pct if signal.stake_pct is not None and 0 <= signal.stake_pct <= 100 else None
    )
    deal = Deal.objects.create(
        title=_deal_title(signal, companies),
        kind=signal.kind if signal.kind in Kind.values else Kind.ACQUISITION,
        stage=signal.stage,
        confirmed=False,
        stake_pct=stake,
        summary=signal.evidence[:2000],
        last_activity_at=timezone.now(),
        **amount,
    )
    parties, seen = [], set()
    for party in signal.parties:
        company = companies.get(_key(party.name, party.key))
        role = party.role if party.role in Role.values else Role.PARTNER
        if company is None or (company.pk, role) in seen:
            continue
        seen.add((company.pk, role))
        parties.append(DealParty(deal=deal, company=company, role=role))
    DealParty.objects.bulk_create(parties, ignore_conflicts=True)
    DealEvent.objects.create(
        deal=deal,
        type=DealEvent.Type.CREATED,
        to_stage=deal.stage,
        actor=None,
        article=article,
        evidence=signal.evidence,
        reason="Found by ingestion",
    )
    update = DealUpdate.objects.create(
        deal=deal,
        article=article,
        type=DealUpdate.Type.NEW_DEAL,
        current_stage="",
        proposed_stage=signal.stage,
        proposed_kind=deal.kind,
        proposed_value=amount.get("value"),
        proposed_currency=str(amount.get("currency", "")),
        proposed_value_usd=amount.get("value_usd"),
        evidence=signal.evidence,
        confidence=confidence,
        attribution=signal.attribution[:32],
        attributed_to=signal.attributed_to[:200],
    )
    return deal, update


def _flag_move(
    *, article: Article, deal: Deal, signal: DealSignal, confidence: float
) -> DealUpdate | None:
    """A pending flag for the stage the story reports, unless the move is not a move."""
    if signal.stage == deal.stage:
        return None
    revival = is_revival(deal.stage, signal.stage)
    try:
        check_transition(deal.stage, signal.stage, allow_revival=True)
    except StageTransitionError:
        return None
    if DealUpdate.objects.filter(
        deal=deal,
        current_stage=deal.stage,
        proposed_stage=signal.stage,
        status=DealUpdate.Status.PENDING,
    ).exists():
        return None  # another story already raised this flag; this one is coverage
    amount = _amount_fields(signal)
    update, created = DealUpdate.objects.get_or_create(
        deal=deal,
        article=article,
        proposed_stage=signal.stage,
        defaults={
            "type": DealUpdate.Type.REVIVAL if revival else DealUpdate.Type.STAGE,
            "current_stage": deal.stage,
            "proposed_kind": signal.kind if signal.kind != deal.kind else "",
            "proposed_value": amount.get("value"),
            "proposed_currency": str(amount.get("currency", "")),
            "proposed_value_usd": amount.get("value_usd"),
            "evidence": signal.evidence,
            "confidence": confidence,
            "attribution": signal.attribution[:32],
            "attributed_to": signal.attributed_to[:200],
        },
    )
    return update if created else None


def _auto_acceptable(source: Source, update: DealUpdate) -> bool:
    return (
        source.auto_accept
        and source.credibility_tier == Source.Tier.WIRE
        and update.type != DealUpdate.Type.REVIVAL  # revivals are never applied silently
        and update.confidence >= AUTO_ACCEPT_MIN_CONFIDENCE
    )


def _lock_parties(signals: Signals, companies: dict[str, Company]) -> None:
    """Row-lock every deal party's company, in id order, until commit.

    Two workers analysing two stories about the same new deal would otherwise
    both find no deal and both create one; with the lock the second waits,
    then finds the first's deal. (SQLite serialises writing transactions anyway.)
    """
    ids = {
        company.pk
        for signal in signals.deals
        for party in signal.parties
        if (company := companies.get(_key(party.name, party.key))) is not None
    }
    if ids:
        list(
            Company.objects.filter(pk__in=ids).order_by("pk").select_for_update().values_list("pk")
        )


@transaction.atomic
def apply_signals(*, article: Article, signals: Signals) -> AppliedSignals:
    """Write what a story's analysis found: mentions, coverage, flags and new deals."""
    result = AppliedSignals()
    names: list[tuple[str, str, int | None]] = [
        (_key(h.name, h.key), h.name, h.company_id) for h in signals.companies
    ]
    for signal in signals.deals:
        names.extend((_key(p.name, p.key), p.name, p.company_id) for p in signal.parties)
    companies = _resolve_companies(names, result)
    result.company_ids = _write_mentions(article, signals.companies, companies)
    for company in companies.values():
        if company.pk not in result.company_ids:
            result.company_ids.append(company.pk)

    _lock_parties(signals, companies)
    source = article.source
    now = timezone.now()
    touched: set[int] = set()
    new_updates: list[DealUpdate] = []
    for signal in signals.deals:
        if signal.stage not in Stage.values:
            continue
        principals = _principals(signal, companies)
        if not principals:
            continue  # a deal needs a party that identifies it
        confidence = flag_confidence(signal.confidence, source)
        deal = _find_deal(article, signal, principals)
        if deal is None:
            deal, update = _create_deal(
                article=article, signal=signal, companies=companies, confidence=confidence
            )
            result.new_deal_ids.append(deal.pk)
            new_updates.append(update)
        else:
            update = _flag_move(article=article, deal=deal, signal=signal, confidence=confidence)
            if update is not None:
                new_updates.append(update)
        _, linked = DealArticle.objects.get_or_create(
            deal=deal, article=article, defaults={"evidence": signal.evidence}
        )
        if linked and deal.pk not in touched:
            # New coverage: the deal is alive again, whatever its stage.
            Deal.objects.filter(pk=deal.pk).update(last_activity_at=now, is_stale=False)
        touched.add(deal.pk)
        if deal.pk not in result.deal_ids:
            result.deal_ids.append(deal.pk)

    for update in new_updates:
        result.update_ids.append(update.pk)
        if _auto_acceptable(source, update) and deal_update_accept(update=update, actor=None):
            result.auto_accepted_ids.append(update.pk)
    return result
