"""From a story's analysis to the desk's deals: coverage, flags, new deals, companies, mentions.

`apply_signals` is the one write path from ingestion into `deals`. It is
idempotent: the story's own coverage links and the DealUpdate unique
constraint mean a re-run (a task delivered twice, a story re-ingested)
creates nothing a second time.

It also raises the desk's low-confidence samples: a deterministic share
(settings.ANALYSIS_SAMPLE_RATE) of the candidates the analysis scored just
below its threshold (`Signals.near_misses`) becomes a DealUpdate with
`is_sample`, so that editors' decisions on them label the band the analysis
cannot see. A sample is never auto-accepted and changes nothing on the board
until an editor accepts it: a sample about a deal on the board is a pending
flag that adds no coverage and no activity, and a sample about a deal nobody
has yet creates that deal dismissed (off the board) with its "new deal" flag,
and no coverage or event; accepting the flag confirms the deal, writes its
coverage and brings it onto the board, rejecting it leaves the deal dismissed.

A sample-born deal (`deals.models.sample_born`: only sample "new deal" flags,
none accepted) is still the one deal for its parties: a later sample finds it
and raises nothing more, and a later reported signal adopts it: the deal
becomes an ordinary unconfirmed new deal on the board with the reported
"new deal" flag, which supersedes (deletes) a sample flag still pending on it
(undecided, it is no label yet). A rejected sample's deal is revived the same
way, its rejected flag kept as the label; only when the reported flag would
repeat that rejected flag (same story, same stage) is a fresh deal created.

A company that only a drawn sample names (a story's listing of a name that
a drawn sample of it also names does not count) is created `sample_only`:
editors see it, nobody else
does, until a story names it otherwise, the sample's deal is accepted or
reported, or an editor vouches for it (`companies_reveal`). A rejected
sample's companies stay out of sight.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.text import slugify

from articles.analysis import CompanyHit, DealSignal, Signals, sample_drawn
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
    sample_born,
)
from deals.services.companies import companies_reveal
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
    sample_ids: list[int] = field(default_factory=list)  # low-confidence samples raised
    company_ids: list[int] = field(default_factory=list)
    new_company_ids: list[int] = field(default_factory=list)


def source_trust(source: Source) -> float:
    """How far to trust the source, in [0, 1]: the one place a source's record enters a flag.

    The sources selector combines the credibility tier with the source's
    track record (its early reports that turned out true).
    """
    from articles.selectors import source_reliability

    return source_reliability(source)


def flag_confidence(
    signal_confidence: float, source: Source, *, trust: float | None = None
) -> float:
    """The analysis's confidence, discounted by how much the source is trusted."""
    trust = source_trust(source) if trust is None else trust
    return round(signal_confidence * (0.6 + 0.4 * trust), 3)


