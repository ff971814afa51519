from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="core.start_idle_clock")
        # After every migrate (and every test flush): a new model's permissions reach
        # the Secretariat group without a migration of its own.
        post_migrate.connect(_sync_secretariat, dispatch_uid="core.sync_secretariat")


def _sync_secretariat(sender, *, apps=None, **kwargs):
    # post_migrate comes once per app with models (core has none): act once, on
    # auth's; the sync creates the other apps' permissions before it grants them.
    if sender.label != "auth":
        return
    from django.apps import apps as live_apps

    from .secretariat import sync_secretariat_group

    # (A flush sends the signal without the migration state: the live registry.)
    sync_secretariat_group(apps or live_apps)
