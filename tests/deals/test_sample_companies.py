"""Companies only a low-confidence sample names: editors see them, nobody else does, until a
story names them, the sample is accepted, or a person vouches for them."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from articles.analysis import CompanyHit, DealSignal, Party, Signals, analyse
from articles.dictionary import _build
from articles.models import Article, Mention, Source
from articles.services import article_analyse
from deals.models import Company, Deal, DealParty, DealUpdate, Role, Stage, sample_born
from deals.selectors.deals import visible_companies
from deals.services import apply_signals
from deals.services.companies import company_edit, company_merge
from deals.services.deals import deal_edit, deal_merge
from deals.services.stages import deal_update_accept, deal_update_reject
from deals.services.tips import tip_create
from tests.deals import builders
from tests.deals.test_sampling import NEAR_MISS_BODY, NEAR_MISS_TITLE

pytestmark = pytest.mark.django_db

# Invented names: a buyer, a target and an adviser a near miss might name.
BUYER, TARGET, ADVISER = "Harrowgate Mills", "Quillfern Bakeries", "Brisk Lane Advisory"
EVIDENCE = "Harrowgate Mills is said to be close to buying Quillfern Bakeries."


def _party(name: str, role: str, company_id: int | None = None) -> Party:
    return Party(name, name.lower(), role, company_id)


def _signal(*parties: Party, confidence: float = 0.4, evidence: str = EVIDENCE) -> DealSignal:
    return DealSignal(
        kind="acquisition",
        stage=Stage.IN_TALKS,
        parties=parties,
        amount=None,
        stake_pct=None,
        valuation=None,
        evidence=evidence,
        confidence=confidence,
        attribution="none",
        attributed_to="",
        headline=False,
    )


def _hits(*names: str) -> tuple[CompanyHit, ...]:
    return tuple(CompanyHit(n, n.lower(), n, 1, False, None) for n in names)


def _sample(*, adviser: bool = False, hits: tuple[str, ...] = ()) -> Signals:
    """A story whose only deal is a near miss; like the analysis, it lists the near miss's
    parties among the story's companies."""
    parties = [_party(BUYER, Role.ACQUIRER), _party(TARGET, Role.TARGET)]
    if adviser:
        parties.append(_party(ADVISER, Role.ADVISER))
    names = (*(p.name for p in parties), *hits)
    return Signals(companies=_hits(*names), deals=(), near_misses=(_signal(*parties),))


def _report(*names: str) -> Signals:
    """A story reporting the deal between the first two names."""
    signal = _signal(_party(names[0], Role.ACQUIRER), _party(names[1], Role.TARGET), confidence=0.8)
    return Signals(companies=_hits(*names), deals=(signal,))


@pytest.fixture
def every_near_miss(settings):
    settings.ANALYSIS_SAMPLE_RATE = 1.0


@pytest.fixture
def desk(db) -> Source:
    return builders.source("Trade Paper")


_stories = iter(range(1, 10_000))


def _story(src: Source) -> Article:
    return builders.article(f"Story {next(_stories)}", src=src)


def _hidden() -> set[str]:
    return set(Company.objects.filter(sample_only=True).values_list("name", flat=True))


@pytest.fixture
def drawn(every_near_miss, desk) -> DealUpdate:
    """A drawn sample naming two companies nobody knew; its deal is sample-born."""
    apply_signals(article=_story(desk), signals=_sample())
    return DealUpdate.objects.get(is_sample=True)


# --- ingestion ------------------------------------------------------------------------


def test_companies_only_a_drawn_sample_names_are_created_out_of_sight(drawn):
    assert _hidden() == {BUYER, TARGET}
    deal = drawn.deal
    assert Deal.objects.filter(sample_born(), pk=deal.pk).exists()
    assert set(deal.parties.values_list("company__name", flat=True)) == {BUYER, TARGET}


def test_a_name_the_story_gives_outside_the_sample_is_an_ordinary_company(every_near_miss, desk):
    apply_signals(article=_story(desk), signals=_sample(hits=("Northwind Foods",)))
    assert _hidden() == {BUYER, TARGET}
    assert Company.objects.get(name="Northwind Foods").sample_only is False


def test_a_company_the_desk_already_has_is_never_hidden(every_near_miss, desk):
    known = builders.company(BUYER)
    apply_signals(article=_story(desk), signals=_sample())
    known.refresh_from_db()
    assert known.sample_only is False and _hidden() == {TARGET}


