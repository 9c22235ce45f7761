"""Tips: logging, following, sharing, reading a source (logged), storage at rest, key rotation,
and the tip-meets-story notice. The who-sees-what matrix is in test_tips_access.py."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from articles.models import Article, Source
from deals.models import (
    Company,
    CompanyAlias,
    Deal,
    DealParty,
    Role,
    Stage,
    Tip,
    TipMatch,
    TipSourceView,
)
from deals.roles import EDITOR, REPORTER
from deals.selectors.tips import tip_notices_for
from deals.services.tips import (
    tip_create,
    tip_share,
    tip_source_reveal,
    tip_update_status,
    tips_note_article,
)

SOURCE = "Deep Throat in the parking garage, reached via Signal"
BODY = "Alibaba is weighing a bid for Kroger's online grocery unit"
HX = {"HTTP_HX_REQUEST": "true"}


def make_company() -> Company:
    company = Company.objects.create(name="Kroger", slug="kroger", verified=True)
    CompanyAlias.objects.create(company=company, alias="Kroger Co")
    return company


def make_deal(company: Company) -> Deal:
    deal = Deal.objects.create(title="Alibaba / Kroger", stage=Stage.IN_TALKS)
    DealParty.objects.create(deal=deal, company=company, role=Role.TARGET)
    return deal


def make_tip(author, company: Company, deal: Deal) -> Tip:
    return tip_create(actor=author, company=company, deal=deal, body=BODY, source=SOURCE, grade="B")


@pytest.fixture
def company(db) -> Company:
    return make_company()


@pytest.fixture
def deal(company) -> Deal:
    return make_deal(company)


@pytest.fixture
def tip(reporter, company, deal) -> Tip:
    return make_tip(reporter, company, deal)


@pytest.fixture
def outlet(db) -> Source:
    return Source.objects.create(name="Deal Street Asia", url="https://example.com/feed")


def raw_source(tip: Tip) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT source FROM deals_tip WHERE id = %s", [tip.pk])
        return cursor.fetchone()[0]


def _story(outlet: Source, *, days_after: int = 3, n: int = 1) -> Article:
    return Article.objects.create(
        source=outlet,
        url=f"https://example.com/story-{n}",
        title="Alibaba and Kroger in early talks",
        body="Alibaba is in early talks with Kroger.",
        published_at=timezone.now() + timedelta(days=days_after),
    )


# --- at rest ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_source_column_holds_ciphertext_whatever_path_writes_it(tip, reporter, company):
    assert raw_source(tip).startswith("fernet:")
    assert SOURCE not in raw_source(tip) and "Deep Throat" not in raw_source(tip)
    Tip.objects.filter(pk=tip.pk).update(source="Garage man")
    bulk = Tip.objects.bulk_create(
        [Tip(company=company, author=reporter, body="x", source="Bulk source")]
    )[0]
    for row in (tip, bulk):
        stored = raw_source(row)
        assert stored.startswith("fernet:") and "Garage" not in stored and "Bulk" not in stored
    assert Tip.objects.get(pk=tip.pk).source == "Garage man"


@pytest.mark.django_db
def test_the_source_is_never_in_str_repr_or_the_listing_queryset(tip):
    assert SOURCE not in str(tip) and SOURCE not in repr(tip)
    from deals.selectors.tips import tips_visible_to

    listed = tips_visible_to(tip.author).get(pk=tip.pk)
    assert "source" in listed.get_deferred_fields()


# --- key rotation ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_rotation_re_encrypts_every_source_under_the_newest_key(reporter, company):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(TIP_SOURCE_KEYS=[old]):
        tips = [
            tip_create(actor=reporter, company=company, body=f"b{i}", source=f"s{i}")
            for i in range(3)
        ]
        empty = tip_create(actor=reporter, company=company, body="no source")
    before = [raw_source(t) for t in tips]
    with override_settings(TIP_SOURCE_KEYS=[new, old]):
        with pytest.raises(SystemExit) as stale:
            call_command("rotate_tip_keys", "--check", stdout=io.StringIO())
        assert stale.value.code == 1
        out = io.StringIO()
        call_command("rotate_tip_keys", stdout=out)
        assert "Re-encrypted 3 sources" in out.getvalue()
        call_command("rotate_tip_keys", "--check", stdout=io.StringIO())  # no exit: all current
        again = io.StringIO()
        call_command("rotate_tip_keys", stdout=again)
        assert "Re-encrypted 0 sources; 3 were already current" in again.getvalue()
    after = [raw_source(t) for t in tips]
    assert all(a != b for a, b in zip(after, before, strict=True))
    assert raw_source(empty) == ""
    with override_settings(TIP_SOURCE_KEYS=[new]):  # the old key can now go
        assert [Tip.objects.get(pk=t.pk).source for t in tips] == ["s0", "s1", "s2"]
        assert all(
            Fernet(new.encode()).decrypt(raw.removeprefix("fernet:").encode()) for raw in after
        )


@pytest.mark.django_db
def test_rotation_reports_a_source_no_key_reads_and_does_not_print_sources(reporter, company):
    lost = Fernet.generate_key().decode()
    with override_settings(TIP_SOURCE_KEYS=[lost]):
        tip = tip_create(actor=reporter, company=company, body="b", source="Lost key source")
    from django.core.management.base import CommandError

    out = io.StringIO()
    with pytest.raises(CommandError, match=str(tip.pk)) as failed:
        call_command("rotate_tip_keys", stdout=out)
    assert "Lost key source" not in out.getvalue() + str(failed.value)


# --- services --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_company_name_creates_an_unverified_company_with_its_alias(reporter):
    tip = tip_create(actor=reporter, company_name="  Bigbasket  ", body="b", source="s")
    assert tip.company.name == "Bigbasket" and not tip.company.verified
    assert tip.company.slug == "bigbasket"
    assert CompanyAlias.objects.filter(company=tip.company, alias="Bigbasket").exists()
    again = tip_create(actor=reporter, company_name="bigbasket", body="b2")
    assert again.company == tip.company and Company.objects.count() == 1


@pytest.mark.django_db
def test_a_known_name_or_alias_finds_the_company_and_follows_merges(reporter, company):
    assert tip_create(actor=reporter, company_name="kroger co", body="b").company == company
    old = Company.objects.create(name="Kroger Old", slug="kroger-old", merged_into=company)
    assert tip_create(actor=reporter, company_name="Kroger Old", body="b").company == company
    assert old.tips.count() == 0


@pytest.mark.django_db
def test_only_reporters_and_editors_log_tips(desk_admin, outsider, company):
    for user in (desk_admin, outsider):
        with pytest.raises(PermissionDenied):
            tip_create(actor=user, company=company, body="b")


@pytest.mark.django_db
def test_status_and_sharing_are_for_the_author_and_editors(tip, reporter2, editor):
    with pytest.raises(PermissionDenied):
        tip_update_status(tip=tip, actor=reporter2, status="dead")
    tip_update_status(tip=tip, actor=editor, status="following")
    assert Tip.objects.get(pk=tip.pk).status == "following"
    with pytest.raises(PermissionDenied):
        tip_share(tip=tip, actor=editor)  # sharing is the author's call
    tip_share(tip=tip, actor=tip.author)
    assert Tip.objects.get(pk=tip.pk).shared_with_desk


@pytest.mark.django_db
def test_revealing_a_source_logs_every_reader_but_the_author(tip, editor, reporter2):
    assert tip_source_reveal(tip=tip, actor=tip.author) == SOURCE
    assert TipSourceView.objects.count() == 0
    assert tip_source_reveal(tip=tip, actor=editor) == SOURCE
    assert list(TipSourceView.objects.values_list("tip", "viewer")) == [(tip.pk, editor.pk)]
    tip_share(tip=tip, actor=tip.author)
    with pytest.raises(PermissionDenied):
        tip_source_reveal(tip=tip, actor=reporter2)
    assert TipSourceView.objects.count() == 1


@pytest.mark.django_db
def test_an_author_who_lost_the_reporter_role_no_longer_reads_the_tip(tip, client_for):
    tip.author.groups.clear()
    author = type(tip.author).objects.get(pk=tip.author_id)  # roles are cached per request
    with pytest.raises(PermissionDenied):
        tip_source_reveal(tip=tip, actor=author)
    assert client_for(author).get(f"/tips/{tip.pk}/").status_code == 403


# --- tip meets story -------------------------------------------------------------------------


def _ingest(article: Article) -> None:
    """Ingestion's analysis service, as its Celery task runs it on a stored story."""
    from articles.services import articles_analyse

    outcome = articles_analyse(article_ids=[article.pk])[article.pk]
    assert outcome.state == "done", outcome


