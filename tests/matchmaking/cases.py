"""The Borås case (seeds/mobility-matchmaking-case-study-boras.txt), built with
factories: Centre-Val de Loire asks for a partner on gender equality in guidance;
Borås offers to host and Escola del Treball to host or take part."""

from dataclasses import dataclass

from listings.models import InterestRole, Listing, ListingRole, ListingStatus
from listings.services import listings_embed
from tests.factories import (
    ExpressionOfInterestFactory,
    FormatFactory,
    LanguageFactory,
    OfferFactory,
    OrganisationFactory,
    RequestFactory,
    TargetGroupFactory,
    ThemeFactory,
    in_days,
)

HOSTS = "We host a study visit on gender inclusion in VET"


@dataclass
class BorasCase:
    request: object
    boras_offer: object
    escola_offer: object
    escola: object
    distractors: list


def build_boras_case(boras, centre_val_de_loire) -> BorasCase:
    gender = ThemeFactory(name="Gender equality", slug="gender-equality")
    guidance = ThemeFactory(name="Career guidance", slug="career-guidance")
    vet = ThemeFactory(name="Work-based learning", slug="work-based-learning")
    green = ThemeFactory(name="Green skills", slug="green-skills")
    digital = ThemeFactory(name="Digital skills", slug="digital-skills")
    visit = FormatFactory(name="Study visit", slug="study-visit")
    shadowing = FormatFactory(name="Staff job shadowing", slug="staff-job-shadowing")
    staff = TargetGroupFactory(name="Guidance staff", slug="guidance-staff")
    english = LanguageFactory(code="en", name="English")
    french = LanguageFactory(code="fr", name="French")
    swedish = LanguageFactory(code="sv", name="Swedish")
    catalan = LanguageFactory(code="ca", name="Catalan")
    german = LanguageFactory(code="de", name="German")
    italian = LanguageFactory(code="it", name="Italian")

    window = {"earliest_start": in_days(40), "latest_end": in_days(60)}
    request = RequestFactory(
        organisation=centre_val_de_loire,
        title="Gender equality in education and guidance services",
        description=(
            "La Région cherche une institution partenaire pour un échange sur l'égalité "
            "entre les femmes et les hommes dans l'orientation et la formation "
            "professionnelle: how public institutions bring women into male-dominated trades."
        ),
        role=ListingRole.SEND,
        participants=8,
        duration_days=6,
        themes=[gender, guidance],
        formats=[visit],
        languages=[english, french],
        **window,
    )
    request.target_groups.set([staff])
    request.preferred_countries = ["SE", "ES"]
    request.save()

    boras_offer = OfferFactory(
        organisation=boras,
        title="Study visit on gender inclusion in vocational training",
        description=(
            "The Working Life Department hosts a week-long programme: meetings, visits and "
            "peer learning with VET schools on gender inclusion in traditionally "
            "male-dominated fields."
        ),
        role=ListingRole.HOST,
        participants=12,
        themes=[gender, vet],
        formats=[visit],
        languages=[english, swedish],
        fewer_opportunities_support="Accessible venues; we cover local transport.",
        **window,
    )
    boras_offer.target_groups.set([staff])

    escola = OrganisationFactory(
        name="Institut Escola del Treball",
        slug="escola-del-treball",
        country="ES",
        city="Barcelona",
        kind="vet_provider",
    )
    escola_offer = OfferFactory(
        organisation=escola,
        title="Igualtat de gènere a la formació professional",
        description=(
            "L'Institut Escola del Treball pot acollir o participar en un intercanvi sobre "
            "la igualtat de gènere: més noies i dones als oficis industrials."
        ),
        role=ListingRole.EITHER,
        participants=4,
        themes=[gender],
        formats=[visit, shadowing],
        languages=[catalan, english],
        **window,
    )
    for organisation, role in ((boras, InterestRole.HOST), (escola, InterestRole.PARTICIPATE)):
        ExpressionOfInterestFactory(listing=request, organisation=organisation, role=role)

    def other(name, country, **kwargs):
        org = OrganisationFactory(name=name, country=country, city=name.split()[-1])
        # One title for those the hard rules set aside, not the factory's numbered
        # one: the same texts in every test, which the sentence model reads once.
        defaults = {"organisation": org, "formats": [visit], "title": HOSTS, **window}
        return OfferFactory(**{**defaults, **kwargs})

    distractors = [
        other(
            "Green VET Bologna",
            "IT",
            title="Green skills in VET",
            themes=[green],
            description="Formazione professionale per le competenze verdi e l'energia.",
            languages=[italian, english],
        ),
        other(
            "Digital Berufsschule München",
            "DE",
            title="Digitale Kompetenzen",
            themes=[digital],
            description="Digitale Bildung an der Berufsschule.",
            languages=[german],
        ),
        other(
            "Lycée des métiers Tours",
            "FR",
            title="Égalité filles-garçons",
            themes=[gender],
            description="Mixité des métiers au lycée professionnel.",
            languages=[french],
            participants=6,
        ),
        other(
            "Guidance Centre Tampere",
            "FI",
            title="Career guidance for adults",
            themes=[guidance],
            description="Career guidance and counselling for adults.",
            languages=[english],
            formats=[shadowing],
        ),
        # Hard rules: closed, sends only, window too short.
        other("Closed Gender Offer Graz", "AT", themes=[gender], status=ListingStatus.CLOSED),
        other("Sending School Porto", "PT", themes=[gender], role=ListingRole.SEND),
        other(
            "Short Window Lyon",
            "FR",
            themes=[gender],
            earliest_start=in_days(40),
            latest_end=in_days(42),
        ),
    ]
    # Published listings get their vectors (listings.services); here, at once.
    listings_embed(listings=Listing.objects.all())
    return BorasCase(request, boras_offer, escola_offer, escola, distractors)


def request_and_hosts(*names: str) -> tuple[Listing, list[Listing]]:
    """An English request and, for each name, an organisation whose offer can
    host it (same window, a shared language): the plainest ranking there is."""
    english = LanguageFactory(code="en", name="English")
    request = RequestFactory(languages=[english])
    offers = [
        OfferFactory(
            organisation=OrganisationFactory(name=name),
            languages=[english],
            earliest_start=request.earliest_start,
            latest_end=request.latest_end,
        )
        for name in names
    ]
    return request, offers
