from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CaseStudy, Lesson, Photo, Testimonial


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


@admin.register(CaseStudy)
class CaseStudyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "exchange", "status", "published_at"]
    list_filter = ["status"]
    list_select_related = ["exchange"]
    search_fields = ["title", "summary", "story"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["exchange"]
    inlines = [LessonInline, TestimonialInline, PhotoInline]
