from django.db import migrations, models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone


def hide_sample_only_companies(apps, schema_editor):
    """Companies earlier ingestion created for a drawn sample alone go out of sight too.

    Only the ones the data shows plainly: unverified, a party to sample-born deals only (see
    deals.models.sample_born, restated here for the historical models), mentioned only by the
    stories of those deals' sample flags, with no tip and no subsidiary. A company named only by
    a sample about a deal already on the board left no such trace and stays as it is.
    """
    Company = apps.get_model("deals", "Company")
    Deal = apps.get_model("deals", "Deal")
    DealParty = apps.get_model("deals", "DealParty")
    DealUpdate = apps.get_model("deals", "DealUpdate")
    Mention = apps.get_model("articles", "Mention")
    new_deal = DealUpdate.objects.filter(deal=OuterRef("pk"), type="new_deal")
    born = Deal.objects.filter(
        Q(confirmed=False, dismissed=True)
        & Exists(new_deal.filter(is_sample=True))
        & ~Exists(new_deal.filter(is_sample=False))
    )
    # A story of one of the company's own sample flags (matched per mention row, not with
    # `article_id__in=`: a flag's article is nullable, and NOT IN over a NULL matches nothing).
    own_sample_story = DealUpdate.objects.filter(
        is_sample=True,
        deal__parties__company=OuterRef("company"),
        article_id=OuterRef("article_id"),
    )
    candidates = (
        Company.objects.filter(verified=False, sample_only=False, merged_into__isnull=True)
        .filter(Exists(DealParty.objects.filter(company=OuterRef("pk"))))
        .exclude(Exists(DealParty.objects.filter(company=OuterRef("pk")).exclude(deal__in=born)))
        .exclude(Exists(apps.get_model("deals", "Tip").objects.filter(company=OuterRef("pk"))))
        .exclude(Exists(Company.objects.filter(parent=OuterRef("pk"))))
        # A company others were merged into is one an editor vouched for.
        .exclude(Exists(Company.objects.filter(merged_into=OuterRef("pk"))))
        .exclude(
            Exists(
                Mention.objects.filter(company=OuterRef("pk")).filter(~Exists(own_sample_story))
            )
        )
    )
    # updated_at moves so that the analysis's company dictionary, whose version keys on the
    # latest updated_at, is rebuilt without them.
    candidates.update(sample_only=True, updated_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("deals", "0007_dealupdate_sample"),
        ("articles", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="company",
            name="sample_only",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(hide_sample_only_companies, migrations.RunPython.noop),
    ]
