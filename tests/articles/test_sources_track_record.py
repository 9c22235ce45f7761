"""Source health figures, track records and reliability, from a fixture history of deals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article, Source
from articles.selectors import (
    TIER_PRIOR,
    TrackRecord,
    reliability_from,
    source_reliability,
    source_track_record,
    source_track_records,
    sources_with_health,
)
from deals.models import Deal, DealArticle, DealEvent, DealUpdate, Stage

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
ACCEPTED, REJECTED = DealUpdate.Status.ACCEPTED, DealUpdate.Status.REJECTED


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def day(n: float) -> datetime:
    return T0 + timedelta(days=n)


class History:
    """Builds deals and the stories that reported them, as ingestion and editors would."""

    def __init__(self, *, sources: bool = True):
        if sources:
            self.wire = Source.objects.create(name="Wire", credibility_tier=Source.Tier.WIRE)
            self.paper = Source.objects.create(
                name="Paper", credibility_tier=Source.Tier.ESTABLISHED
            )
            self.blog = Source.objects.create(name="Blog", credibility_tier=Source.Tier.UNVERIFIED)
        self._n = 0

    def deal(self, title: str, stage: str, **extra) -> Deal:
        return Deal.objects.create(title=title, stage=stage, **extra)

    def report(self, deal, source, n, *, flag="", status=ACCEPTED, covered=True) -> Article:
        """A story published on day n; `flag` is the stage its DealUpdate proposed, if any."""
        self._n += 1
        article = Article.objects.create(
            source=source,
            url=f"https://{source.name.lower()}.test/{self._n}",
            title=f"{deal.title} story {self._n}",
            published_at=day(n),
            fetched_at=day(n) + timedelta(hours=1),
        )
        if covered:
            DealArticle.objects.create(
                deal=deal, article=article, created_at=day(n) + timedelta(hours=1)
            )
        if flag:
            DealUpdate.objects.create(
                deal=deal,
                article=article,
                proposed_stage=flag,
                status=status,
                type=DealUpdate.Type.STAGE,
            )
        return article

    def move(self, deal, from_stage, to_stage, n, article=None):
        DealEvent.objects.create(
            deal=deal,
            type=DealEvent.Type.STAGE,
            from_stage=from_stage,
            to_stage=to_stage,
            at=day(n),
            article=article,
        )


@pytest.fixture
def history() -> History:
    h = History()
    # A: the blog had the rumour on day 0, the paper the talks on day 5, the wire the deal on day 20.
    a = h.deal("A", Stage.AGREED)
    h.report(a, h.blog, 0, flag=Stage.RUMOURED)
    talks = h.report(a, h.paper, 5, flag=Stage.IN_TALKS)
    h.move(a, Stage.RUMOURED, Stage.IN_TALKS, 6, talks)
    agreed = h.report(a, h.wire, 20, flag=Stage.AGREED)
    h.move(a, Stage.IN_TALKS, Stage.AGREED, 21, agreed)
    # B: the blog's rumour, repeated as plain coverage, then the wire says it was called off.
    b = h.deal("B", Stage.CALLED_OFF)
    h.report(b, h.blog, 0, flag=Stage.RUMOURED)
    h.report(b, h.blog, 3)
    off = h.report(b, h.wire, 30, flag=Stage.CALLED_OFF)
    h.move(b, Stage.RUMOURED, Stage.CALLED_OFF, 31, off)
    # C: the paper broke talks on day -2; the blog's later story is coverage only. Still open.
    c = h.deal("C", Stage.IN_TALKS)
    h.report(c, h.paper, -2, flag=Stage.IN_TALKS)
    h.report(c, h.blog, 0)
    # D: the paper's rumour completed on day 40; the blog only wrote it up afterwards.
    d = h.deal("D", Stage.COMPLETED)
    h.report(d, h.paper, 0, flag=Stage.RUMOURED)
    done = h.report(d, h.paper, 40, flag=Stage.COMPLETED)
    h.move(d, Stage.RUMOURED, Stage.COMPLETED, 41, done)
    h.report(d, h.blog, 50)
    # E: a rumour an editor dismissed as not a deal at all: left out.
    e = h.deal("E", Stage.RUMOURED, dismissed=True)
    h.report(e, h.blog, 0, flag=Stage.RUMOURED, status=REJECTED)
    # F: agreed on day 10 (the blog was right), then blocked on day 50.
    f = h.deal("F", Stage.CALLED_OFF)
    h.report(f, h.blog, 0, flag=Stage.RUMOURED)
    signed = h.report(f, h.wire, 10, flag=Stage.AGREED)
    h.move(f, Stage.RUMOURED, Stage.AGREED, 11, signed)
    blocked = h.report(f, h.wire, 50, flag=Stage.CALLED_OFF)
    h.move(f, Stage.AGREED, Stage.CALLED_OFF, 51, blocked)
    # G: the wire's talks; the blog claimed a signing an editor rejected. Still in talks.
    g = h.deal("G", Stage.IN_TALKS)
    h.report(g, h.wire, 0, flag=Stage.IN_TALKS)
    h.report(g, h.blog, 2, flag=Stage.AGREED, status=REJECTED, covered=False)
    return h


def test_the_blogs_record_counts_its_early_reports_and_how_they_ended(history):
    record = source_track_record(history.blog)
    # A, B, C, F, G reported early; D it only covered after completion; E was dismissed.
    assert record == TrackRecord(reported=5, confirmed=2, called_off=1, median_days_ahead=15.0)
    assert record.open == 2
    assert record.hit_rate == pytest.approx(2 / 3)


def test_the_papers_record_measures_days_ahead_of_the_first_confirming_report(history):
    record = source_track_record(history.paper)
    # A: talks on day 5, agreed on day 20 -> 15; D: rumour day 0, completed day 40 -> 40.
    assert record == TrackRecord(reported=3, confirmed=2, called_off=0, median_days_ahead=27.5)


def test_confirming_and_calling_off_first_is_no_early_report(history):
    # The wire's first story was the confirmation (A, F) or the end (B); only G was early.
    assert source_track_record(history.wire) == TrackRecord(reported=1)


def test_all_records_at_once_agree_with_one_at_a_time(history, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        records = source_track_records()
    for source in (history.wire, history.paper, history.blog):
        assert records.get(source.pk, TrackRecord()) == source_track_record(source)


def test_a_new_source_has_an_empty_record_and_its_tiers_reliability():
    source = Source.objects.create(name="Newcomer", credibility_tier=Source.Tier.WIRE)
    assert source_track_record(source) == TrackRecord()
    assert source_reliability(source) == pytest.approx(TIER_PRIOR[Source.Tier.WIRE])


def test_reliability_moves_from_the_tier_towards_the_record(history):
    blog = source_reliability(history.blog)
    prior = TIER_PRIOR[Source.Tier.UNVERIFIED]
    # Two of three resolved early reports came true: above a tier-3 prior, below 2/3.
    assert prior < blog < 2 / 3
    assert 0.0 <= blog <= 1.0


def test_two_deals_do_not_outweigh_the_tier():
    lucky = reliability_from(Source.Tier.UNVERIFIED, TrackRecord(reported=2, confirmed=2))
    unlucky = reliability_from(Source.Tier.WIRE, TrackRecord(reported=2, called_off=2))
    assert lucky < 0.7
    assert unlucky > 0.5
    seasoned = reliability_from(
        Source.Tier.UNVERIFIED, TrackRecord(reported=200, confirmed=190, called_off=10)
    )
    assert seasoned > 0.9


def test_sources_with_health_counts_recent_articles_and_flags_in_one_query(
    history, django_assert_num_queries
):
    now = timezone.now()
    for hours, slug in ((2, "fresh"), (30, "yesterday"), (24 * 10, "old")):
        Article.objects.create(
            source=history.wire,
            url=f"https://wire.test/{slug}",
            title=slug,
            fetched_at=now - timedelta(hours=hours),
        )
    with django_assert_num_queries(1):
        rows = {source.name: source for source in sources_with_health(now=now)}
    wire = rows["Wire"]
    assert (wire.articles_24h, wire.articles_7d) == (1, 2)
    # The wire's flags in the history: A agreed, B called off, F agreed and called off, G talks.
    assert wire.flags_raised == 5
    assert wire.has_articles is True
    # The blog's: rumours on A, B, E, F and the rejected signing on G.
    assert rows["Blog"].flags_raised == 5


def test_a_source_without_articles_reports_zeros():
    Source.objects.create(name="Silent")
    silent = sources_with_health().get(name="Silent")
    assert (silent.articles_24h, silent.articles_7d, silent.flags_raised) == (0, 0, 0)
    assert silent.has_articles is False
    assert silent.health == "ok"


def test_the_sources_page_shows_each_record(client_for, desk_admin, history):
    html = client_for(desk_admin).get("/sources/").content.decode()
    blog_row = html[html.index(f'id="source-{history.blog.pk}"') :]
    blog_row = blog_row[: blog_row.index("</tr>")]
    assert "5 early reports" in blog_row
    assert "<strong>2</strong> confirmed, 1 called off, 2 open" in blog_row
    assert "median 15 days ahead" in blog_row
    assert f"reliability {reliability_from(3, source_track_record(history.blog)):.2f}" in blog_row


def test_reliability_costs_one_small_query_once_the_records_are_cached(
    history, django_assert_num_queries
):
    expected = reliability_from(Source.Tier.ESTABLISHED, source_track_record(history.paper))
    source_reliability(history.blog)  # fills the cache for every source
    with django_assert_num_queries(1):
        assert source_reliability(history.paper) == pytest.approx(expected)


def test_a_new_source_is_never_served_a_cached_record_of_another(history):
    source_reliability(history.blog)
    history.blog.articles.all().delete()
    history.blog.delete()
    newcomer = Source.objects.create(name="Newcomer", credibility_tier=Source.Tier.UNVERIFIED)
    assert source_reliability(newcomer) == pytest.approx(TIER_PRIOR[Source.Tier.UNVERIFIED])


def test_a_good_record_raises_flag_confidence_over_a_bad_one_of_the_same_tier():
    """Ingestion discounts each flag by the source's reliability (deals.services.signals)."""
    from deals.services.signals import flag_confidence

    good = Source.objects.create(name="Good", credibility_tier=Source.Tier.ESTABLISHED)
    bad = Source.objects.create(name="Bad", credibility_tier=Source.Tier.ESTABLISHED)
    h = History(sources=False)
    for n in range(8):
        right = h.deal(f"Right {n}", Stage.AGREED)
        h.report(right, good, 0, flag=Stage.RUMOURED)
        h.move(right, Stage.RUMOURED, Stage.AGREED, 10)
        wrong = h.deal(f"Wrong {n}", Stage.CALLED_OFF)
        h.report(wrong, bad, 0, flag=Stage.RUMOURED)
        h.move(wrong, Stage.RUMOURED, Stage.CALLED_OFF, 10)

    assert flag_confidence(0.8, good) > flag_confidence(0.8, bad)
    assert source_reliability(good) > TIER_PRIOR[Source.Tier.ESTABLISHED] > source_reliability(bad)