@pytest.mark.django_db
def test_a_story_on_the_company_is_noted_on_the_tip_with_days_ahead(
    tip, outlet, company, reporter2
):
    elsewhere = Company.objects.create(name="Carrefour", slug="carrefour")
    tip_create(actor=reporter2, company=elsewhere, body="Carrefour is for sale", source="x")
    article = _story(outlet, days_after=3)
    _ingest(article)
    match = TipMatch.objects.get()  # the Carrefour tip is not matched by a Kroger story
    assert (match.tip, match.article, match.days_ahead) == (tip, article, 3)
    # A redelivered task, or the hook run twice, adds nothing.
    from articles.services import articles_analyse

    articles_analyse(article_ids=[article.pk])
    assert tips_note_article(article=article, company_ids=[company.pk]) == 0
    assert TipMatch.objects.count() == 1


@pytest.mark.django_db
def test_the_notice_reaches_the_author_and_editors_and_nobody_else(
    tip, outlet, company, client_for, reporter2, editor, desk_admin
):
    tip_share(tip=tip, actor=tip.author)  # even shared: the notice is not the desk's
    _ingest(_story(outlet))
    text = "may bear out your tip"
    response = client_for(tip.author).get("/tips/")
    assert text in response.content.decode() and "Deal Street Asia" in response.content.decode()
    assert "Rita’s tip" in client_for(editor).get("/tips/").content.decode()
    for user in (reporter2, desk_admin):
        assert tip_notices_for(user) == []
    assert "bear out" not in client_for(reporter2).get("/tips/?scope=desk").content.decode()
    assert text in client_for(tip.author).get("/").content.decode()  # the board
    assert "bear out" not in client_for(reporter2).get("/").content.decode()
    notices = client_for(tip.author).get("/tips/notices/")
    assert notices.status_code == 200 and text in notices.content.decode()
    assert "bear out" not in client_for(reporter2).get("/tips/notices/").content.decode()


