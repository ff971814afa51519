from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin_decisions import OPTIONAL, Decision, DecisionsMixin
from core.forms import written_in_field
from core.history_admin import SimpleHistoryAdmin
from core.workflow import TransitionNotAllowed

from .models import CaseStudy, CaseStudyStatus, Lesson, Photo, Testimonial
from .services import (
    case_study_before_edit,
    case_study_language_set,
    case_study_publish,
    case_study_unpublish,
)


class LessonInline(admin.TabularInline):
    model = Lesson
    extra = 0


class TestimonialInline(admin.StackedInline):
    model = Testimonial
    extra = 0
    autocomplete_fields = ["organisation"]


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0


CASE_STUDY_DECISIONS = [
    Decision(
        name="publish",
        label=_("Publish"),
        run=lambda c, by, reason: case_study_publish(case_study=c, by=by),
        applies=lambda c: c.status != CaseStudyStatus.PUBLISHED,
        done=_("“%(object)s” is published; the organisations are told."),
    ),
    Decision(
        name="unpublish",
        label=_("Unpublish"),
        run=lambda c, by, reason: case_study_unpublish(case_study=c, by=by, reason=reason),
        applies=lambda c: c.status == CaseStudyStatus.PUBLISHED,
        done=_("“%(object)s” is no longer public."),
        reason=OPTIONAL,
        reason_label=_("Reason, kept in the history"),
    ),
]


@admin.register(CaseStudy)
class CaseStudyAdmin(DecisionsMixin, SimpleHistoryAdmin):
    list_display = ["title", "exchange", "status", "language", "published_at", "preview"]
    list_filter = ["status", "exchange__themes"]
    list_select_related = ["exchange"]
    search_fields = ["title", "summary", "story"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["exchange"]
    # Publishing goes through the actions, which record who and when.
    readonly_fields = ["status", "published_at", "preview"]
    inlines = [LessonInline, TestimonialInline, PhotoInline]
    actions = ["publish", "unpublish"]
    decisions = CASE_STUDY_DECISIONS

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            obj.get_absolute_url(),
            _("Preview the page"),
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "language":
            return written_in_field(
                _("Detected from the title, summary and story on saving; correct it if wrong.")
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        case_study_language_set(case_study=obj, before=case_study_before_edit(obj))
        super().save_model(request, obj, form, change)

    def _run(self, request, queryset, service, done):
        changed = 0
        for case_study in queryset:
            try:
                service(case_study=case_study, by=request.user)
                changed += 1
            except TransitionNotAllowed as error:
                self.message_user(request, f"{case_study}: {error}", messages.ERROR)
        if changed:
            self.message_user(request, done % {"n": changed}, messages.SUCCESS)

    @admin.action(description=_("Publish the selected case studies"), permissions=["change"])
    def publish(self, request, queryset):
        self._run(request, queryset, case_study_publish, _("%(n)s case study(ies) published."))

    @admin.action(description=_("Unpublish the selected case studies"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._run(request, queryset, case_study_unpublish, _("%(n)s case study(ies) unpublished."))
