"""Case studies of demo exchanges besides Borås: two published, one draft the
members are still writing. Keyed on the slug; `exchange` is the exchange's title."""

import datetime

CASE_STUDIES = [
    {
        "slug": "apprentices-in-automotive-mechatronics-in-tyrol",
        "exchange": "Apprentices in automotive mechatronics at Tyrolean companies",
        "status": "published",
        "published_at": datetime.datetime(2025, 1, 20, 10, 0),
        "title": "Polish apprentices in Tyrolean car workshops",
        "summary": (
            "Zespół Szkół Zawodowych Podkarpacie sent ten mechatronics apprentices to "
            "workshops around Innsbruck for four weeks, with Lehrlingsakademie Tirol "
            "finding the companies and mentoring them."
        ),
        "story": (
            "ZSZ Podkarpacie wanted its automotive apprentices to see diagnostics and "
            "electric drive trains in companies that already service them every day.\n\n"
            "Lehrlingsakademie Tirol, the apprenticeship academy of the Tyrolean chambers, "
            "offered to place them: it asked its member companies, matched each apprentice "
            "with a workshop and named a mentor in each.\n\n"
            "In September 2024 ten apprentices and two teachers spent four weeks in Tyrol. "
            "Two of the apprentices came from families that could not have paid for the "
            "trip: the school's Erasmus+ accreditation covered all costs, and a teacher "
            "stayed the whole month."
        ),
        "next_steps": (
            "A second group in 2026, and Tyrolean apprentices in Rzeszów's partner "
            "companies in return."
        ),
        "lessons_host": [
            "Match each apprentice with one company and one mentor before arrival.",
            "Companies said yes once they met the teachers by video beforehand.",
            "A weekly meeting of all apprentices kept small problems small.",
        ],
        "lessons_participants": [
            "A month is long enough to be trusted with real jobs.",
            "Technical German vocabulary learnt beforehand pays off on the first day.",
            "A teacher on site reassures families of first-time travellers.",
        ],
        "testimonials": [
            (
                "Tomasz Wiśniewski",
                "Deputy Head for Vocational Training",
                "zsz-podkarpacie",
                "ZSZ Podkarpacie, Rzeszów (Poland)",
                "Our apprentices came back speaking about torque specifications in German "
                "and with the confidence of people who have been trusted.",
            ),
            (
                "Florian Gruber",
                "Managing Director",
                "lehrlingsakademie-tirol",
                "Lehrlingsakademie Tirol (Austria)",
                "Our companies were sceptical at first; now three of them ask when the "
                "next group arrives.",
            ),
        ],
    },
    {
        "slug": "adult-learners-in-agri-food-in-lot-et-garonne",
        "exchange": "Adult learners in agri-food at GRETA Cœur de Garonne",
        "status": "published",
        "published_at": datetime.datetime(2025, 7, 7, 10, 0),
        "title": "Basque adults retraining in the orchards of Lot-et-Garonne",
        "summary": (
            "Urola's adult-education centre sent ten adults retraining for food-processing "
            "jobs to GRETA Cœur de Garonne for two weeks of courses and work in orchards "
            "and a prune cooperative."
        ),
        "story": (
            "Urola Helduen Hezkuntza Zentroa teaches adults who lost industrial jobs in the "
            "Urola valley and retrain for the food industry. It asked for a host where they "
            "could practise in real companies.\n\n"
            "GRETA Cœur de Garonne offered its agri-food courses in Agen and placements with "
            "the producers it trains for. Ten adults, three of them with fewer "
            "opportunities, spent two weeks in May 2025 in orchards, a packing station and "
            "a prune cooperative, with French and Spanish-speaking trainers."
        ),
        "next_steps": "GRETA will send a group of its own learners to Gipuzkoa in 2026.",
        "lessons_host": [
            "Producers welcome adult learners who already know what work is.",
            "A bilingual trainer made the difference in the first days.",
        ],
        "lessons_participants": [
            "Adults gain confidence from succeeding abroad.",
            "The HACCP module is easier in a real packing station than in class.",
            "Keep the group together in the evenings: it carried the shyest ones.",
        ],
        "testimonials": [
            (
                "Itziar Etxeberria",
                "Head of Adult Education",
                "urola-adult-education",
                "Urola HHZ, Azpeitia (Basque Country, Spain)",
                "For several of our learners it was the first time away from home. They "
                "came back with a certificate and a new idea of what they can do.",
            ),
        ],
    },
    {
        "slug": "youth-workshops-in-lahti",
        "exchange": "Job shadowing in youth workshops at the City of Lahti",
        "status": "draft",
        "title": "What Saint-Nazaire learnt from Lahti's youth workshops",
        "summary": (
            "Three counsellors of the Mission Locale Loire-Estuaire shadowed Lahti's "
            "outreach youth workers and workshop coaches for a week."
        ),
        "story": (
            "The Mission Locale Loire-Estuaire looked for ways to reach young people who "
            "are registered nowhere. Lahti's youth workshops offered a week of job "
            "shadowing in April 2026.\n\n(To be completed by the partners.)"
        ),
        "next_steps": "",
        "lessons_host": [],
        "lessons_participants": ["Outreach starts where young people already are."],
        "testimonials": [],
    },
]
