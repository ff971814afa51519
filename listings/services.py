"""Writes on requests and offers. Views, admin actions, commands and tasks call
these functions; every status change goes through core.workflow.change_status."""

import datetime

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.language import written_language
from core.queueing import delay_on_commit
from core.workflow import TransitionNotAllowed, change_status, save_with_history
from notifications.emails import absolute_url
from notifications.services import notification_record, notify_secretariat

from .forms import MAX_EXPIRY_DAYS
from .models import (
    LISTING_EDITABLE,
    SAVED_SEARCHES_PER_PERSON,
    ExpressionOfInterest,
    Listing,
    ListingStatus,
    SavedSearch,
)
from .selectors import listing_owners, saved_searches_fitting

M2M_FIELDS = ("themes", "formats", "target_groups", "languages")
REMINDER_DAYS = 14
# The salt of links already sent by email: it stays as it was when listings lived
# in the exchanges app, or those links would stop working.
LINK_SALT = "exchanges.listing-link"
LINK_MAX_AGE = 60 * 60 * 24 * 30


def listing_context(listing: Listing) -> dict:
    return {
        "reference": listing.reference,
        "title": listing.title,
        # The code: each e-mail names the kind in its reader's language (listing_words).
        "kind": listing.kind,
        "organisation": listing.organisation.name,
        "url": absolute_url(listing.get_absolute_url()),
        "admin_url": absolute_url(reverse("admin:listings_listing_change", args=[listing.pk])),
        "expires_on": listing.expires_on.isoformat(),
    }


def _apply(listing: Listing, data: dict) -> None:
    for name, value in data.items():
        if name not in M2M_FIELDS:
            setattr(listing, name, value)


def listing_language_set(*, listing: Listing, chosen: str, before: Listing | None = None) -> None:
    """The language the member (or the secretariat) chose, else the one detected
    from the title and description (core.language.written_language)."""
    listing.language = written_language(
        chosen,
        (listing.title, listing.description),
        before=(before.language, (before.title, before.description)) if before else None,
    )


def _set_language(listing: Listing, data: dict, before: Listing | None = None) -> None:
    chosen = data.get("language", before.language if before else "")
    listing_language_set(listing=listing, chosen=chosen, before=before)


def _set_m2m(listing: Listing, data: dict) -> None:
    for name in M2M_FIELDS:
        if name in data:
            getattr(listing, name).set(data[name])


# The matcher's copies of two relations on the listing row (Listing.theme_ids,
# language_ids): (field, link table's column of the other side).
COPIED_TAGS = {"theme_ids": ("themes", "theme_id"), "language_ids": ("languages", "language_id")}


def _copy_sql(vendor: str) -> str:
    """One UPDATE that copies each listing's themes and languages onto its row."""
    table = Listing._meta.db_table
    sets = []
    for field, (relation, column) in COPIED_TAGS.items():
        link = getattr(Listing, relation).through._meta.db_table
        if vendor == "postgresql":
            rows = f"SELECT {column} FROM {link} WHERE listing_id = {table}.id"  # noqa: S608 (names from the models)
            value = f"ARRAY({rows} ORDER BY {column})"
        else:
            rows = f"SELECT {column} FROM {link} WHERE listing_id = {table}.id"  # noqa: S608 (names from the models)
            value = f"(SELECT json_group_array({column}) FROM ({rows} ORDER BY {column}))"  # noqa: S608
        sets.append(f"{field} = {value}")
    return f"UPDATE {table} SET {', '.join(sets)} WHERE id IN "  # noqa: S608 (names from the models)


def listing_tags_copy(*, listing_ids) -> None:
    """Copy these listings' themes and working languages onto their rows. Called
    on every change of the two relations (`listing_tags_changed`); bulk inserts of
    link rows (seed_scale, the benchmarks) call it themselves."""
    ids = sorted({int(pk) for pk in listing_ids})
    sql = _copy_sql(connection.vendor)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            cursor.execute(sql + f"({', '.join(['%s'] * len(batch))})", batch)


def listing_tags_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """m2m_changed of Listing.themes and Listing.languages, whichever side changed
    them (forms, the admin, factories, `.set()` anywhere)."""
    if reverse and action == "pre_clear":
        # A theme or language losing all its listings: remember which.
        column = next(c for r, c in COPIED_TAGS.values() if getattr(Listing, r).through is sender)
        instance._listings_cleared = list(
            sender.objects.filter(**{column: instance.pk}).values_list("listing_id", flat=True)
        )
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        listing_tags_copy(listing_ids=[instance.pk])
    elif action == "post_clear":
        listing_tags_copy(listing_ids=getattr(instance, "_listings_cleared", []))
    else:
        listing_tags_copy(listing_ids=pk_set or [])