def drawn_samples(article: Article, signals: Signals) -> list[DealSignal]:
    """The story's near misses that ingestion raises as low-confidence samples."""
    rate = settings.ANALYSIS_SAMPLE_RATE
    return [s for s in signals.near_misses if sample_drawn(article.pk, s.evidence, rate)]


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
    names: Sequence[tuple[str, str, int | None]],
    result: AppliedSignals,
    *,
    sample_only: frozenset[str] = frozenset(),
) -> dict[str, Company]:
    """(key, display name, dictionary company id) → Company, creating unverified ones in bulk.

    Ids from the dictionary are checked (it may predate a merge or deletion);
    unknown keys are looked up by alias, then by slug; what is still unknown
    becomes an unverified company with the alias seen, out of sight of all but
    editors (`Company.sample_only`) when every key it is made for is in
    `sample_only`. Bulk creation sends no `post_save`, so the company
    dictionary is not rebuilt for each new name.
    """
    keys = {key: (name, cid) for key, name, cid in names if key}
    if not keys:
        return {}
    ids = {cid for _, cid in keys.values() if cid}
    by_id = Company.objects.in_bulk(ids)
    # An id is trusted only if that company still answers to the key: the dictionary may
    # predate a deletion, and an id can be reused (SQLite) by another company.
    answers: dict[int, set[str]] = {pk: {normalise_name(c.name)} for pk, c in by_id.items()}
    for company_id, normalised in CompanyAlias.objects.filter(company_id__in=ids).values_list(
        "company_id", "normalised"
    ):
        answers.setdefault(company_id, set()).add(normalised)
    found: dict[str, Company] = {}
    for key, (_, cid) in keys.items():
        if cid and cid in by_id and key in answers.get(cid, ()):
            found[key] = by_id[cid]
    missing = [k for k in keys if k not in found]
    if missing:
        for alias in CompanyAlias.objects.filter(normalised__in=missing).select_related("company"):
            found[alias.normalised] = alias.company
    missing = [k for k in keys if k not in found]
    if missing:
        slugs = {k: _slug_for(keys[k][0]) for k in missing}
        existing = {c.slug: c for c in Company.objects.filter(slug__in=set(slugs.values()))}
        to_create: dict[str, Company] = {}
        for key, slug in slugs.items():
            if slug not in existing and slug not in to_create:
                to_create[slug] = Company(name=keys[key][0][:200], slug=slug, verified=False)
        if sample_only:
            named = {slug for key, slug in slugs.items() if key not in sample_only}
            for slug, company in to_create.items():
                company.sample_only = slug not in named
        if to_create:
            # In slug order, so two workers creating the same names wait on each other in
            # the same order rather than deadlock.
            Company.objects.bulk_create(
                [to_create[slug] for slug in sorted(to_create)], ignore_conflicts=True
            )
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
                for k in sorted(missing)
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


def _mentions(
    article: Article, hits: Iterable[CompanyHit], companies: dict[str, Company]
) -> list[Mention]:
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
    return list(merged.values())


def _with_sampled(hits: Sequence[CompanyHit], drawn: Sequence[DealSignal]) -> list[CompanyHit]:
    """The story's companies and its drawn samples' parties: a story mentions the names of
    a sample it raised (accepting the sample reveals them) even where the analysis lists
    no unreported candidate's party among the story's companies."""
    listed = {_key(h.name, h.key) for h in hits}
    out = list(hits)
    for signal in drawn:
        for p in signal.parties:
            key = _key(p.name, p.key)
            if key not in listed:
                listed.add(key)
                out.append(CompanyHit(p.name, p.key, p.name, 1, False, p.company_id))
    return out


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


def _sides_of(parties: Iterable[DealParty]) -> dict[int, set[str]]:
    sides: dict[int, set[str]] = {}
    for party in parties:
        if party.role in PRINCIPAL_ROLES:
            sides.setdefault(party.company_id, set()).add(_SIDE[party.role])
    return sides


def _match_score(principals: list[tuple[int, str, str]], deal: Deal, kind: str) -> int:
    """How many of the story's principal parties the deal has on the same side; 0 for no match."""
    deal_sides: dict[int, set[str]] = deal._sides  # type: ignore[attr-defined]
    hits = sum(
        1
        for company_id, _, side in principals
        if any(_compatible(side, s) for s in deal_sides.get(company_id, ()))
    )
    if len(principals) == 1:
        return hits if hits and deal.kind == kind else 0
    return hits if hits >= 2 else 0


