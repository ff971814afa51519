"""'We are interested': members answering open requests, so the demo shows
requests with interest already shown. Keyed on (listing, organisation)."""

INTERESTS = [
    {
        "listing": "demo-req-lubelskie-ukraine",
        "org": "kompetenscentrum-norrbotten",
        "role": "host",
        "what_we_bring": (
            "Our learning centres combine Swedish for immigrants with vocational adult "
            "education in care and industry; we can show both and the validation of "
            "foreign qualifications."
        ),
        "who_takes_part": "Our development leader and two study and career counsellors.",
        "when": "Any week except the first two weeks of the term",
    },
    {
        "listing": "demo-req-podkarpacie-mechatronics",
        "org": "escola-del-treball",
        "role": "host",
        "what_we_bring": (
            "Two weeks in our mechatronics and automotive workshops and placements in "
            "partner companies in Barcelona, with a tutor from our school."
        ),
        "who_takes_part": "Our Erasmus+ team and the head of the automotive department.",
        "when": "Flexible within your window",
        "message": "We could then send a group of our learners to Rzeszów in return.",
    },
    {
        "listing": "demo-req-meuse-ardenne-soins",
        "org": "greta-coeur-de-garonne",
        "role": "host",
        "what_we_bring": (
            "Des stages dans trois EHPAD et un service d'aide à domicile partenaires, et "
            "un formateur référent pendant les deux semaines."
        ),
        "who_takes_part": "Notre conseillère en formation et la formatrice du pôle santé.",
        "when": "Deux semaines au choix dans votre fenêtre",
    },
    {
        "listing": "demo-req-rionalon-renovables",
        "org": "kammer-handwerk-nordhessen",
        "role": "host",
        "what_we_bring": (
            "Placements in electrical companies that install solar PV and heat pumps "
            "in northern Hesse, a German crash course and a contact person at the chamber."
        ),
        "who_takes_part": "Our mobility adviser; the host companies' instructors.",
        "when": "Four weeks within your window",
    },
]
