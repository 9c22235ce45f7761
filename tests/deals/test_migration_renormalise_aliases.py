"""0005 recomputes alias keys stored before normalise_name learnt joined legal forms."""

import importlib

import pytest
from django.apps import apps

from deals.models import Company, CompanyAlias

pytestmark = pytest.mark.django_db

renormalise = importlib.import_module("deals.migrations.0005_renormalise_aliases").renormalise


def test_old_keys_are_recomputed_unless_another_alias_holds_the_new_one():
    searle = Company.objects.create(name="Searle and Co", slug="searle")
    lynch = Company.objects.create(name="Lynch & Co", slug="lynch")
    old = CompanyAlias.objects.create(company=searle, alias="Searle and Co")
    held = CompanyAlias.objects.create(company=lynch, alias="Lynch")
    clash = CompanyAlias.objects.create(company=lynch, alias="Lynch Brothers")
    # Rows as the old normalise_name stored them.
    CompanyAlias.objects.filter(pk=old.pk).update(normalised="searle and")
    CompanyAlias.objects.filter(pk=clash.pk).update(alias="Lynch & Co Inc", normalised="lynch & co")

    renormalise(apps, None)

    assert CompanyAlias.objects.get(pk=old.pk).normalised == "searle"
    assert CompanyAlias.objects.get(pk=held.pk).normalised == "lynch"
    assert CompanyAlias.objects.get(pk=clash.pk).normalised == "lynch & co"