class _DealIndex:
    """The deals a batch of stories may report on, by company, kept current as the batch runs.

    Loaded in two queries for the whole batch; deals the batch creates join it, so
    the second story about a new deal finds the deal the first one made.
    """

    def __init__(self, company_ids: set[int], articles: Sequence[Article]) -> None:
        self.by_company: dict[int, list[Deal]] = {}
        self.covered: set[tuple[int, int]] = set()
        self.pending: set[tuple[int, str, str]] = set()
        # Samples pending apart: a sample never holds back the flag a reported signal raises.
        self.pending_samples: set[tuple[int, str, str]] = set()
        self.flagged: set[tuple[int, int, str]] = set()
        # Pending sample "new deal" flags a reported signal may supersede.
        self.supersedable: set[tuple[int, int, str]] = set()
        if not company_ids:
            return
        article_ids = [a.pk for a in articles]
        self.covered = set(
            DealArticle.objects.filter(article_id__in=article_ids).values_list(
                "deal_id", "article_id"
            )
        )
        covered_deals = {deal_id for deal_id, _ in self.covered}
        oldest = min((_cutoff(a) for a in articles), default=timezone.now())
        deals = (
            Deal.objects.filter(parties__company_id__in=company_ids)
            .filter(
                Q(dismissed=False, merged_into__isnull=True, last_activity_at__gte=oldest)
                | Q(pk__in=covered_deals)
                | (sample_born() & Q(last_activity_at__gte=oldest))
            )
            .annotate(born=ExpressionWrapper(sample_born(), output_field=BooleanField()))
            .distinct()
            .prefetch_related("parties")
        )
        for deal in deals:
            deal._sample_born = bool(deal.born)  # type: ignore[attr-defined]
            self.add(deal, _sides_of(deal.parties.all()))
        deal_ids = [d.pk for ds in self.by_company.values() for d in ds]
        rows = DealUpdate.objects.filter(
            Q(deal_id__in=deal_ids, status=DealUpdate.Status.PENDING)
            | Q(article_id__in=article_ids)
        ).values_list(
            "deal_id",
            "article_id",
            "current_stage",
            "proposed_stage",
            "status",
            "is_sample",
            "type",
        )
        for deal_id, article_id, current, proposed, status, sample, type_ in rows:
            if status == DealUpdate.Status.PENDING:
                (self.pending_samples if sample else self.pending).add((deal_id, current, proposed))
            if article_id is not None:
                self.flagged.add((deal_id, article_id, proposed))
                if sample and status == DealUpdate.Status.PENDING and type_ == "new_deal":
                    self.supersedable.add((deal_id, article_id, proposed))

    def add(self, deal: Deal, sides: dict[int, set[str]]) -> None:
        deal._sides = sides  # type: ignore[attr-defined]
        for company_id in sides:
            bucket = self.by_company.setdefault(company_id, [])
            if deal not in bucket:
                bucket.append(deal)

    def find(
        self, article: Article, signal: DealSignal, principals: list[tuple[int, str, str]]
    ) -> Deal | None:
        """The deal this signal reports on: same principal parties, recent, not dismissed.

        Deals this very article already covers always qualify, so a re-run finds
        what the first run created even if an editor dismissed it since; so do
        sample-born deals, dismissed only while no story has reported them.
        """
        cutoff = _cutoff(article)
        stages = {Stage.RUMOURED, Stage.IN_TALKS, Stage.AGREED, Stage.CALLED_OFF}
        if signal.stage == Stage.COMPLETED:
            stages.add(Stage.COMPLETED)
        best, chosen = None, None
        seen: set[int] = set()
        for company_id, _, _ in principals:
            for deal in self.by_company.get(company_id, ()):
                if id(deal) in seen:
                    continue
                seen.add(id(deal))
                mine = deal.pk is not None and (deal.pk, article.pk) in self.covered
                live = (
                    (not deal.dismissed or getattr(deal, "_sample_born", False))
                    and deal.merged_into_id is None
                    and deal.stage in stages
                    and deal.last_activity_at >= cutoff
                )
                if not (mine or live):
                    continue
                score = _match_score(principals, deal, signal.kind)
                if not score:
                    continue
                rank = (score, not deal.dismissed, deal.last_activity_at)
                if best is None or rank > best:
                    best, chosen = rank, deal
        return chosen


def _cutoff(article: Article):
    when = article.published_at or timezone.now()
    return min(when, timezone.now()) - timedelta(days=settings.DEAL_MATCH_WINDOW_DAYS)


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


