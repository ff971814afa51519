"""The vocabularies every installation starts with: themes, formats (with the
Erasmus+ KA1 duration ranges of the programme guide), target groups (with the
partnership figure each counts towards) and working languages.

Safe on a database that already has them: each term is created only when
neither its slug nor its name is taken, and an existing term is never changed,
so the secretariat's edits stand. The lists are frozen here on purpose: a later
change to the vocabularies is a new migration, not an edit of this one.
"""

from django.db import migrations

# (slug, name)
THEMES = [
    ('gender-equality', 'Gender equality'),
    ('inclusion-and-fewer-opportunities', 'Inclusion and fewer opportunities'),
    ('green-skills', 'Green skills'),
    ('digital-skills', 'Digital skills'),
    ('career-guidance', 'Career guidance'),
    ('work-based-learning', 'Work-based learning and apprenticeships'),
    ('adult-basic-skills', 'Adult basic skills'),
    ('teacher-and-trainer-development', 'Teacher and trainer development'),
    ('entrepreneurship', 'Entrepreneurship'),
    ('languages-and-intercultural-skills', 'Languages and intercultural skills'),
    ('health-and-care-skills', 'Health and care skills'),
    ('tourism-and-hospitality', 'Tourism and hospitality'),
    ('automotive-and-mobility', 'Automotive and mobility'),
    ('agri-food', 'Agri-food'),
    ('construction-and-renovation', 'Construction and energy renovation'),
    ('validation-of-prior-learning', 'Validation of prior learning'),
]

# (slug, name, min_days, max_days, description)
FORMATS = [
    ('study-visit', 'Study visit', 2, 10, 'A group visits organisations to learn from them.'),
    ('staff-job-shadowing', 'Staff job shadowing', 2, 60, 'Staff follow colleagues at work.'),
    ('teaching-or-training-assignment', 'Teaching or training assignment', 2, 365, 'Staff teach or train at a partner organisation.'),
    ('staff-course', 'Course or training for staff', 2, 30, 'A structured course for staff.'),
    ('vet-learner-mobility', 'VET learner mobility (short-term)', 10, 89, 'VET learners train at a partner school or in a company abroad.'),
    ('erasmuspro', 'Long-term VET mobility (ErasmusPro)', 90, 365, 'A long placement of VET learners or recent graduates.'),
    ('apprenticeship-mobility', 'Apprenticeship mobility', 10, 365, 'Apprentices work and learn in a host company abroad.'),
    ('adult-learner-mobility', 'Adult-learner mobility', 2, 30, 'A group of adult learners with accompanying staff.'),
    ('peer-learning-activity', 'Peer-learning activity', 1, 10, 'Peers compare practice.'),
    ('virtual-exchange', 'Virtual exchange', 1, 90, 'Learners or staff work together online.'),
]

# (slug, name, kpi_category, fewer_opportunities, description)
TARGET_GROUPS = [
    ('vet-learners', 'VET learners', 'vet_learners', False, ''),
    ('apprentices', 'Apprentices', 'apprentices', False, ''),
    ('adult-learners', 'Adult learners', 'adult_learners', False, ''),
    ('teachers-and-trainers', 'Teachers and trainers', 'staff', False, ''),
    ('guidance-staff', 'Guidance staff', 'staff', False, ''),
    ('policy-makers-and-regional-staff', 'Policy makers and regional staff', 'staff', False, ''),
    ('people-with-fewer-opportunities', 'People with fewer opportunities', '', True, 'Regulation (EU) 2021/817, Article 2. Barriers: disability, health, education and training systems, cultural, social, economic, discrimination, geographical.'),
]

# ISO 639-1: the 24 official EU languages, then the regional and neighbouring
# languages members work in. (code, name)
LANGUAGES = [
    ('bg', 'Bulgarian'),
    ('hr', 'Croatian'),
    ('cs', 'Czech'),
    ('da', 'Danish'),
    ('nl', 'Dutch'),
    ('en', 'English'),
    ('et', 'Estonian'),
    ('fi', 'Finnish'),
    ('fr', 'French'),
    ('de', 'German'),
    ('el', 'Greek'),
    ('hu', 'Hungarian'),
    ('ga', 'Irish'),
    ('it', 'Italian'),
    ('lv', 'Latvian'),
    ('lt', 'Lithuanian'),
    ('mt', 'Maltese'),
    ('pl', 'Polish'),
    ('pt', 'Portuguese'),
    ('ro', 'Romanian'),
    ('sk', 'Slovak'),
    ('sl', 'Slovenian'),
    ('es', 'Spanish'),
    ('sv', 'Swedish'),
    ('ca', 'Catalan'),
    ('eu', 'Basque'),
    ('gl', 'Galician'),
    ('no', 'Norwegian'),
    ('is', 'Icelandic'),
    ('tr', 'Turkish'),
    ('uk', 'Ukrainian'),
    ('mk', 'Macedonian'),
    ('sr', 'Serbian'),
    ('sq', 'Albanian'),
]



def _add(model, slug, name, **fields):
    taken = model.objects.filter(slug=slug).exists() or model.objects.filter(name=name).exists()
    if not taken:
        model.objects.create(slug=slug, name=name, **fields)


def add_vocabularies(apps, schema_editor):
    Theme = apps.get_model("taxonomy", "Theme")
    Format = apps.get_model("taxonomy", "Format")
    TargetGroup = apps.get_model("taxonomy", "TargetGroup")
    Language = apps.get_model("taxonomy", "Language")
    for position, (slug, name) in enumerate(THEMES):
        _add(Theme, slug, name, position=position)
    for position, (slug, name, lo, hi, description) in enumerate(FORMATS):
        _add(Format, slug, name, position=position, min_days=lo, max_days=hi, description=description)
    for position, (slug, name, category, fewer, description) in enumerate(TARGET_GROUPS):
        _add(
            TargetGroup,
            slug,
            name,
            position=position,
            kpi_category=category,
            fewer_opportunities=fewer,
            description=description,
        )
    for code, name in LANGUAGES:
        Language.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):

    dependencies = [
        ("taxonomy", "0002_targetgroup_kpi_category"),
    ]

    operations = [
        # Reversing keeps the terms: listings and organisations may use them.
        migrations.RunPython(add_vocabularies, migrations.RunPython.noop),
    ]
