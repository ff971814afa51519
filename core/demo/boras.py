"""The real case: Centre-Val de Loire's request, matched with Borås (host) and
Institut Escola del Treball (host or participate), the study visit in Borås on
9–14 December 2024 and its case study. Texts in quotes are verbatim from the
EARLALL case study (shared/seeds); the rest is written to fit it."""

import datetime

D = datetime.date

ORGANISATIONS = [
    {
        "slug": "centre-val-de-loire",
        "name": "Centre-Val de Loire Region - Service Orientation",
        "kind": "regional_authority",
        "country": "FR",
        "region": "FRB",
        "city": "Orléans",
        "website": "https://www.centre-valdeloire.fr",
        "oid": None,
        "description": (
            "The guidance service of the Centre-Val de Loire Region coordinates the "
            "regional public service for career guidance: information on jobs and "
            "training for young people and adults, support to guidance staff, and "
            "actions against gender stereotypes in training choices."
        ),
        "themes": ["gender-equality", "career-guidance", "inclusion-and-fewer-opportunities"],
        "languages": ["fr", "en"],
        "joined_on": D(2024, 9, 17),
        "person": (
            "claire.chartier@centre-valdeloire.example",
            "Claire Chartier",
            "Guidance Officer",
        ),
    },
    {
        "slug": "boras",
        "name": "Working Life Department of the municipality of Borås",
        "kind": "local_authority",
        "country": "SE",
        "region": "SE232",
        "city": "Borås",
        "website": "https://www.boras.se",
        "oid": None,
        "description": (
            "Arbetslivsförvaltningen of Borås Stad runs adult education, Swedish for "
            "immigrants, labour-market measures and study and career guidance. We "
            "host international visits with our VET schools, employers and civil "
            "society, and send staff abroad to learn."
        ),
        "themes": [
            "gender-equality",
            "work-based-learning",
            "adult-basic-skills",
            "inclusion-and-fewer-opportunities",
        ],
        "languages": ["sv", "en"],
        "joined_on": D(2024, 9, 17),
        "person": ("nicholas.waller@boras.example", "Nicholas Waller", "International Coordinator"),
    },
    {
        "slug": "escola-del-treball",
        "name": "Institut Escola del Treball",
        "kind": "vet_provider",
        "country": "ES",
        "region": "ES511",
        "city": "Barcelona",
        "website": "https://www.escoladeltreball.org",
        "oid": None,
        "description": (
            "Public VET school in Barcelona with programmes in electricity, mechanics, "
            "automotive, chemistry, computing and design, many of them in dual mode "
            "with companies. Erasmus+ accredited; we work on gender inclusion in "
            "traditionally male-dominated fields."
        ),
        "themes": ["gender-equality", "work-based-learning", "automotive-and-mobility"],
        "languages": ["ca", "es", "en"],
        "joined_on": D(2024, 9, 17),
        "person": (
            "albert.peiro@escoladeltreball.example",
            "Albert Peiró Mateu",
            "Head of Studies Responsible for VET Dual & Erasmus+",
        ),
    },
]

