"""The members' case-study form: the page, and its lessons, testimonials and
photos as formsets. Image type, size and alt text are checked by the models'
validators and clean(), so the admin refuses the same uploads."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.uploads import KeptFileInput

from .models import CaseStudy, Lesson, Photo, Testimonial

IMAGE_ACCEPT = {"accept": "image/png,image/jpeg,image/webp"}


class CaseStudyForm(forms.ModelForm):
    class Meta:
        model = CaseStudy
        fields = ["title", "summary", "story", "next_steps"]
        widgets = {
            "summary": forms.TextInput(),
            "story": forms.Textarea(attrs={"rows": 12}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "summary": _("One line: it is shown on the card in the list."),
            "next_steps": _("What the partners plan to do together next."),
        }


# A forged TOTAL_FORMS (10**20) builds at most absolute_max forms: keep it near
# what a page can hold, and say so if someone posts more.
MAX_LESSONS, MAX_TESTIMONIALS, MAX_PHOTOS = 12, 12, 24
LIMITS = {"validate_max": True}

LessonFormSet = inlineformset_factory(
    CaseStudy,
    Lesson,
    fields=["audience", "text", "position"],
    extra=3,
    can_delete=True,
    max_num=MAX_LESSONS,
    absolute_max=MAX_LESSONS,
    **LIMITS,
)

TestimonialFormSet = inlineformset_factory(
    CaseStudy,
    Testimonial,
    fields=[
        "quote",
        "person_name",
        "person_role",
        "organisation_name",
        "photo",
        "photo_alt",
        "photo_consent",
        "position",
    ],
    widgets={
        "quote": forms.Textarea(attrs={"rows": 3}),
        "photo": KeptFileInput(attrs=IMAGE_ACCEPT),
    },
    extra=1,
    can_delete=True,
    max_num=MAX_TESTIMONIALS,
    absolute_max=MAX_TESTIMONIALS,
    **LIMITS,
)

PhotoFormSet = inlineformset_factory(
    CaseStudy,
    Photo,
    fields=["image", "caption", "alt_text", "shows_people", "consent_recorded", "position"],
    widgets={"image": KeptFileInput(attrs=IMAGE_ACCEPT)},
    extra=1,
    can_delete=True,
    max_num=MAX_PHOTOS,
    absolute_max=MAX_PHOTOS,
    **LIMITS,
)


def case_study_formsets(data=None, files=None, *, instance):
    return {
        "lessons": LessonFormSet(data, files, instance=instance, prefix="lessons"),
        "testimonials": TestimonialFormSet(data, files, instance=instance, prefix="testimonials"),
        "photos": PhotoFormSet(data, files, instance=instance, prefix="photos"),
    }