@dataclass
class _Writes:
    """Rows a batch will insert, collected first so each table takes one INSERT."""

    deals: list[Deal] = field(default_factory=list)
    parties: list[DealParty] = field(default_factory=list)
    events: list[DealEvent] = field(default_factory=list)
    updates: list[DealUpdate] = field(default_factory=list)
    coverage: list[DealArticle] = field(default_factory=list)
    touched: set[int] = field(default_factory=set)
    adopted: list[Deal] = field(default_factory=list)  # sample-born deals a story reported
    # Deals a story reported that were sample-born: their parties come into sight.
    revealed: list[Deal] = field(default_factory=list)

    def save(self, now) -> None:
        Deal.objects.bulk_create(self.deals)
        if self.adopted:
            Deal.objects.bulk_update(self.adopted, _ADOPTED_FIELDS)
            # The reported "new deal" flag supersedes the undecided sample's.
            DealUpdate.objects.filter(
                deal__in=self.adopted,
                is_sample=True,
                type=DealUpdate.Type.NEW_DEAL,
                status=DealUpdate.Status.PENDING,
            ).delete()
        for row in (*self.parties, *self.events, *self.updates, *self.coverage):
            row.deal_id = row.deal.pk
        DealParty.objects.bulk_create(self.parties, ignore_conflicts=True)
        DealEvent.objects.bulk_create(self.events)
        DealUpdate.objects.bulk_create(self.updates)
        DealArticle.objects.bulk_create(self.coverage, ignore_conflicts=True)
        companies_reveal(deal_ids=[deal.pk for deal in self.revealed])
        if self.touched:
            # New coverage: the deal is alive again, whatever its stage.
            Deal.objects.filter(pk__in=self.touched).update(last_activity_at=now, is_stale=False)


_ADOPTED_FIELDS = [
    "title",
    "kind",
    "stage",
    "summary",
    "value",
    "currency",
    "value_usd",
    "dismissed",
    "last_activity_at",
    "updated_at",
]


def _flag(
    signal: DealSignal, *, deal: Deal, article: Article, confidence: float, now, **fields
) -> DealUpdate:
    """A flag carrying what the signal says: stage, amount, evidence and who said it."""
    amount = _amount_fields(signal)
    return DealUpdate(
        deal=deal,
        article=article,
        proposed_stage=signal.stage,
        proposed_value=amount.get("value"),
        proposed_currency=str(amount.get("currency", "")),
        proposed_value_usd=amount.get("value_usd"),
        evidence=signal.evidence,
        confidence=confidence,
        attribution=signal.attribution[:32],
        attributed_to=signal.attributed_to[:200],
        created_at=now,
        **fields,
    )


def _new_deal(
    *,
    article: Article,
    signal: DealSignal,
    companies: dict[str, Company],
    confidence: float,
    writes: _Writes,
    now,
    sample: bool = False,
) -> tuple[Deal, DealUpdate, dict[int, set[str]]]:
    """A deal the story reports, unconfirmed, with its "new deal" flag; off the board for a sample."""
    amount = _amount_fields(signal)
    stake = (
        signal.stake_pct if signal.stake_pct is not None and 0 <= signal.stake_pct <= 100 else None
    )
    deal = Deal(
        title=_deal_title(signal, companies),
        kind=signal.kind if signal.kind in Kind.values else Kind.ACQUISITION,
        stage=signal.stage,
        confirmed=False,
        dismissed=sample,
        stake_pct=stake,
        summary=signal.evidence[:2000],
        created_at=now,
        last_activity_at=now,
        **amount,
    )
    writes.deals.append(deal)
    seen: set[tuple[int, str]] = set()
    parties = []
    for party in signal.parties:
        company = companies.get(_key(party.name, party.key))
        role = party.role if party.role in Role.values else Role.PARTNER
        if company is None or (company.pk, role) in seen:
            continue
        seen.add((company.pk, role))
        parties.append(DealParty(deal=deal, company=company, role=role))
    writes.parties.extend(parties)
    if not sample:  # a sample's deal has no history until it is accepted or reported
        writes.events.append(_created(deal, article, signal, now))
    update = _flag(
        signal,
        deal=deal,
        article=article,
        confidence=confidence,
        now=now,
        type=DealUpdate.Type.NEW_DEAL,
        current_stage="",
        proposed_kind=deal.kind,
        is_sample=sample,
        sample_rate=settings.ANALYSIS_SAMPLE_RATE if sample else None,
    )
    writes.updates.append(update)
    return deal, update, _sides_of(parties)


def _created(deal: Deal, article: Article, signal: DealSignal, now, reason="") -> DealEvent:
    return DealEvent(
        deal=deal,
        type=DealEvent.Type.CREATED,
        to_stage=deal.stage,
        actor=None,
        at=now,
        article=article,
        evidence=signal.evidence,
        reason=reason or "Found by ingestion",
    )