@pytest.mark.django_db
def test_closed_tips_and_stories_older_than_the_tip_are_not_matched(tip, outlet, company, deal):
    assert tips_note_article(article=_story(outlet, days_after=-2), company_ids=[company.pk]) == 0
    tip_update_status(tip=tip, actor=tip.author, status="dead")
    assert tips_note_article(article=_story(outlet, n=2), company_ids=[company.pk]) == 0
    tip_update_status(tip=tip, actor=tip.author, status="following")
    assert tips_note_article(article=_story(outlet, n=3), company_ids=[], deal_ids=[deal.pk]) == 1
    assert TipMatch.objects.get().deal == deal


# --- views -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_logging_a_tip_from_a_company_page_in_one_request(client_for, reporter, company, deal):
    client = client_for(reporter)
    form = client.get(f"/tips/new/?company={company.slug}")
    assert form.status_code == 200 and 'value="Kroger"' in form.content.decode()
    response = client.post(
        f"/tips/new/?company={company.slug}",
        {
            "company": "Kroger",
            "deal": deal.pk,
            "body": BODY,
            "source": SOURCE,
            "grade": "A",
            "follow_up_on": (timezone.localdate() + timedelta(days=2)).isoformat(),
            "next": f"/companies/{company.slug}/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/companies/kroger/"
    tip = Tip.objects.get()
    assert (tip.author, tip.company, tip.deal, tip.grade, tip.source) == (
        reporter,
        company,
        deal,
        "A",
        SOURCE,
    )


@pytest.mark.django_db
def test_a_form_error_keeps_everything_typed(client_for, reporter):
    typed = {
        "company": "Brand New Co",
        "body": "They are about to raise a Series C",
        "source": "CFO's assistant, by phone",
        "grade": "C",
        "follow_up_on": "2001-01-01",
        "shared_with_desk": "on",
    }
    response = client_for(reporter).post("/tips/new/", typed, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "cannot be in the past" in html
    assert 'value="Brand New Co"' in html and typed["body"] in html
    assert "CFO&#x27;s assistant, by phone" in html  # the typed source, escaped, in its textarea
    assert 'value="2001-01-01"' in html and 'value="C" selected' in html and "checked" in html
    assert "<html" not in html  # the htmx partial, not the page
    assert Tip.objects.count() == 0 and Company.objects.count() == 0


@pytest.mark.django_db
def test_an_htmx_post_redirects_the_client_to_the_new_tip(client_for, reporter):
    response = client_for(reporter).post(
        "/tips/new/", {"company": "Kroger", "body": "b", "grade": "F"}, **HX
    )
    tip = Tip.objects.get()
    assert response.status_code == 200 and response["HX-Redirect"] == f"/tips/{tip.pk}/"


@pytest.mark.django_db
def test_an_offsite_next_is_ignored(client_for, reporter):
    response = client_for(reporter).post(
        "/tips/new/",
        {"company": "Kroger", "body": "b", "grade": "F", "next": "https://evil.example/"},
    )
    assert response["Location"] == f"/tips/{Tip.objects.get().pk}/"


@pytest.mark.django_db
def test_company_type_ahead_offers_known_names(client_for, reporter, company):
    response = client_for(reporter).get("/tips/companies/?company=krog", **HX)
    assert '<option value="Kroger">' in response.content.decode()
    assert client_for(reporter).post("/tips/companies/?q=krog").status_code == 405


@pytest.mark.django_db
def test_quick_status_change_returns_the_row(client_for, tip):
    response = client_for(tip.author).post(f"/tips/{tip.pk}/status/", {"status": "confirmed"}, **HX)
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith(f'<tr id="tip-{tip.pk}"')
    assert 'value="confirmed" selected' in html
    assert Tip.objects.get(pk=tip.pk).status == "confirmed"


@pytest.mark.django_db
def test_status_change_without_htmx_redirects_and_can_set_the_follow_up(client_for, tip):
    day = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = client_for(tip.author).post(
        f"/tips/{tip.pk}/status/", {"status": "following", "follow_up_on": day}
    )
    assert response.status_code == 302 and response["Location"] == f"/tips/{tip.pk}/"
    tip.refresh_from_db()
    assert (tip.status, tip.follow_up_on.isoformat()) == ("following", day)


@pytest.mark.django_db
def test_a_bad_status_is_refused(client_for, tip):
    response = client_for(tip.author).post(f"/tips/{tip.pk}/status/", {"status": "leaked"})
    assert response.status_code == 400 and Tip.objects.get(pk=tip.pk).status == "new"


@pytest.mark.django_db
def test_another_reporter_cannot_change_or_share_a_tip_by_its_id(client_for, tip, reporter2):
    client = client_for(reporter2)
    assert client.post(f"/tips/{tip.pk}/status/", {"status": "dead"}).status_code == 404
    assert client.post(f"/tips/{tip.pk}/share/", {"shared": "1"}).status_code == 404
    tip_share(tip=tip, actor=tip.author)
    assert client.post(f"/tips/{tip.pk}/status/", {"status": "dead"}).status_code == 403
    assert client.post(f"/tips/{tip.pk}/share/", {"shared": "0"}).status_code == 403
    tip.refresh_from_db()
    assert (tip.status, tip.shared_with_desk) == ("new", True)


@pytest.mark.django_db
def test_sharing_with_htmx_swaps_the_sharing_box(client_for, tip):
    response = client_for(tip.author).post(f"/tips/{tip.pk}/share/", {"shared": "1"}, **HX)
    assert response.status_code == 200 and "Stop sharing" in response.content.decode()
    assert Tip.objects.get(pk=tip.pk).shared_with_desk


@pytest.mark.django_db
def test_an_editor_reveals_a_source_and_the_read_is_logged(client_for, tip, editor):
    client = client_for(editor)
    page = client.get(f"/tips/{tip.pk}/").content.decode()
    assert "Show source" in page and SOURCE not in page
    assert TipSourceView.objects.count() == 0
    revealed = client.post(f"/tips/{tip.pk}/source/", **HX).content.decode()
    assert SOURCE in revealed and "<html" not in revealed
    plain = client.post(f"/tips/{tip.pk}/source/")
    assert plain.status_code == 200 and SOURCE in plain.content.decode()
    assert TipSourceView.objects.filter(tip=tip, viewer=editor).count() == 2
    log = client.get("/tips/source-views/").content.decode()
    assert "Ed" in log and f"#{tip.pk} on Kroger" in log and SOURCE not in log
    assert client.get(f"/tips/source-views/?tip={tip.pk}", **HX).status_code == 200


@pytest.mark.django_db
def test_the_audit_log_is_for_editors_only(client_for, tip, reporter2, desk_admin):
    for user in (tip.author, reporter2, desk_admin):
        assert client_for(user).get("/tips/source-views/").status_code == 403
    assert client_for(None).get("/tips/source-views/").status_code == 302


@pytest.mark.django_db
def test_the_author_reads_their_own_source_without_a_log_entry(client_for, tip):
    page = client_for(tip.author).get(f"/tips/{tip.pk}/").content.decode()
    assert SOURCE in page and "Show source" not in page
    assert TipSourceView.objects.count() == 0


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/tips/"),
        ("put", "/tips/new/"),
        ("post", "/tips/{pk}/"),
        ("get", "/tips/{pk}/source/"),
        ("get", "/tips/{pk}/status/"),
        ("get", "/tips/{pk}/share/"),
        ("post", "/tips/export.csv"),
        ("post", "/tips/feed.atom"),
        ("post", "/tips/source-views/"),
        ("post", "/tips/notices/"),
    ],
)
@pytest.mark.django_db
def test_wrong_methods_are_refused(client_for, tip, editor, method, url):
    response = getattr(client_for(editor), method)(url.format(pk=tip.pk))
    assert response.status_code == 405


@pytest.mark.django_db
def test_follow_ups_due_today_and_overdue_show_on_my_tips(client_for, reporter, company):
    today = timezone.localdate()
    due = tip_create(actor=reporter, company=company, body="Call the CFO today")
    late = tip_create(actor=reporter, company=company, body="Chase the banker")
    Tip.objects.filter(pk=due.pk).update(follow_up_on=today)
    Tip.objects.filter(pk=late.pk).update(follow_up_on=today - timedelta(days=3))
    html = client_for(reporter).get("/tips/").content.decode()
    assert "Overdue" in html and "Chase the banker" in html and "Call the CFO today" in html


@pytest.mark.django_db
def test_editors_filter_all_tips_and_htmx_gets_the_table(
    client_for, editor, reporter, reporter2, company
):
    tip_create(actor=reporter, company=company, body="Rita hears A", grade="A")
    tip_create(actor=reporter2, company=company, body="Raj hears D", grade="D")
    client = client_for(editor)
    html = client.get("/tips/").content.decode()
    assert "Rita hears A" in html and "Raj hears D" in html
    filtered = client.get("/tips/?reporter=raj&grade=D", **HX).content.decode()
    assert "Raj hears D" in filtered and "Rita hears A" not in filtered and "<html" not in filtered
    assert "Rita hears A" not in client.get("/tips/?status=dead").content.decode()
    for company_filter in ("kroger", "KROGER"):  # slug or name
        assert "Raj hears D" in client.get(f"/tips/?company={company_filter}").content.decode()
    assert "Raj hears D" not in client.get("/tips/?company=carrefour").content.decode()


@pytest.mark.django_db
def test_the_csv_escapes_formulas_and_never_carries_the_source(client_for, reporter, company):
    tip_create(actor=reporter, company=company, body='=HYPERLINK("http://x")', source=SOURCE)
    response = client_for(reporter).get("/tips/export.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][-1] == "tip" and rows[1][-1].startswith("'=")
    assert SOURCE not in response.content.decode()


@pytest.mark.django_db
def test_the_atom_feed_lists_visible_tips(client_for, tip):
    import feedparser

    feed = feedparser.parse(client_for(tip.author).get("/tips/feed.atom").content)
    assert [entry.title for entry in feed.entries] == ["Kroger: New (grade B)"]
    assert BODY in feed.entries[0].summary


@pytest.mark.django_db
def test_an_editor_who_is_also_a_reporter_logs_and_follows_tips(client_for, editor, company):
    editor.groups.add(Group.objects.get(name=REPORTER))
    tip = tip_create(actor=editor, company=company, body="mine", source="my source")
    assert "my source" in client_for(editor).get(f"/tips/{tip.pk}/").content.decode()
    assert EDITOR in {g.name for g in editor.groups.all()}


@pytest.mark.django_db
def test_names_without_latin_letters_get_companies_of_their_own(reporter):
    first = tip_create(actor=reporter, company_name="阿里巴巴", body="b").company
    second = tip_create(actor=reporter, company_name="京东", body="b").company
    assert first != second and first.slug.startswith("company-")
    assert tip_create(actor=reporter, company_name="阿里巴巴", body="b").company == first


@pytest.mark.django_db
def test_the_atom_feed_answers_a_feed_token_without_a_login(client_for, tip, editor):
    from deals.services.feeds import feed_token_rotate

    token = feed_token_rotate(user=editor).token
    anonymous = client_for(None)
    assert anonymous.get("/tips/feed.atom").status_code == 302
    response = anonymous.get(f"/tips/feed.atom?token={token}")
    assert response.status_code == 200 and BODY in response.content.decode()
    assert SOURCE not in response.content.decode()
    assert anonymous.get("/tips/feed.atom?token=forged").status_code == 404
    editor.groups.clear()  # a token outlives nothing: the reader must still hold a tips role
    assert anonymous.get(f"/tips/feed.atom?token={token}").status_code == 404


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TIP_SOURCE_KEYS": "not-a-key"}, "TIP_SOURCE_KEYS key 1 is not a Fernet key"),
        (
            {"TIP_SOURCE_KEYS": f"{Fernet.generate_key().decode()},short"},
            "TIP_SOURCE_KEYS key 2 is not a Fernet key",
        ),
        (
            {
                "DEBUG": "false",
                "SECRET_KEY": "s" * 50,
                "TIP_SOURCE_KEYS": "ZGV2LW9ubHkta2V5LWRlYWxkZXNrLXRpcHMtMDAwMDA=",
            },
            "TIP_SOURCE_KEYS holds the public development key",
        ),
    ],
)
def test_a_bad_tip_key_stops_the_process_naming_the_variable(tmp_path, env, message):
    from tests.test_foundation import _manage

    result = _manage("check", env={**env, "DEALDESK_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0 and message in result.stderr


@pytest.mark.django_db
def test_an_error_while_saving_a_tip_reports_no_source(client_for, reporter, monkeypatch, caplog):
    import logging

    from django.views.debug import ExceptionReporter

    def boom(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("deals.views.tips.tip_create", boom)
    client = client_for(reporter)
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.post(
            "/tips/new/", {"company": "Kroger", "body": BODY, "source": SOURCE, "grade": "A"}
        )
    assert response.status_code == 500 and SOURCE not in response.content.decode()
    record = next(r for r in caplog.records if r.name == "django.request")
    report = ExceptionReporter(record.request, *record.exc_info).get_traceback_text()
    assert "database went away" in report and "source" in report
    assert SOURCE not in report and "Deep Throat" not in report
    assert all("Deep Throat" not in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("n", [3, 40])
@pytest.mark.django_db
def test_tips_pages_take_a_number_of_queries_that_does_not_grow_with_tips(
    client_for, reporter, editor, company, deal, outlet, n, django_assert_max_num_queries
):
    tips = [
        tip_create(actor=reporter, company=company, deal=deal, body=f"b{i}", source=f"s{i}")
        for i in range(n)
    ]
    tips_note_article(article=_story(outlet), company_ids=[company.pk])
    Tip.objects.filter(pk__in=[t.pk for t in tips]).update(follow_up_on=timezone.localdate())
    for user in (reporter, editor):
        client = client_for(user)
        client.get("/tips/")  # warm the session
        with django_assert_max_num_queries(9):
            assert client.get("/tips/").status_code == 200
        with django_assert_max_num_queries(5):
            assert client.get("/tips/?q=b1", **HX).status_code == 200


@pytest.mark.django_db
def test_hostile_text_in_a_tip_is_shown_inert_and_nul_bytes_are_refused(client_for, reporter):
    client = client_for(reporter)
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    response = client.post(
        "/tips/new/", {"company": payload, "body": payload, "source": payload, "grade": "F"}
    )
    tip = Tip.objects.get()
    for url in ("/tips/", f"/tips/{tip.pk}/", f"/companies/{tip.company.slug}/"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, url
    refused = client.post("/tips/new/", {"company": "Kroger", "body": "a\x00b", "grade": "F"}, **HX)
    assert (
        refused.status_code == 200 and "Null characters are not allowed" in refused.content.decode()
    )
    assert Tip.objects.count() == 1 and response.status_code == 302


@pytest.mark.django_db
def test_a_source_under_a_removed_key_shows_as_unreadable_not_as_an_error(client_for, tip):
    with override_settings(TIP_SOURCE_KEYS=[Fernet.generate_key().decode()]):
        page = client_for(tip.author).get(f"/companies/{tip.company.slug}/")
        detail = client_for(tip.author).get(f"/tips/{tip.pk}/")
    assert page.status_code == 200 and "unreadable" in page.content.decode()
    assert detail.status_code == 200 and "unreadable" in detail.content.decode()


@pytest.mark.django_db
def test_the_deal_choices_follow_the_company_typed(client_for, reporter, company, deal):
    closed = Deal.objects.create(title="Old Kroger deal", stage=Stage.COMPLETED)
    DealParty.objects.create(deal=closed, company=company, role=Role.TARGET)
    response = client_for(reporter).get("/tips/deals/?company=kroger+co", **HX)
    html = response.content.decode()
    assert f'<option value="{deal.pk}">Alibaba / Kroger</option>' in html
    assert "Old Kroger deal" not in html and "<html" not in html
    empty = client_for(reporter).get("/tips/deals/?company=Nobody+Inc").content.decode()
    assert empty == '<option value="">No particular deal</option>'
    assert client_for(reporter).post("/tips/deals/?company=kroger").status_code == 405
    assert client_for(None).get("/tips/deals/?company=kroger").status_code == 302


@pytest.mark.parametrize("who", ["desk_admin", "outsider", "reporter2", None])
@pytest.mark.django_db
def test_no_one_but_author_and_editors_writes_or_reveals(client_for, request, tip, who):
    tip_share(tip=tip, actor=tip.author)  # visible to reporter2, still not theirs
    user = request.getfixturevalue(who) if who else None
    client = client_for(user)
    expected = {None: 302, "reporter2": 403}.get(who, 403)
    posts = {
        f"/tips/{tip.pk}/source/": {},
        f"/tips/{tip.pk}/status/": {"status": "dead"},
        f"/tips/{tip.pk}/share/": {"shared": "0"},
    }
    for url, data in posts.items():
        response = client.post(url, data, **HX)
        assert response.status_code == expected, (who, url)
        assert SOURCE not in response.content.decode()
    if who != "reporter2":
        assert client.get("/tips/new/").status_code == expected
        assert client.post("/tips/new/", {"company": "X", "body": "b"}).status_code == expected
    tip.refresh_from_db()
    assert (tip.status, tip.shared_with_desk) == ("new", True)
    assert TipSourceView.objects.count() == 0 and Tip.objects.count() == 1


@pytest.mark.django_db
def test_a_dumpdata_carries_ciphertext_and_loaddata_reads_it_back(tip, tmp_path):
    dump = tmp_path / "tips.json"
    call_command("dumpdata", "deals.Tip", output=str(dump))
    text = dump.read_text()
    assert SOURCE not in text and "Deep Throat" not in text and '"source": "fernet:' in text
    Tip.objects.all().delete()
    call_command("loaddata", str(dump), verbosity=0)
    assert Tip.objects.get(pk=tip.pk).source == SOURCE
    assert raw_source(tip).startswith("fernet:")


@pytest.mark.parametrize("junk", ["a\x00b", "²", "٣", "9" * 40, "-1"])
@pytest.mark.django_db
def test_junk_in_tip_parameters_answers_without_a_server_error(client_for, editor, junk):
    client = client_for(editor)
    for url, names in {
        "/tips/": ["q", "company", "reporter", "status", "grade"],
        "/tips/new/": ["company", "deal"],
        "/tips/deals/": ["company"],
        "/tips/companies/": ["q"],
        "/tips/source-views/": ["tip", "viewer"],
        "/tips/export.csv": ["q", "company"],
    }.items():
        for name in names:
            assert client.get(url, {name: junk}).status_code == 200, (url, name)
    assert client.get("/tips/feed.atom", {"token": junk}).status_code == 404
    assert client.post("/tips/new/", {"company": "K", "body": "b", "deal": junk}).status_code == 200
