from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from core.admin_decisions import OPTIONAL, REQUIRED, Decision, DecisionsMixin
from core.history_admin import SimpleHistoryAdmin
from core.refusals import REFUSALS
from core.workflow import TransitionNotAllowed

from . import services
from .forms import RejectionForm
from .models import Invitation, Membership, MembershipStatus, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "organisation"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "groups", "language"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "job_title", "language"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]
    filter_horizontal = ["groups"]
    # Who may act as the secretariat, and with which rights, is a superuser's call.
    ACCESS_FIELDS = ["is_staff", "is_superuser", "groups", "user_permissions"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += self.ACCESS_FIELDS
        return readonly

    def has_change_permission(self, request, obj=None):
        # A member of the secretariat cannot change another staff account (nor
        # its password, nor their own through the admin): that is how a staff
        # account would take over a superuser's.
        if obj is not None and obj.is_staff and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_staff and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


S = MembershipStatus
ORGANISATION_DECISIONS = [
    Decision(
        name="approve",
        label=_("Approve the application"),
        run=lambda o, by, reason: services.application_approve(organisation=o, by=by),
        applies=lambda o: o.status == S.APPLICANT,
        done=_("%(object)s is now a member; its coordinators are told."),
    ),
    Decision(
        name="reject",
        label=_("Reject the application"),
        run=lambda o, by, reason: services.application_reject(organisation=o, reason=reason, by=by),
        applies=lambda o: o.status == S.APPLICANT,
        done=_("The application of %(object)s is rejected; its coordinators are told why."),
        reason=REQUIRED,
        reason_label=_("Reason, sent to the applicant"),
    ),
    Decision(
        name="suspend",
        label=_("Suspend the membership"),
        run=lambda o, by, reason: services.membership_suspend(organisation=o, by=by, reason=reason),
        applies=lambda o: o.status == S.ACTIVE,
        done=_("%(object)s is suspended and left the directory."),
        reason=OPTIONAL,
        reason_label=_("Reason, kept in the history"),
    ),
    Decision(
        name="reinstate",
        label=_("Reinstate the membership"),
        run=lambda o, by, reason: services.membership_reinstate(
            organisation=o, by=by, reason=reason
        ),
        applies=lambda o: o.status == S.SUSPENDED,
        done=_("%(object)s is a member again."),
    ),
]


@admin.register(Organisation)
class OrganisationAdmin(DecisionsMixin, SimpleHistoryAdmin):
    # Few columns, so that the list fits 1280 px; the rest is on the change page.
    list_display = ["name", "kind", "country", "city", "status", "created_at"]
    decisions = ORGANISATION_DECISIONS
    actions = [
        "approve_applications",
        "reject_applications",
        "suspend_memberships",
        "reinstate_memberships",
    ]
    # Status changes go through the actions (and so through change_status), never
    # through the form, so that each one is checked, recorded and notified.
    readonly_fields = ["status", "joined_on"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_filter = ["status", "kind", "country", "themes"]
    search_fields = ["name", "city", "oid", "region"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themes", "languages"]
    inlines = [MembershipInline]
    date_hierarchy = "created_at"

    def view_on_site(self, obj):
        # Applicants, rejected and suspended organisations have no public page:
        # "View on site" would lead to a 404, so the button is not shown.
        return obj.get_absolute_url() if obj.status == MembershipStatus.ACTIVE else None

    @admin.action(description=_("Approve the selected applications"), permissions=["change"])
    def approve_applications(self, request, queryset):
        self.apply(
            request, queryset, services.application_approve, _t("%(n)d application(s) approved.")
        )

    @admin.action(
        description=_("Reject the selected applications (with a reason)"), permissions=["change"]
    )
    def reject_applications(self, request, queryset):
        form = RejectionForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            done, refused = 0, []
            for organisation in queryset:
                try:
                    services.application_reject(
                        organisation=organisation,
                        reason=form.cleaned_data["reason"],
                        by=request.user,
                    )
                    done += 1
                except REFUSALS as error:
                    refused.append(f"{organisation}: {error}")
            self.report(request, done, refused, _t("%(n)d application(s) rejected."))
            return None
        return TemplateResponse(
            request,
            "members/admin_reject.html",
            {
                **self.admin_site.each_context(request),
                "title": _t("Reject applications"),
                "organisations": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Suspend the selected members"), permissions=["change"])
    def suspend_memberships(self, request, queryset):
        self.apply(request, queryset, services.membership_suspend, _t("%(n)d member(s) suspended."))

    @admin.action(description=_("Reinstate the selected suspended members"), permissions=["change"])
    def reinstate_memberships(self, request, queryset):
        self.apply(
            request, queryset, services.membership_reinstate, _t("%(n)d member(s) reinstated.")
        )

    def apply(self, request, queryset, service, message):
        done, refused = 0, []
        for organisation in queryset:
            try:
                service(organisation=organisation, by=request.user)
                done += 1
            except TransitionNotAllowed as error:
                refused.append(f"{organisation}: {error}")
        self.report(request, done, refused, message)

    def report(self, request, done, refused, message):
        if done:
            self.message_user(request, message % {"n": done}, messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.WARNING)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "invited_by", "created_at", "accepted_at"]
    list_select_related = ["organisation", "invited_by"]
    search_fields = ["email", "organisation__name"]
    list_filter = ["role"]
    readonly_fields = ["accepted_at", "accepted_by"]