@transaction.atomic
def listing_create(*, organisation, kind: str, by, data: dict, external_ref=None) -> Listing:
    listing = Listing(
        organisation=organisation, kind=kind, created_by=by, external_ref=external_ref
    )
    _apply(listing, data)
    _set_language(listing, data)
    save_with_history(listing, by=by, reason=_("Created"))
    _set_m2m(listing, data)
    return listing


DOUBLE_CLICK_SECONDS = 120


@transaction.atomic
def listing_create_once(*, organisation, kind: str, by, data: dict) -> tuple[Listing, bool]:
    """(listing, created). A double click posts the form twice: the second post finds
    the listing the first one made (same person, organisation, kind and title, a
    moment ago) instead of making a twin draft. Locking the organisation's row makes
    two posts arriving together wait for each other."""
    type(organisation).objects.select_for_update().filter(pk=organisation.pk).first()
    twin = Listing.objects.filter(
        organisation=organisation,
        kind=kind,
        created_by=by,
        title=data.get("title"),
        created_at__gte=timezone.now() - datetime.timedelta(seconds=DOUBLE_CLICK_SECONDS),
    ).first()
    if twin:
        return twin, False
    return listing_create(organisation=organisation, kind=kind, by=by, data=data), True


def _changed_fields(before: Listing, data: dict) -> list[str]:
    """What an edit changes, as people name the fields: the history keeps it, because
    the history rows hold no many-to-many values."""
    changed = []
    for name, value in data.items():
        if name in M2M_FIELDS:
            differs = set(getattr(before, name).values_list("pk", flat=True)) != {
                item.pk for item in value
            }
        else:
            differs = getattr(before, name) != value
        if differs:
            changed.append(str(Listing._meta.get_field(name).verbose_name))
    return changed


@transaction.atomic
def listing_update(*, listing: Listing, by, data: dict, reason: str = "") -> Listing:
    """The owner edits; an open listing stays open, and the history keeps the change."""
    if listing.status not in LISTING_EDITABLE:
        raise ValidationError(
            _("A %(status)s listing cannot be edited.") % {"status": listing.get_status_display()}
        )
    before = Listing.objects.get(pk=listing.pk)
    changed = _changed_fields(before, data)
    _apply(listing, data)
    _set_language(listing, data, before)
    reason = reason or _("Edited by the organisation")
    save_with_history(
        listing, by=by, reason=f"{reason}: {', '.join(changed)}" if changed else reason
    )
    _set_m2m(listing, data)
    if listing.status == ListingStatus.OPEN and {"title", "description"} & set(data):
        _queue_embedding(listing)
    return listing


@transaction.atomic
def listing_submit(*, listing: Listing, by) -> Listing:
    now = timezone.now()
    change_status(
        listing,
        to=ListingStatus.SUBMITTED,
        by=by,
        reason=_("Submitted for review"),
        expected=ListingStatus.DRAFT,
        changes={"submitted_at": now},
    )
    notify_secretariat(
        kind="listing_submitted",
        about=listing,
        context=listing_context(listing),
        event=f"submitted:{now.isoformat()}",
    )
    return listing


def _notify_owners(listing: Listing, kind: str, event: str, **extra) -> None:
    context = {**listing_context(listing), **extra}
    for user in listing_owners(listing):
        notification_record(kind=kind, recipient=user, about=listing, context=context, event=event)


@transaction.atomic
def listing_publish(*, listing: Listing, by) -> Listing:
    now = timezone.now()
    change_status(
        listing,
        to=ListingStatus.OPEN,
        by=by,
        reason=_("Published by the secretariat"),
        expected=ListingStatus.SUBMITTED,
        changes={"published_at": now, "review_comment": ""},
    )
    _notify_owners(listing, "listing_published", event=f"published:{now.isoformat()}")
    _queue_saved_search_matching(listing)
    _queue_embedding(listing)
    return listing


def _queue_embedding(listing: Listing) -> None:
    """Compute the listing's vector after commit, so that a rollback queues
    nothing. If the broker is down the listing still ranks (its text signal
    missing, said so) and `embed_listings` or the periodic task catch up."""
    from .tasks import listing_embed

    delay_on_commit(listing_embed, listing.pk, what=f"the vector of listing {listing.pk}")


def listings_embed(*, listings=None, force: bool = False) -> int:
    """Store the vectors of these listings whose text or encoder changed (by
    default: open listings with no vector from the configured encoder); returns
    how many were encoded. The task, the command and the demo data come here."""
    from embeddings.encoders import encoder_name
    from embeddings.services import listing_text, listing_vectors_store

    qs = listings
    if qs is None:
        qs = Listing.objects.filter(status=ListingStatus.OPEN).exclude(
            vector__encoder=encoder_name()
        )
    texts = {
        pk: listing_text(title=title, description=description)
        for pk, title, description in qs.values_list("pk", "title", "description")
    }
    return listing_vectors_store(texts=texts, force=force)


