"""What is under way today: a match waiting for an answer, a pairing declined
earlier, a person in two organisations, an invitation not yet accepted, saved
searches. Dates are days before today, so reminders and lists look current."""

# Confirmed five days ago: Shannonside accepted, Lubelskie has not answered yet.
PENDING_MATCH = {
    "request": "demo-req-caminhos-outreach",
    "days_ago": 5,
    "message": (
        "Dear colleagues, Shannonside FET Centre hosts job shadowing with its community "
        "education facilitators, and the Lubelskie Centre runs a one-stop shop for "
        "guidance that reaches adults and young people outside any service. We suggest a "
        "week in Limerick and three days in Lublin."
    ),
    # (organisation, listing, role, answer, answered days ago); score and reasons are
    # the matcher's.
    "parties": [
        ("associacao-caminhos", "demo-req-caminhos-outreach", "requester", "accepted", 4),
        (
            "shannonside-fet",
            "demo-off-shannonside-community",
            "host",
            "accepted",
            2,
        ),
        (
            "lubelskie-guidance-centre",
            "demo-off-lubelskie-peer-learning",
            "host",
            "pending",
            None,
        ),
    ],
}

# Declined two months ago; Punți's request is open again.
DECLINED_MATCH = {
    "request": "demo-req-punti-roma-inclusion",
    "days_ago": 60,
    "answered_days_ago": 52,
    "message": (
        "Dear colleagues, Associação Caminhos hosts job shadowing on outreach and "
        "mentoring of young people at risk of leaving school; we suggest a study visit "
        "in Porto."
    ),
    "parties": [
        ("asociatia-punti", "demo-req-punti-roma-inclusion", "requester", "accepted"),
        (
            "associacao-caminhos",
            "demo-off-caminhos-shadowing",
            "host",
            "declined",
        ),
    ],
    "decline_reason": (
        "Our team moves to new premises during your dates and could not receive a group "
        "properly. We would gladly host in the next school year."
    ),
}

# (email, organisation, role): Giulia coordinates CFP Lagorai in Trento and is the
# contact of the Euregio Tyrol–South Tyrol–Trentino apprenticeship exchange in Tirol.
EXTRA_MEMBERSHIPS = [
    ("giulia.fontana@cfp-lagorai.example", "lehrlingsakademie-tirol", "contact"),
]

# (organisation, email, role, invited by, days ago): sent, not yet accepted.
INVITATIONS = [
    (
        "escola-del-treball",
        "montse.vidal@escoladeltreball.example",
        "contact",
        "albert.peiro@escoladeltreball.example",
        3,
    ),
]

# (email, name, query string of the browse page, notify)
SAVED_SEARCHES = [
    (
        "claire.chartier@centre-valdeloire.example",
        "Offers on gender equality",
        "theme=gender-equality&kind=offer",
        True,
    ),
    (
        "claire.chartier@centre-valdeloire.example",
        "Hosts of study visits, closing soon",
        "format=study-visit&role=host&sort=closing",
        False,
    ),
]

# An open listing that expires soon, so the renewal reminder has something to say.
EXPIRING_SOON = {"ref": "demo-off-norrbotten-jobbskuggning", "days": 10}
