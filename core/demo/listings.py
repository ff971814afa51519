"""Requests, as members write them (some in their own language).

`when` is the date window in months from the current month: (2, 5) runs from
the 1st of the month after next to the end of the fifth month from now. Dates
relative to today keep open listings open whenever the demo is loaded; the
descriptions therefore never name a month or a season.
"""

REQUESTS = [
    {
        "ref": "demo-req-cvl-orientation-metiers",
        "org": "centre-val-de-loire",
        "title": "Échange sur l'orientation vers les métiers en tension et sans stéréotypes",
        "description": (
            "Après notre visite à Borås, le Service Orientation de la Région Centre-Val "
            "de Loire souhaite poursuivre le travail avec une nouvelle région partenaire. "
            "Nous cherchons une collectivité qui a développé des outils pour faire "
            "découvrir aux jeunes et aux adultes les métiers de l'industrie, du soin et "
            "du bâtiment, en luttant contre les stéréotypes de genre dans les choix de "
            "formation. En retour, nous pouvons présenter notre service public régional "
            "de l'orientation et nos actions de découverte des métiers."
        ),
        "themes": ["career-guidance", "gender-equality"],
        "formats": ["study-visit", "peer-learning-activity"],
        "target_groups": ["guidance-staff", "policy-makers-and-regional-staff"],
        "role": "send",
        "when": (4, 7),
        "duration": 4,
        "participants": 5,
        "languages": ["fr", "en"],
        "funding": "applying",
    },
    {
        "ref": "demo-req-lagorai-agroalimentare",
        "org": "cfp-lagorai",
        "title": "Cerchiamo partner per tirocini all'estero nel settore agroalimentare",
        "description": (
            "Il Centro di Formazione Professionale Lagorai forma operatori della "
            "trasformazione agroalimentare e della ristorazione in Trentino. Cerchiamo un "
            "centro di formazione o un organismo intermediario che possa ospitare un "
            "gruppo di allievi del terzo anno per tre settimane di tirocinio in aziende "
            "lattiero-casearie o panifici. Gli allievi saranno accompagnati da due "
            "formatori."
        ),
        "themes": ["agri-food", "work-based-learning", "inclusion-and-fewer-opportunities"],
        "formats": ["vet-learner-mobility"],
        "target_groups": ["vet-learners", "people-with-fewer-opportunities"],
        "role": "send",
        "when": (4, 6),
        "duration": 21,
        "participants": 12,
        "languages": ["it", "en", "de"],
        "countries": ["AT", "DE", "FR"],
        "fewer": (
            "Alcuni allievi provengono da famiglie con difficoltà economiche: la scuola "
            "anticipa tutte le spese, organizza un corso di lingua prima della partenza e "
            "due formatori restano con il gruppo per tutto il periodo."
        ),
        "funding": "accredited",
    },
    {
        "ref": "demo-req-its-job-shadowing",
        "org": "its-meccatronica-adriatica",
        "title": "Job shadowing per docenti di meccatronica e automazione",
        "description": (
            "Vorremmo inviare quattro docenti e tutor aziendali in job shadowing presso "
            "un istituto di formazione professionale che utilizzi laboratori di robotica "
            "collaborativa e gemelli digitali. Ci interessa in particolare come i "
            "partner valutano le competenze acquisite in azienda e come coinvolgono le "
            "imprese nella progettazione dei corsi."
        ),
        "themes": ["digital-skills", "teacher-and-trainer-development", "automotive-and-mobility"],
        "formats": ["staff-job-shadowing"],
        "target_groups": ["teachers-and-trainers"],
        "role": "send",
        "when": (3, 6),
        "duration": 5,
        "participants": 4,
        "languages": ["it", "en"],
        "countries": ["DE", "AT", "FI", "NL"],
        "funding": "applying",
    },
    {
        "ref": "demo-req-rionalon-renovables",
        "org": "cifp-rio-nalon",
        "title": "Movilidad de alumnado de FP en energías renovables",
        "description": (
            "Buscamos un centro de FP o una empresa que acoja a un grupo de ocho "
            "estudiantes de grado superior durante un mes para hacer prácticas en "
            "instalaciones fotovoltaicas o eólicas. Nuestra comarca vive la transición "
            "del carbón a las energías limpias y queremos que el alumnado conozca "
            "experiencias parecidas en otras regiones europeas. Viajarán con dos "
            "profesores."
        ),
        "themes": ["green-skills", "work-based-learning"],
        "formats": ["vet-learner-mobility"],
        "target_groups": ["vet-learners", "people-with-fewer-opportunities"],
        "role": "send",
        "when": (5, 8),
        "duration": 30,
        "participants": 10,
        "languages": ["es", "en"],
        "countries": ["DE", "DK", "PT"],
        "fewer": (
            "La mitad del grupo procede de familias afectadas por el cierre de las minas. "
            "El centro paga viaje y alojamiento por adelantado y organiza un curso previo "
            "de inglés técnico."
        ),
        "funding": "accredited",
    },
    {
        "ref": "demo-req-urola-digital",
        "org": "urola-adult-education",
        "title": "Adult learners' mobility on basic digital skills",
        "description": (
            "We would like to take a group of eight adult learners with two teachers on "
            "a one-week learning mobility to an adult-education provider that teaches "
            "basic digital skills: online public services, safe use of the internet, "
            "video calls with family. Many of our learners are migrants. We would also "
            "welcome a return visit to Azpeitia."
        ),
        "themes": ["adult-basic-skills", "digital-skills", "inclusion-and-fewer-opportunities"],
        "formats": ["adult-learner-mobility"],
        "target_groups": ["adult-learners", "people-with-fewer-opportunities"],
        "role": "either",
        "when": (4, 7),
        "duration": 6,
        "participants": 10,
        "languages": ["es", "eu", "en"],
        "fewer": (
            "Two teachers accompany the group, with interpretation into Spanish where "
            "needed, and a preparatory workshop for participants who have never "
            "travelled abroad."
        ),
        "funding": "accredited",
    },
    {
        "ref": "demo-req-nordhessen-praktika",
        "org": "kammer-handwerk-nordhessen",
        "title": "Partner für Auslandspraktika von Auszubildenden im Handwerk gesucht",
        "description": (
            "Für Auszubildende im Kfz-, Elektro- und SHK-Handwerk (2. und 3. Lehrjahr) "
            "suchen wir Partner, die Praktikumsplätze in Betrieben vermitteln und vor Ort "
            "eine feste Ansprechperson stellen. Geplant sind vier Wochen; eine "
            "Ausbilderin begleitet die Gruppe in der ersten Woche. Unterkunft kann auch "
            "in Gastfamilien sein."
        ),
        "themes": ["work-based-learning", "automotive-and-mobility"],
        "formats": ["apprenticeship-mobility"],
        "target_groups": ["apprentices"],
        "role": "send",
        "when": (5, 9),
        "duration": 28,
        "participants": 8,
        "languages": ["de", "en"],
        "countries": ["FR", "IT", "ES", "SE"],
        "funding": "accredited",
    },
    {
        "ref": "demo-req-atlantida-erasmuspro",
        "org": "escola-profissional-atlantida",
        "title": "Host partner for long-term placements of hospitality learners (ErasmusPro)",
        "description": (
            "We look for a hosting partner, a VET school or an intermediary organisation, "
            "able to place four recent graduates in cooking and restaurant service for "
            "three months in hotels or restaurants, with a tutor who follows them at "
            "work. They have B1 English and some Spanish, and take a language and "
            "intercultural course with us before departure."
        ),
        "themes": ["tourism-and-hospitality", "work-based-learning"],
        "formats": ["erasmuspro"],
        "target_groups": ["vet-learners"],
        "role": "send",
        "when": (6, 11),
        "duration": 92,
        "participants": 4,
        "languages": ["pt", "en", "es"],
        "countries": ["ES", "IE", "FR"],
        "funding": "accredited",
    },
    {
        "ref": "demo-req-caminhos-outreach",
        "org": "associacao-caminhos",
        "title": "Learning how others reach young people who are not in any service",
        "description": (
            "We want to send a small team of youth workers and career counsellors to "
            "learn how other organisations reach young people who are not registered "
            "with any service, and how they prepare them for a first mobility abroad. "
            "Mentoring and short 'first step' mobilities interest us most."
        ),
        "themes": ["inclusion-and-fewer-opportunities", "career-guidance"],
        "formats": ["study-visit", "staff-job-shadowing"],
        "target_groups": ["guidance-staff"],
        "role": "send",
        "when": (3, 5),
        "duration": 5,
        "participants": 3,
        "languages": ["pt", "en"],
        "countries": ["FR", "IE", "NL"],
        "funding": "applying",
        "status": "matched",  # core/demo/activity.py: PENDING_MATCH
    },
    {
        "ref": "demo-req-thermaikos-validation",
        "org": "llc-thermaikos",
        "title": "Job shadowing for adult educators on validation of prior learning",
        "description": (
            "Our trainers and counsellors would like to shadow colleagues who validate "
            "skills gained at work or in volunteering, from the first interview to the "
            "certificate. We are building the same service for adults in Thessaloniki "
            "and want to see the tools and the role of employers."
        ),
        "themes": [
            "validation-of-prior-learning",
            "adult-basic-skills",
            "teacher-and-trainer-development",
        ],
        "formats": ["staff-job-shadowing"],
        "target_groups": ["teachers-and-trainers", "guidance-staff"],
        "role": "send",
        "when": (3, 8),
        "duration": 7,
        "participants": 4,
        "languages": ["el", "en"],
        "countries": ["FR", "FI", "NL", "IE"],
        "funding": "accredited",
    },
    {
        "ref": "demo-req-lubelskie-ukraine",
        "org": "lubelskie-guidance-centre",
        "title": "Study visit: guidance, skills and jobs for people displaced from Ukraine",
        "description": (
            "We would like to learn how other regions recognise foreign qualifications, "
            "combine language courses with vocational training and involve employers in "
            "hiring people displaced from Ukraine. A delegation of counsellors and "
            "regional officials would visit for three or four days."
        ),
        "themes": [
            "career-guidance",
            "inclusion-and-fewer-opportunities",
            "validation-of-prior-learning",
        ],
        "formats": ["study-visit"],
        "target_groups": ["guidance-staff", "policy-makers-and-regional-staff"],
        "role": "send",
        "when": (2, 5),
        "duration": 4,
        "participants": 5,
        "languages": ["pl", "en", "uk"],
        "countries": ["DE", "CZ", "SE", "EE"],
        "funding": "own",
    },
    {
        "ref": "demo-req-podkarpacie-mechatronics",
        "org": "zsz-podkarpacie",
        "title": "Partner school for two weeks of practice in mechatronics and automotive",
        "description": (
            "We look for a partner school with company contacts to host twelve learners "
            "aged 17 to 19 for two weeks of practical training in mechatronics or "
            "automotive technology, accompanied by two teachers. We can host a partner "
            "group in Rzeszów in return during the same school year."
        ),
        "themes": ["automotive-and-mobility", "digital-skills", "work-based-learning"],
        "formats": ["vet-learner-mobility"],
        "target_groups": ["vet-learners"],
        "role": "either",
        "when": (4, 7),
        "duration": 14,
        "participants": 14,
        "languages": ["pl", "en", "de"],
        "countries": ["DE", "CZ", "AT", "SI"],
        "funding": "accredited",
    },
    {
        "ref": "demo-req-pohjoisranta-renovation",
        "org": "pohjoisranta-college",
        "title": "Teachers' job shadowing on energy renovation of old buildings",
        "description": (
            "We are updating our construction and HVAC curricula for energy-efficient "
            "renovation and want three teachers to spend up to two weeks with a VET "
            "provider or a company that trains people to renovate old building stock. "
            "In return we can host partner teachers in Oulu."
        ),
        "themes": [
            "green-skills",
            "construction-and-renovation",
            "teacher-and-trainer-development",
        ],
        "formats": ["staff-job-shadowing", "teaching-or-training-assignment"],
        "target_groups": ["teachers-and-trainers"],
        "role": "send",
        "when": (3, 9),
        "duration": 10,
        "participants": 3,
        "languages": ["fi", "sv", "en"],
        "countries": ["DE", "AT", "NL", "DK"],
        "funding": "accredited",
    },
    {
        "ref": "demo-req-meuse-ardenne-soins",
        "org": "cf-meuse-ardenne",
        "title": "Recherche partenaires pour une mobilité de stagiaires en soins aux personnes",
        "description": (
            "Nous formons des aides-soignants et des aides familiaux, en grande partie "
            "des adultes en reconversion. Nous cherchons un établissement ou un centre "
            "de formation qui puisse accueillir six stagiaires pendant deux semaines dans "
            "des maisons de repos ou des services de soins à domicile. Un formateur "
            "accompagnera le groupe."
        ),
        "themes": ["health-and-care-skills", "work-based-learning"],
        "formats": ["adult-learner-mobility"],
        "target_groups": ["adult-learners", "people-with-fewer-opportunities"],
        "role": "send",
        "when": (4, 8),
        "duration": 14,
        "participants": 7,
        "languages": ["fr", "en"],
        "countries": ["FR", "ES", "IT", "PT"],
        "fewer": (
            "Plusieurs stagiaires sont demandeurs d'emploi de longue durée ; nous prenons "
            "en charge les frais de garde d'enfants pendant la mobilité."
        ),
        "funding": "accredited",
    },
    {
        "ref": "demo-req-zuiderkreek-virtual",
        "org": "roc-zuiderkreek",
        "title": "Virtual exchange for ICT learners before a physical mobility",
        "description": (
            "We want to start with a six-week virtual exchange in which mixed teams of "
            "learners build a small web application together, followed by a visit. We "
            "look for a partner school with English-speaking ICT learners at EQF level 4."
        ),
        "themes": ["digital-skills", "languages-and-intercultural-skills"],
        "formats": ["virtual-exchange"],
        "target_groups": ["vet-learners"],
        "role": "either",
        "when": (2, 5),
        "duration": 42,
        "participants": 20,
        "languages": ["nl", "en"],
        "funding": "own",
    },
    {
        "ref": "demo-req-shannonside-green",
        "org": "shannonside-fet",
        "title": "Study visit on green-skills courses for adults",
        "description": (
            "Our managers and curriculum developers want to visit providers that have "
            "built retrofitting, solar PV or sustainable farming courses with local "
            "employers. We are interested in how they recruit adult learners and how "
            "the training links to regional climate plans."
        ),
        "themes": ["green-skills", "construction-and-renovation"],
        "formats": ["study-visit", "peer-learning-activity"],
        "target_groups": ["policy-makers-and-regional-staff", "teachers-and-trainers"],
        "role": "send",
        "when": (3, 6),
        "duration": 3,
        "participants": 4,
        "languages": ["en"],
        "countries": ["FI", "DK", "NL", "AT"],
        "funding": "accredited",
    },
    {
        "ref": "demo-req-dalmacija-trainers",
        "org": "pou-dalmacija",
        "title": "Hospitality trainers seek a partner for job shadowing",
        "description": (
            "We train adults for jobs in hotels, restaurants and tourist services along "
            "the Dalmatian coast. Our trainers would like to shadow colleagues in "
            "another European tourist region and compare methods for short, intensive "
            "courses for seasonal workers."
        ),
        "themes": ["tourism-and-hospitality", "teacher-and-trainer-development"],
        "formats": ["staff-job-shadowing"],
        "target_groups": ["teachers-and-trainers"],
        "role": "send",
        "when": (3, 5),
        "duration": 5,
        "participants": 3,
        "languages": ["hr", "en", "it"],
        "countries": ["IT", "ES", "PT", "GR"],
        "funding": "applying",
    },
    {
        "ref": "demo-req-okvest-maritime",
        "org": "opplaeringskontoret-vest",
        "title": "Host companies wanted for apprentices in maritime and aquaculture trades",
        "description": (
            "We look for partners that can place apprentices in shipbuilding, maritime "
            "electrical or aquaculture companies for four weeks, with an instructor in "
            "the company and a contact person at a local school or chamber."
        ),
        "themes": ["work-based-learning", "green-skills"],
        "formats": ["apprenticeship-mobility"],
        "target_groups": ["apprentices"],
        "role": "send",
        "when": (4, 9),
        "duration": 28,
        "participants": 6,
        "languages": ["no", "en"],
        "countries": ["DK", "NL", "DE", "FI"],
        "funding": "granted",
    },
    {
        "ref": "demo-req-punti-roma-inclusion",
        "org": "asociatia-punti",
        "title": "Study visit on keeping Roma and rural learners in VET",
        "description": (
            "We want to visit schools and organisations that run mentoring, "
            "second-chance or early-warning programmes against early leaving from "
            "vocational education, and meet the mediators and teachers who run them."
        ),
        "themes": ["inclusion-and-fewer-opportunities", "career-guidance"],
        "formats": ["study-visit"],
        "target_groups": ["guidance-staff", "teachers-and-trainers"],
        "role": "send",
        "when": (3, 6),
        "duration": 5,
        "participants": 6,
        "languages": ["ro", "en", "hu"],
        "countries": ["ES", "PT", "IT", "HU"],
        "funding": "applying",
    },
    {
        "ref": "demo-req-mission-locale-premiere-mobilite",
        "org": "mission-locale-loire-estuaire",
        "title": "Première mobilité pour des jeunes accompagnés par la Mission Locale",
        "description": (
            "Nous voulons proposer à un groupe de huit jeunes une première expérience à "
            "l'étranger de deux semaines, avec un stage de découverte en entreprise dans "
            "la logistique portuaire ou la restauration. Nous cherchons un partenaire qui "
            "assure l'accueil, les stages et un suivi quotidien."
        ),
        "themes": [
            "inclusion-and-fewer-opportunities",
            "work-based-learning",
            "career-guidance",
        ],
        "formats": ["adult-learner-mobility"],
        "target_groups": ["people-with-fewer-opportunities", "adult-learners"],
        "role": "send",
        "when": (5, 9),
        "duration": 14,
        "participants": 10,
        "languages": ["fr", "en"],
        "countries": ["ES", "IE", "PT"],
        "fewer": (
            "Tous les jeunes ont moins d'opportunités (décrochage scolaire, quartiers "
            "prioritaires). Deux conseillers les accompagnent pendant tout le séjour et "
            "trois demi-journées de préparation sont prévues."
        ),
        "funding": "accredited",
    },
    {
        "ref": "demo-req-murcia-fp-dual",
        "org": "oficina-cualificaciones-murcia",
        "title": "Intercambio entre administraciones regionales sobre FP dual",
        "description": (
            "Buscamos una administración regional o un organismo intermedio con "
            "experiencia en aprendizaje en empresa para un intercambio de técnicos y "
            "responsables políticos: cómo se capta a las empresas, cómo se forma a los "
            "tutores y cómo se financia."
        ),
        "themes": ["work-based-learning", "agri-food"],
        "formats": ["peer-learning-activity", "study-visit"],
        "target_groups": ["policy-makers-and-regional-staff"],
        "role": "either",
        "when": (2, 6),
        "duration": 3,
        "participants": 4,
        "languages": ["es", "en"],
        "countries": ["DE", "AT", "DK", "NL"],
        "funding": "own",
    },
    {
        "ref": "demo-req-lahti-workshop-coaches",
        "org": "lahti-youth-guidance",
        "title": "Workshop coaches: job shadowing on guidance for young people at risk",
        "description": (
            "Two coaches of our youth workshops want to shadow colleagues who guide "
            "young people back to school or into work. We have not yet decided the "
            "dates and the number of days."
        ),
        "themes": ["career-guidance", "inclusion-and-fewer-opportunities"],
        "formats": ["staff-job-shadowing"],
        "target_groups": ["guidance-staff"],
        "role": "send",
        "when": (2, 4),
        "duration": 5,
        "participants": 2,
        "languages": ["fi", "en"],
        "countries": ["SE", "NO", "DK", "EE"],
        "funding": "none",
        "status": "draft",
    },
    {
        "ref": "demo-req-vysocina-study-visit",
        "org": "sps-vysocina",
        "title": "Study visit on cooperation between schools and companies",
        "description": (
            "Our school management would like to see how partner schools organise "
            "practical training in companies. We would bring four people."
        ),
        "themes": ["work-based-learning"],
        "formats": ["study-visit"],
        "target_groups": ["policy-makers-and-regional-staff", "teachers-and-trainers"],
        "role": "send",
        "when": (4, 7),
        "duration": 4,
        "participants": 4,
        "languages": ["cs", "en"],
        "funding": "applying",
        "status": "draft",
        "review_comment": (
            "Thank you! Could you say which sectors and which companies interest you, and "
            "what you can show a partner in return? Then we can find a good match."
        ),
    },
    {
        "ref": "demo-req-norrbotten-vard",
        "org": "kompetenscentrum-norrbotten",
        "title": "Partner sökes för mobilitet för vuxenstuderande inom vård och omsorg",
        "description": (
            "Vi söker en partner som kan ta emot åtta vuxenstuderande från vård- och "
            "omsorgsutbildningen i två veckor, med praktik på äldreboenden eller i "
            "hemtjänsten. Flera av de studerande läser svenska som andraspråk parallellt "
            "med yrkesutbildningen."
        ),
        "themes": ["health-and-care-skills", "languages-and-intercultural-skills"],
        "formats": ["adult-learner-mobility"],
        "target_groups": ["adult-learners", "people-with-fewer-opportunities"],
        "role": "send",
        "when": (4, 8),
        "duration": 14,
        "participants": 9,
        "languages": ["sv", "en"],
        "countries": ["FI", "NO", "DE"],
        "fewer": "En lärare följer med hela tiden; vi står för alla kostnader i förväg.",
        "funding": "accredited",
        "status": "submitted",
    },
    # The past: a request that found its partner outside the tool, one nobody answered.
    {
        "ref": "demo-req-nordhessen-digital-crafts",
        "org": "kammer-handwerk-nordhessen",
        "title": "Studienreise: Digitalisierung im Handwerk",
        "description": (
            "Für unsere Ausbildungsberater suchen wir Gastgeber, die zeigen, wie kleine "
            "Handwerksbetriebe digitale Werkzeuge in der Ausbildung einsetzen."
        ),
        "themes": ["digital-skills", "work-based-learning"],
        "formats": ["study-visit"],
        "target_groups": ["teachers-and-trainers"],
        "role": "send",
        "when": (-9, -6),
        "duration": 3,
        "participants": 4,
        "languages": ["de", "en"],
        "funding": "own",
        "status": "closed",
    },
    {
        "ref": "demo-req-thermaikos-home-care",
        "org": "llc-thermaikos",
        "title": "Partner for adult learners in home-care training",
        "description": (
            "We looked for a partner to host ten adult learners of our home-care course "
            "for a week of practice and visits."
        ),
        "themes": ["health-and-care-skills", "adult-basic-skills"],
        "formats": ["adult-learner-mobility"],
        "target_groups": ["adult-learners"],
        "role": "send",
        "when": (-6, -1),
        "duration": 7,
        "participants": 10,
        "languages": ["el", "en"],
        "funding": "applying",
        "status": "expired",
    },
]
