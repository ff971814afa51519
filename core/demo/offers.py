"""Offers, as members write them. `when` works as in listings.py."""

OFFERS = [
    {
        "ref": "demo-off-boras-studiebesok",
        "org": "boras",
        "title": "Studiebesök: arbetsplatsförlagt lärande och vuxenutbildning i Borås",
        "description": (
            "Arbetslivsförvaltningen i Borås Stad tar gärna emot en grupp på upp till åtta "
            "personer för ett studiebesök om hur vi kombinerar svenska för invandrare, "
            "yrkesutbildning för vuxna och praktik på arbetsplatser. Programmet omfattar "
            "besök på vuxenutbildningen, hos arbetsgivare inom textil, handel och vård "
            "samt möten med studie- och yrkesvägledare. Vi arbetar på svenska och engelska."
        ),
        "themes": [
            "work-based-learning",
            "adult-basic-skills",
            "inclusion-and-fewer-opportunities",
        ],
        "formats": ["study-visit", "peer-learning-activity"],
        "target_groups": [
            "policy-makers-and-regional-staff",
            "guidance-staff",
            "teachers-and-trainers",
        ],
        "role": "host",
        "when": (3, 8),
        "duration": 4,
        "participants": 8,
        "languages": ["sv", "en"],
        "funding": "own",
    },
    {
        "ref": "demo-off-escola-practiques",
        "org": "escola-del-treball",
        "title": "Acollim alumnes d'FP en pràctiques a Barcelona",
        "description": (
            "L'Institut Escola del Treball ofereix cicles formatius d'electricitat, "
            "mecànica, automoció, química, informàtica i disseny. Podem acollir grups "
            "d'alumnes d'FP de centres socis per a estades de pràctiques de dues a quatre "
            "setmanes en empreses del nostre entorn, amb el seguiment d'un tutor del "
            "centre. Donem prioritat a les propostes que incloguin noies en cicles "
            "industrials, com vam acordar a Borås."
        ),
        "themes": ["work-based-learning", "gender-equality", "automotive-and-mobility"],
        "formats": ["vet-learner-mobility"],
        "target_groups": ["vet-learners"],
        "role": "host",
        "when": (4, 9),
        "duration": 21,
        "participants": 10,
        "languages": ["ca", "es", "en"],
        "funding": "accredited",
    },
    {
        "ref": "demo-off-its-corso-robotica",
        "org": "its-meccatronica-adriatica",
        "title": "Corso per docenti: robotica collaborativa e manutenzione predittiva",
        "description": (
            "Offriamo un corso di cinque giorni per docenti e formatori dell'istruzione "
            "professionale sulla robotica collaborativa e la manutenzione predittiva, nei "
            "nostri laboratori di Ancona e presso due aziende partner. Il corso si tiene "
            "in inglese; massimo dodici partecipanti."
        ),
        "themes": ["digital-skills", "teacher-and-trainer-development", "automotive-and-mobility"],
        "formats": ["staff-course"],
        "target_groups": ["teachers-and-trainers"],
        "role": "host",
        "when": (4, 7),
        "duration": 5,
        "participants": 12,
        "languages": ["it", "en"],
        "funding": "own",
    },
    {
        "ref": "demo-off-rionalon-transicion",
        "org": "cifp-rio-nalon",
        "title": "Acogemos profesorado de FP: transición justa en una comarca minera",
        "description": (
            "Ofrecemos estancias de observación de una semana a profesorado y responsables "
            "de FP interesados en cómo hemos reconvertido nuestra oferta formativa tras el "
            "cierre de la minería: nuevos ciclos de energías renovables, cursos para "
            "personas desempleadas y colaboración con las empresas de la comarca."
        ),
        "themes": ["green-skills", "teacher-and-trainer-development"],
        "formats": ["staff-job-shadowing"],
        "target_groups": ["teachers-and-trainers", "policy-makers-and-regional-staff"],
        "role": "host",
        "when": (2, 7),
        "duration": 5,
        "participants": 4,
        "languages": ["es", "en"],
        "funding": "accredited",
    },
    {
        "ref": "demo-off-nordhessen-betriebe",
        "org": "kammer-handwerk-nordhessen",
        "title": "Wir vermitteln Praktika in nordhessischen Handwerksbetrieben",
        "description": (
            "Über unser Netzwerk von rund 60 Ausbildungsbetrieben können wir Auszubildende "
            "und Lernende der Berufsbildung für drei bis sechs Wochen in Betrieben des "
            "Kfz-, Elektro-, Metall- und Bauhandwerks unterbringen. Wir organisieren "
            "Unterkunft, einen Deutsch-Crashkurs und eine feste Ansprechperson. "
            "Grundkenntnisse in Deutsch oder Englisch sind nötig."
        ),
        "themes": ["work-based-learning", "construction-and-renovation", "automotive-and-mobility"],
        "formats": ["apprenticeship-mobility", "vet-learner-mobility"],
        "target_groups": ["apprentices", "vet-learners"],
        "role": "host",
        "when": (3, 10),
        "duration": 28,
        "participants": 10,
        "languages": ["de", "en"],
        "funding": "own",
    },
    {
        "ref": "demo-off-caminhos-shadowing",
        "org": "associacao-caminhos",
        "title": "We host job shadowing on outreach and mentoring of young people",
        "description": (
            "Come and spend a few days with our outreach workers and mentors in Porto: "
            "street work, the first conversations with a young person, and how we "
            "prepare a first short stay abroad. Suitable for youth workers, guidance "
            "staff and teachers."
        ),
        "themes": ["inclusion-and-fewer-opportunities", "career-guidance"],
        "formats": ["staff-job-shadowing", "study-visit"],
        "target_groups": ["guidance-staff"],
        "role": "host",
        "when": (2, 6),
        "duration": 4,
        "participants": 5,
        "languages": ["pt", "en", "es"],
        "funding": "own",
    },
    {
        "ref": "demo-off-thermaikos-hospitality",
        "org": "llc-thermaikos",
        "title": "Hosting adult learners: short hospitality courses in Thessaloniki",
        "description": (
            "We host groups of adult learners for a short course in hotel reception, "
            "breakfast service and customer care, with visits to hotels of the city. "
            "Teaching is in English with Greek colleagues; an accompanying teacher per "
            "group is welcome."
        ),
        "themes": ["tourism-and-hospitality", "adult-basic-skills"],
        "formats": ["adult-learner-mobility"],
        "target_groups": ["adult-learners"],
        "role": "host",
        "when": (4, 8),
        "duration": 10,
        "participants": 12,
        "languages": ["el", "en"],
        "funding": "own",
    },
    {
        "ref": "demo-off-lubelskie-peer-learning",
        "org": "lubelskie-guidance-centre",
        "title": "Peer-learning days: a one-stop shop for adult career guidance",
        "description": (
            "We invite guidance services and regional staff to two or three days of peer "
            "learning in Lublin on our one-stop shop, where adults get guidance, course "
            "vouchers and help with recognition of qualifications at one desk."
        ),
        "themes": ["career-guidance", "validation-of-prior-learning"],
        "formats": ["peer-learning-activity", "study-visit"],
        "target_groups": ["guidance-staff", "policy-makers-and-regional-staff"],
        "role": "host",
        "when": (3, 7),
        "duration": 3,
        "participants": 10,
        "languages": ["pl", "en", "uk"],
        "funding": "own",
        "status": "matched",  # core/demo/activity.py: PENDING_MATCH
    },
    {
        "ref": "demo-off-pohjoisranta-learners",
        "org": "pohjoisranta-college",
        "title": "VET learners welcome in Oulu: ICT and electrical installation",
        "description": (
            "We can host VET learners for three to six weeks: part of the time in our "
            "workshops, part in companies. Our teachers plan the learning with the "
            "sending school so that it counts towards the learner's qualification."
        ),
        "themes": ["digital-skills", "green-skills", "work-based-learning"],
        "formats": ["vet-learner-mobility"],
        "target_groups": ["vet-learners"],
        "role": "host",
        "when": (3, 8),
        "duration": 21,
        "participants": 6,
        "languages": ["fi", "sv", "en"],
        "funding": "accredited",
    },
    {
        "ref": "demo-off-meuse-ardenne-formateurs",
        "org": "cf-meuse-ardenne",
        "title": "Nous accueillons des formateurs : pédagogie pour adultes peu qualifiés",
        "description": (
            "Nous proposons d'accueillir des formateurs et formatrices pour une semaine "
            "d'observation dans nos ateliers de remise à niveau (français, calcul, "
            "numérique) et de préqualification aux métiers du bâtiment."
        ),
        "themes": [
            "adult-basic-skills",
            "teacher-and-trainer-development",
            "construction-and-renovation",
        ],
        "formats": ["staff-job-shadowing"],
        "target_groups": ["teachers-and-trainers"],
        "role": "host",
        "when": (2, 6),
        "duration": 5,
        "participants": 4,
        "languages": ["fr", "en", "nl"],
        "funding": "own",
    },
    {
        "ref": "demo-off-zuiderkreek-erasmuspro",
        "org": "roc-zuiderkreek",
        "title": "Long-term placements in high-tech companies of Brainport Eindhoven",
        "description": (
            "We can place VET learners or recent graduates in ICT, mechatronics and "
            "engineering for four months in companies of the Eindhoven region. We find "
            "the company, a mentor and housing, and meet each learner every two weeks."
        ),
        "themes": ["digital-skills", "work-based-learning"],
        "formats": ["erasmuspro"],
        "target_groups": ["vet-learners"],
        "role": "host",
        "when": (5, 12),
        "duration": 120,
        "participants": 5,
        "languages": ["nl", "en"],
        "funding": "accredited",
    },
    {
        "ref": "demo-off-tirol-lehrlinge",
        "org": "lehrlingsakademie-tirol",
        "title": "Lehrlinge aus Europa in Tiroler Tourismus- und Gastronomiebetrieben",
        "description": (
            "Unsere Mitgliedsbetriebe nehmen Lehrlinge aus Partnerregionen für sechs "
            "Wochen auf: Küche, Service, Hotelrezeption. Kost und Logis stellt der "
            "Betrieb; wir begleiten die Lehrlinge und organisieren ein Wochenende zum "
            "Kennenlernen der Region."
        ),
        "themes": ["tourism-and-hospitality", "work-based-learning"],
        "formats": ["apprenticeship-mobility"],
        "target_groups": ["apprentices"],
        "role": "host",
        "when": (3, 10),
        "duration": 42,
        "participants": 8,
        "languages": ["de", "en", "it"],
        "funding": "own",
    },
    {
        "ref": "demo-off-shannonside-community",
        "org": "shannonside-fet",
        "title": "We host adult-education staff: community education and literacy",
        "description": (
            "Staff of adult-education providers can shadow our literacy tutors and "
            "community education facilitators for a week, and visit the community "
            "groups that run courses with us in small towns of the Mid-West."
        ),
        "themes": ["adult-basic-skills", "inclusion-and-fewer-opportunities"],
        "formats": ["staff-job-shadowing", "study-visit"],
        "target_groups": ["teachers-and-trainers", "guidance-staff"],
        "role": "host",
        "when": (3, 7),
        "duration": 5,
        "participants": 4,
        "languages": ["en", "ga"],
        "funding": "own",
        "status": "matched",  # core/demo/activity.py: PENDING_MATCH
    },
    {
        "ref": "demo-off-savinja-teaching",
        "org": "solski-center-savinja",
        "title": "Teaching assignment in wood technology and furniture design",
        "description": (
            "We invite a teacher of wood technology or furniture design to teach with "
            "us for up to two weeks, in English, and to share methods for sustainable "
            "materials."
        ),
        "themes": ["green-skills", "teacher-and-trainer-development"],
        "formats": ["teaching-or-training-assignment"],
        "target_groups": ["teachers-and-trainers"],
        "role": "host",
        "when": (3, 8),
        "duration": 10,
        "participants": 2,
        "languages": ["sl", "en", "de"],
        "funding": "accredited",
        "status": "draft",
    },
    {
        "ref": "demo-off-vysocina-host-school",
        "org": "sps-vysocina",
        "title": "Host school for VET learners in engineering and automotive technology",
        "description": (
            "We host groups of VET learners for two weeks of practice in our workshops "
            "and at car-parts suppliers in Jihlava, with a teacher of our school as "
            "tutor. Accommodation in the school's boarding house."
        ),
        "themes": ["automotive-and-mobility", "work-based-learning"],
        "formats": ["vet-learner-mobility"],
        "target_groups": ["vet-learners"],
        "role": "host",
        "when": (4, 8),
        "duration": 14,
        "participants": 8,
        "languages": ["cs", "en", "de"],
        "funding": "accredited",
    },
    {
        "ref": "demo-off-emajoe-virtual",
        "org": "emajoe-vocational-centre",
        "title": "Virtual exchange for e-commerce and logistics learners",
        "description": (
            "Our e-commerce and logistics learners would like to run a joint online "
            "shop project with learners of a partner school for a month, and then meet "
            "in Tartu or at the partner's school."
        ),
        "themes": ["digital-skills", "entrepreneurship"],
        "formats": ["virtual-exchange"],
        "target_groups": ["vet-learners"],
        "role": "either",
        "when": (2, 5),
        "duration": 30,
        "participants": 15,
        "languages": ["et", "en", "fi"],
        "funding": "own",
        "status": "submitted",
    },
    {
        "ref": "demo-off-punti-peer-learning",
        "org": "asociatia-punti",
        "title": "Peer-learning days in Cluj on mentoring Roma youth in VET",
        "description": (
            "Two days with our school mediators and mentors, visits to two vocational "
            "schools and a meeting with families. For guidance staff, teachers and "
            "youth workers."
        ),
        "themes": ["inclusion-and-fewer-opportunities", "career-guidance"],
        "formats": ["peer-learning-activity"],
        "target_groups": ["guidance-staff", "teachers-and-trainers"],
        "role": "host",
        "when": (3, 6),
        "duration": 2,
        "participants": 8,
        "languages": ["ro", "en", "hu"],
        "funding": "applying",
        "status": "submitted",
    },
    {
        "ref": "demo-off-greta-agroalimentaire",
        "org": "greta-coeur-de-garonne",
        "title": "Accueil d'apprenants adultes : agriculture et agroalimentaire",
        "description": (
            "Nous accueillons des groupes d'apprenants adultes pour dix jours de "
            "formation et de visites dans les vergers, les conserveries et les "
            "coopératives du Lot-et-Garonne. Nos formateurs parlent français, espagnol "
            "et anglais."
        ),
        "themes": ["agri-food", "green-skills"],
        "formats": ["adult-learner-mobility"],
        "target_groups": ["adult-learners", "people-with-fewer-opportunities"],
        "role": "host",
        "when": (3, 7),
        "duration": 10,
        "participants": 8,
        "languages": ["fr", "es", "en"],
        "fewer": (
            "Hébergement accessible aux personnes à mobilité réduite ; un formateur "
            "référent reste joignable jour et nuit."
        ),
        "funding": "own",
    },
    {
        "ref": "demo-off-norrbotten-jobbskuggning",
        "org": "kompetenscentrum-norrbotten",
        "title": "Vi tar emot lärare i vuxenutbildning: distansundervisning i glesbygd",
        "description": (
            "Vi tar emot lärare och skolledare för en veckas jobbskuggning kring flexibel "
            "distansundervisning, lärcentra i små kommuner och validering av "
            "yrkeskunskaper hos vuxna."
        ),
        "themes": ["digital-skills", "adult-basic-skills", "validation-of-prior-learning"],
        "formats": ["staff-job-shadowing"],
        "target_groups": ["teachers-and-trainers", "policy-makers-and-regional-staff"],
        "role": "host",
        "when": (2, 5),
        "duration": 5,
        "participants": 4,
        "languages": ["sv", "en", "fi"],
        "funding": "own",
    },
    {
        "ref": "demo-off-atlantida-hospitality",
        "org": "escola-profissional-atlantida",
        "title": "We host VET learners in hospitality: three weeks in Aveiro",
        "description": (
            "Learners of cooking, pastry and restaurant service can train for three "
            "weeks in hotels and restaurants of the Aveiro coast, with a tutor from our "
            "school and Portuguese lessons twice a week."
        ),
        "themes": ["tourism-and-hospitality", "work-based-learning"],
        "formats": ["vet-learner-mobility"],
        "target_groups": ["vet-learners"],
        "role": "host",
        "when": (3, 9),
        "duration": 21,
        "participants": 8,
        "languages": ["pt", "en", "es"],
        "funding": "accredited",
    },
    # The past, and one withdrawn.
    {
        "ref": "demo-off-limfjord-wind",
        "org": "erhvervsskolen-limfjord",
        "title": "Hosting apprentices in wind-turbine service",
        "description": (
            "We placed apprentices with wind-turbine service companies in North Jutland "
            "for three weeks."
        ),
        "themes": ["green-skills", "work-based-learning"],
        "formats": ["apprenticeship-mobility"],
        "target_groups": ["apprentices"],
        "role": "host",
        "when": (-10, -4),
        "duration": 21,
        "participants": 6,
        "languages": ["da", "en"],
        "funding": "accredited",
        "status": "closed",
    },
    {
        "ref": "demo-off-atlantida-pastry",
        "org": "escola-profissional-atlantida",
        "title": "Pastry learners welcome for two weeks",
        "description": "We offered two weeks of practice in pastry shops for VET learners.",
        "themes": ["tourism-and-hospitality"],
        "formats": ["vet-learner-mobility"],
        "target_groups": ["vet-learners"],
        "role": "host",
        "when": (-7, -2),
        "duration": 14,
        "participants": 6,
        "languages": ["pt", "en"],
        "funding": "accredited",
        "status": "expired",
    },
    {
        "ref": "demo-off-dalmacija-placements",
        "org": "pou-dalmacija",
        "title": "Placements for adult learners in Split hotels",
        "description": (
            "We offered placements in hotels of Split for adult learners; withdrawn "
            "because our partner hotels changed owners."
        ),
        "themes": ["tourism-and-hospitality"],
        "formats": ["adult-learner-mobility"],
        "target_groups": ["adult-learners"],
        "role": "host",
        "when": (3, 6),
        "duration": 14,
        "participants": 6,
        "languages": ["hr", "en"],
        "funding": "own",
        "status": "withdrawn",
    },
]
