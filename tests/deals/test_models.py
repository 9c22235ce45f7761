import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, Source
from deals.models import (
    Company,
    CompanyAlias,
    Deal,
    DealParty,
    DealUpdate,
    Role,
    Stage,
    StageTransitionError,
    check_transition,
    is_revival,
)

pytestmark = pytest.mark.django_db


def test_aliases_that_normalise_alike_are_refused():
    alibaba = Company.objects.create(name="Alibaba Group Holding Ltd", slug="alibaba")
    CompanyAlias.objects.create(company=alibaba, alias="Alibaba Group Holding Ltd")
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyAlias.objects.create(company=alibaba, alias="alibaba group")
    assert CompanyAlias.objects.get().normalised == "alibaba"


def test_a_company_holds_one_role_once_per_deal():
    deal = Deal.objects.create(title="Amazon buys Whole Foods")
    amazon = Company.objects.create(name="Amazon", slug="amazon")
    DealParty.objects.create(deal=deal, company=amazon, role=Role.ACQUIRER)
    with pytest.raises(IntegrityError), transaction.atomic():
        DealParty.objects.create(deal=deal, company=amazon, role=Role.ACQUIRER)
    DealParty.objects.create(deal=deal, company=amazon, role=Role.ADVISER)
    assert deal.parties.count() == 2


def test_the_same_flag_cannot_be_raised_twice_for_one_article():
    source = Source.objects.create(name="Wire", url="https://wire.example/rss")
    article = Article.objects.create(source=source, url="https://wire.example/a", title="A")
    deal = Deal.objects.create(title="D", stage=Stage.IN_TALKS)
    DealUpdate.objects.create(deal=deal, article=article, proposed_stage=Stage.AGREED)
    with pytest.raises(IntegrityError), transaction.atomic():
        DealUpdate.objects.create(deal=deal, article=article, proposed_stage=Stage.AGREED)
    DealUpdate.objects.create(deal=deal, article=article, proposed_stage=Stage.COMPLETED)
    assert deal.updates.count() == 2


def test_stake_outside_zero_to_hundred_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Deal.objects.create(title="Bad stake", stake_pct=140)


def test_contract_fields_are_enough_to_create_each_row():
    """DESIGN.md promises that the listed names suffice; every other field has a default."""
    source = Source.objects.create(name="S", kind="rss", url="https://s.example/feed", enabled=True)
    article = Article.objects.create(
        source=source, url="https://s.example/1", title="T", body="B", published_at=None
    )
    company = Company.objects.create(name="C", slug="c")
    deal = Deal.objects.create(title="D", kind="merger", stage="agreed", confirmed=False)
    DealParty.objects.create(deal=deal, company=company, role="partner")
    DealUpdate.objects.create(
        deal=deal, article=article, proposed_stage="completed", evidence="e", status="pending"
    )
    assert deal.updates.get().status == "pending"


@pytest.mark.parametrize(
    ("from_stage", "to_stage"),
    [
        (Stage.RUMOURED, Stage.IN_TALKS),
        (Stage.RUMOURED, Stage.COMPLETED),
        (Stage.IN_TALKS, Stage.AGREED),
        (Stage.AGREED, Stage.CALLED_OFF),
        (Stage.RUMOURED, Stage.CALLED_OFF),
    ],
)
def test_forward_moves_and_calling_off_are_allowed(from_stage, to_stage):
    check_transition(from_stage, to_stage)


@pytest.mark.parametrize(
    ("from_stage", "to_stage"),
    [
        (Stage.AGREED, Stage.IN_TALKS),
        (Stage.CALLED_OFF, Stage.IN_TALKS),
        (Stage.COMPLETED, Stage.RUMOURED),
    ],
)
def test_backward_moves_are_revivals_that_need_explicit_consent(from_stage, to_stage):
    assert is_revival(from_stage, to_stage)
    with pytest.raises(StageTransitionError, match="revival"):
        check_transition(from_stage, to_stage)
    check_transition(from_stage, to_stage, allow_revival=True)


def test_a_completed_deal_cannot_be_called_off_and_no_move_stays_put():
    with pytest.raises(StageTransitionError, match="completed"):
        check_transition(Stage.COMPLETED, Stage.CALLED_OFF, allow_revival=True)
    with pytest.raises(StageTransitionError, match="already"):
        check_transition(Stage.AGREED, Stage.AGREED)
    with pytest.raises(StageTransitionError, match="unknown"):
        check_transition(Stage.AGREED, "signed")
