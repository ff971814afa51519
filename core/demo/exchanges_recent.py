"""Exchanges of this year, the planned ones of 2027 and one cancelled: the same
shape as exchanges.py. Planned and cancelled exchanges have no figures yet."""

import datetime

D = datetime.date

RECENT_EXCHANGES = [
    {
        "title": "ErasmusPro placements in smart manufacturing in Brainport Eindhoven",
        "format": "erasmuspro",
        "themes": ["digital-skills", "work-based-learning"],
        "dates": (D(2026, 2, 2), D(2026, 5, 2)),
        "parties": [("roc-zuiderkreek", "host"), ("sps-vysocina", "sending")],
        "figures": [("vet-learners", 4)],
        "staff": 0,
        "learners": 4,
        "fewer": 1,
        "outcomes": (
            "Four recent graduates in mechatronics spent three months in high-tech SMEs; "
            "one was hired by his host company, and Vysočina will send a second group."
        ),
        "feedback": [("sps-vysocina", 4, True, "Housing was found late; start a month earlier.")],
    },
    {
        "title": "Job shadowing in youth workshops at the City of Lahti",
        "format": "staff-job-shadowing",
        "themes": ["career-guidance", "inclusion-and-fewer-opportunities"],
        "dates": (D(2026, 4, 20), D(2026, 4, 24)),
        "parties": [
            ("lahti-youth-guidance", "host"),
            ("mission-locale-loire-estuaire", "sending"),
        ],
        "figures": [("guidance-staff", 3)],
        "staff": 3,
        "learners": 0,
        "fewer": 0,
        "outcomes": (
            "The Mission Locale's counsellors adapted Lahti's outreach youth work for "
            "young people who are in no service, starting with two neighbourhoods."
        ),
        "programme": [
            (D(2026, 4, 20), "Ohjaamo one-stop guidance centre: how young people come in."),
            (D(2026, 4, 21), "Shadowing outreach youth workers in the city."),
            (D(2026, 4, 22), "Workshops in carpentry, catering and media with their coaches."),
            (D(2026, 4, 23), "Coaching towards training or a job; meeting employers."),
            (D(2026, 4, 24), "What the Mission Locale will try at home."),
        ],
        "feedback": [
            ("mission-locale-loire-estuaire", 5, True, ""),
            ("lahti-youth-guidance", 5, True, ""),
        ],
    },
    {
        "title": "Adult learners in digital skills at Shannonside FET Centre",
        "format": "adult-learner-mobility",
        "themes": ["digital-skills", "adult-basic-skills", "inclusion-and-fewer-opportunities"],
        "dates": (D(2026, 9, 14), D(2026, 9, 25)),
        "parties": [("shannonside-fet", "host"), ("llc-thermaikos", "sending")],
        "figures": [("adult-learners", 8), ("teachers-and-trainers", 2)],
        "staff": 2,
        "learners": 8,
        "fewer": 4,
        "outcomes": (
            "Eight adults, four of them long-term unemployed, earned a digital skills "
            "certificate and practised English in community groups of Limerick."
        ),
    },
    {
        "title": "VET learners in renewable energy at Šolski center Savinja",
        "format": "vet-learner-mobility",
        "themes": ["green-skills", "work-based-learning"],
        "dates": (D(2027, 3, 8), D(2027, 3, 26)),
        "parties": [("solski-center-savinja", "host"), ("emajoe-vocational-centre", "sending")],
        "status": "planned",
    },
    {
        "title": "Study visit on dual VET governance in the Region of Murcia",
        "format": "study-visit",
        "themes": ["work-based-learning", "agri-food"],
        "dates": (D(2027, 5, 10), D(2027, 5, 14)),
        "parties": [
            ("oficina-cualificaciones-murcia", "host"),
            ("opplaeringskontoret-vest", "sending"),
        ],
        "status": "planned",
    },
    {
        "title": "Apprentices in wind-turbine service at Erhvervsskolen Limfjord",
        "format": "apprenticeship-mobility",
        "themes": ["green-skills", "work-based-learning"],
        "dates": (D(2026, 6, 1), D(2026, 6, 26)),
        "parties": [
            ("erhvervsskolen-limfjord", "host"),
            ("opplaeringskontoret-vest", "sending"),
        ],
        "status": "cancelled",
        "outcomes": "Cancelled: the host's membership was suspended before the placements.",
    },
]
