"""The wider partnership: fictional members in real places, with NUTS 2021 codes
of their region (EL for Greece) and made-up Erasmus+ OIDs. Each has one
coordinator, whose login is `person[0]`. The three Borås-case members are in
boras.py."""

import datetime

D = datetime.date

ORGANISATIONS = [
    {
        "slug": "cfp-lagorai",
        "name": "Centro di Formazione Professionale Lagorai",
        "kind": "vet_provider",
        "country": "IT",
        "region": "ITH20",
        "city": "Trento",
        "oid": "E10203411",
        "description": (
            "Vocational training centre of the Trentino valleys: three- and four-year "
            "programmes in food processing, catering, wood and mechanics, with long "
            "company placements. We have sent learners abroad every year since 2015 and "
            "want partners who can host them in small food and craft companies."
        ),
        "themes": ["agri-food", "work-based-learning", "inclusion-and-fewer-opportunities"],
        "languages": ["it", "en", "de"],
        "joined_on": D(2024, 10, 8),
        "person": ("giulia.fontana@cfp-lagorai.example", "Giulia Fontana", "Erasmus+ Coordinator"),
    },
    {
        "slug": "its-meccatronica-adriatica",
        "name": "ITS Academy Meccatronica Adriatica",
        "kind": "higher_education",
        "country": "IT",
        "region": "ITI32",
        "city": "Ancona",
        "oid": "E10311872",
        "description": (
            "Higher technical institute (EQF 5) founded by schools, the university and "
            "manufacturing companies of the Marche region. Two-year programmes in "
            "mechatronics, industrial automation and smart maintenance, half of the "
            "time in companies."
        ),
        "themes": ["digital-skills", "automotive-and-mobility", "teacher-and-trainer-development"],
        "languages": ["it", "en"],
        "joined_on": D(2025, 1, 20),
        "person": (
            "marco.bellucci@its-meccatronica.example",
            "Marco Bellucci",
            "International Projects Manager",
        ),
    },
    {
        "slug": "cifp-rio-nalon",
        "name": "CIFP Río Nalón",
        "kind": "vet_provider",
        "country": "ES",
        "region": "ES120",
        "city": "Langreo",
        "oid": "E10187265",
        "description": (
            "Centro Integrado de Formación Profesional in the Asturian coalfields. We "
            "train electricians, renewable-energy technicians and maintenance staff, "
            "and retrain adults who lost their jobs when the mines closed."
        ),
        "themes": ["green-skills", "work-based-learning", "teacher-and-trainer-development"],
        "languages": ["es", "en"],
        "joined_on": D(2024, 9, 17),
        "person": (
            "lucia.fernandez@cifp-rionalon.example",
            "Lucía Fernández Álvarez",
            "Coordinadora de Movilidad",
        ),
    },
    {
        "slug": "urola-adult-education",
        "name": "Urola Helduen Hezkuntza Zentroa",
        "kind": "adult_education",
        "country": "ES",
        "region": "ES212",
        "city": "Azpeitia",
        "oid": None,
        "description": (
            "Public adult-education centre for the Urola valley (Gipuzkoa). Literacy, "
            "Basque and Spanish for newcomers, basic digital skills and preparation "
            "for vocational qualifications; many of our learners are migrants or "
            "returning to learning after many years."
        ),
        "themes": ["adult-basic-skills", "digital-skills", "inclusion-and-fewer-opportunities"],
        "languages": ["eu", "es", "en"],
        "joined_on": D(2025, 3, 4),
        "person": (
            "itziar.etxeberria@urola-hhz.example",
            "Itziar Etxeberria",
            "Head of Adult Education",
        ),
    },
    {
        "slug": "oficina-cualificaciones-murcia",
        "name": "Oficina Regional de Cualificaciones de la Región de Murcia",
        "kind": "regional_authority",
        "country": "ES",
        "region": "ES620",
        "city": "Murcia",
        "oid": "E10422019",
        "description": (
            "Regional service that coordinates dual vocational training with companies "
            "of the agri-food and logistics sectors and accredits skills gained at "
            "work. We represent the region in the Working Group on Mobility."
        ),
        "themes": ["work-based-learning", "agri-food", "validation-of-prior-learning"],
        "languages": ["es", "en"],
        "joined_on": D(2024, 9, 17),
        "person": (
            "javier.martinez@cualificaciones-murcia.example",
            "Javier Martínez Sánchez",
            "Jefe de Servicio de FP Dual",
        ),
    },
    {
        "slug": "kammer-handwerk-nordhessen",
        "name": "Kammer für Handwerk und Ausbildung Nordhessen",
        "kind": "chamber",
        "country": "DE",
        "region": "DE731",
        "city": "Kassel",
        "oid": "E10098342",
        "description": (
            "Chamber of skilled crafts for northern Hesse. Our mobility advisers help "
            "around 4,000 training companies send apprentices abroad and host "
            "apprentices from partner countries in automotive, electrical, plumbing "
            "and construction trades."
        ),
        "themes": ["work-based-learning", "automotive-and-mobility", "construction-and-renovation"],
        "languages": ["de", "en"],
        "joined_on": D(2024, 11, 12),
        "person": ("jonas.becker@handwerk-nordhessen.example", "Jonas Becker", "Mobilitätsberater"),
    },
    {
        "slug": "vhs-am-rheinbogen",
        "name": "Volkshochschule Am Rheinbogen",
        "kind": "adult_education",
        "country": "DE",
        "region": "DEA11",
        "city": "Düsseldorf",
        "oid": None,
        "description": (
            "Adult-education centre with courses in German as a second language, "
            "basic skills and second-chance school qualifications. We applied to the "
            "partnership to start our first adult-learner mobilities."
        ),
        "themes": ["adult-basic-skills", "languages-and-intercultural-skills"],
        "languages": ["de", "en", "tr"],
        "status": "applicant",
        "joined_on": None,
        "person": (
            "sabine.krueger@vhs-rheinbogen.example",
            "Sabine Krüger",
            "Fachbereichsleiterin",
        ),
    },
    {
        "slug": "escola-profissional-atlantida",
        "name": "Escola Profissional Atlântida",
        "kind": "vet_provider",
        "country": "PT",
        "region": "PT16D",
        "city": "Aveiro",
        "oid": "E10276530",
        "description": (
            "Vocational school for cooking, pastry, restaurant service and tourism in "
            "the Aveiro region. Erasmus+ accredited; we send about 60 learners a year "
            "and host partner groups in the hotels and restaurants of the coast."
        ),
        "themes": ["tourism-and-hospitality", "work-based-learning"],
        "languages": ["pt", "en", "es"],
        "joined_on": D(2024, 9, 30),
        "person": ("rui.carvalho@ep-atlantida.example", "Rui Carvalho", "Mobility Officer"),
    },
    {
        "slug": "associacao-caminhos",
        "name": "Associação Caminhos – Inclusão e Emprego",
        "kind": "ngo",
        "country": "PT",
        "region": "PT11A",
        "city": "Porto",
        "oid": "E10355128",
        "description": (
            "Non-profit association working with young people not in employment, "
            "education or training in the Porto metropolitan area: street outreach, "
            "mentoring, and first short mobilities abroad."
        ),
        "themes": ["inclusion-and-fewer-opportunities", "career-guidance"],
        "languages": ["pt", "en", "es"],
        "joined_on": D(2025, 2, 11),
        "person": ("ana.mendes@caminhos.example", "Ana Sofia Mendes", "Project Coordinator"),
    },
    {
        "slug": "llc-thermaikos",
        "name": "Lifelong Learning Centre Thermaikos",
        "kind": "adult_education",
        "country": "GR",
        "region": "EL522",
        "city": "Thessaloniki",
        "oid": "E10299847",
        "description": (
            "Certified lifelong-learning centre offering upskilling and second-chance "
            "courses for adults in Thessaloniki, with a counselling service that "
            "helps people have skills from work and volunteering recognised."
        ),
        "themes": ["adult-basic-skills", "validation-of-prior-learning", "tourism-and-hospitality"],
        "languages": ["el", "en"],
        "joined_on": D(2025, 4, 2),
        "person": (
            "eleni.papadopoulou@thermaikos-llc.example",
            "Eleni Papadopoulou",
            "Director of Studies",
        ),
    },
    {
        "slug": "lubelskie-guidance-centre",
        "name": "Lubelskie Centre for Vocational Guidance and Employment",
        "kind": "employment_service",
        "country": "PL",
        "region": "PL814",
        "city": "Lublin",
        "oid": "E10166904",
        "description": (
            "Regional public service for career guidance and employment of adults. "
            "Since 2022 we have advised thousands of people from Ukraine on jobs, "
            "courses and the recognition of their qualifications."
        ),
        "themes": ["career-guidance", "inclusion-and-fewer-opportunities"],
        "languages": ["pl", "en", "uk"],
        "joined_on": D(2024, 12, 3),
        "person": ("katarzyna.nowak@lubelskie-guidance.example", "Katarzyna Nowak", "Head of Unit"),
    },
    {
        "slug": "zsz-podkarpacie",
        "name": "Zespół Szkół Zawodowych Podkarpacie",
        "kind": "vet_provider",
        "country": "PL",
        "region": "PL823",
        "city": "Rzeszów",
        "oid": "E10230187",
        "description": (
            "Technical and vocational school complex in Rzeszów: mechatronics, "
            "automotive technology, IT and logistics, with close links to the aviation "
            "and automotive suppliers of the region."
        ),
        "themes": ["automotive-and-mobility", "digital-skills", "work-based-learning"],
        "languages": ["pl", "en", "de"],
        "joined_on": D(2025, 5, 19),
        "person": (
            "tomasz.wisniewski@zsz-podkarpacie.example",
            "Tomasz Wiśniewski",
            "Deputy Head for Vocational Training",
        ),
    },
    {
        "slug": "pohjoisranta-college",
        "name": "Pohjoisranta Vocational College",
        "kind": "vet_provider",
        "country": "FI",
        "region": "FI1D9",
        "city": "Oulu",
        "oid": "E10052671",
        "description": (
            "Vocational college of Northern Ostrobothnia for young people and adults: "
            "construction, electrical installation, HVAC, ICT and logistics. Learning "
            "happens largely at workplaces, following individual study plans."
        ),
        "themes": ["green-skills", "construction-and-renovation", "digital-skills"],
        "languages": ["fi", "sv", "en"],
        "joined_on": D(2024, 9, 17),
        "person": (
            "aino.virtanen@pohjoisranta.example",
            "Aino Virtanen",
            "International Coordinator",
        ),
    },
    {
        "slug": "lahti-youth-guidance",
        "name": "City of Lahti – Youth Guidance and Workshops",
        "kind": "local_authority",
        "country": "FI",
        "region": "FI1C3",
        "city": "Lahti",
        "oid": None,
        "description": (
            "Municipal youth services: outreach youth work, guidance centre and "
            "workshops where young people at risk of dropping out learn a trade with "
            "a coach before returning to school or starting work."
        ),
        "themes": ["career-guidance", "inclusion-and-fewer-opportunities"],
        "languages": ["fi", "en"],
        "joined_on": D(2025, 9, 9),
        "person": ("mikko.laine@lahti-youth.example", "Mikko Laine", "Workshop Manager"),
    },
    {
        "slug": "cf-meuse-ardenne",
        "name": "Centre de Formation Meuse-Ardenne",
        "kind": "vet_provider",
        "country": "BE",
        "region": "BE332",
        "city": "Liège",
        "oid": "E10145583",
        "description": (
            "Centre de formation professionnelle pour adultes : soins aux personnes, "
            "bâtiment, remise à niveau en français, calcul et numérique. La plupart de "
            "nos stagiaires sont demandeurs d'emploi ou en reconversion."
        ),
        "themes": ["health-and-care-skills", "adult-basic-skills", "construction-and-renovation"],
        "languages": ["fr", "en", "nl"],
        "joined_on": D(2024, 10, 22),
        "person": (
            "julien.lambert@cf-meuse-ardenne.example",
            "Julien Lambert",
            "Chargé de projets",
        ),
    },
    {
        "slug": "netwerk-werkplekleren",
        "name": "Netwerk Werkplekleren Vlaanderen",
        "kind": "ngo",
        "country": "BE",
        "region": "BE234",
        "city": "Gent",
        "oid": None,
        "description": (
            "Network of schools, companies and sector funds that promotes dual "
            "learning in Flanders. We would like to join to share our tools for "
            "workplace mentors."
        ),
        "themes": ["work-based-learning", "teacher-and-trainer-development"],
        "languages": ["nl", "en", "fr"],
        "status": "applicant",
        "joined_on": None,
        "person": ("lotte.peeters@werkplekleren.example", "Lotte Peeters", "Coordinator"),
    },
    {
        "slug": "roc-zuiderkreek",
        "name": "ROC Zuiderkreek",
        "kind": "vet_provider",
        "country": "NL",
        "region": "NL414",
        "city": "Eindhoven",
        "oid": "E10070915",
        "description": (
            "Regional training centre in the Brainport Eindhoven region: ICT, "
            "engineering, mechatronics and healthcare programmes at EQF levels 2 to 4, "
            "with many learners in apprenticeship routes (BBL)."
        ),
        "themes": ["digital-skills", "work-based-learning", "languages-and-intercultural-skills"],
        "languages": ["nl", "en", "de"],
        "joined_on": D(2024, 9, 17),
        "person": (
            "sanne.devries@roc-zuiderkreek.example",
            "Sanne de Vries",
            "Internationalisation Officer",
        ),
    },
    {
        "slug": "lehrlingsakademie-tirol",
        "name": "Lehrlingsakademie Tirol",
        "kind": "chamber",
        "country": "AT",
        "region": "AT332",
        "city": "Innsbruck",
        "oid": "E10334460",
        "description": (
            "Association of Tyrolean training companies in tourism, hospitality and "
            "the crafts. We organise stays abroad for our apprentices and place "
            "apprentices from partner regions in our member companies."
        ),
        "themes": ["tourism-and-hospitality", "work-based-learning"],
        "languages": ["de", "en", "it"],
        "joined_on": D(2025, 6, 16),
        "person": (
            "florian.gruber@lehrlingsakademie-tirol.example",
            "Florian Gruber",
            "Geschäftsführer",
        ),
    },
    {
        "slug": "shannonside-fet",
        "name": "Shannonside Further Education and Training Centre",
        "kind": "adult_education",
        "country": "IE",
        "region": "IE051",
        "city": "Limerick",
        "oid": "E10118823",
        "description": (
            "Further education and training centre for the Mid-West: adult literacy, "
            "community education, and new courses in retrofitting, solar PV and "
            "sustainable farming built with local employers."
        ),
        "themes": ["green-skills", "adult-basic-skills", "construction-and-renovation"],
        "languages": ["en", "ga"],
        "joined_on": D(2025, 1, 28),
        "person": (
            "aoife.obrien@shannonside-fet.example",
            "Aoife O'Brien",
            "Adult Education Officer",
        ),
    },
    {
        "slug": "solski-center-savinja",
        "name": "Šolski center Savinja",
        "kind": "vet_provider",
        "country": "SI",
        "region": "SI034",
        "city": "Celje",
        "oid": "E10251396",
        "description": (
            "School centre with secondary vocational and technical schools for wood "
            "technology, mechanical engineering and electrical engineering, and a "
            "short-cycle higher vocational college."
        ),
        "themes": ["green-skills", "teacher-and-trainer-development", "work-based-learning"],
        "languages": ["sl", "en", "de"],
        "joined_on": D(2025, 10, 6),
        "person": ("maja.novak@sc-savinja.example", "Maja Novak", "Erasmus+ Coordinator"),
    },
    {
        "slug": "pou-dalmacija",
        "name": "Pučko otvoreno učilište Dalmacija",
        "kind": "adult_education",
        "country": "HR",
        "region": "HR035",
        "city": "Split",
        "oid": "E10287714",
        "description": (
            "Adult-education institution in Split: short vocational courses for hotel, "
            "restaurant and tourist-service jobs, foreign languages for tourism and "
            "basic digital skills."
        ),
        "themes": ["tourism-and-hospitality", "languages-and-intercultural-skills"],
        "languages": ["hr", "en", "it"],
        "joined_on": D(2025, 2, 25),
        "person": ("ivana.babic@pou-dalmacija.example", "Ivana Babić", "Programme Manager"),
    },
    {
        "slug": "sps-vysocina",
        "name": "Střední průmyslová škola Vysočina",
        "kind": "vet_provider",
        "country": "CZ",
        "region": "CZ063",
        "city": "Jihlava",
        "oid": "E10201558",
        "description": (
            "Secondary technical school for mechanical engineering, automotive "
            "technology and electrical engineering, working with the car-parts "
            "suppliers of the Vysočina region."
        ),
        "themes": ["automotive-and-mobility", "work-based-learning"],
        "languages": ["cs", "en", "de"],
        "joined_on": D(2025, 4, 14),
        "person": ("petr.dvorak@sps-vysocina.example", "Petr Dvořák", "Deputy Director"),
    },
    {
        "slug": "opplaeringskontoret-vest",
        "name": "Opplæringskontoret Vest",
        "kind": "chamber",
        "country": "NO",
        "region": "NO0A2",
        "city": "Bergen",
        "oid": "E10340078",
        "description": (
            "Training office owned by about 90 companies in Vestland that employ "
            "apprentices in shipbuilding, maritime electrical trades and aquaculture. "
            "We follow up apprentices and their instructors during the two years in "
            "the company."
        ),
        "themes": ["work-based-learning", "green-skills"],
        "languages": ["no", "en"],
        "joined_on": D(2025, 3, 18),
        "person": ("ingrid.haugen@okvest.example", "Ingrid Haugen", "Apprenticeship Adviser"),
    },
    {
        "slug": "emajoe-vocational-centre",
        "name": "Emajõe Kutsehariduskeskus",
        "kind": "vet_provider",
        "country": "EE",
        "region": "EE008",
        "city": "Tartu",
        "oid": "E10260233",
        "description": (
            "Vocational education centre in Tartu: logistics, e-commerce, ICT, "
            "hospitality and care. Most of our programmes are also open to adults "
            "studying alongside work."
        ),
        "themes": ["digital-skills", "entrepreneurship"],
        "languages": ["et", "en", "fi"],
        "joined_on": D(2025, 8, 26),
        "person": ("kadri.tamm@emajoe-khk.example", "Kadri Tamm", "Project Manager"),
    },
    {
        "slug": "asociatia-punti",
        "name": "Asociația Punți pentru Educație",
        "kind": "ngo",
        "country": "RO",
        "region": "RO113",
        "city": "Cluj-Napoca",
        "oid": "E10372641",
        "description": (
            "Association that helps Roma and rural young people stay in vocational "
            "education in Cluj county through mentoring, school mediators and "
            "summer bridging courses."
        ),
        "themes": ["inclusion-and-fewer-opportunities", "career-guidance"],
        "languages": ["ro", "en", "hu"],
        "joined_on": D(2025, 5, 6),
        "person": ("andreea.popescu@punti.example", "Andreea Popescu", "Executive Director"),
    },
    {
        "slug": "erhvervsskolen-limfjord",
        "name": "Erhvervsskolen Limfjord",
        "kind": "vet_provider",
        "country": "DK",
        "region": "DK050",
        "city": "Aalborg",
        "oid": "E10088190",
        "description": (
            "Vocational college for electricians, wind-turbine technicians and "
            "mechanics in North Jutland."
        ),
        "themes": ["green-skills", "work-based-learning"],
        "languages": ["da", "en"],
        # Membership suspended while the college reorganises its international office.
        "status": "suspended",
        "joined_on": D(2024, 9, 17),
        "person": (
            "mads.christensen@limfjord-eud.example",
            "Mads Christensen",
            "International Coordinator",
        ),
    },
    {
        "slug": "mission-locale-loire-estuaire",
        "name": "Mission Locale Loire-Estuaire",
        "kind": "employment_service",
        "country": "FR",
        "region": "FRG01",
        "city": "Saint-Nazaire",
        "oid": "E10319952",
        "description": (
            "La Mission Locale accompagne les jeunes de 16 à 25 ans sortis du système "
            "scolaire : orientation, emploi, formation, logement et santé. Nous "
            "organisons chaque année des mobilités courtes pour des jeunes qui ne "
            "sont jamais partis à l'étranger."
        ),
        "themes": ["inclusion-and-fewer-opportunities", "career-guidance", "work-based-learning"],
        "languages": ["fr", "en"],
        "joined_on": D(2024, 11, 26),
        "person": (
            "camille.moreau@ml-loire-estuaire.example",
            "Camille Moreau",
            "Conseillère mobilité internationale",
        ),
    },
    {
        "slug": "greta-coeur-de-garonne",
        "name": "GRETA Cœur de Garonne",
        "kind": "adult_education",
        "country": "FR",
        "region": "FRI14",
        "city": "Agen",
        "oid": None,
        "description": (
            "Réseau public de formation continue pour adultes en Lot-et-Garonne : "
            "agriculture, agroalimentaire, services à la personne et remise à niveau. "
            "Nous accueillons volontiers des groupes d'apprenants adultes européens."
        ),
        "themes": ["agri-food", "adult-basic-skills", "health-and-care-skills"],
        "languages": ["fr", "es", "en"],
        "joined_on": D(2025, 7, 1),
        "person": (
            "nathalie.girard@greta-garonne.example",
            "Nathalie Girard",
            "Conseillère en formation",
        ),
    },
    {
        "slug": "kompetenscentrum-norrbotten",
        "name": "Kompetenscentrum Norrbotten",
        "kind": "adult_education",
        "country": "SE",
        "region": "SE332",
        "city": "Luleå",
        "oid": "E10129017",
        "description": (
            "Joint adult-education centre of municipalities in Norrbotten: vocational "
            "adult education in care, industry and transport, Swedish for immigrants, "
            "and learning centres that bring courses to small towns."
        ),
        "themes": ["adult-basic-skills", "health-and-care-skills", "digital-skills"],
        "languages": ["sv", "en", "fi"],
        "joined_on": D(2025, 1, 14),
        "person": ("erik.lindqvist@kc-norrbotten.example", "Erik Lindqvist", "Utvecklingsledare"),
    },
    {
        "slug": "nemunas-vocational-centre",
        "name": "Nemunas Vocational Training Centre",
        "kind": "vet_provider",
        "country": "LT",
        "region": "LT022",
        "city": "Kaunas",
        "oid": None,
        "description": (
            "Vocational training centre for construction, woodwork and hospitality. "
            "We applied to find partners for our first Erasmus+ accreditation."
        ),
        "themes": ["construction-and-renovation", "tourism-and-hospitality"],
        "languages": ["lt", "en", "pl"],
        "status": "applicant",
        "joined_on": None,
        "person": ("ruta.jankauskiene@nemunas-vtc.example", "Rūta Jankauskienė", "Deputy Director"),
    },
    {
        "slug": "eurotrips-mobility",
        "name": "EuroTrips Mobility Services Ltd",
        "kind": "company",
        "country": "MT",
        "region": "MT001",
        "city": "Valletta",
        "oid": None,
        "description": (
            "We organise turnkey Erasmus+ placements, accommodation and transfers in "
            "Malta for groups of any size."
        ),
        "themes": ["tourism-and-hospitality", "languages-and-intercultural-skills"],
        "languages": ["en", "mt", "it"],
        # Refused: a commercial intermediary, not a member organisation of the RSP.
        "status": "rejected",
        "joined_on": None,
        "person": ("daniel.borg@eurotrips.example", "Daniel Borg", "Sales Manager"),
    },
]
