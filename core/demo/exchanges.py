"""Past and planned exchanges between demo members, as the secretariat records
them: who hosted and who sent, where, when, and the figures reported afterwards.

Figures follow the one check (exchanges.services.validate_exchange_figures):
staff + learners = participants = the counts by target group. People with fewer
opportunities are counted inside those groups, so they have no row of their own.
Keyed on the title.
"""

import datetime

D = datetime.date

EXCHANGES = [
    {
        "title": "Job shadowing in green skills at Pohjoisranta Vocational College",
        "format": "staff-job-shadowing",
        "themes": ["green-skills", "teacher-and-trainer-development"],
        "dates": (D(2024, 4, 15), D(2024, 4, 19)),
        "parties": [
            ("pohjoisranta-college", "host"),
            ("shannonside-fet", "sending"),
            ("cifp-rio-nalon", "participating"),
        ],
        "figures": [("teachers-and-trainers", 4), ("guidance-staff", 1)],
        "staff": 5,
        "learners": 0,
        "fewer": 0,
        "outcomes": (
            "Shannonside adapted Oulu's module on heat pumps and solar installation for its "
            "evening courses; Río Nalón's teachers brought back the college's workshop "
            "safety checklist."
        ),
        "programme": [
            (D(2024, 4, 15), "Welcome, tour of the energy workshops, the college's green plan."),
            (D(2024, 4, 16), "Shadowing teachers in the heat pump and solar PV courses."),
            (D(2024, 4, 17), "Visit to a renovation site with apprentices and their employer."),
            (D(2024, 4, 18), "Assessment of work-based learning; meeting the study counsellors."),
            (D(2024, 4, 19), "Review of the week and ideas for learner mobility."),
        ],
        "feedback": [
            ("shannonside-fet", 5, True, ""),
            ("cifp-rio-nalon", 4, True, "One more day in companies, one less in meetings."),
        ],
    },
    {
        "title": "Apprentices in automotive mechatronics at Tyrolean companies",
        "format": "apprenticeship-mobility",
        "themes": ["automotive-and-mobility", "work-based-learning"],
        "dates": (D(2024, 9, 2), D(2024, 9, 27)),
        "parties": [("lehrlingsakademie-tirol", "host"), ("zsz-podkarpacie", "sending")],
        "figures": [("apprentices", 10), ("teachers-and-trainers", 2)],
        "staff": 2,
        "learners": 10,
        "fewer": 2,
        "outcomes": (
            "Ten apprentices worked four weeks in car and agricultural machinery workshops "
            "around Innsbruck; all received a Europass Mobility and two were offered a "
            "summer job by their host company."
        ),
        "feedback": [
            ("zsz-podkarpacie", 5, True, "Host companies' briefing in Polish would help."),
            ("lehrlingsakademie-tirol", 4, True, ""),
        ],
    },
    {
        "title": "VET learners in hospitality at Escola Profissional Atlântida",
        "format": "vet-learner-mobility",
        "themes": ["tourism-and-hospitality", "work-based-learning"],
        "dates": (D(2025, 3, 3), D(2025, 3, 21)),
        "parties": [
            ("escola-profissional-atlantida", "host"),
            ("cfp-lagorai", "sending"),
            ("cf-meuse-ardenne", "sending"),
        ],
        "figures": [("vet-learners", 14), ("teachers-and-trainers", 2)],
        "staff": 2,
        "learners": 14,
        "fewer": 4,
        "outcomes": (
            "Fourteen learners in cooking and restaurant service trained three weeks in "
            "hotels of the Aveiro lagoon; four of them, from rural areas, went abroad for "
            "the first time with a mentor from their school."
        ),
        "programme": [
            (D(2025, 3, 3), "Arrival, induction at the school, food safety refresher."),
            (D(2025, 3, 4), "Placements start in five hotels and restaurants."),
            (D(2025, 3, 14), "Mid-term review with tutors; visit to a salt marsh producer."),
            (D(2025, 3, 21), "Assessment with the host companies, certificates, departure."),
        ],
    },
    {
        "title": "Adult learners in agri-food at GRETA Cœur de Garonne",
        "format": "adult-learner-mobility",
        "themes": ["agri-food", "adult-basic-skills", "inclusion-and-fewer-opportunities"],
        "dates": (D(2025, 5, 12), D(2025, 5, 23)),
        "parties": [("greta-coeur-de-garonne", "host"), ("urola-adult-education", "sending")],
        "figures": [("adult-learners", 10), ("teachers-and-trainers", 2)],
        "staff": 2,
        "learners": 10,
        "fewer": 3,
        "outcomes": (
            "Ten adults retraining for food-processing jobs worked in orchards and a prune "
            "cooperative; eight completed the HACCP module, three found work within two "
            "months of their return."
        ),
        "feedback": [("urola-adult-education", 5, True, "")],
    },
    {
        "title": "Study visit on guidance for newcomers at Kompetenscentrum Norrbotten",
        "format": "study-visit",
        "themes": ["career-guidance", "validation-of-prior-learning"],
        "dates": (D(2025, 6, 9), D(2025, 6, 12)),
        "parties": [
            ("kompetenscentrum-norrbotten", "host"),
            ("lubelskie-guidance-centre", "sending"),
        ],
        "figures": [("guidance-staff", 3), ("policy-makers-and-regional-staff", 1)],
        "staff": 4,
        "learners": 0,
        "fewer": 0,
        "outcomes": (
            "Lubelskie drafted a validation pathway for displaced adults modelled on "
            "Norrbotten's learning centres, to pilot in two counties."
        ),
        "programme": [
            (D(2025, 6, 9), "Swedish for immigrants combined with vocational adult education."),
            (D(2025, 6, 10), "Validation of foreign qualifications in care and industry."),
            (D(2025, 6, 11), "A learning centre in a small municipality, by distance."),
            (D(2025, 6, 12), "Peer review of Lubelskie's plans; next steps."),
        ],
    },
    {
        "title": "Apprentices in electrical installation and heat pumps in Nordhessen",
        "format": "apprenticeship-mobility",
        "themes": ["green-skills", "work-based-learning", "construction-and-renovation"],
        "dates": (D(2025, 10, 6), D(2025, 10, 31)),
        "parties": [("kammer-handwerk-nordhessen", "host"), ("cifp-rio-nalon", "sending")],
        "figures": [("apprentices", 8), ("teachers-and-trainers", 1)],
        "staff": 1,
        "learners": 8,
        "fewer": 2,
        "outcomes": (
            "Eight dual-training learners installed heat pumps and PV systems with four "
            "craft companies around Kassel; the chamber now keeps a pool of host companies "
            "for Asturian apprentices."
        ),
        "feedback": [
            ("cifp-rio-nalon", 4, True, "A German crash course before departure, not on site."),
            ("kammer-handwerk-nordhessen", 5, True, ""),
        ],
    },
]
