import pytest

from articles.models import Article, Source
from deals.models import Deal, DealEvent, DealUpdate, Stage, StageTransitionError
from deals.services.stages import deal_move_stage, deal_update_accept, deal_update_reject

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    source = Source.objects.create(name="Wire", url="https://wire.example/rss")
    return Article.objects.create(source=source, url="https://wire.example/a", title="A")


def test_moving_a_stage_writes_the_audit_event_with_evidence(editor, article):
    deal = Deal.objects.create(title="Grab buys a bank", stage=Stage.IN_TALKS)
    event = deal_move_stage(
        deal=deal,
        to_stage=Stage.AGREED,
        actor=editor,
        article=article,
        evidence="Grab agreed to buy.",
    )
    deal.refresh_from_db()
    assert deal.stage == Stage.AGREED
    assert deal.announced_on is not None
    assert (event.from_stage, event.to_stage, event.actor, event.evidence) == (
        Stage.IN_TALKS,
        Stage.AGREED,
        editor,
        "Grab agreed to buy.",
    )


def test_an_illegal_move_is_refused_and_leaves_no_trace(editor):
    deal = Deal.objects.create(title="Done deal", stage=Stage.COMPLETED)
    with pytest.raises(StageTransitionError):
        deal_move_stage(deal=deal, to_stage=Stage.CALLED_OFF, actor=editor)
    with pytest.raises(StageTransitionError):
        deal_move_stage(deal=deal, to_stage=Stage.IN_TALKS, actor=editor)
    deal.refresh_from_db()
    assert deal.stage == Stage.COMPLETED
    assert not DealEvent.objects.exists()


def test_accepting_a_flag_moves_the_deal_once(editor, article):
    deal = Deal.objects.create(title="D", stage=Stage.IN_TALKS)
    flag = DealUpdate.objects.create(
        deal=deal,
        article=article,
        current_stage=Stage.IN_TALKS,
        proposed_stage=Stage.AGREED,
        evidence="They agreed.",
    )
    assert deal_update_accept(update=flag, actor=editor)
    assert not deal_update_accept(update=flag, actor=editor), "a decided flag is not decided again"
    deal.refresh_from_db()
    flag.refresh_from_db()
    assert deal.stage == Stage.AGREED
    assert flag.status == DealUpdate.Status.ACCEPTED and flag.reviewer == editor
    assert DealEvent.objects.filter(deal=deal, type=DealEvent.Type.STAGE).count() == 1


def test_accepting_a_revival_moves_backwards_because_an_editor_said_so(editor, article):
    deal = Deal.objects.create(title="D", stage=Stage.CALLED_OFF)
    flag = DealUpdate.objects.create(
        deal=deal,
        article=article,
        type=DealUpdate.Type.REVIVAL,
        current_stage=Stage.CALLED_OFF,
        proposed_stage=Stage.IN_TALKS,
    )
    deal_update_accept(update=flag, actor=editor)
    deal.refresh_from_db()
    assert deal.stage == Stage.IN_TALKS


def test_accepting_with_an_edit_uses_the_editors_stage(editor, article):
    deal = Deal.objects.create(title="D", stage=Stage.RUMOURED)
    flag = DealUpdate.objects.create(deal=deal, article=article, proposed_stage=Stage.COMPLETED)
    deal_update_accept(update=flag, actor=editor, stage=Stage.AGREED)
    deal.refresh_from_db()
    assert deal.stage == Stage.AGREED


def test_rejecting_a_new_deal_flag_takes_it_off_the_board(editor, article):
    deal = Deal.objects.create(title="Maybe", stage=Stage.RUMOURED, confirmed=False)
    flag = DealUpdate.objects.create(
        deal=deal, article=article, type=DealUpdate.Type.NEW_DEAL, proposed_stage=Stage.RUMOURED
    )
    assert deal_update_reject(update=flag, actor=editor)
    deal.refresh_from_db()
    assert deal.dismissed and deal.stage == Stage.RUMOURED
    assert not deal_update_accept(update=flag, actor=editor)


def test_accepting_a_new_deal_flag_confirms_it(editor, article):
    deal = Deal.objects.create(title="New", stage=Stage.AGREED, confirmed=False)
    flag = DealUpdate.objects.create(
        deal=deal, article=article, type=DealUpdate.Type.NEW_DEAL, proposed_stage=Stage.AGREED
    )
    deal_update_accept(update=flag, actor=editor)
    deal.refresh_from_db()
    assert deal.confirmed
    assert DealEvent.objects.filter(deal=deal, type=DealEvent.Type.EDIT).exists()