# Listings of 2024, with fixed dates: they are history, not live opportunities.
LISTINGS = [
    {
        "ref": "demo-boras-request",
        "org": "centre-val-de-loire",
        "kind": "request",
        "title": "Partner sought: gender equality in education and guidance services",
        "description": (
            "The Centre-Val de Loire Region - Service Orientation is looking for a partner "
            "institution for an exchange focused on gender equality in education and "
            "guidance services. We want to understand the role public institutions play "
            "in advancing gender equality in career guidance and lifelong learning "
            "services, and how VET schools attract girls and women to training in "
            "traditionally male-dominated fields. A small delegation of guidance and "
            "regional staff would travel for a study visit of about a week."
        ),
        "themes": ["gender-equality", "career-guidance"],
        "formats": ["study-visit"],
        "target_groups": ["guidance-staff", "policy-makers-and-regional-staff"],
        "role": "send",
        "dates": (D(2024, 10, 1), D(2024, 12, 20)),
        "duration": 6,
        "participants": 3,
        "languages": ["fr", "en"],
        "funding": "own",
        "status": "matched",
        "published": D(2024, 9, 26),
    },
    {
        "ref": "demo-boras-offer",
        "org": "boras",
        "kind": "offer",
        "title": "We host a study visit on gender equality in education and working life",
        "description": (
            "The Working Life Department of Borås can host a group for a week-long study "
            "visit with meetings, visits and peer learning with stakeholders in the "
            "municipality: VET schools, guidance counsellors, employers and civil "
            "society. We are happy to show our work on gender inclusion in vocational "
            "training, particularly in traditionally male-dominated fields."
        ),
        "themes": ["gender-equality", "work-based-learning", "career-guidance"],
        "formats": ["study-visit", "peer-learning-activity"],
        "target_groups": [
            "policy-makers-and-regional-staff",
            "guidance-staff",
            "teachers-and-trainers",
        ],
        "role": "host",
        "dates": (D(2024, 9, 23), D(2024, 12, 20)),
        "duration": 6,
        "participants": 8,
        "languages": ["sv", "en"],
        "funding": "own",
        "status": "matched",
        "published": D(2024, 9, 20),
    },
    {
        "ref": "demo-escola-offer",
        "org": "escola-del-treball",
        "kind": "offer",
        "title": "Host or join an exchange on gender inclusion in VET",
        "description": (
            "Institut Escola del Treball can host, or take part in, an exchange on gender "
            "inclusion in vocational training. We would like to see how other VET "
            "centres work on gender inclusion in traditionally male-dominated fields "
            "and to start an international collaboration project."
        ),
        "themes": ["gender-equality", "work-based-learning"],
        "formats": ["study-visit", "staff-job-shadowing"],
        "target_groups": ["teachers-and-trainers", "vet-learners"],
        "role": "either",
        "dates": (D(2024, 10, 1), D(2025, 3, 31)),
        "duration": 5,
        "participants": 3,
        "languages": ["ca", "es", "en"],
        "funding": "accredited",
        "status": "matched",
        "published": D(2024, 9, 30),
    },
]

MATCH = {
    "request": "demo-boras-request",
    "message": (
        "Dear colleagues, the Working Life Department of Borås offers to host and "
        "Institut Escola del Treball offers to host or to participate. We suggest a "
        "study visit in Borås in December 2024."
    ),
    "confirmed_at": datetime.datetime(2024, 10, 7, 10, 0),
    "answered_at": datetime.datetime(2024, 10, 11, 15, 30),
    # (organisation, listing, role): the score and the reasons are the matcher's.
    "parties": [
        ("centre-val-de-loire", "demo-boras-request", "requester"),
        ("boras", "demo-boras-offer", "host"),
        ("escola-del-treball", "demo-escola-offer", "participant"),
    ],
}

# The organisations as the testimonials print them in the document.
TESTIMONIAL_ORGANISATIONS = {
    "boras": "Working Life Department, Borås Stad (Sweden)",
    "escola-del-treball": "Escola del Treball (Catalonia, Spain)",
    "centre-val-de-loire": "Centre-Val de Loire Region",
}

EXCHANGE = {
    "title": "Advancing Gender Equality in Education Exchange",
    "format": "study-visit",
    "themes": ["gender-equality", "career-guidance", "work-based-learning"],
    "start_date": D(2024, 12, 9),
    "end_date": D(2024, 12, 14),
    "city": "Borås",
    "country": "SE",
    "participants_total": 6,
    "fewer_opportunities": 0,
    # Regional staff, guidance officers and VET teachers: all staff, no learners.
    "staff": 6,
    "learners": 0,
    "outcomes": (
        "Agreement to develop a three-way international mobility project to increase "
        "the participation of female learners in study programmes offered in Borås "
        "Stad, Région Centre-Val de Loire and Catalonia."
    ),
    "parties": [
        ("boras", "host"),
        ("centre-val-de-loire", "sending"),
        ("escola-del-treball", "participating"),
    ],
    "figures": [
        ("policy-makers-and-regional-staff", 2),
        ("guidance-staff", 2),
        ("teachers-and-trainers", 2),
    ],
    "programme": [
        (
            D(2024, 12, 9),
            "Arrival in Borås. Welcome meeting at the Working Life Department: the "
            "municipality's adult education, VET and guidance services, and the "
            "programme of the week.",
        ),
        (
            D(2024, 12, 10),
            "Visit to an upper-secondary VET school: industrial and vehicle programmes. "
            "Meeting with teachers and learners on attracting girls to traditionally "
            "male-dominated fields.",
        ),
        (
            D(2024, 12, 11),
            "Peer learning with the municipality's study and career guidance "
            "counsellors: gender-aware guidance, compared with the Centre-Val de Loire "
            "guidance service and Escola del Treball.",
        ),
        (
            D(2024, 12, 12),
            "Meetings with stakeholders of the municipality: local businesses, civil "
            "society organisations and the labour-market unit, on work placements and "
            "role models.",
        ),
        (
            D(2024, 12, 13),
            "Visit to a second VET school (construction and technology). Workshop on "
            "strategies for gender inclusion in vocational training and on a joint "
            "mobility project.",
        ),
        (
            D(2024, 12, 14),
            "Wrap-up: lessons of the week, next steps for a three-way project, departure.",
        ),
    ],
}

