"""The change log that what a process keeps in memory follows (core.changelog):
a reader gets what changed since its last look, or None when it must read
everything again."""

import pytest
from django.core.cache import cache

from core.changelog import ChangeLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def log():
    cache.clear()
    return ChangeLog("test:log", name="the test's rows", read_max=3)


def test_a_reader_gets_what_was_logged_since_its_last_look(log, django_capture_on_commit_callbacks):
    token, seen = log.position()
    with django_capture_on_commit_callbacks(execute=True):
        log.record([7])
    token_now, last = log.position()
    assert token_now == token
    # Logged at once and again after the commit: a reader in between reads them twice.
    assert log.since(token, seen, last) == [7, 7]
    assert log.since(token, last, last) == []


def test_more_than_a_reader_reads_one_by_one_makes_everyone_read_everything(log):
    token, _seen = log.position()
    log.record([1, 2, 3, 4])
    assert log.position()[0] != token
    log.record([5])
    log.record([6])
    log.record([7, 8])
    new_token, last = log.position()
    assert log.since(new_token, 0, last) is None


def test_an_expired_entry_makes_the_reader_read_everything(log):
    token, seen = log.position()
    log.record(["match:1", "match:2"])
    cache.delete(f"test:log:{token}:1")
    assert log.since(token, seen, log.position()[1]) is None


def test_a_save_goes_on_when_the_cache_is_away(log, monkeypatch, caplog):
    def away(*args, **kwargs):
        raise ConnectionError("no cache")

    monkeypatch.setattr(cache, "incr", away)
    log.record([1])
    assert "change log of the test's rows is unreachable" in caplog.text


def test_a_follower_reads_everything_first_then_what_changed_then_everything_for_a_new_key(log):
    from core.changelog import Follower

    follower, reads, key = Follower(log, max_age=60), [], ["db-1"]

    def look():
        follower.follow(
            lambda: tuple(key),
            read_all=lambda: reads.append("all"),
            read_some=lambda entries: reads.append(entries),
        )

    look()
    look()
    log.record([5])
    look()
    key[0] = "db-2"
    look()
    assert reads == ["all", [5], "all"]
