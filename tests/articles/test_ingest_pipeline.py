"""The whole pipeline in-process against a real local HTTP server: `poll --once` end to end."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Mention, Source
from deals.models import Deal, DealUpdate
from deals.services.stages import deal_update_accept
from tests.feedsamples import (
    BILLION_LAUGHS,
    MALFORMED,
    Story,
    atom,
    json_feed,
    rss,
    seed_page,
    seed_text,
)

pytestmark = pytest.mark.django_db

ROUNDS = [
    Story(
        "https://wire.example.com/fabrikam-mulls-contoso",
        "Fabrikam Holdings mulls bid for Contoso Robotics",
        "Fabrikam Holdings is considering an acquisition of Contoso Robotics Inc, "
        "people familiar with the matter said.",
    ),
    Story(
        "https://wire.example.com/fabrikam-talks-contoso",
        "Fabrikam in talks to buy Contoso Robotics",
        "Fabrikam Holdings is in advanced talks to acquire Contoso Robotics Inc for "
        "$450 million, people familiar with the matter said.",
    ),
    Story(
        "https://wire.example.com/fabrikam-agrees-contoso",
        "Fabrikam agrees to buy Contoso Robotics for $450m",
        "Fabrikam Holdings said on Monday it had signed a definitive agreement to acquire "
        "Contoso Robotics Inc for $450 million.",
    ),
    Story(
        "https://wire.example.com/fabrikam-completes-contoso",
        "Fabrikam completes Contoso Robotics acquisition",
        "Fabrikam Holdings said it has completed its acquisition of Contoso Robotics Inc.",
    ),
]


def poll() -> str:
    Source.objects.update(next_poll_at=timezone.now() - timedelta(seconds=1))
    out = io.StringIO()
    call_command("poll", "--once", stdout=out)
    return out.getvalue().strip()


def source(server, path: str, body: bytes, *, kind: str = "rss", **fields) -> Source:
    url = server.route(path, body, content_type=fields.pop("content_type", "application/xml"))
    return Source.objects.create(name=path, url=url, kind=kind, **fields)


def test_a_growing_feed_walks_one_deal_through_every_stage(feed_server, editor):
    wire = source(feed_server, "/wire.xml", rss([]))
    summaries = []
    for n in range(1, 5):
        feed_server.route("/wire.xml", rss(ROUNDS[:n][::-1]), content_type="application/rss+xml")
        summaries.append(poll())
        for flag in DealUpdate.objects.filter(status="pending").order_by("pk"):
            assert deal_update_accept(update=flag, actor=editor)
    deal = Deal.objects.get()
    assert deal.stage == "completed" and deal.confirmed
    stage_flags = DealUpdate.objects.filter(type="stage").order_by("pk")
    assert [f.proposed_stage for f in stage_flags] == ["in_talks", "agreed", "completed"]
    assert all(f.status == "accepted" for f in DealUpdate.objects.all())
    assert Article.objects.filter(source=wire).count() == 4
    assert summaries[0].startswith("polled 1 source (0 failed): 1 new stories")
    assert "0 new stories" not in summaries[3]


def test_the_seed_page_gives_one_clean_article_with_its_four_signals(feed_server):
    text = seed_text()
    if text is None:
        pytest.skip("../shared/samples/seed-article.txt is not here")
    source(
        feed_server, "/alibaba-kroger.html", seed_page(text), kind="page", content_type="text/html"
    )
    poll()
    article = Article.objects.get()
    assert article.state == "done"
    assert "Singapore Reporter" not in article.body and "vacancies" not in article.body
    assert len(article.analysis["deals"]) == 4
    assert {"Kroger Co", "Bigbasket"} <= set(article.analysis["companies"])
    assert Deal.objects.count() == 4
    assert DealUpdate.objects.filter(article=article, type="new_deal").count() == 4
    assert Mention.objects.filter(article=article).count() >= 6
    poll()  # a re-poll stores and flags nothing new
    assert Article.objects.count() == 1 and DealUpdate.objects.count() == 4


def test_an_unchanged_feed_gets_304_and_parses_nothing(feed_server):
    feed = source(feed_server, "/etag.xml", rss(ROUNDS[:1]))
    feed_server.routes["/etag.xml"].etag = '"v1"'
    poll()
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and Article.objects.count() == 1
    Article.objects.all().delete()  # were the feed re-parsed, the story would come back
    poll()
    feed.refresh_from_db()
    assert feed_server.hits("/etag.xml")[-1].headers["if-none-match"] == '"v1"'
    assert feed.last_status == 304 and feed.consecutive_failures == 0
    assert Article.objects.count() == 0


def test_a_6mb_response_is_refused_recorded_and_nothing_stored(feed_server):
    big = source(
        feed_server, "/big.xml", rss(ROUNDS[:1]) + b"<!--" + b"x" * (6 * 1024 * 1024) + b"-->"
    )
    summary = poll()
    big.refresh_from_db()
    assert "limit" in big.last_error and big.consecutive_failures == 1
    assert Article.objects.count() == 0
    assert "(1 failed)" in summary


def test_a_billion_laughs_feed_is_refused_and_recorded(feed_server):
    bomb = source(feed_server, "/lol.xml", BILLION_LAUGHS)
    poll()
    bomb.refresh_from_db()
    assert "entit" in bomb.last_error and bomb.consecutive_failures == 1
    assert Article.objects.count() == 0


def test_a_malformed_feed_is_recorded_and_the_other_sources_carry_on(feed_server):
    broken = source(feed_server, "/broken.xml", MALFORMED)
    good = source(feed_server, "/good.xml", rss(ROUNDS[:1]))
    fine = source(feed_server, "/atom.xml", atom(ROUNDS[1:2]), kind="atom")
    poll()
    broken.refresh_from_db()
    good.refresh_from_db()
    fine.refresh_from_db()
    assert "malformed" in broken.last_error and broken.consecutive_failures == 1
    assert good.last_error == "" and good.last_status == 200
    assert Article.objects.filter(source__in=[good, fine]).count() == 2
    assert not Article.objects.filter(source=broken).exists()


def test_a_timeout_is_retried_then_recorded_with_back_off(feed_server, settings, monkeypatch):
    from articles import tasks

    settings.INGEST_READ_TIMEOUT = 1
    settings.INGEST_FETCH_RETRIES = 2
    countdowns = []
    real_backoff = tasks._backoff
    monkeypatch.setattr(
        tasks, "_backoff", lambda retries, **kw: countdowns.append(real_backoff(retries, **kw)) or 0
    )
    slow = source(feed_server, "/slow.xml", rss(ROUNDS[:1]), poll_interval_minutes=10)
    feed_server.routes["/slow.xml"].delay = 1.6
    before = timezone.now()
    poll()
    slow.refresh_from_db()
    assert len(feed_server.hits("/slow.xml")) == 3  # the first try and two retries
    assert len(countdowns) == 2
    assert "timed out" in slow.last_error and slow.consecutive_failures == 1
    # The source itself backs off: twice its interval after one failure.
    assert slow.next_poll_at >= before + timedelta(minutes=20)


def test_back_off_grows_and_a_source_is_failing_after_n_failures(feed_server, settings):
    settings.INGEST_FAILING_AFTER = 3
    gone = source(feed_server, "/gone.xml", b"", poll_interval_minutes=5)
    feed_server.routes["/gone.xml"].status = 404
    gaps = []
    for _ in range(3):
        before = timezone.now()
        poll()
        gone.refresh_from_db()
        gaps.append(round((gone.next_poll_at - before).total_seconds() / 60))
    assert gaps == [10, 20, 40]
    assert gone.is_failing and gone.health == "failing" and gone.last_status == 404
    feed_server.route("/gone.xml", rss(ROUNDS[:1]), content_type="application/rss+xml")
    poll()
    gone.refresh_from_db()
    assert gone.consecutive_failures == 0 and gone.health == "ok" and gone.last_error == ""


def test_the_same_story_in_two_feeds_with_tracking_parameters_is_one_article(feed_server):
    story = ROUNDS[1]
    tracked = Story(story.url + "?utm_source=rss&utm_medium=feed", story.title, story.body)
    other = Story(story.url.replace("wire.", "WIRE.") + "?fbclid=xyz#top", story.title, story.body)
    source(feed_server, "/one.xml", rss([tracked]))
    source(feed_server, "/two.json", json_feed([other]), kind="json")
    poll()
    assert Article.objects.count() == 1
    assert Article.objects.get().url == story.url


def test_the_same_story_from_another_outlet_is_linked_not_analysed_again(feed_server):
    story = ROUNDS[2]
    source(feed_server, "/a.xml", rss([story]))
    poll()
    copy = Story("https://other.example.org/news/123", story.title.upper(), story.body)
    source(feed_server, "/b.xml", rss([copy]))
    poll()
    original, linked = Article.objects.order_by("pk")
    assert linked.duplicate_of == original and linked.state == "done"
    assert DealUpdate.objects.count() == 1


def test_a_redirect_to_loopback_with_the_guard_on_is_refused_and_recorded(feed_server, settings):
    feed_server.route("/internal.xml", rss(ROUNDS[:1]))
    start = feed_server.redirect("/public.xml", feed_server.url("/internal.xml"))
    feed = Source.objects.create(name="redirecting", url=start)
    settings.INGEST_ALLOW_PRIVATE_NETWORKS = False
    poll()
    feed.refresh_from_db()
    assert "refused" in feed.last_error and "127.0.0.1" in feed.last_error
    assert feed_server.hits("/internal.xml") == []
    assert Article.objects.count() == 0


def test_a_poison_story_is_recorded_and_the_others_are_analysed(feed_server, monkeypatch):
    from articles import services

    real = services.analyse

    def analyse(title, body, *args, **kwargs):
        if "agrees" in title:
            raise RecursionError("pathological input")
        return real(title, body, *args, **kwargs)

    monkeypatch.setattr(services, "analyse", analyse)
    source(feed_server, "/mixed.xml", rss(ROUNDS[1:3]))
    summary = poll()
    states = dict(Article.objects.values_list("title", "state"))
    assert states[ROUNDS[2].title] == "failed" and states[ROUNDS[1].title] == "done"
    assert "RecursionError" in Article.objects.get(title=ROUNDS[2].title).error
    assert "1 failed analysis" in summary


def test_full_text_sources_store_the_page_not_the_summary(feed_server):
    page = (
        "<html><body><article><h1>T</h1>"
        + "".join(
            f"<p>Paragraph {i} of the full story about Fabrikam Holdings and its plans.</p>"
            for i in range(8)
        )
        + "</article></body></html>"
    )
    url = feed_server.route("/story.html", page)
    short = Story(url, "Fabrikam in talks to buy Contoso Robotics", "Just a teaser.")
    source(feed_server, "/teaser.xml", rss([short]), full_text=True)
    poll()
    article = Article.objects.get()
    assert "Paragraph 7 of the full story" in article.body


def test_ingest_text_and_ingest_url_go_through_the_same_pipeline(feed_server, tmp_path):
    story = ROUNDS[2]
    path = tmp_path / "story.txt"
    path.write_text(story.body)
    out = io.StringIO()
    call_command("ingest_text", str(path), "--title", story.title, stdout=out)
    text = out.getvalue()
    assert "acquisition agreed" in text and "Fabrikam" in text and "flag" in text
    call_command("ingest_text", str(path), "--title", story.title, stdout=io.StringIO())
    assert Article.objects.count() == 1 and Deal.objects.count() == 1

    url = feed_server.route(
        "/page.html",
        f"<html><head><title>{ROUNDS[1].title}</title></head><body><article>"
        f"<h1>{ROUNDS[1].title}</h1><p>{ROUNDS[1].body}</p></article></body></html>",
    )
    out = io.StringIO()
    call_command("ingest_url", url, stdout=out)
    assert "acquisition in_talks" in out.getvalue()
    assert Article.objects.count() == 2
