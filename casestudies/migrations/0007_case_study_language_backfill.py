"""Existing case studies get the language they are written in, detected by the
same function as a case study saved today (casestudies.services)."""

from django.db import migrations


def detect_languages(apps, schema_editor):
    from core.language import written_language_detect

    CaseStudy = apps.get_model("casestudies", "CaseStudy")
    # A few dozen a year: one query to read them all, one to write them.
    pending = list(CaseStudy.objects.filter(language="").only("pk", "title", "summary", "story"))
    for case_study in pending:
        case_study.language = written_language_detect(
            case_study.title, case_study.summary, case_study.story
        )
    CaseStudy.objects.bulk_update([c for c in pending if c.language], ["language"])


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0006_case_study_language"),
    ]

    operations = [
        migrations.RunPython(detect_languages, migrations.RunPython.noop, elidable=True),
    ]