def test_without_a_draw_the_storys_names_are_ordinary_as_before(settings, desk):
    settings.ANALYSIS_SAMPLE_RATE = 0.0
    apply_signals(article=_story(desk), signals=_sample())
    assert Company.objects.count() == 2 and _hidden() == set()


def test_a_story_reporting_a_deal_names_its_parties_in_the_same_batch(every_near_miss, desk):
    sample, report = _sample(), _report(BUYER, "Northwind Foods")
    both = Signals(
        companies=sample.companies + report.companies[1:],
        deals=report.deals,
        near_misses=sample.near_misses,
    )
    apply_signals(article=_story(desk), signals=both)
    assert _hidden() == {TARGET}


def test_the_real_pipeline_hides_a_drawn_near_misss_new_names(every_near_miss):
    story = builders.article(NEAR_MISS_TITLE, body=NEAR_MISS_BODY, src=builders.source("Paper"))
    assert article_analyse(article_id=story.pk).state == "done"
    assert {n.split()[0] for n in _hidden()} == {"Quarrow", "Lintel"}
    # The story still mentions them, for editors.
    assert Mention.objects.filter(article=story, company__sample_only=True).count() == 2


def test_a_later_story_naming_the_company_makes_it_ordinary(drawn, desk):
    apply_signals(article=_story(desk), signals=Signals(companies=_hits(TARGET), deals=()))
    assert _hidden() == {BUYER}


def test_a_later_sample_naming_it_again_keeps_it_out_of_sight(drawn, desk):
    apply_signals(article=_story(desk), signals=_sample())
    assert _hidden() == {BUYER, TARGET}


def test_a_story_reporting_the_deal_brings_every_party_into_sight(every_near_miss, desk):
    apply_signals(article=_story(desk), signals=_sample(adviser=True))
    assert _hidden() == {BUYER, TARGET, ADVISER}
    apply_signals(article=_story(desk), signals=_report(BUYER, TARGET))
    deal = Deal.objects.get()
    assert not deal.dismissed and ADVISER in deal.parties.values_list("company__name", flat=True)
    assert _hidden() == set()


def test_accepting_the_sample_makes_its_companies_ordinary(drawn, editor):
    assert deal_update_accept(update=drawn, actor=editor)
    assert _hidden() == set()


def test_rejecting_the_sample_leaves_its_companies_out_of_sight(drawn, editor, reporter):
    assert deal_update_reject(update=drawn, actor=editor)
    assert _hidden() == {BUYER, TARGET}
    assert not visible_companies(reporter).filter(name__in=[BUYER, TARGET]).exists()


def test_a_hidden_company_is_no_known_name_to_the_analysis(drawn, editor):
    def known_id(name: str) -> int | None:
        hits = analyse(name, f"{name} said on Monday its sales rose.", _build()).companies
        return next((h.company_id for h in hits if h.name == name), None)

    target = Company.objects.get(name=TARGET)
    assert known_id(TARGET) is None
    deal_update_accept(update=drawn, actor=editor)
    assert known_id(TARGET) == target.pk


# --- people vouching for it -------------------------------------------------------------


def test_a_tip_naming_it_makes_it_ordinary(drawn, reporter):
    tip = tip_create(actor=reporter, company_name=TARGET, body="They are talking.")
    assert tip.company.name == TARGET and _hidden() == {BUYER}


def test_an_editor_verifying_it_makes_it_ordinary(drawn, editor):
    target = Company.objects.get(name=TARGET)
    company_edit(company=target, actor=editor, verified=True)
    assert _hidden() == {BUYER}


def test_merging_a_known_company_into_it_makes_it_ordinary(drawn, editor):
    known = builders.company("Quillfern Bakeries Group")
    company_merge(source=known, target=Company.objects.get(name=TARGET), actor=editor)
    assert _hidden() == {BUYER}


def test_merging_one_samples_guess_into_another_keeps_it_hidden(drawn, editor):
    buyer, target = Company.objects.get(name=BUYER), Company.objects.get(name=TARGET)
    company_merge(source=buyer, target=target, actor=editor)
    target.refresh_from_db()
    assert target.sample_only is True


def test_merging_the_sample_born_deal_into_a_board_deal_brings_its_parties_in(drawn, editor):
    board_deal = builders.deal("Harrowgate buys", parties=[(builders.company("Acme"), "acquirer")])
    deal_merge(source=drawn.deal, target=board_deal, actor=editor)
    assert _hidden() == set()