CASE_STUDY = {
    "slug": "advancing-gender-equality-in-education-exchange",
    "title": "Advancing Gender Equality in Education Exchange",
    "summary": (
        "Centre-Val de Loire asked for a partner on gender equality in education and "
        "guidance; the EARLALL Secretariat matched it with Borås and Escola del Treball. "
        "A week in Borås in December 2024 led to a three-way mobility project idea."
    ),
    "story": (
        "The exchange focused on the role of public institutions in advancing gender "
        "equality in career guidance and lifelong learning services.\n\n"
        "The Centre-Val de Loire Region - Service Orientation (France) submitted a request "
        "to find a partner institution for an exchange focused on Gender Equality in "
        "Education and Guidance Services. After completing the Matchmaking Mobility Tool "
        "form, the EARLALL Secretariat connected them with two interested partners:\n\n"
        "- The Working Life Department of the municipality of Borås (Sweden) – offered "
        "to host\n"
        "- Institut Escola del Treball (Catalonia) – offered to host or to participate "
        "in the exchange\n\n"
        "Following the match, the institutions began preparing for the study visit in "
        "December 2024. The Working Life Department of Borås developed a week-long program "
        "featuring meetings, visits, and peer learning opportunities with various "
        "stakeholders in the municipality. This collaboration brought together "
        "professionals from regional authorities and Vocational Education and Training "
        "schools to share best practices and explore strategies for promoting gender "
        "inclusion in vocational training, particularly in traditionally male-dominated "
        "fields."
    ),
    "next_steps": (
        "As a next step, one key idea that emerged in Sweden was the development of a "
        "three-way international mobility project. This initiative will focus on "
        "increasing the participation of female learners in specific study programs that "
        "are commonly offered in Borås Stad, Région Centre-Val de Loire, and Catalonia."
    ),
    "published_at": datetime.datetime(2025, 3, 3, 10, 0),
    "lessons_host": [
        "Hosting fosters positive energy and engagement",
        "Broad involvement stakeholders, including local authorities, civil society, and "
        "businesses enhances impact at local level",
        "Hosting as a tool for internal learning",
        "Direct interaction drives knowledge sharing",
        "Pride in local achievements",
    ],
    "lessons_participants": [
        "School leadership is crucial for gender inclusion.",
        "International exchanges provide valuable insights.",
        "First-hand visits showcase effective inclusion strategies.",
        "Strong partnerships drive lasting impact.",
        "Clear preparation enhances collaboration.",
        "Well-organized visits lead to meaningful results.",
        "Sustaining partnerships ensures long-term success.",
    ],
    # (name, role, organisation, quote)
    "testimonials": [
        (
            "Nicholas Waller",
            "International Coordinator, Working Life Department, Borås Stad (Sweden)",
            "boras",
            "My biggest aha moment was realizing how efficiently hosting spreads knowledge "
            "and understanding of the value of international exchanges, as more "
            "colleagues can get involved and directly experience the benefits.",
        ),
        (
            "Albert Peiró Mateu",
            "Head of Studies Responsible for VET Dual & Erasmus+, Escola del Treball "
            "(Catalonia, Spain)",
            "escola-del-treball",
            "My expectations have been more than satisfied. I was able to see first-hand "
            "how other vocational training centres work on gender inclusion in "
            "traditionally male-dominated fields and establish a dialogue to start an "
            "international collaboration project.",
        ),
        (
            "Claire Chartier",
            "Guidance Officer, Centre-Val de Loire Region",
            "centre-val-de-loire",
            "We are really grateful for the opportunity to use the Mobility Matchmaking "
            "Tool program, which allowed us to start concrete work very easily and receive "
            "quick feedback from EARLALL members.",
        ),
    ],
}
