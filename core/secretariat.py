"""The Secretariat group: what the secretariat may do in the admin.

Every `migrate` ends by calling `sync_secretariat_group` (post_migrate, see
core.apps), so the group always has every permission on the product's own models
and none on Django's plumbing (permissions, content types, sessions). Older
migrations call it too, from the time before the signal.
"""

SECRETARIAT_GROUP = "Secretariat"
PRODUCT_APPS = [
    "taxonomy",
    "members",
    "listings",
    "exchanges",
    "matchmaking",
    "casestudies",
    "notifications",
    "events",
]
EXTRA = [("auth", "view_group")]


def sync_secretariat_group(apps, schema_editor=None):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; create them now so the
    # group can be given them in the same run.
    for config in apps.get_app_configs():
        # A migration's historical apps have no models module, and
        # create_permissions skips such apps; the live registry has one.
        original = getattr(config, "models_module", None)
        config.models_module = original or True
        create_permissions(config, verbosity=0, apps=apps)
        config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    perms = list(Permission.objects.filter(content_type__app_label__in=PRODUCT_APPS))
    for app_label, codename in EXTRA:
        perms += list(
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )
    group.permissions.add(*perms)
    return group
