"""Small builders for the editors' page tests: rows with only what a test cares about."""

from __future__ import annotations

import itertools
from decimal import Decimal

from django.utils.text import slugify

from articles.models import Article, Mention, Source
from deals.models import Company, Deal, DealArticle, DealParty, DealUpdate, Role, Stage

_n = itertools.count(1)


def company(name: str | None = None, **fields) -> Company:
    name = name or f"Company {next(_n)}"
    return Company.objects.create(name=name, slug=fields.pop("slug", slugify(name)), **fields)


def deal(title: str | None = None, *, parties=(), **fields) -> Deal:
    fields.setdefault("confirmed", True)
    made = Deal.objects.create(title=title or f"Deal {next(_n)}", **fields)
    for party, role in parties:
        DealParty.objects.create(deal=made, company=party, role=role)
    return made


def source(name: str | None = None, **fields) -> Source:
    name = name or f"Source {next(_n)}"
    return Source.objects.create(name=name, url=f"https://{slugify(name)}.example/rss", **fields)


def article(
    title: str = "A story", *, src: Source | None = None, body: str = "", mentions=(), **fields
) -> Article:
    made = Article.objects.create(
        source=src or source(),
        url=f"https://news.example/{next(_n)}",
        title=title,
        body=body or title,
        **fields,
    )
    for mentioned in mentions:
        Mention.objects.create(article=made, company=mentioned)
    return made


def cover(deal_: Deal, article_: Article, evidence: str = "") -> DealArticle:
    return DealArticle.objects.create(deal=deal_, article=article_, evidence=evidence)


def flag(
    deal_: Deal, *, to: str = Stage.AGREED, article_: Article | None = None, **fields
) -> DealUpdate:
    fields.setdefault("evidence", f"{deal_.title}: they agreed.")
    return DealUpdate.objects.create(
        deal=deal_,
        article=article_,
        current_stage=fields.pop("current_stage", deal_.stage),
        proposed_stage=to,
        **fields,
    )


def many_deals(n: int, *, with_parties: int = 2, articles_each: int = 1) -> list[Deal]:
    """`n` deals spread over every stage, each with parties, coverage and a pending flag."""
    companies = [
        company(f"Bulk {next(_n)}", sector="Fintech", country="Singapore")
        for _ in range(with_parties)
    ]
    src = source()
    stages = Stage.values
    deals = Deal.objects.bulk_create(
        Deal(
            title=f"Bulk deal {i}",
            stage=stages[i % len(stages)],
            value=Decimal(i + 1) * 1_000_000,
            currency="USD",
            value_usd=Decimal(i + 1) * 1_000_000,
            confirmed=True,
        )
        for i in range(n)
    )
    if deals and deals[0].pk is None:
        deals = list(Deal.objects.filter(title__startswith="Bulk deal ").order_by("id"))
    DealParty.objects.bulk_create(
        DealParty(deal=d, company=c, role=Role.PARTNER) for d in deals for c in companies
    )
    arts = Article.objects.bulk_create(
        Article(source=src, url=f"https://bulk.example/{d.pk}/{k}", title=f"Story {d.pk}")
        for d in deals
        for k in range(articles_each)
    )
    if arts and arts[0].pk is None:
        arts = list(Article.objects.filter(url__startswith="https://bulk.example/").order_by("id"))
    by_deal = {}
    for a in arts:
        by_deal.setdefault(int(a.url.split("/")[3]), []).append(a)
    DealArticle.objects.bulk_create(
        DealArticle(deal=d, article=a) for d in deals for a in by_deal.get(d.pk, [])
    )
    Mention.objects.bulk_create(Mention(article=a, company=companies[0]) for a in arts)
    DealUpdate.objects.bulk_create(
        DealUpdate(
            deal=d,
            article=by_deal[d.pk][0],
            current_stage=d.stage,
            proposed_stage=Stage.CALLED_OFF if d.stage != Stage.CALLED_OFF else Stage.AGREED,
            evidence="x",
        )
        for d in deals
        if d.stage != Stage.COMPLETED
    )
    return deals
