import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from core.cookies import language_cookie_set
from core.pagecache import visitor_page_cached
from core.pagination import filtered_page
from core.refusals import refusal_text
from core.throttles import (
    join_throttled,
    mail_to_typed_address_throttled,
    password_check_throttled,
)

from . import selectors, services
from .filters import DirectoryFilter
from .forms import (
    AccountDeleteForm,
    AccountForm,
    ApplicationForm,
    EmailConfirmForm,
    InvitationForm,
    NewColleagueForm,
    OrganisationProfileForm,
    RoleForm,
)
from .models import Invitation, Membership


@join_throttled
def join(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.is_robot:
        # Answered like a person, so the robot learns nothing; nothing is recorded.
        return redirect("members:join-thanks")
    if request.method == "POST" and form.is_valid():
        services.application_submit(
            organisation=form.profile_data(),
            themes=form.cleaned_data["themes"],
            languages=form.cleaned_data["languages"],
            applicant=form.applicant_data(),
        )
        # The same answer for a new and a duplicate application: the form does not
        # tell a stranger which organisations have applied.
        return redirect("members:join-thanks")
    return render(request, "members/join.html", {"form": form})


def join_thanks(request):
    return render(request, "members/join_thanks.html")


@visitor_page_cached(params=[*DirectoryFilter.base_filters, "page"])
def directory(request):
    filters = DirectoryFilter(request.GET or None, queryset=selectors.directory_organisations())
    return render(request, "members/directory.html", filtered_page(request, filters))


def organisation_detail(request, slug):
    organisation = selectors.organisation_public(slug)
    context = {
        "organisation": organisation,
        "for_members": rules.test_rule("members.browse", request.user),
    }
    if context["for_members"]:
        context["listings"] = selectors.open_listings_of(organisation)
        context["contacts"] = selectors.contacts_of(organisation)
    return render(request, "members/organisation_detail.html", context)


@login_required
def my_organisation(request):
    # A suspended organisation acts for nobody, but its people still reach its page.
    organisation = selectors.current_organisation(request) or next(
        (m.organisation for m in selectors.memberships_of(request.user)), None
    )
    if organisation is None:
        messages.info(request, _("You are not a member of any organisation yet."))
        return redirect("myarea:home")
    return redirect("members:organisation-manage", slug=organisation.slug)


@login_required
@require_POST
def organisation_switch(request):
    chosen = request.POST.get("organisation", "")
    # isdigit() alone lets "²" through to int(), which refuses it.
    if not (chosen.isascii() and chosen.isdigit()) or len(chosen) > 18:
        # A forged or empty value: like any organisation that is not yours.
        raise Http404
    membership = get_object_or_404(Membership, user=request.user, organisation_id=int(chosen))
    request.session[selectors.CURRENT_ORGANISATION_SESSION_KEY] = membership.organisation_id
    messages.success(
        request, _("You now act for %(name)s.") % {"name": membership.organisation.name}
    )
    return redirect("members:organisation-manage", slug=membership.organisation.slug)


@login_required
def organisation_manage(request, slug):
    membership = selectors.membership_for(request.user, slug)
    organisation = membership.organisation
    request.session[selectors.CURRENT_ORGANISATION_SESSION_KEY] = organisation.pk
    is_coordinator = rules.test_rule("members.manage_organisation", request.user, organisation)
    context = {
        "organisation": organisation,
        "membership": membership,
        "is_coordinator": is_coordinator,
        "colleagues": selectors.colleagues_of(organisation),
        "invitations": selectors.pending_invitations_of(organisation) if is_coordinator else [],
        "listings": selectors.listings_of(organisation),
        "matches": selectors.matches_of(organisation),
        "exchanges": selectors.exchanges_of(organisation),
        "my_memberships": selectors.memberships_of(request.user),
        "invitation_form": InvitationForm(),
    }
    return render(request, "members/organisation_manage.html", context)


def coordinator_membership(request, slug) -> Membership:
    """Someone else's organisation: 404. Your own without the coordinator role: 403."""
    membership = selectors.membership_for(request.user, slug)
    if not rules.test_rule("members.manage_organisation", request.user, membership.organisation):
        raise PermissionDenied(_("Only the organisation's coordinators can do this."))
    return membership


@login_required
def organisation_edit(request, slug):
    organisation = coordinator_membership(request, slug).organisation
    form = OrganisationProfileForm(
        request.POST or None, request.FILES or None, instance=organisation
    )
    if request.method == "POST" and form.is_valid():
        services.organisation_update(
            organisation=organisation,
            data=form.profile_data(),
            themes=form.cleaned_data["themes"],
            languages=form.cleaned_data["languages"],
            by=request.user,
        )
        messages.success(request, _("The profile is saved."))
        return redirect("members:organisation-manage", slug=organisation.slug)
    if request.method == "POST":
        # The ModelForm wrote the refused values on the instance; nothing is saved.
        organisation.refresh_from_db()
    return render(
        request, "members/organisation_edit.html", {"form": form, "organisation": organisation}
    )


@login_required
@mail_to_typed_address_throttled
def colleague_invite(request, slug):
    organisation = coordinator_membership(request, slug).organisation
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_send(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The invitation is on its way to %(email)s.") % form.cleaned_data,
            )
            return redirect("members:organisation-manage", slug=organisation.slug)
    return render(
        request, "members/colleague_invite.html", {"form": form, "organisation": organisation}
    )


def colleague_of(request, slug, pk) -> Membership:
    organisation = coordinator_membership(request, slug).organisation
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=pk,
        organisation=organisation,
    )


