"""Demo data for `manage.py seed_demo`: the desk's beat, a few invented stories, and bulk filler.

Every row is keyed (usernames, slugs, source names, URLs, deal titles) so a
second run finds what the first made and adds nothing. The demo stories are
written for Dealdesk; they describe deals in the public record in our own words.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

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
    Tip,
)
from deals.roles import ADMIN, EDITOR, REPORTER

DEMO_USERS = [
    # username, full name, role, password
    ("editor", "Elena Tan", EDITOR, "editor-demo-pass"),
    ("reporter", "Ravi Menon", REPORTER, "reporter-demo-pass"),
    ("reporter2", "Siti Rahman", REPORTER, "reporter2-demo-pass"),
    ("admin", "Ade Wijaya", ADMIN, "admin-demo-pass"),
]

# name, aliases, country, sector, valuation in USD millions (None when public or unknown)
COMPANIES: list[tuple[str, list[str], str, str, int | None]] = [
    ("Alibaba Group Holding Ltd", ["Alibaba", "Alibaba Group"], "China", "E-commerce", None),
    ("Kroger Co", ["Kroger"], "United States", "Retail", None),
    ("Amazon.com Inc", ["Amazon", "Amazon.com"], "United States", "E-commerce", None),
    ("Whole Foods Market", ["Whole Foods"], "United States", "Retail", None),
    ("Tencent Holdings Ltd", ["Tencent"], "China", "Internet", None),
    ("Carrefour SA", ["Carrefour"], "France", "Retail", None),
    ("Carrefour China", [], "China", "Retail", None),
    ("Bigbasket", ["BigBasket", "Supermarket Grocery Supplies"], "India", "E-grocery", 950),
    ("Grab Holdings", ["Grab"], "Singapore", "Super-app", None),
    ("GoTo Group", ["GoTo", "PT GoTo Gojek Tokopedia Tbk"], "Indonesia", "Super-app", None),
    ("Gojek", ["Go-Jek"], "Indonesia", "Super-app", None),
    ("Tokopedia", [], "Indonesia", "E-commerce", None),
    ("Sea Ltd", ["Sea", "Sea Limited"], "Singapore", "Internet", None),
    ("Shopee", [], "Singapore", "E-commerce", None),
    ("Lazada Group", ["Lazada"], "Singapore", "E-commerce", None),
    ("Flipkart", ["Flipkart Internet"], "India", "E-commerce", None),
    ("Walmart Inc", ["Walmart", "Wal-Mart"], "United States", "Retail", None),
    ("Temasek Holdings", ["Temasek"], "Singapore", "Investor", None),
    ("GIC Pte Ltd", ["GIC"], "Singapore", "Investor", None),
    ("SoftBank Group Corp", ["SoftBank", "SoftBank Group"], "Japan", "Investor", None),
    ("SoftBank Vision Fund", ["Vision Fund"], "Japan", "Investor", None),
    ("Ant Group", ["Ant Financial"], "China", "Fintech", None),
    ("ByteDance", [], "China", "Internet", None),
    ("JD.com", ["JD", "Jingdong"], "China", "E-commerce", None),
    ("Meituan", [], "China", "Internet", None),
    ("PDD Holdings", ["Pinduoduo"], "China", "E-commerce", None),
    ("Baidu Inc", ["Baidu"], "China", "Internet", None),
    ("Xiaomi Corp", ["Xiaomi"], "China", "Hardware", None),
    ("Reliance Industries", ["Reliance", "RIL"], "India", "Conglomerate", None),
    ("Jio Platforms", ["Jio"], "India", "Telecoms", None),
    ("Paytm", ["One97 Communications"], "India", "Fintech", None),
    ("Zomato", ["Eternal"], "India", "Food delivery", None),
    ("Swiggy", ["Bundl Technologies"], "India", "Food delivery", None),
    ("Ola", ["ANI Technologies"], "India", "Mobility", None),
    ("Oyo", ["Oravel Stays", "OYO Rooms"], "India", "Travel", None),
    ("Traveloka", [], "Indonesia", "Travel", None),
    ("Bukalapak", [], "Indonesia", "E-commerce", None),
    ("Tiki", ["Tiki Corporation"], "Vietnam", "E-commerce", 250),
    ("VNG Corp", ["VNG"], "Vietnam", "Internet", None),
    ("Carousell", [], "Singapore", "Marketplace", 900),
    ("PropertyGuru", [], "Singapore", "Proptech", None),
    ("Ninja Van", [], "Singapore", "Logistics", 600),
    ("Kredivo", ["FinAccel"], "Indonesia", "Fintech", 500),
    ("Xendit", [], "Indonesia", "Fintech", None),
    ("Akulaku", [], "Indonesia", "Fintech", 450),
    ("DBS Group", ["DBS", "DBS Bank"], "Singapore", "Banking", None),
    ("OCBC", ["Oversea-Chinese Banking Corp"], "Singapore", "Banking", None),
    ("Singtel", ["Singapore Telecommunications"], "Singapore", "Telecoms", None),
    ("Axiata Group", ["Axiata"], "Malaysia", "Telecoms", None),
    ("KKR & Co", ["KKR"], "United States", "Private equity", None),
    ("Blackstone Inc", ["Blackstone"], "United States", "Private equity", None),
    ("Warburg Pincus", [], "United States", "Private equity", None),
    ("TPG Inc", ["TPG", "TPG Capital"], "United States", "Private equity", None),
    ("Hillhouse Investment", ["Hillhouse", "Hillhouse Capital"], "China", "Private equity", None),
    ("Sequoia Capital India", ["Peak XV", "Peak XV Partners"], "India", "Venture capital", None),
    ("Uber Technologies", ["Uber"], "United States", "Mobility", None),
    ("Didi Global", ["Didi", "Didi Chuxing"], "China", "Mobility", None),
    ("Coupang", [], "South Korea", "E-commerce", None),
    ("Kakao Corp", ["Kakao"], "South Korea", "Internet", None),
    ("Rakuten Group", ["Rakuten"], "Japan", "E-commerce", None),
    ("Mynt", ["GCash"], "Philippines", "Fintech", 800),
    ("Zilingo", [], "Singapore", "E-commerce", 150),
]

REGIONS = {
    "China": "Greater China",
    "India": "South Asia",
    "Singapore": "Southeast Asia",
    "Indonesia": "Southeast Asia",
    "Vietnam": "Southeast Asia",
    "Malaysia": "Southeast Asia",
    "Philippines": "Southeast Asia",
    "Japan": "North Asia",
    "South Korea": "North Asia",
    "United States": "North America",
    "France": "Europe",
}

SOURCES = [
    # name, kind, url, tier, region
    ("Demo Wire", Source.Kind.RSS, "https://demo.dealdesk.invalid/wire.rss", 1, "Asia"),
    (
        "Demo Business Daily",
        Source.Kind.ATOM,
        "https://demo.dealdesk.invalid/daily.atom",
        2,
        "Southeast Asia",
    ),
    (
        "Demo Startup Blog",
        Source.Kind.JSON,
        "https://demo.dealdesk.invalid/feed.json",
        3,
        "South Asia",
    ),
    ("Manual entries", Source.Kind.MANUAL, "", 2, ""),
]


@dataclass(frozen=True)
class DemoDeal:
    title: str
    kind: str
    stage: str
    parties: list[tuple[str, str]]  # (company name, role)
    value_musd: int | None
    stake: int | None
    story_title: str
    story: str
    days_ago: int


DEMO_DEALS = [
    DemoDeal(
        "Alibaba–Kroger cooperation",
        Kind.PARTNERSHIP,
        Stage.IN_TALKS,
        [("Alibaba Group Holding Ltd", Role.PARTNER), ("Kroger Co", Role.PARTNER)],
        None,
        None,
        "Alibaba and Kroger hold early talks on working together",
        "Alibaba and US grocer Kroger have held early discussions about a possible "
        "cooperation, a person familiar with the matter said. The talks are at an "
        "initial stage and may not lead to a deal.",
        6,
    ),
    DemoDeal(
        "Amazon buys Whole Foods",
        Kind.ACQUISITION,
        Stage.COMPLETED,
        [("Amazon.com Inc", Role.ACQUIRER), ("Whole Foods Market", Role.TARGET)],
        13700,
        100,
        "Amazon completes its purchase of Whole Foods",
        "Amazon has completed its $13.7 billion acquisition of Whole Foods Market, "
        "the companies said, taking the online retailer deep into physical grocery.",
        400,
    ),
    DemoDeal(
        "Tencent invests in Carrefour China",
        Kind.INVESTMENT,
        Stage.AGREED,
        [
            ("Tencent Holdings Ltd", Role.INVESTOR),
            ("Carrefour China", Role.INVESTEE),
            ("Carrefour SA", Role.SELLER),
        ],
        None,
        5,
        "Tencent to invest in Carrefour's China unit",
        "Tencent has agreed to take a 5% stake in Carrefour's China business, the "
        "French retailer said in a statement, as the two step up offline retail.",
        30,
    ),
    DemoDeal(
        "Alibaba invests in Bigbasket",
        Kind.INVESTMENT,
        Stage.AGREED,
        [("Alibaba Group Holding Ltd", Role.LEAD_INVESTOR), ("Bigbasket", Role.INVESTEE)],
        200,
        None,
        "Alibaba to invest $200m in India's online grocer Bigbasket",
        "Alibaba will invest $200 million in Bigbasket, the Bengaluru-based online "
        "grocer said, in a round that values the company at close to $1 billion.",
        45,
    ),
    DemoDeal(
        "Walmart takes control of Flipkart",
        Kind.ACQUISITION,
        Stage.COMPLETED,
        [
            ("Walmart Inc", Role.ACQUIRER),
            ("Flipkart", Role.TARGET),
            ("SoftBank Group Corp", Role.SELLER),
        ],
        16000,
        77,
        "Walmart closes $16bn deal for Flipkart stake",
        "Walmart has closed its purchase of a 77% stake in Flipkart for about $16 "
        "billion, with SoftBank among the investors selling out.",
        300,
    ),
    DemoDeal(
        "Gojek and Tokopedia merge into GoTo",
        Kind.MERGER,
        Stage.COMPLETED,
        [("Gojek", Role.PARTNER), ("Tokopedia", Role.PARTNER)],
        None,
        None,
        "Gojek and Tokopedia complete merger to form GoTo",
        "Gojek and Tokopedia have completed their merger, creating GoTo, the "
        "companies said in a joint statement.",
        200,
    ),
    DemoDeal(
        "Grab–GoTo merger talks",
        Kind.MERGER,
        Stage.CALLED_OFF,
        [("Grab Holdings", Role.PARTNER), ("GoTo Group", Role.PARTNER)],
        None,
        None,
        "Grab and GoTo call off merger talks",
        "Grab and GoTo have called off talks on a merger after failing to agree on "
        "control of the combined company, two people with knowledge of the matter said.",
        90,
    ),
    DemoDeal(
        "Temasek weighs stake in Ninja Van",
        Kind.INVESTMENT,
        Stage.RUMOURED,
        [("Temasek Holdings", Role.INVESTOR), ("Ninja Van", Role.INVESTEE)],
        None,
        None,
        "Temasek is said to weigh an investment in Ninja Van",
        "Temasek is considering an investment in logistics firm Ninja Van, people "
        "familiar with the matter said, adding that no decision has been made.",
        12,
    ),
    DemoDeal(
        "KKR loan to Oyo",
        Kind.DEBT,
        Stage.AGREED,
        [("KKR & Co", Role.LENDER), ("Oyo", Role.BORROWER)],
        450,
        None,
        "Oyo secures $450m term loan from KKR-led lenders",
        "Oyo has agreed a $450 million term loan with a group of lenders led by KKR, "
        "the hotel company said in a filing.",
        20,
    ),
    DemoDeal(
        "Sea explores sale of game unit stake",
        Kind.ACQUISITION,
        Stage.RUMOURED,
        [("Sea Ltd", Role.SELLER)],
        None,
        None,
        "Sea is exploring options for a minority stake in its games arm",
        "Sea is exploring a sale of a minority stake in its games business, sources "
        "said, as it looks to shore up cash.",
        3,
    ),
    DemoDeal(
        "Kredivo raises from Mizuho-led round",
        Kind.INVESTMENT,
        Stage.IN_TALKS,
        [("Kredivo", Role.INVESTEE)],
        270,
        None,
        "Kredivo in advanced talks to raise $270m",
        "Kredivo is in advanced talks to raise $270 million in a new round, people "
        "familiar with the matter said.",
        9,
    ),
    DemoDeal(
        "PropertyGuru taken private by EQT",
        Kind.ACQUISITION,
        Stage.AGREED,
        [("PropertyGuru", Role.TARGET)],
        1100,
        100,
        "PropertyGuru agrees to be taken private in $1.1bn deal",
        "PropertyGuru has signed a definitive agreement to be taken private in a deal "
        "worth about $1.1 billion, the company said.",
        60,
    ),
]


def _article_url(slug: str) -> str:
    return f"https://demo.dealdesk.invalid/stories/{slug}"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@transaction.atomic
def seed_users() -> list[tuple[str, str, str]]:
    created = []
    for username, full_name, role, password in DEMO_USERS:
        first, _, last = full_name.partition(" ")
        user, _ = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        user.set_password(password)
        user.is_staff = role == ADMIN
        user.save()
        user.groups.add(Group.objects.get(name=role))
        created.append((username, password, role))
    return created


@transaction.atomic
def seed_beat() -> dict[str, int]:
    """The real companies of the desk's beat, sources, and the demo deals with their stories."""
    companies: dict[str, Company] = {}
    for name, aliases, country, sector, valuation in COMPANIES:
        company, _ = Company.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "country": country,
                "region": REGIONS.get(country, ""),
                "sector": sector,
                "verified": True,
                "valuation": Decimal(valuation * 1_000_000) if valuation else None,
                "valuation_usd": Decimal(valuation * 1_000_000) if valuation else None,
                "watchlist": bool(valuation and 100 <= valuation <= 1000),
            },
        )
        companies[name] = company
        for alias in [name, *aliases]:
            # Two spellings may normalise alike ("Sea Ltd", "Sea Limited"): keep the first.
            if not CompanyAlias.objects.filter(normalised=normalise_name(alias)).exists():
                CompanyAlias.objects.create(company=company, alias=alias)
    sources = {}
    for name, kind, url, tier, region in SOURCES:
        sources[name], _ = Source.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "url": url,
                "credibility_tier": tier,
                "region": region,
                "enabled": False,
            },
        )
    editor = User.objects.filter(username="editor").first()
    now = timezone.now()
    made = 0
    for index, demo in enumerate(DEMO_DEALS):
        if Deal.objects.filter(title=demo.title).exists():
            continue
        made += 1
        at = now - timedelta(days=demo.days_ago)
        source = list(sources.values())[index % 3]
        article = Article.objects.create(
            source=source,
            url=_article_url(slugify(demo.story_title)),
            guid=slugify(demo.story_title),
            title=demo.story_title,
            body=demo.story,
            published_at=at,
            fetched_at=at,
            content_hash=_hash(demo.story),
            state=Article.State.DONE,
        )
        first_stage = Stage.RUMOURED if demo.stage != Stage.RUMOURED else demo.stage
        value = Decimal(demo.value_musd * 1_000_000) if demo.value_musd else None
        deal = Deal.objects.create(
            title=demo.title,
            kind=demo.kind,
            stage=demo.stage,
            value=value,
            currency="USD" if value else "",
            value_usd=value,
            stake_pct=demo.stake,
            confirmed=True,
            owner=editor,
            created_at=at - timedelta(days=20),
            last_activity_at=at,
            region=REGIONS.get(companies[demo.parties[0][0]].country, "") if demo.parties else "",
            announced_on=at.date() if demo.stage in (Stage.AGREED, Stage.COMPLETED) else None,
            completed_on=at.date() if demo.stage == Stage.COMPLETED else None,
            summary=demo.story,
        )
        for company_name, role in demo.parties:
            DealParty.objects.create(deal=deal, company=companies[company_name], role=role)
            Mention.objects.get_or_create(
                article=article,
                company=companies[company_name],
                defaults={"matched_alias": company_name, "count": 1},
            )
        DealArticle.objects.create(deal=deal, article=article, evidence=demo.story.split(". ")[0])
        DealEvent.objects.create(
            deal=deal,
            type=DealEvent.Type.CREATED,
            to_stage=first_stage,
            actor=editor,
            at=at - timedelta(days=20),
            reason="Logged from the desk's notes",
        )
        if demo.stage != first_stage:
            DealEvent.objects.create(
                deal=deal,
                type=DealEvent.Type.STAGE,
                from_stage=first_stage,
                to_stage=demo.stage,
                actor=editor,
                at=at,
                article=article,
                evidence=demo.story.split(". ")[0],
            )
    # A pending flag for the review queue: Kroger talks reported as advancing.
    talks = Deal.objects.filter(title="Alibaba–Kroger cooperation").first()
    if talks and talks.stage == Stage.IN_TALKS:
        story = (
            "Alibaba and Kroger have agreed to work together on selling US groceries in "
            "China, the companies said on Tuesday."
        )
        article, _ = Article.objects.get_or_create(
            url=_article_url("alibaba-kroger-agree-to-cooperate"),
            defaults={
                "source": sources["Demo Business Daily"],
                "title": "Alibaba and Kroger agree to cooperate",
                "body": story,
                "published_at": now - timedelta(hours=5),
                "content_hash": _hash(story),
                "state": Article.State.DONE,
            },
        )
        DealUpdate.objects.get_or_create(
            deal=talks,
            article=article,
            proposed_stage=Stage.AGREED,
            defaults={
                "type": DealUpdate.Type.STAGE,
                "current_stage": Stage.IN_TALKS,
                "evidence": story,
                "confidence": 0.8,
                "attribution": "company_statement",
            },
        )
    seed_tips(companies)
    return {"companies": len(companies), "sources": len(sources), "deals": made}


