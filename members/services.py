"""Writes: joining the partnership, colleagues, and a person's own account.

Views, admin actions and commands call these functions; each one changes the data
and records the notifications due inside one transaction.
"""

import datetime

import rules
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.counts import counts_changed
from core.refusals import Refusal
from core.workflow import TransitionNotAllowed, change_status, save_with_history
from notifications.emails import absolute_url
from notifications.services import notification_record, notify_secretariat

from .models import (
    EmailChange,
    Invitation,
    Membership,
    MembershipStatus,
    Organisation,
    Role,
    User,
)
from .signals import organisation_reinstated

INVITATION_SALT = "members.invitation"
INVITATION_MAX_AGE = 60 * 60 * 24 * 14
EMAIL_CHANGE_SALT = "members.email-change"
EMAIL_CHANGE_MAX_AGE = 60 * 60 * 24 * 3


class InvitationInvalid(Refusal):
    """The link is tampered, expired or already used; the message says which."""


def unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def organisation_create_member(
    *, name: str, kind: str, country: str, region: str, city: str, oid: str | None, languages
) -> Organisation:
    """An organisation that is a member from the start, as those that filled in the
    partnership's form before the tool (listings.imports). Raises ValidationError."""
    organisation = Organisation(
        name=name,
        slug=unique_slug(name),
        kind=kind,
        country=country,
        region=region,
        city=city,
        oid=oid,
        status=MembershipStatus.ACTIVE,
        joined_on=timezone.localdate(),
    )
    organisation.full_clean()
    organisation.save()
    organisation.languages.set(languages)
    return organisation


def application_duplicate_of(*, name: str, country: str, oid: str | None):
    same = Organisation.objects.filter(name__iexact=name.strip(), country=country)
    if oid:
        same = same | Organisation.objects.filter(oid=oid)
    return same.first()


def application_submit(*, organisation: dict, themes=(), languages=(), applicant: dict):
    """Record an application: the organisation as an applicant and the person's
    account inactive. A second application for the same organisation is flagged to
    the secretariat instead of created; then None is returned."""
    try:
        with transaction.atomic():
            return _application_record(
                organisation=organisation, themes=themes, languages=languages, applicant=applicant
            )
    except IntegrityError:
        # A double click, or two people applying for one OID at the same moment:
        # the unique constraints decide, and the second is flagged like any
        # duplicate (or dropped, when the first is not visible yet).
        with transaction.atomic():
            duplicate = application_duplicate_of(
                name=organisation["name"],
                country=str(organisation["country"]),
                oid=organisation["oid"],
            )
            if duplicate is not None:
                application_flag_duplicate(
                    duplicate=duplicate, context=applicant_context(organisation, applicant)
                )
                application_acknowledge(
                    organisation=duplicate, name=organisation["name"], applicant=applicant
                )
        return None


def applicant_context(organisation: dict, applicant: dict) -> dict:
    return {
        "applicant": applicant["full_name"],
        "applicant_email": applicant["email"],
        "applicant_role": applicant.get("job_title", ""),
        "organisation": organisation["name"],
        "country": str(organisation["country"]),
        "oid": organisation["oid"] or "",
    }


def _application_record(*, organisation: dict, themes, languages, applicant: dict):
    context = applicant_context(organisation, applicant)
    duplicate = application_duplicate_of(
        name=organisation["name"], country=str(organisation["country"]), oid=organisation["oid"]
    )
    if duplicate is not None:
        application_flag_duplicate(duplicate=duplicate, context=context)
        application_acknowledge(
            organisation=duplicate, name=organisation["name"], applicant=applicant
        )
        return None
    new = Organisation.objects.create(
        **organisation,
        slug=unique_slug(organisation["name"]),
        status=MembershipStatus.APPLICANT,
    )
    new.themes.set(themes)
    new.languages.set(languages)
    existing = User.objects.filter(email__iexact=applicant["email"].strip(), is_active=True).first()
    if existing is not None:
        # Anyone can type anyone's address: an existing member becomes coordinator
        # only after confirming from their own mailbox and account.
        application_confirm_request(organisation=new, person=existing)
    else:
        person = applicant_account(applicant)
        Membership.objects.create(user=person, organisation=new, role=Role.COORDINATOR)
        application_acknowledge(organisation=new, name=new.name, applicant=applicant, person=person)
    notify_secretariat(
        kind="membership_application",
        about=new,
        context={
            **context,
            "admin_url": absolute_url(reverse("admin:members_organisation_change", args=[new.pk])),
        },
    )
    return new