def _queue_saved_search_matching(listing: Listing) -> None:
    """Check the saved searches in the background after commit: publishing answers
    at once however many searches there are. If the broker is down the
    publication still stands; the searches are then not told of this listing."""
    from .tasks import listing_notify_saved_searches

    delay_on_commit(
        listing_notify_saved_searches, listing.pk, what=f"the saved searches of {listing.pk}"
    )


@transaction.atomic
def listing_notify_saved_searches(listing: Listing) -> int:
    """Record one notification per saved search this open listing fits (once per
    search: the outbox ignores a repeated event, so a retried task does no harm)."""
    if listing.status != ListingStatus.OPEN:
        return 0
    context = listing_context(listing)
    searches = saved_searches_fitting(listing)
    for search in searches:
        notification_record(
            kind="saved_search_match",
            recipient=search.user,
            about=listing,
            context={
                **context,
                "search": search.name,
                "search_url": absolute_url(search.get_absolute_url()),
            },
            event=f"search:{search.pk}",
        )


@transaction.atomic
def listing_return(*, listing: Listing, by, comment: str) -> Listing:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Say what the organisation should change."))
    now = timezone.now()
    change_status(
        listing,
        to=ListingStatus.DRAFT,
        by=by,
        reason=_("Returned by the secretariat: %(comment)s") % {"comment": comment},
        expected=ListingStatus.SUBMITTED,
        changes={"review_comment": comment},
    )
    _notify_owners(
        listing, "listing_returned", event=f"returned:{now.isoformat()}", comment=comment
    )
    return listing


def listing_withdraw(*, listing: Listing, by, reason: str = "") -> Listing:
    return change_status(
        listing,
        to=ListingStatus.WITHDRAWN,
        by=by,
        reason=reason or _("Withdrawn by the organisation"),
        expected=listing.status,
    )


def listing_close(*, listing: Listing, by, reason: str = "") -> Listing:
    return change_status(
        listing,
        to=ListingStatus.CLOSED,
        by=by,
        reason=reason or _("Closed by the organisation"),
        expected=listing.status,
    )


@transaction.atomic
def listing_renew(*, listing: Listing, by, today=None) -> Listing:
    """Once per listing: an expiring or expired listing gets another period."""
    today = today or timezone.localdate()
    if listing.renewed:
        raise ValidationError(_("This listing has already been renewed once."))
    if not listing.organisation.is_active_member:
        # Also through the link of the "still current?" email, which needs no sign-in.
        raise ValidationError(
            _("%(organisation)s is not an active member: its listings cannot be renewed.")
            % {"organisation": listing.organisation}
        )
    new_expiry = today + datetime.timedelta(days=MAX_EXPIRY_DAYS // 4)
    changes = {"renewed": True, "expires_on": new_expiry}
    if listing.status == ListingStatus.EXPIRED:
        return change_status(
            listing,
            to=ListingStatus.OPEN,
            by=by,
            reason=_("Renewed until %(date)s") % {"date": new_expiry},
            expected=ListingStatus.EXPIRED,
            changes=changes,
        )
    if listing.status != ListingStatus.OPEN:
        raise ValidationError(_("Only an open or expired listing can be renewed."))
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    for name, value in changes.items():
        setattr(locked, name, value)
        setattr(listing, name, value)
    save_with_history(
        locked,
        by=by,
        reason=_("Renewed until %(date)s") % {"date": new_expiry},
        update_fields=[*changes, "updated_at"],
    )
    return listing


@transaction.atomic
def listing_expire(*, listing: Listing) -> Listing:
    change_status(
        listing,
        to=ListingStatus.EXPIRED,
        reason=_("The expiry date passed"),
        expected=ListingStatus.OPEN,
    )
    _notify_owners(listing, "listing_expired", event=f"expired:{listing.expires_on}")
    return listing


def listings_expire_due(*, today=None) -> list[Listing]:
    """Expire every open listing whose expiry date has passed (idempotent)."""
    today = today or timezone.localdate()
    expired = []
    for listing in (
        Listing.objects.open().filter(expires_on__lt=today).select_related("organisation")
    ):
        try:
            expired.append(listing_expire(listing=listing))
        except TransitionNotAllowed:
            continue  # withdrawn or closed by its owner meanwhile: nothing to expire
    return expired


def listing_link_token(listing: Listing, action: str) -> str:
    return signing.dumps({"ref": listing.reference, "action": action}, salt=LINK_SALT)


def listing_link_read(token: str) -> tuple[str, str]:
    """The (reference, action) of a signed link; raises signing.BadSignature."""
    data = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    return data["ref"], data["action"]


def listings_remind_expiring(*, today=None) -> list[Listing]:
    """'Still current?' once per expiry date, fourteen days (or fewer) before it."""
    today = today or timezone.localdate()
    due = (
        Listing.objects.open()
        .filter(
            expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=REMINDER_DAYS)
        )
        .select_related("organisation", "contact", "created_by")
    )
    reminded = []
    with transaction.atomic():
        for listing in due:
            links = {
                "close_url": absolute_url(
                    reverse("listings:listing-link", args=[listing_link_token(listing, "close")])
                ),
            }
            if not listing.renewed:
                links["renew_url"] = absolute_url(
                    reverse("listings:listing-link", args=[listing_link_token(listing, "renew")])
                )
            _notify_owners(
                listing, "listing_expiring", event=f"expiring:{listing.expires_on}", **links
            )
            reminded.append(listing)
    return reminded