DEMO_TIPS = [
    # author, company, what was heard, confidential source, grade, shared with the desk
    (
        "reporter",
        "Ninja Van",
        "Temasek's term sheet is close; signing could come before the quarter ends.",
        "Banker on the deal team, met in person",
        "B",
        False,
    ),
    (
        "reporter2",
        "Kredivo",
        "The new round may be led by a Japanese bank rather than the existing investors.",
        "Former finance staffer, by phone",
        "C",
        True,
    ),
]


def seed_tips(companies: dict[str, Company]) -> None:
    """A private and a desk-shared tip, logged through the same service as the form."""
    from deals.services.tips import tip_create

    for username, company_name, body, source, grade, shared in DEMO_TIPS:
        author = User.objects.filter(username=username).first()
        if author is None or Tip.objects.filter(author=author, body=body).exists():
            continue
        tip_create(
            actor=author,
            company=companies[company_name],
            body=body,
            source=source,
            grade=grade,
            follow_up_on=(timezone.now() + timedelta(days=3)).date(),
            shared_with_desk=shared,
        )


SYNTH_PREFIX = "synthetic-co-"
SECTORS = [
    "Fintech",
    "E-commerce",
    "Logistics",
    "Healthtech",
    "Edtech",
    "SaaS",
    "Proptech",
    "Mobility",
    "Agritech",
    "Gaming",
]
COUNTRIES = list(REGIONS)
WORDS = [
    "Apex",
    "Nova",
    "Lumen",
    "Orbit",
    "Kite",
    "Harbor",
    "Jade",
    "Lotus",
    "Monsoon",
    "Banyan",
    "Coral",
    "Tiger",
    "Summit",
    "Vista",
    "Pulse",
]