def application_acknowledge(
    *, organisation: Organisation, name: str, applicant: dict, person=None
) -> None:
    """The applicant hears that the application arrived and what happens next.
    A duplicate application gets the same words as a new one: the email must not
    tell whoever typed an address which organisations have applied. (An active
    member gets application_confirm instead.)"""
    email = applicant["email"].strip().lower()
    notification_record(
        kind="membership_application_received",
        recipient=person,
        email=email,
        about=organisation,
        # One a day per organisation and address, like the duplicate flag: the
        # form sent again and again must not turn into mail to someone's address.
        event=f"received:{email}:{timezone.localdate():%Y%m%d}",
        language=applicant_language(),
        context={
            "name": applicant["full_name"],
            # As the applicant wrote it, not as the secretariat may know it already.
            "organisation": name,
            "case_studies_url": absolute_url(reverse("casestudies:list")),
        },
    )


def application_confirm_request(*, organisation: Organisation, person: User) -> Invitation:
    invitation = Invitation.objects.create(
        organisation=organisation, email=person.email, role=Role.COORDINATOR, invited_by=None
    )
    accept_url = absolute_url(
        reverse("members:invitation-accept", args=[invitation_token(invitation)])
    )
    notification_record(
        kind="application_confirm",
        recipient=person,
        about=invitation,
        context={
            "name": person.full_name,
            "organisation": organisation.name,
            "accept_url": accept_url,
            "days": INVITATION_MAX_AGE // 86400,
        },
    )
    return invitation


def application_flag_duplicate(*, duplicate: Organisation, context: dict) -> None:
    # One flag a day per organisation and address, however often the form is sent.
    notify_secretariat(
        kind="membership_duplicate",
        about=duplicate,
        event=f"duplicate:{context['applicant_email'].lower()}:{timezone.localdate():%Y%m%d}",
        context={
            **context,
            "existing": duplicate.name,
            "existing_status": duplicate.get_status_display(),
            "admin_url": absolute_url(
                reverse("admin:members_organisation_change", args=[duplicate.pk])
            ),
        },
    )


def applicant_account(applicant: dict) -> User:
    """The applicant's new account, inactive until the approval; an inactive
    account already there (an earlier application) is reused: its owner proves
    the address when they set a password from the approval e-mail."""
    email = applicant["email"].strip().lower()
    person = User.objects.filter(email__iexact=email).first()
    if person is None:
        person = User(
            email=email,
            full_name=applicant["full_name"],
            job_title=applicant.get("job_title", ""),
            language=applicant_language(),
            is_active=False,
        )
        person.set_unusable_password()
    person.privacy_consent_at = timezone.now()
    person.save()
    return person


def applicant_language() -> str:
    language = translation.get_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def set_password_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute_url(reverse("password_reset_confirm", args=[uid, token]))


def application_approve(*, organisation: Organisation, by=None) -> Organisation:
    with transaction.atomic():
        if organisation.status != MembershipStatus.APPLICANT:
            raise TransitionNotAllowed(_("Only an application can be approved."))
        change_status(
            organisation,
            to=MembershipStatus.ACTIVE,
            by=by,
            expected=MembershipStatus.APPLICANT,
            reason=_("Application approved"),
            changes={"joined_on": timezone.localdate()},
        )
        for membership in organisation.memberships.select_related("user"):
            person = membership.user
            if not person.is_active and person.full_name != FORMER_MEMBER_NAME:
                person.is_active = True
                person.save(update_fields=["is_active"])
            if membership.role != Role.COORDINATOR:
                continue
            needs_password = not person.has_usable_password()
            notification_record(
                kind="membership_approved",
                recipient=person,
                about=organisation,
                event=transition_event(organisation),
                context={
                    "name": person.full_name,
                    "organisation": organisation.name,
                    "set_password_url": set_password_url(person) if needs_password else "",
                    "sign_in_url": absolute_url(reverse("login")),
                    "profile_url": absolute_url(organisation.get_absolute_url()),
                },
            )
    return organisation


def application_reject(*, organisation: Organisation, reason: str, by=None) -> Organisation:
    if not reason.strip():
        raise ValidationError(_("Say why the application is rejected: the applicant is told."))
    with transaction.atomic():
        change_status(
            organisation,
            to=MembershipStatus.REJECTED,
            by=by,
            reason=reason,
        )
        for membership in organisation.memberships.filter(role=Role.COORDINATOR).select_related(
            "user"
        ):
            notification_record(
                kind="membership_rejected",
                recipient=membership.user,
                about=organisation,
                event=transition_event(organisation),
                context={
                    "name": membership.user.full_name,
                    "organisation": organisation.name,
                    "reason": reason,
                },
            )
    return organisation


def transition_event(organisation: Organisation) -> str:
    # One notification per change of status, even when an organisation is rejected,
    # applies again and is rejected again.
    return f"status:{organisation.history.values_list('history_id', flat=True).first()}"


def membership_suspend(*, organisation: Organisation, by=None, reason: str = ""):
    """A suspended organisation leaves the directory; its people keep their accounts."""
    return change_status(
        organisation,
        to=MembershipStatus.SUSPENDED,
        by=by,
        reason=reason or _("Membership suspended"),
    )