def _adopt(
    *,
    article: Article,
    deal: Deal,
    signal: DealSignal,
    companies: dict[str, Company],
    confidence: float,
    index: _DealIndex,
    writes: _Writes,
    now,
) -> DealUpdate | None:
    """A story reports a sample-born deal: it becomes an ordinary unconfirmed new deal.

    The deal takes the reported signal's account and comes onto the board, its
    parties in sight (`Company.sample_only` cleared), with the reported "new
    deal" flag (the pending sample flag is superseded in `_Writes.save`). None
    when that flag would repeat a decided one (the same story and stage as a
    rejected sample): the caller creates a new deal.
    """
    key = (deal.pk, article.pk, signal.stage)
    if key in index.flagged and key not in index.supersedable:
        return None
    deal._sample_born = False  # type: ignore[attr-defined]
    deal.dismissed = False
    deal.title = _deal_title(signal, companies)
    deal.kind = signal.kind if signal.kind in Kind.values else deal.kind
    deal.stage = signal.stage
    deal.summary = signal.evidence[:2000]
    for name, value in _amount_fields(signal).items():
        setattr(deal, name, value)
    deal.last_activity_at = deal.updated_at = now
    # Parties the report names that the sample did not (an existing role is ignored on insert).
    for party in signal.parties:
        company = companies.get(_key(party.name, party.key))
        if company is not None:
            role = party.role if party.role in Role.values else Role.PARTNER
            writes.parties.append(DealParty(deal=deal, company=company, role=role))
    if deal.pk is None:  # sampled earlier in this batch: its sample flag is never written
        writes.updates = [u for u in writes.updates if not (u.deal is deal and u.is_sample)]
    else:
        writes.adopted.append(deal)
    writes.revealed.append(deal)
    writes.events.append(
        _created(deal, article, signal, now, "Found by ingestion (first raised as a sample)")
    )
    index.flagged.add(key)
    update = _flag(
        signal,
        deal=deal,
        article=article,
        confidence=confidence,
        now=now,
        type=DealUpdate.Type.NEW_DEAL,
        current_stage="",
        proposed_kind=deal.kind,
    )
    writes.updates.append(update)
    return update


def _move_flag(
    *,
    article: Article,
    deal: Deal,
    signal: DealSignal,
    confidence: float,
    index: _DealIndex,
    now,
    sample: bool = False,
) -> DealUpdate | None:
    """A pending flag for the stage the story reports, unless the move is not a move."""
    if signal.stage == deal.stage:
        return None
    try:
        check_transition(deal.stage, signal.stage, allow_revival=True)
    except StageTransitionError:
        return None
    move = (deal.pk, deal.stage, signal.stage)
    if move in index.pending or (sample and move in index.pending_samples):
        return None  # another story already raised this flag; this one is coverage
    if (deal.pk, article.pk, signal.stage) in index.flagged:
        return None  # this story raised it before (a re-run)
    (index.pending_samples if sample else index.pending).add(move)
    index.flagged.add((deal.pk, article.pk, signal.stage))
    revival = is_revival(deal.stage, signal.stage)
    return _flag(
        signal,
        deal=deal,
        article=article,
        confidence=confidence,
        now=now,
        type=DealUpdate.Type.REVIVAL if revival else DealUpdate.Type.STAGE,
        current_stage=deal.stage,
        proposed_kind=signal.kind if signal.kind != deal.kind else "",
        is_sample=sample,
        sample_rate=settings.ANALYSIS_SAMPLE_RATE if sample else None,
    )


