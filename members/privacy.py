"""A person's data: everything the tool holds about them (the export), and the
erasure that anonymises them in every table and log while their organisations'
records stay. docs/security.md lists what is kept, and for how long."""

import uuid

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.registry import Registry
from notifications.services import notifications_erase_person, notifications_of_person

from .models import EmailChange, Invitation, Role, User

FORMER_MEMBER_NAME = "Former member"


# What the apps above members hold about a person (their requests, offers and
# interests, …): each app adds its section from its AppConfig.ready().
# name → function(user) -> JSON values
EXPORT_SECTIONS = Registry()
export_section = EXPORT_SECTIONS.register


def iso(value):
    return value.isoformat() if value else None


def sign_in_records_of(email: str) -> dict:
    email = email.lower()
    return {
        "sign_ins": [
            {"at": iso(r.attempt_time), "address": r.ip_address, "browser": r.user_agent}
            for r in AccessLog.objects.filter(username__iexact=email)
        ],
        "failed_sign_ins": [
            {"at": iso(r.attempt_time), "address": r.ip_address, "browser": r.user_agent}
            for r in AccessFailureLog.objects.filter(username__iexact=email)
        ],
        "lockouts": [
            {
                "at": iso(r.attempt_time),
                "address": r.ip_address,
                "failures": r.failures_since_start,
            }
            for r in AccessAttempt.objects.filter(username__iexact=email)
        ],
    }


def history_of(user: User) -> list[dict]:
    """Every recorded version of the person's account, and every change they
    made to other records (which record, when, what kind of change)."""
    rows = [
        {
            "record": "your account",
            "at": iso(h.history_date),
            "change": h.get_history_type_display(),
            "email": h.email,
            "full_name": h.full_name,
        }
        for h in user.history.all()
    ]
    for model in apps.get_models():
        if not model.__name__.startswith("Historical") or model is user.history.model:
            continue
        if "history_user" not in {f.name for f in model._meta.fields}:
            continue
        for h in model.objects.filter(history_user=user):
            rows.append(
                {
                    "record": f"{h.instance_type._meta.verbose_name}: {h}",
                    "at": iso(h.history_date),
                    "change": h.get_history_type_display(),
                    "reason": h.history_change_reason or "",
                }
            )
    return rows


def personal_data_export(*, user: User) -> dict:
    """Everything the tool holds about the person, as plain JSON values."""
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "job_title": user.job_title,
            "language": user.language,
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "email_notifications": user.email_notifications,
            "weekly_digest": user.weekly_digest,
            "privacy_consent_at": iso(user.privacy_consent_at),
            "second_factor_devices": [
                {"name": d.name, "confirmed": d.confirmed}
                for d in TOTPDevice.objects.filter(user=user)
            ],
        },
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role, "since": iso(m.created_at)}
            for m in user.memberships.select_related("organisation")
        ],
        "contact_for_listings": [
            {"reference": listing.reference, "title": listing.title}
            for listing in user.contact_for_listings.all()
        ],
        "saved_searches": [
            {"name": s.name, "filters": s.query, "alerts": s.notify, "at": iso(s.created_at)}
            for s in user.saved_searches.all()
        ],
        "invitations_sent": [
            {
                "email": i.email,
                "organisation": i.organisation.name,
                "sent": iso(i.created_at),
                "accepted": iso(i.accepted_at),
            }
            for i in Invitation.objects.filter(invited_by=user).select_related("organisation")
        ],
        "invitations_received": [
            {"organisation": i.organisation.name, "sent": iso(i.created_at)}
            for i in Invitation.objects.filter(email__iexact=user.email).select_related(
                "organisation"
            )
        ],
        "email_changes": [
            {"new_email": c.new_email, "asked": iso(c.created_at), "done": iso(c.confirmed_at)}
            for c in EmailChange.objects.filter(user=user)
        ],
        "history": history_of(user),
        **sign_in_records_of(user.email),
        "notifications": notifications_of_person(user=user),
        **{name: section(user) for name, section in EXPORT_SECTIONS.items()},
    }


def _require_not_last_coordinator(user: User) -> None:
    for membership in user.memberships.filter(role=Role.COORDINATOR).select_related("organisation"):
        organisation = membership.organisation
        others = organisation.memberships.exclude(user=user)
        if others.exists() and not others.filter(role=Role.COORDINATOR).exists():
            raise ValidationError(
                _(
                    "You are the last coordinator of %(organisation)s: make a colleague "
                    "coordinator before you delete your account."
                )
                % {"organisation": organisation.name}
            )


@transaction.atomic
def account_delete(*, user: User) -> User:
    """Anonymise the person: contributions stay, attributed to a former member;
    the history, the outbox and the sign-in logs keep no copy of who they were."""
    user = User.objects.select_for_update().get(pk=user.pk)
    _require_not_last_coordinator(user)
    old_email, old_name = user.email, user.full_name
    placeholder = f"former-member-{uuid.uuid4().hex}@invalid.example"
    personal = {"full_name": FORMER_MEMBER_NAME, "email": placeholder, "job_title": ""}
    user.memberships.all().delete()
    Invitation.objects.filter(email__iexact=old_email, accepted_at__isnull=True).delete()
    for field, value in personal.items():
        setattr(user, field, value)
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.email_notifications = user.weekly_digest = False
    user.privacy_consent_at = None
    user.save()
    user.groups.clear()
    user.history.update(**personal, history_change_reason="")
    user.saved_searches.all().delete()
    user.email_changes.all().delete()
    TOTPDevice.objects.filter(user=user).delete()
    for log in (AccessAttempt, AccessLog, AccessFailureLog):
        log.objects.filter(username__iexact=old_email).delete()
    notifications_erase_person(
        user=user,
        old_email=old_email,
        old_name=old_name,
        placeholder_email=placeholder,
        placeholder_name=FORMER_MEMBER_NAME,
    )
    return user