def membership_reinstate(*, organisation: Organisation, by=None, reason: str = ""):
    if organisation.status != MembershipStatus.SUSPENDED:
        # Reinstating is for suspended members; applicants are approved instead.
        raise TransitionNotAllowed(_("Only a suspended member can be reinstated."))
    organisation = change_status(
        organisation,
        to=MembershipStatus.ACTIVE,
        by=by,
        reason=reason or _("Membership reinstated"),
        expected=MembershipStatus.SUSPENDED,
    )
    # What it was kept from while suspended comes back once the change is kept
    # (a place at an event that freed up meanwhile: events.services).
    transaction.on_commit(
        lambda: organisation_reinstated.send(sender=Organisation, organisation=organisation)
    )
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, data: dict, themes, languages, by):
    require_coordinator(organisation=organisation, user=by)
    for field, value in data.items():
        setattr(organisation, field, value)
    save_with_history(organisation, by=by)
    organisation.themes.set(themes)
    organisation.languages.set(languages)
    return organisation


def require_coordinator(*, organisation: Organisation, user) -> None:
    if not rules.test_rule("members.manage_organisation", user, organisation):
        raise PermissionDenied(_("Only the organisation's coordinators can do this."))


def invitation_token(invitation: Invitation) -> str:
    return signing.TimestampSigner(salt=INVITATION_SALT).sign(str(invitation.pk))


@transaction.atomic
def invitation_send(*, organisation: Organisation, email: str, role: str, by) -> Invitation:
    require_coordinator(organisation=organisation, user=by)
    if not organisation.is_active_member:
        # An applicant cannot yet use the tool to mail strangers in its name.
        raise ValidationError(
            _("Colleagues can be invited once the secretariat has approved the organisation.")
        )
    email = email.strip().lower()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a colleague here.")})
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, invited_by=by
    )
    accept_url = absolute_url(
        reverse("members:invitation-accept", args=[invitation_token(invitation)])
    )
    notification_record(
        kind="colleague_invitation",
        email=email,
        about=invitation,
        context={
            "organisation": organisation.name,
            "inviter": by.full_name,
            "role": str(Role(role).label),
            "accept_url": accept_url,
            "days": INVITATION_MAX_AGE // 86400,
        },
    )
    return invitation


def invitations_purge_unanswered(*, sent_before: datetime.datetime) -> int:
    """Retention (members.retention): delete invitations nobody accepted, sent before then."""
    unanswered = Invitation.objects.filter(accepted_at__isnull=True, created_at__lt=sent_before)
    return unanswered.delete()[0]


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, by) -> None:
    """The link stops working: it names an invitation that no longer exists."""
    require_coordinator(organisation=invitation.organisation, user=by)
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).delete()