def _sample_flag(
    *,
    article: Article,
    signal: DealSignal,
    companies: dict[str, Company],
    confidence: float,
    index: _DealIndex,
    writes: _Writes,
    reported: list[Deal],
    now,
) -> DealUpdate | None:
    """A low-confidence sample's flag, or None when it would propose nothing new.

    Nothing here touches the board or any story's page: no coverage, no
    activity, no event; a deal only the sample proposes is created dismissed
    (sample-born), and a later sample or re-run finds it and raises nothing more.
    """
    if signal.stage not in Stage.values:
        return None
    principals = _principals(signal, companies)
    if not principals:
        return None
    deal = index.find(article, signal, principals)
    if deal is not None and deal in reported:
        return None  # the story's reported signal about this deal already asks the desk
    if deal is not None and deal._sample_born:  # type: ignore[attr-defined]
        return None  # its sample "new deal" flag already asks the desk
    if deal is not None:
        update = _move_flag(
            article=article,
            deal=deal,
            signal=signal,
            confidence=confidence,
            index=index,
            now=now,
            sample=True,
        )
        if update is not None:
            writes.updates.append(update)
        return update
    deal, update, sides = _new_deal(
        article=article,
        signal=signal,
        companies=companies,
        confidence=confidence,
        writes=writes,
        now=now,
        sample=True,
    )
    deal._sample_born = True  # type: ignore[attr-defined]
    index.add(deal, sides)
    return update


def _auto_acceptable(source: Source, update: DealUpdate) -> bool:
    return (
        source.auto_accept
        and not update.is_sample  # a sample is there for an editor's decision
        and source.credibility_tier == Source.Tier.WIRE
        and update.type != DealUpdate.Type.REVIVAL  # revivals are never applied silently
        and update.confidence >= AUTO_ACCEPT_MIN_CONFIDENCE
    )


def _lock_companies(company_ids: Iterable[int]) -> None:
    """Row-lock the parties' companies, in id order, until commit.

    Two workers analysing two stories about the same new deal would otherwise
    both find no deal and both create one; with the lock the second waits,
    then finds the first's deal. (SQLite serialises writing transactions anyway.)
    """
    ids = sorted(set(company_ids))
    if ids:
        # NO KEY UPDATE: excludes another ingestion's lock, not the KEY SHARE locks that
        # foreign keys to these companies (mentions, parties, tips) take.
        rows = Company.objects.filter(pk__in=ids).order_by("pk").select_for_update(no_key=True)
        list(rows.values_list("pk"))


@transaction.atomic
def apply_signals(*, article: Article, signals: Signals) -> AppliedSignals:
    """Write what a story's analysis found: mentions, coverage, flags and new deals."""
    return apply_signals_many([(article, signals)])[0]


