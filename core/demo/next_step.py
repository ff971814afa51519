"""The next step the Borås partners planned: a three-way mobility of female VET
learners in traditionally male-dominated trades. Open now, so the secretariat can
walk the matching journey on the demo: the matcher puts Borås and Escola del
Treball at the top for the Centre-Val de Loire request."""

REQUESTS = [
    {
        "ref": "demo-req-cvl-three-way-female-learners",
        "org": "centre-val-de-loire",
        "title": "Three-way mobility for female VET learners in male-dominated trades",
        "description": (
            "Following our study visit on gender equality in guidance, the Centre-Val de "
            "Loire Region - Service Orientation looks for partners to send a group of "
            "female VET learners from industrial, construction and automotive programmes "
            "abroad for two weeks of work-based learning. We want them to meet women "
            "working in traditionally male-dominated trades, and their teachers to see how "
            "other VET schools promote gender inclusion. A three-way project with a "
            "Swedish and a Catalan partner would be ideal."
        ),
        "themes": ["gender-equality", "work-based-learning"],
        "formats": ["vet-learner-mobility"],
        "target_groups": ["vet-learners", "teachers-and-trainers"],
        "role": "send",
        "when": (5, 8),
        "duration": 14,
        "participants": 8,
        "languages": ["fr", "en"],
        "countries": ["SE", "ES"],
        "funding": "applying",
    },
]

OFFERS = [
    {
        "ref": "demo-off-boras-female-learners",
        "org": "boras",
        "title": "We host female VET learners in technical programmes",
        "description": (
            "The Working Life Department of Borås Stad hosts groups of VET learners for two "
            "to four weeks of workplace learning in industry, construction and vehicle "
            "technology, with a focus on girls and women in traditionally male-dominated "
            "trades. Learners meet female professionals and our gender-inclusion network "
            "of employers; their teachers join our VET schools for job shadowing."
        ),
        "themes": ["gender-equality", "work-based-learning"],
        "formats": ["vet-learner-mobility"],
        "target_groups": ["vet-learners", "teachers-and-trainers"],
        "role": "host",
        "when": (4, 9),
        "duration": 14,
        "participants": 10,
        "languages": ["en", "sv"],
        "fewer": "A mentor follows each learner; travel and housing are arranged by us.",
        "funding": "accredited",
    },
    {
        "ref": "demo-off-escola-dones-oficis",
        "org": "escola-del-treball",
        "title": "Acollim o enviem alumnes d'FP: dones en oficis industrials",
        "description": (
            "L'Institut Escola del Treball pot acollir un grup d'alumnes d'FP durant dues "
            "setmanes als tallers de mecatrònica, automoció i construcció, i en empreses "
            "col·laboradores de Barcelona, amb un programa sobre la inclusió de gènere i "
            "les dones en oficis tradicionalment masculins. També podem participar en un "
            "projecte a tres bandes i enviar les nostres alumnes a un soci."
        ),
        "themes": ["gender-equality", "work-based-learning"],
        "formats": ["vet-learner-mobility"],
        "target_groups": ["vet-learners", "teachers-and-trainers"],
        "role": "either",
        "when": (5, 9),
        "duration": 14,
        "participants": 8,
        "languages": ["ca", "es", "en"],
        "funding": "accredited",
    },
]

INTERESTS = [
    {
        "listing": "demo-req-cvl-three-way-female-learners",
        "org": "boras",
        "role": "host",
        "what_we_bring": (
            "Two weeks of workplace learning with female professionals in our industry and "
            "vehicle-technology companies, and job shadowing for the teachers."
        ),
        "who_takes_part": "Nicholas Waller and two VET teachers from our technical programmes.",
        "when": "Any two weeks in your window",
        "message": "This is the three-way project we spoke of in December.",
    },
    {
        "listing": "demo-req-cvl-three-way-female-learners",
        "org": "escola-del-treball",
        "role": "participate",
        "what_we_bring": (
            "Our workshops in mechatronics and automotive, and a group of our own female "
            "learners to make it three-way."
        ),
        "who_takes_part": "Albert Peiró Mateu and the head of the automotive department.",
        "when": "Flexible",
    },
]