def invitation_from_token(token: str) -> Invitation:
    try:
        pk = signing.TimestampSigner(salt=INVITATION_SALT).unsign(token, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise InvitationInvalid(
            _("This invitation has expired. Ask your colleague to send a new one.")
        ) from exc
    except signing.BadSignature as exc:
        raise InvitationInvalid(_("This invitation link is not valid.")) from exc
    invitation = Invitation.objects.select_related("organisation").filter(pk=pk).first()
    if invitation is None:
        raise InvitationInvalid(_("This invitation has been withdrawn."))
    if invitation.accepted_at is not None:
        raise InvitationInvalid(_("This invitation has already been used."))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user=None, full_name: str = "", password: str = ""):
    """Join the organisation through the link: as the signed-in person it was sent
    to, or as a new person who chooses a name and a password. Returns the membership."""
    invitation = invitation_from_token(token)
    # Lock so that two clicks on the same link make one membership.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationInvalid(_("This invitation has already been used."))
    if user is not None and user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            raise InvitationInvalid(
                _("This invitation was sent to %(email)s; sign in as that person to accept it.")
                % {"email": invitation.email}
            )
        person = user
    else:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationInvalid(_("You already have an account: sign in to accept."))
        person = User(email=invitation.email, full_name=full_name)
        person.set_password(password)
        person.privacy_consent_at = timezone.now()
        person.save()
    membership, _created = Membership.objects.get_or_create(
        user=person, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = person
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _coordinators_left(organisation, without: Membership) -> int:
    # Lock the other coordinators' rows: two coordinators removing each other at
    # the same moment must not leave the organisation with none.
    others = (
        organisation.memberships.select_for_update()
        .filter(role=Role.COORDINATOR)
        .exclude(pk=without.pk)
        .values_list("pk", flat=True)
    )
    return len(list(others))


@transaction.atomic
def colleague_role_change(*, membership: Membership, role: str, by) -> Membership:
    organisation = membership.organisation
    require_coordinator(organisation=organisation, user=by)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if role != Role.COORDINATOR and membership.role == Role.COORDINATOR:
        if _coordinators_left(organisation, membership) == 0:
            raise ValidationError(
                {"role": _("The organisation needs a coordinator: name another one first.")}
            )
    membership.role = role
    save_with_history(membership, by=by, update_fields=["role"])
    return membership


@transaction.atomic
def colleague_remove(*, membership: Membership, by) -> None:
    organisation = membership.organisation
    require_coordinator(organisation=organisation, user=by)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == Role.COORDINATOR and _coordinators_left(organisation, membership) == 0:
        raise ValidationError(_("The last coordinator cannot be removed: name another one first."))
    # They no longer hear about the organisation's listings and matches: without a
    # contact person, the coordinators do (listing_owners, party_contacts).
    membership.user.contact_for_listings.filter(organisation=organisation).update(contact=None)
    counts_changed()  # update() sends no post_save: the listings changed
    membership._history_user = by
    membership.delete()


@transaction.atomic
def account_update(*, user: User, data: dict) -> User:
    # A fresh copy: a form may have set the unconfirmed email on the one in hand.
    user = User.objects.get(pk=user.pk)
    for field, value in data.items():
        setattr(user, field, value)
    save_with_history(user, by=user, update_fields=list(data))
    return user


def email_change_token(change: EmailChange) -> str:
    # Only the row's id, signed: the addresses never travel in the link.
    return signing.TimestampSigner(salt=EMAIL_CHANGE_SALT).sign(str(change.pk))


def masked(email: str) -> str:
    """a•••@example.org: enough for the owner to recognise, little for others."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


@transaction.atomic
def email_change_request(*, user: User, new_email: str) -> EmailChange | None:
    """Send the link to the new address, and a notice to the current one. If
    the new address already belongs to an account, its owner is told instead;
    the person asking sees the same answer either way (no account enumeration)."""
    new_email = new_email.strip().lower()
    stamp = f"{timezone.now():%Y%m%d%H%M%S%f}"
    owner = User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).first()
    if owner is not None:
        notification_record(kind="email_taken", recipient=owner, about=owner, event=stamp)
        return None
    # Only the latest request counts: earlier links stop working.
    EmailChange.objects.filter(user=user, confirmed_at__isnull=True).delete()
    change = EmailChange.objects.create(user=user, new_email=new_email)
    notification_record(
        kind="email_change",
        email=new_email,
        about=change,
        context={
            "name": user.full_name,
            "old_email": user.email,
            "new_email": new_email,
            "confirm_url": absolute_url(
                reverse("members:email-confirm", args=[email_change_token(change)])
            ),
            "days": EMAIL_CHANGE_MAX_AGE // 86400,
        },
    )
    notification_record(
        kind="email_change_notice",
        recipient=user,
        about=change,
        context={
            "name": user.full_name,
            "masked_email": masked(new_email),
            "password_url": absolute_url(reverse("password_change")),
        },
    )
    return change


def email_change_from_token(*, token: str, user: User) -> EmailChange:
    """The pending change the link names, if it is the signed-in person's own."""
    try:
        pk = signing.TimestampSigner(salt=EMAIL_CHANGE_SALT).unsign(
            token, max_age=EMAIL_CHANGE_MAX_AGE
        )
    except signing.SignatureExpired as exc:
        raise ValidationError(_("This link has expired: ask for the change again.")) from exc
    except signing.BadSignature as exc:
        raise ValidationError(_("This link is not valid.")) from exc
    change = EmailChange.objects.filter(pk=pk, user=user).first()
    if change is None or change.confirmed_at is not None:
        raise ValidationError(_("This link has already been used, or a newer one was sent."))
    return change


@transaction.atomic
def email_change_confirm(*, token: str, user: User) -> User:
    """Called after the password was checked; the old address is told."""
    change = email_change_from_token(token=token, user=user)
    change = EmailChange.objects.select_for_update().get(pk=change.pk)
    if change.confirmed_at is not None:
        raise ValidationError(_("This link has already been used, or a newer one was sent."))
    if User.objects.filter(email__iexact=change.new_email).exclude(pk=user.pk).exists():
        raise ValidationError(_("Another account already uses this email address."))
    user = User.objects.select_for_update().get(pk=user.pk)
    old_email = user.email
    user.email = change.new_email
    save_with_history(user, by=user, update_fields=["email"])
    change.confirmed_at = timezone.now()
    change.save(update_fields=["confirmed_at"])
    notification_record(
        kind="email_changed",
        email=old_email,
        about=change,
        context={"name": user.full_name, "masked_email": masked(change.new_email)},
    )
    return user


# The personal-data export and erasure live in members/privacy.py.
from .privacy import (  # noqa: E402,F401
    FORMER_MEMBER_NAME,
    account_delete,
    personal_data_export,
)