# --- what each role sees ----------------------------------------------------------------

ROLES = [("editor", True), ("reporter", False), ("desk_admin", False)]


@pytest.mark.parametrize(("who", "sees"), ROLES)
def test_the_company_list_and_its_search(client_for, request, drawn, who, sees):
    builders.company("Quillfern Mills")  # an ordinary company the same search finds
    client = client_for(request.getfixturevalue(who))
    listed = client.get("/companies/").content.decode()
    assert (TARGET in listed) is sees and (BUYER in listed) is sees
    found = client.get("/companies/?q=quillfern").content.decode()
    assert "Quillfern Mills" in found and (TARGET in found) is sees
    partial = client.get("/companies/?q=quill", headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="company-results">')
    assert (TARGET in partial) is sees


@pytest.mark.parametrize(("who", "sees"), ROLES)
def test_the_company_type_ahead(client_for, request, drawn, who, sees):
    html = client_for(request.getfixturevalue(who)).get("/companies/suggest/?q=quill")
    assert (TARGET in html.content.decode()) is sees


@pytest.mark.parametrize(("who", "sees"), ROLES)
def test_the_company_page(client_for, request, drawn, who, sees):
    response = client_for(request.getfixturevalue(who)).get("/companies/quillfern-bakeries/")
    assert response.status_code == (200 if sees else 404)


@pytest.mark.parametrize(("who", "sees"), ROLES)
def test_the_watchlist(client_for, request, drawn, who, sees):
    Company.objects.filter(name=TARGET).update(valuation_usd=Decimal(500_000_000))
    html = client_for(request.getfixturevalue(who)).get("/companies/watchlist/").content.decode()
    assert (TARGET in html) is sees


@pytest.mark.parametrize(("who", "sees"), [("editor", True), ("reporter", False)])
def test_the_tip_forms_company_options_and_link(client_for, request, drawn, who, sees):
    client = client_for(request.getfixturevalue(who))
    assert (TARGET in client.get("/tips/companies/?q=quill").content.decode()) is sees
    form = client.get("/tips/new/?company=quillfern-bakeries").content.decode()
    assert (f'value="{TARGET}"' in form) is sees


def test_the_tip_forms_are_not_for_admins(client_for, desk_admin, drawn):
    assert client_for(desk_admin).get("/tips/companies/?q=quill").status_code == 403


@pytest.mark.parametrize(("who", "sees"), ROLES)
def test_a_storys_page_and_the_story_search(client_for, request, drawn, who, sees):
    client = client_for(request.getfixturevalue(who))
    story = drawn.article
    assert Mention.objects.filter(article=story).count() == 2
    page = client.get(f"/articles/{story.pk}/").content.decode()
    assert ("/companies/quillfern-bakeries/" in page) is sees
    found = client.get("/articles/?company=quillfern-bakeries").content.decode()
    assert (f"/articles/{story.pk}/" in found) is sees


@pytest.mark.parametrize(("who", "sees"), ROLES)
def test_board_filters(client_for, request, drawn, editor, who, sees):
    Company.objects.filter(name=TARGET).update(sector="Artisan Baking")
    client = client_for(request.getfixturevalue(who))
    board = client.get("/?company=quillfern-bakeries").content.decode()
    assert TARGET not in board.replace('value="quillfern-bakeries"', "")


@pytest.mark.parametrize("who", ["editor", "reporter"])
def test_pasting_a_story_shows_only_editors_a_samples_names(
    client_for, request, every_near_miss, who
):
    response = client_for(request.getfixturevalue(who)).post(
        "/articles/new/",
        {"title": NEAR_MISS_TITLE, "text": NEAR_MISS_BODY},
        headers={"HX-Request": "true"},  # the result alone, not the form holding the text
    )
    html = response.content.decode()
    assert response.status_code == 200 and DealUpdate.objects.filter(is_sample=True).exists()
    assert html.lstrip().startswith('<section id="story-result"')
    assert ("Lintel Bakeries" in html) is (who == "editor")  # not in the title shown


def test_editors_reviewing_the_sample_see_its_parties(client_for, editor, drawn):
    html = client_for(editor).get("/review/?samples=only").content.decode()
    assert BUYER in html and TARGET in html


def test_once_accepted_reporters_see_the_companies(client_for, editor, reporter, drawn):
    deal_update_accept(update=drawn, actor=editor)
    client = client_for(reporter)
    assert TARGET in client.get("/companies/?q=quill").content.decode()
    assert client.get("/companies/quillfern-bakeries/").status_code == 200
    assert TARGET in client.get(f"/deals/{drawn.deal_id}/").content.decode()


def test_the_company_pages_refuse_what_they_always_refused(client_for, outsider, editor, drawn):
    assert client_for(outsider).get("/companies/quillfern-bakeries/").status_code == 403
    assert client_for(editor).post("/companies/").status_code == 405
    assert DealParty.objects.count() == 2


# --- the migration ----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_hides_companies_earlier_samples_alone_created():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("deals", "0007_dealupdate_sample")], [("deals", "0008_company_sample_only")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    company = old.get_model("deals", "Company").objects.create
    guess, mentioned, ordinary = (
        company(name=TARGET, slug="quillfern-bakeries"),
        company(name=BUYER, slug="harrowgate-mills"),
        company(name="Northwind Foods", slug="northwind-foods"),
    )
    source = old.get_model("articles", "Source").objects.create(name="P", url="https://p.example")
    story = old.get_model("articles", "Article").objects.create
    sampled, other = (
        story(source=source, url="https://p.example/1", title="1"),
        story(source=source, url="https://p.example/2", title="2"),
    )
    deal = old.get_model("deals", "Deal").objects.create
    born = deal(title="Harrowgate to acquire Quillfern", confirmed=False, dismissed=True)
    board = deal(title="Northwind to acquire Harrowgate", confirmed=True)
    party = old.get_model("deals", "DealParty").objects.create
    party(deal=born, company=guess, role="target")
    party(deal=born, company=mentioned, role="acquirer")
    party(deal=board, company=ordinary, role="acquirer")
    old.get_model("deals", "DealUpdate").objects.create(
        deal=born, article=sampled, type="new_deal", proposed_stage="in_talks", is_sample=True
    )
    mention = old.get_model("articles", "Mention").objects.create
    for target in (guess, mentioned):
        mention(article=sampled, company=target)
    mention(article=other, company=mentioned)  # a story other than the sample's names it

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    hidden = new.get_model("deals", "Company").objects.filter(sample_only=True)
    assert list(hidden.values_list("name", flat=True)) == [TARGET]

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_company_page_tells_editors_why_reporters_do_not_see_it(client_for, editor, drawn):
    html = client_for(editor).get("/companies/quillfern-bakeries/").content.decode()
    assert "only a low-confidence sample names it" in html
    deal_update_accept(update=drawn, actor=editor)
    html = client_for(editor).get("/companies/quillfern-bakeries/").content.decode()
    assert "only a low-confidence sample names it" not in html


# --- review fixes -----------------------------------------------------------------------


def test_an_editor_confirming_the_sample_born_deal_brings_its_parties_in(drawn, editor):
    deal_edit(deal=drawn.deal, actor=editor, confirmed=True)
    assert _hidden() == set()


def test_editing_the_sample_born_deal_otherwise_keeps_its_parties_hidden(drawn, editor):
    deal_edit(deal=drawn.deal, actor=editor, title="Harrowgate and Quillfern talk")
    assert _hidden() == {BUYER, TARGET}


@pytest.mark.parametrize("listed", [True, False], ids=["names-listed", "names-unlisted"])
def test_accepting_a_sample_about_a_board_deal_brings_its_new_names_in(
    every_near_miss, desk, editor, listed
):
    """A sample matching a deal already on the board names an adviser nobody knew: the flag
    adds no party, so accepting it reveals the names its story gave (whether or not the
    analysis lists an unreported candidate's parties among the story's companies)."""
    buyer, target = builders.company(BUYER), builders.company(TARGET)
    deal = builders.deal(parties=[(buyer, Role.ACQUIRER), (target, Role.TARGET)])
    parties = (
        _party(BUYER, Role.ACQUIRER, buyer.pk),
        _party(TARGET, Role.TARGET, target.pk),
        _party(ADVISER, Role.ADVISER),
    )
    sample = replace(_signal(*parties), stage=Stage.AGREED)
    names = (BUYER, TARGET, ADVISER) if listed else (BUYER, TARGET)
    apply_signals(
        article=_story(desk),
        signals=Signals(companies=_hits(*names), deals=(), near_misses=(sample,)),
    )
    flag = DealUpdate.objects.get(is_sample=True)
    assert flag.deal == deal and _hidden() == {ADVISER}
    assert deal_update_accept(update=flag, actor=editor)
    assert _hidden() == set()


def test_a_tip_on_a_hidden_company_picked_directly_makes_it_ordinary(drawn, reporter):
    target = Company.objects.get(name=TARGET)
    tip = tip_create(actor=reporter, company=target, body="They are talking.")
    assert tip.company == target and not tip.company.sample_only and _hidden() == {BUYER}


def test_ingestion_locks_the_companies_it_reveals_before_revealing_them(drawn, desk, monkeypatch):
    """Revealing is an UPDATE of company rows: taken before the id-ordered party locks, two
    workers could lock the same rows in opposite orders and deadlock."""
    from deals.services import signals as ingestion

    calls: list[tuple[str, set[int]]] = []
    lock, reveal = ingestion._lock_companies, ingestion.companies_reveal

    def recording_lock(ids):
        calls.append(("lock", set(ids)))
        lock(ids)

    def recording_reveal(*, company_ids=(), deal_ids=()):
        company_ids = set(company_ids)
        if company_ids:
            calls.append(("reveal", company_ids))
        return reveal(company_ids=company_ids, deal_ids=deal_ids)

    monkeypatch.setattr(ingestion, "_lock_companies", recording_lock)
    monkeypatch.setattr(ingestion, "companies_reveal", recording_reveal)
    apply_signals(article=_story(desk), signals=Signals(companies=_hits(TARGET), deals=()))
    target = Company.objects.get(name=TARGET).pk
    assert [kind for kind, _ in calls] == ["lock", "reveal"]
    assert target in calls[0][1] and calls[1][1] == {target}
    assert _hidden() == {BUYER}


@pytest.mark.parametrize(("who", "sees"), ROLES)
def test_the_board_filter_names_a_company_as_the_viewer_may_see_it(
    client_for, request, drawn, editor, who, sees
):
    Company.objects.filter(name=TARGET).update(sector="Artisan Baking")
    board = client_for(request.getfixturevalue(who)).get("/").content.decode()
    assert ("Artisan Baking" in board) is sees


def test_a_hidden_company_made_a_parent_comes_into_sight(drawn, editor):
    from django.contrib import admin

    from deals.admin import CompanyAdmin

    child = builders.company("Quillfern Bakeries Wales")
    child.parent = Company.objects.get(name=TARGET)
    CompanyAdmin(Company, admin.site).save_model(None, child, None, True)
    assert _hidden() == {BUYER}


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_companies_merged_into_or_named_beside_a_storyless_flag():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("deals", "0007_dealupdate_sample")], [("deals", "0008_company_sample_only")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    company = old.get_model("deals", "Company").objects.create
    guess, absorbing, mentioned = (
        company(name=TARGET, slug="quillfern-bakeries"),
        company(name=BUYER, slug="harrowgate-mills"),
        company(name=ADVISER, slug="brisk-lane-advisory"),
    )
    company(name="Harrowgate", slug="harrowgate", merged_into=absorbing)  # an editor's merge
    source = old.get_model("articles", "Source").objects.create(name="P", url="https://p.example")
    story = old.get_model("articles", "Article").objects.create
    sampled, other = (
        story(source=source, url="https://p.example/1", title="1"),
        story(source=source, url="https://p.example/2", title="2"),
    )
    born = old.get_model("deals", "Deal").objects.create(
        title="Harrowgate to acquire Quillfern", confirmed=False, dismissed=True
    )
    for party, role in ((guess, "target"), (absorbing, "acquirer"), (mentioned, "adviser")):
        old.get_model("deals", "DealParty").objects.create(deal=born, company=party, role=role)
    flag = old.get_model("deals", "DealUpdate").objects.create
    flag(deal=born, article=sampled, type="new_deal", proposed_stage="in_talks", is_sample=True)
    # A sample flag without a story (NULL article) must not make every other story "its own".
    flag(deal=born, article=None, type="stage", proposed_stage="agreed", is_sample=True)
    mention = old.get_model("articles", "Mention").objects.create
    for target in (guess, absorbing, mentioned):
        mention(article=sampled, company=target)
    mention(article=other, company=mentioned)  # a story other than the sample's names it
    stamp = old.get_model("deals", "Company").objects.get(pk=guess.pk).updated_at

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    hidden = new.get_model("deals", "Company").objects.filter(sample_only=True)
    assert list(hidden.values_list("name", flat=True)) == [TARGET]
    assert hidden.get().updated_at > stamp  # the analysis's dictionary is rebuilt without it

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