@transaction.atomic
def apply_signals_many(items: Sequence[tuple[Article, Signals]]) -> list[AppliedSignals]:
    """`apply_signals` for a batch of stories, in story order, with a fixed number of queries.

    The result is the same as applying each story in turn. Stories from a
    source that auto-accepts are applied one by one, since an accepted flag
    moves a deal that the next story is compared with.
    """
    if len(items) > 1 and any(article.source.auto_accept for article, _ in items):
        return [apply_signals_many([item])[0] for item in items]
    results = [AppliedSignals() for _ in items]
    samples = [drawn_samples(article, signals) for article, signals in items]
    names: list[tuple[str, str, int | None]] = []
    named: set[str] = set()  # named by a story, not only as a drawn sample's party
    sampled: set[str] = set()
    for (_, signals), drawn in zip(items, samples, strict=True):
        names.extend((_key(h.name, h.key), h.name, h.company_id) for h in signals.companies)
        for signal in (*signals.deals, *drawn):
            names.extend((_key(p.name, p.key), p.name, p.company_id) for p in signal.parties)
        # A name the story lists counts only when no drawn sample of it names it too (the
        # analysis no longer lists unreported candidates' parties; a plainly named company
        # that a drawn sample names is still kept out of sight until decided).
        drawn_keys = {_key(p.name, p.key) for signal in drawn for p in signal.parties}
        named.update({_key(h.name, h.key) for h in signals.companies} - drawn_keys)
        named.update(_key(p.name, p.key) for signal in signals.deals for p in signal.parties)
        sampled.update(drawn_keys)
    created = AppliedSignals()
    companies = _resolve_companies(names, created, sample_only=frozenset(sampled - named))
    new_companies = set(created.new_company_ids)
    # A story names a company a sample alone had named before: it is an ordinary company now
    # (revealed once the rows are locked, in id order, below).
    revealed = {c.pk for key, c in companies.items() if key in named and c.sample_only}

    mentions: list[Mention] = []
    party_ids: set[int] = set()
    for (article, signals), result, drawn in zip(items, results, samples, strict=True):
        rows = _mentions(article, _with_sampled(signals.companies, drawn), companies)
        mentions.extend(rows)
        result.company_ids = [m.company_id for m in rows]
        for signal in signals.deals:
            for party in signal.parties:
                company = companies.get(_key(party.name, party.key))
                if company is not None:
                    party_ids.add(company.pk)
                    if company.pk not in result.company_ids:
                        result.company_ids.append(company.pk)
        result.new_company_ids = [c for c in result.company_ids if c in new_companies]
    for drawn in samples:
        for signal in drawn:
            for party in signal.parties:
                company = companies.get(_key(party.name, party.key))
                if company is not None:
                    party_ids.add(company.pk)
    # The companies to reveal are locked with the parties, in one id-ordered pass, before the
    # UPDATE: updating them first would lock rows out of order and could deadlock two workers.
    _lock_companies(party_ids | revealed)
    companies_reveal(company_ids=revealed)
    Mention.objects.bulk_create(mentions, ignore_conflicts=True)

    now = timezone.now()
    index = _DealIndex(party_ids, [article for article, _ in items])
    writes = _Writes()
    trust: dict[int, float] = {}
    flags: list[tuple[AppliedSignals, Article, DealUpdate]] = []
    for (article, signals), result, drawn in zip(items, results, samples, strict=True):
        source = article.source
        if source.pk not in trust:
            trust[source.pk] = source_trust(source)
        for signal in signals.deals:
            if signal.stage not in Stage.values:
                continue
            principals = _principals(signal, companies)
            if not principals:
                continue  # a deal needs a party that identifies it
            confidence = flag_confidence(signal.confidence, source, trust=trust[source.pk])
            deal = index.find(article, signal, principals)
            adopted = None
            if deal is not None and deal._sample_born:  # type: ignore[attr-defined]
                adopted = _adopt(
                    article=article,
                    deal=deal,
                    signal=signal,
                    companies=companies,
                    confidence=confidence,
                    index=index,
                    writes=writes,
                    now=now,
                )
                if adopted is None:
                    deal = None
            if adopted is not None:
                flags.append((result, article, adopted))
                result.new_deal_ids.append(deal)
            elif deal is None:
                deal, update, sides = _new_deal(
                    article=article,
                    signal=signal,
                    companies=companies,
                    confidence=confidence,
                    writes=writes,
                    now=now,
                )
                deal._sample_born = False  # type: ignore[attr-defined]
                index.add(deal, sides)
                flags.append((result, article, update))
                result.new_deal_ids.append(deal)  # a pk once saved
            else:
                update = _move_flag(
                    article=article,
                    deal=deal,
                    signal=signal,
                    confidence=confidence,
                    index=index,
                    now=now,
                )
                if update is not None:
                    writes.updates.append(update)
                    flags.append((result, article, update))
            link = (id(deal) if deal.pk is None else deal.pk, article.pk)
            if link not in index.covered:
                index.covered.add(link)
                writes.coverage.append(
                    DealArticle(
                        deal=deal, article=article, evidence=signal.evidence, created_at=now
                    )
                )
                if deal.pk is not None:
                    writes.touched.add(deal.pk)
            if deal not in result.deal_ids:
                result.deal_ids.append(deal)
        for signal in drawn:
            update = _sample_flag(
                article=article,
                signal=signal,
                companies=companies,
                confidence=flag_confidence(signal.confidence, source, trust=trust[source.pk]),
                index=index,
                writes=writes,
                reported=result.deal_ids,
                now=now,
            )
            if update is not None:
                flags.append((result, article, update))
    writes.save(now)
    for result in results:
        result.deal_ids = [d.pk for d in result.deal_ids]
        result.new_deal_ids = [d.pk for d in result.new_deal_ids]
    for result, article, update in flags:
        if update.pk is None:
            continue  # a sample superseded in this batch by a story reporting its deal
        (result.sample_ids if update.is_sample else result.update_ids).append(update.pk)
        if _auto_acceptable(article.source, update) and deal_update_accept(
            update=update, actor=None
        ):
            result.auto_accepted_ids.append(update.pk)
    return results