def seed_bulk(*, companies: int, deals: int, articles: int, batch: int = 5000) -> dict[str, int]:
    """Synthetic filler for benchmarks: bulk inserts, keyed so a rerun tops up rather than doubles."""
    rng = random.Random(20261125)
    now = timezone.now()
    added = {"companies": 0, "deals": 0, "articles": 0}

    have = Company.objects.filter(slug__startswith=SYNTH_PREFIX).count()
    new_companies = []
    for i in range(have, companies):
        country = COUNTRIES[i % len(COUNTRIES)]
        valuation = Decimal(rng.randint(20, 5000) * 1_000_000)
        new_companies.append(
            Company(
                name=f"{WORDS[i % len(WORDS)]} {SECTORS[i % len(SECTORS)]} {i}",
                slug=f"{SYNTH_PREFIX}{i}",
                country=country,
                region=REGIONS[country],
                sector=SECTORS[i % len(SECTORS)],
                valuation=valuation,
                valuation_usd=valuation,
                watchlist=100_000_000 <= valuation <= 1_000_000_000,
            )
        )
    Company.objects.bulk_create(new_companies, batch_size=batch)
    added["companies"] = len(new_companies)
    company_ids = list(Company.objects.values_list("id", flat=True))
    if not company_ids:
        return added

    have = Deal.objects.filter(title__startswith="Synthetic deal ").count()
    kinds, stages = Kind.values, Stage.values
    roles = {
        Kind.ACQUISITION: (Role.ACQUIRER, Role.TARGET),
        Kind.MERGER: (Role.PARTNER, Role.PARTNER),
        Kind.INVESTMENT: (Role.INVESTOR, Role.INVESTEE),
        Kind.PARTNERSHIP: (Role.PARTNER, Role.PARTNER),
        Kind.IPO: (Role.ISSUER, Role.ADVISER),
        Kind.DEBT: (Role.LENDER, Role.BORROWER),
    }
    for start in range(have, deals, batch):
        chunk = []
        for i in range(start, min(start + batch, deals)):
            kind = kinds[i % len(kinds)]
            value = Decimal(rng.randint(1, 3000) * 1_000_000) if i % 3 else None
            at = now - timedelta(days=rng.randint(0, 730), minutes=i % 1440)
            chunk.append(
                Deal(
                    title=f"Synthetic deal {i}",
                    kind=kind,
                    stage=stages[i % len(stages)],
                    value=value,
                    currency="USD" if value else "",
                    value_usd=value,
                    confirmed=bool(i % 4),
                    created_at=at,
                    last_activity_at=at,
                    region=REGIONS[COUNTRIES[i % len(COUNTRIES)]],
                )
            )
        created = Deal.objects.bulk_create(chunk, batch_size=batch)
        if created and created[0].pk is None:
            created = list(
                Deal.objects.filter(title__startswith="Synthetic deal ").order_by("-id")[
                    : len(chunk)
                ]
            )
        parties = []
        for deal in created:
            first, second = (
                rng.sample(company_ids, 2)
                if len(company_ids) > 1
                else (company_ids[0], company_ids[0])
            )
            role_a, role_b = roles[deal.kind]
            parties.append(DealParty(deal=deal, company_id=first, role=role_a))
            if second != first:
                parties.append(DealParty(deal=deal, company_id=second, role=role_b))
        DealParty.objects.bulk_create(parties, batch_size=batch, ignore_conflicts=True)
        added["deals"] += len(chunk)

    source_ids = list(Source.objects.exclude(kind=Source.Kind.MANUAL).values_list("id", flat=True))
    deal_ids = list(
        Deal.objects.filter(title__startswith="Synthetic deal ").values_list("id", flat=True)[
            :50_000
        ]
    )
    have = Article.objects.filter(
        url__startswith="https://demo.dealdesk.invalid/synthetic/"
    ).count()
    verbs = [
        "in talks to buy",
        "agrees to acquire",
        "completes purchase of",
        "invests in",
        "weighs stake in",
        "calls off deal for",
    ]
    for start in range(have, articles, batch):
        chunk = []
        for i in range(start, min(start + batch, articles)):
            a, b = WORDS[i % len(WORDS)], WORDS[(i * 7 + 3) % len(WORDS)]
            title = f"{a} {SECTORS[i % len(SECTORS)]} {verbs[i % len(verbs)]} {b} {i}"
            body = (
                f"{title}. The companies did not disclose terms. People familiar with the "
                f"matter said the deal could be worth {rng.randint(10, 900)} million dollars."
            )
            at = now - timedelta(minutes=i * 3 % (730 * 1440))
            chunk.append(
                Article(
                    source_id=source_ids[i % len(source_ids)],
                    url=f"https://demo.dealdesk.invalid/synthetic/{i}",
                    guid=f"synthetic-{i}",
                    title=title,
                    body=body,
                    published_at=at,
                    fetched_at=at,
                    content_hash=_hash(body),
                    state=Article.State.DONE,
                )
            )
        created = Article.objects.bulk_create(chunk, batch_size=batch, ignore_conflicts=False)
        mentions = [
            Mention(
                article=article, company_id=company_ids[(start + n) % len(company_ids)], count=1
            )
            for n, article in enumerate(created)
            if article.pk
        ]
        Mention.objects.bulk_create(mentions, batch_size=batch, ignore_conflicts=True)
        if deal_ids:
            links = [
                DealArticle(deal_id=deal_ids[(start + n) % len(deal_ids)], article=article)
                for n, article in enumerate(created)
                if article.pk and n % 4 == 0
            ]
            DealArticle.objects.bulk_create(links, batch_size=batch, ignore_conflicts=True)
        added["articles"] += len(chunk)
    return added