@login_required
@require_POST
def colleague_role(request, slug, pk):
    colleague = colleague_of(request, slug, pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.colleague_role_change(
                membership=colleague, role=form.cleaned_data["role"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, _("%(name)s's role is changed.") % {"name": colleague.user})
    return redirect("members:organisation-manage", slug=slug)


@login_required
def colleague_remove(request, slug, pk):
    """Asks first on a page of its own; the removal happens on its POST."""
    colleague = colleague_of(request, slug, pk)
    if request.method != "POST":
        return render(request, "members/colleague_remove.html", {"colleague": colleague})
    try:
        services.colleague_remove(membership=colleague, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("%(name)s is removed.") % {"name": colleague.user})
    return redirect("members:organisation-manage", slug=slug)


@login_required
@require_POST
def invitation_withdraw(request, slug, pk):
    organisation = coordinator_membership(request, slug).organisation
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation"),
        pk=pk,
        organisation=organisation,
        accepted_at__isnull=True,
    )
    services.invitation_withdraw(invitation=invitation, by=request.user)
    messages.success(
        request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
    )
    return redirect("members:organisation-manage", slug=slug)


def invitation_accept(request, token):
    try:
        invitation = services.invitation_from_token(token)
    except services.InvitationInvalid as error:
        return render(request, "members/invitation_invalid.html", {"error": error}, status=400)
    has_account = services.User.objects.filter(email__iexact=invitation.email).exists()
    if has_account and not request.user.is_authenticated:
        messages.info(request, _("Sign in to accept the invitation."))
        return redirect(f"{reverse('login')}?next={request.path}")
    form = None if has_account else NewColleagueForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            membership = services.invitation_accept(
                token=token,
                user=request.user if has_account else None,
                full_name=form.cleaned_data["full_name"] if form else "",
                password=form.cleaned_data["password1"] if form else "",
            )
        except services.InvitationInvalid as error:
            return render(request, "members/invitation_invalid.html", {"error": error}, status=400)
        if not has_account:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[selectors.CURRENT_ORGANISATION_SESSION_KEY] = membership.organisation_id
        messages.success(
            request, _("Welcome to %(name)s.") % {"name": membership.organisation.name}
        )
        return redirect("members:organisation-manage", slug=membership.organisation.slug)
    return render(
        request, "members/invitation_accept.html", {"invitation": invitation, "form": form}
    )


@login_required
@mail_to_typed_address_throttled
def account(request):
    form = AccountForm(request.POST or None, instance=services.User.objects.get(pk=request.user.pk))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "email"}
        services.account_update(user=request.user, data=data)
        new_email = form.cleaned_data["email"]
        if new_email != request.user.email.lower():
            services.email_change_request(user=request.user, new_email=new_email)
            messages.info(
                request,
                _("Open the link we sent to %(email)s to confirm your new address.")
                % {"email": new_email},
            )
        messages.success(request, _("Your account is saved."))
        response = redirect("members:account")
        # The pages follow the language chosen here, not only the emails.
        language_cookie_set(response, data["language"])
        return response
    return render(request, "members/account.html", {"form": form})


@login_required
@password_check_throttled
def email_confirm(request, token):
    try:
        change = services.email_change_from_token(token=token, user=request.user)
    except ValidationError as error:
        return render(
            request, "members/email_confirm.html", {"error": refusal_text(error)}, status=400
        )
    form = EmailConfirmForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.email_change_confirm(token=token, user=request.user)
        except ValidationError as error:
            return render(
                request,
                "members/email_confirm.html",
                {"error": refusal_text(error)},
                status=400,
            )
        return render(request, "members/email_confirm.html", {"done": True})
    return render(request, "members/email_confirm.html", {"form": form, "change": change})


@login_required
def account_data(request):
    response = JsonResponse(
        services.personal_data_export(user=request.user), json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="my-personal-data.json"'
    return response


@login_required
@password_check_throttled
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(request, _("Your account is deleted."))
            return redirect("core:home")
    return render(request, "members/account_delete.html", {"form": form})


@require_POST
def language_set(request):
    """The header's language menu. For a signed-in member the choice is their
    profile's language, so the e-mails they get follow it too."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and language != user.language:
        services.account_update(user=user, data={"language": language})
    return response
