"""Recompute CompanyAlias.normalised after normalise_name learnt dotted and joined legal forms.

"Merrill Lynch & Co" used to fold to "merrill lynch &" and "Royal Dutch N.V." to
"royal dutch n v"; they now fold to "merrill lynch" and "royal dutch". A row whose
new key another alias already holds keeps its old key (the analysis dictionary
re-normalises names when it is built, so such a row still matches stories).
"""

from django.db import migrations

from articles.analysis.names import normalise_name


def renormalise(apps, schema_editor):
    CompanyAlias = apps.get_model("deals", "CompanyAlias")
    taken = set(CompanyAlias.objects.values_list("normalised", flat=True))
    for alias in CompanyAlias.objects.only("id", "alias", "normalised").iterator():
        key = normalise_name(alias.alias)
        if key and key != alias.normalised and key not in taken:
            taken.discard(alias.normalised)
            taken.add(key)
            CompanyAlias.objects.filter(pk=alias.pk).update(normalised=key)


class Migration(migrations.Migration):
    dependencies = [("deals", "0004_feedtoken")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