@transaction.atomic
def interest_express(*, listing: Listing, organisation, by, data: dict) -> ExpressionOfInterest:
    # Locking the listing serialises the cap check between two organisations.
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    interest_check(listing=locked, organisation=organisation)
    try:
        with transaction.atomic():
            interest = ExpressionOfInterest.objects.create(
                listing=locked, organisation=organisation, user=by, **data
            )
    except IntegrityError as exc:
        raise ValidationError(_already_interested(locked)) from exc
    notify_secretariat(
        kind="interest_expressed",
        about=interest,
        context={
            **listing_context(locked),
            "is_request": locked.is_request,
            "interested": organisation.name,
            "role": interest.get_role_display(),
            "admin_url": absolute_url(reverse("admin:listings_listing_change", args=[locked.pk])),
        },
    )
    return interest


# Whole sentences per kind, not "this {kind}": translators need the full sentence.
def _already_interested(listing: Listing) -> str:
    if listing.is_request:
        return _("Your organisation has already expressed interest in this request.")
    return _("Your organisation has already expressed interest in this offer.")


def interest_check(*, listing: Listing, organisation) -> None:
    """Raise ValidationError with the reason this organisation cannot say 'interested'.

    Requests and offers take expressions of interest alike: an offer is as much an
    invitation to get in touch as a request is.
    """
    request = listing.is_request
    if listing.status != ListingStatus.OPEN:
        raise ValidationError(_("Only an open request or offer takes expressions of interest."))
    if organisation is None:
        raise ValidationError(_("Only member organisations can express interest."))
    if not listing.organisation.is_active_member:
        # Suspended: it answers for nobody (members.permissions), so it hears from nobody.
        raise ValidationError(
            _("%(organisation)s is not an active member: it takes no expressions of interest.")
            % {"organisation": listing.organisation.name}
        )
    if organisation.pk == listing.organisation_id:
        raise ValidationError(
            _("Your organisation cannot express interest in its own request.")
            if request
            else _("Your organisation cannot express interest in its own offer.")
        )
    if listing.interest_closed:
        raise ValidationError(
            _("This request no longer takes expressions of interest.")
            if request
            else _("This offer no longer takes expressions of interest.")
        )
    if listing.interests.filter(organisation=organisation).exists():
        raise ValidationError(_already_interested(listing))
    if listing.interest_cap is not None and listing.interests.count() >= listing.interest_cap:
        raise ValidationError(
            _("This request has received the most expressions of interest it takes.")
            if request
            else _("This offer has received the most expressions of interest it takes.")
        )


def listing_interest_settings(*, listing: Listing, by, cap, closed: bool) -> Listing:
    listing.interest_cap = cap
    listing.interest_closed = closed
    save_with_history(
        listing,
        by=by,
        reason=_("Expressions of interest settings changed"),
        update_fields=["interest_cap", "interest_closed", "updated_at"],
    )
    return listing


def saved_search_create(*, user, name: str, query: str, notify: bool) -> SavedSearch:
    # Every publication is checked against every saved search that e-mails, so one
    # person cannot make each publication slow and write hundreds of e-mails.
    if SavedSearch.objects.filter(user=user).count() >= SAVED_SEARCHES_PER_PERSON:
        raise ValidationError(
            _(
                "You already keep %(count)d saved searches, the most one person can keep. "
                "Delete one you no longer need first."
            )
            % {"count": SAVED_SEARCHES_PER_PERSON}
        )
    return SavedSearch.objects.create(user=user, name=name, query=query, notify=notify)


def saved_search_delete(*, search: SavedSearch) -> None:
    search.delete()
