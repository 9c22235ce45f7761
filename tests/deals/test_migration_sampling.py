"""0007 adds DealUpdate.is_sample / sample_rate: flags raised before it are plain flags."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("deals", "0006_dealarticle_recent_index")]
AFTER = [("deals", "0007_dealupdate_sample")]


@pytest.mark.django_db(transaction=True)
def test_flags_raised_before_the_migration_are_not_samples():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    deal = old.get_model("deals", "Deal").objects.create(title="Harlow to acquire Quillon")
    flag = old.get_model("deals", "DealUpdate").objects.create(
        deal=deal, proposed_stage="agreed", evidence="Harlow agreed to buy Quillon."
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    row = new.get_model("deals", "DealUpdate").objects.get(pk=flag.pk)
    assert row.is_sample is False and row.sample_rate is None
    sample = new.get_model("deals", "DealUpdate").objects.create(
        deal_id=deal.pk, proposed_stage="completed", is_sample=True, sample_rate=0.05
    )
    assert new.get_model("deals", "DealUpdate").objects.filter(is_sample=True).get().pk == sample.pk

    # And back: the columns go, the flags stay.
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    back = executor.loader.project_state(BEFORE).apps
    assert back.get_model("deals", "DealUpdate").objects.count() == 2
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
