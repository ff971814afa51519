"""What is kept under a token (figures, the member area, the matcher's columns,
the vocabularies' names) is renewed the same way: now and after the commit."""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.counts import cache_generation, changes_connect, token_renew
from core.workflow import status_changed
from listings.models import Listing
from taxonomy.models import Format, Theme


def test_a_token_is_renewed_now_and_again_after_the_commit(db, django_capture_on_commit_callbacks):
    before = cache_generation("test:token")
    written = []
    with django_capture_on_commit_callbacks(execute=True):
        token_renew("test:token", written=lambda: written.append(cache.get("test:token")))
        now = cache.get("test:token")
        assert now != before
    after = cache.get("test:token")
    assert after != now
    assert written == [now, after]


def test_changes_connect_listens_to_saves_deletions_and_what_is_asked(db):
    heard = []

    def receiver(signal, **kwargs):
        heard.append(signal)

    through = Listing.formats.through
    changes_connect(receiver, Theme, m2m=[through], status=True, uid="test.tokens")
    signals = {"save": post_save, "delete": post_delete, "status": status_changed}
    try:
        for signal in signals.values():
            signal.send(sender=Theme, instance=None)
        m2m_changed.send(sender=through, instance=None, action="post_add")
        post_save.send(sender=Format, instance=None)  # not named: not heard
        assert heard == [*signals.values(), m2m_changed]
    finally:
        for name, signal in signals.items():
            signal.disconnect(sender=Theme, dispatch_uid=f"test.tokens.{name}.{Theme._meta.label}")
        m2m_changed.disconnect(
            sender=through, dispatch_uid=f"test.tokens.m2m.{through._meta.label}"
        )
