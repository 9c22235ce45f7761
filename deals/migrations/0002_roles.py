"""Create the desk's roles as groups with their model permissions."""

from django.db import migrations

ROLE_PERMISSIONS = {
    "editor": {
        "deals": {
            "company": ["view", "add", "change"],
            "companyalias": ["view", "add", "change", "delete"],
            "deal": ["view", "add", "change"],
            "dealparty": ["view", "add", "change", "delete"],
            "dealevent": ["view"],
            "dealupdate": ["view", "change"],
            "dealarticle": ["view", "add"],
            "tip": ["view", "add", "change"],
        },
        "articles": {"article": ["view", "add"], "mention": ["view"], "source": ["view"]},
    },
    "reporter": {
        "deals": {
            "company": ["view", "add"],
            "companyalias": ["view"],
            "deal": ["view"],
            "dealparty": ["view"],
            "dealevent": ["view"],
            "tip": ["view", "add", "change"],
        },
        "articles": {"article": ["view", "add"], "mention": ["view"]},
    },
    "admin": {
        "articles": {
            "source": ["view", "add", "change", "delete"],
            "article": ["view"],
        },
        "auth": {"user": ["view", "add", "change"], "group": ["view"]},
    },
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    assign_roles(apps)


def assign_roles(apps):
    """Groups and their permissions; idempotent (tests call it again after a flush)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, by_app in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for app_label, models in by_app.items():
            for model, actions in models.items():
                codenames = [f"{action}_{model}" for action in actions]
                wanted.extend(
                    Permission.objects.filter(
                        content_type__app_label=app_label, codename__in=codenames
                    )
                )
        group.permissions.set(wanted)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("deals", "0001_initial"),
        ("articles", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
