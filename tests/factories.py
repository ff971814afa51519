"""The factories, in one place. The cast of users lives in conftest.py."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from exchanges.models import Exchange, ExchangeOrganisation, ExchangeRole
from listings.models import (
    ExpressionOfInterest,
    InterestRole,
    Listing,
    ListingKind,
    ListingRole,
    ListingStatus,
)
from members.models import MembershipStatus, OrganisationKind, Role
from members.services import membership_reinstate, membership_suspend
from taxonomy.models import Format, Language, TargetGroup, Theme


class TermFactory(DjangoModelFactory):
    """The migrations ship the vocabularies: a test's term with a shipped slug or
    name is that term, given the fields the test asks for (rolled back after it)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        term = (
            model_class.objects.filter(slug=kwargs["slug"]).first()
            or model_class.objects.filter(name=kwargs["name"]).first()
        )
        if term is None:
            return super()._create(model_class, *args, **kwargs)
        for field, value in kwargs.items():
            setattr(term, field, value)
        term.save()
        return term


class ThemeFactory(TermFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class FormatFactory(TermFactory):
    class Meta:
        model = Format

    name = "Study visit"
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    min_days = 2
    max_days = 10


class TargetGroupFactory(TermFactory):
    class Meta:
        model = TargetGroup

    name = "Guidance staff"
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class LanguageFactory(DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ["code"]

    code = "en"
    name = "English"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = "members.User"
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("correct-horse-battery")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = "members.Organisation"

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.LOCAL_AUTHORITY
    country = "SE"
    city = "Borås"
    status = MembershipStatus.ACTIVE
    joined_on = datetime.date(2024, 9, 17)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = "members.Membership"

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.COORDINATOR


def in_days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


class ListingFactory(DjangoModelFactory):
    class Meta:
        model = Listing
        skip_postgeneration_save = True

    kind = ListingKind.REQUEST
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Exchange on gender equality in guidance {n}")
    description = (
        "We look for a partner institution for an exchange on gender equality in "
        "education and guidance services."
    )
    role = ListingRole.SEND
    earliest_start = factory.LazyFunction(lambda: in_days(30))
    latest_end = factory.LazyFunction(lambda: in_days(60))
    duration_days = 6
    participants = 8
    expires_on = factory.LazyAttribute(lambda o: o.latest_end)
    status = ListingStatus.OPEN

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted or [ThemeFactory(name="Gender equality")])

    @factory.post_generation
    def formats(self, create, extracted, **kwargs):
        if create:
            self.formats.set(extracted or [FormatFactory()])

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create:
            self.languages.set(extracted or [LanguageFactory()])


class RequestFactory(ListingFactory):
    kind = ListingKind.REQUEST
    role = ListingRole.SEND


class OfferFactory(ListingFactory):
    kind = ListingKind.OFFER
    role = ListingRole.HOST
    title = factory.Sequence(lambda n: f"We host a study visit on gender inclusion in VET {n}")
    participants = 12


class ExpressionOfInterestFactory(DjangoModelFactory):
    class Meta:
        model = ExpressionOfInterest

    listing = factory.SubFactory(RequestFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = InterestRole.HOST
    what_we_bring = "A week-long programme with our VET schools."
    who_takes_part = "Our international coordinator and two guidance counsellors."
    when = "December"


class ExchangeFactory(DjangoModelFactory):
    class Meta:
        model = Exchange

    title = "Advancing Gender Equality in Education Exchange"
    format = factory.SubFactory(FormatFactory)
    start_date = datetime.date(2024, 12, 9)
    end_date = datetime.date(2024, 12, 14)
    city = "Borås"
    country = "SE"


class ExchangeOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = ExchangeOrganisation

    exchange = factory.SubFactory(ExchangeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = ExchangeRole.HOST


# --- Past exchanges and case studies -------------------------------------------------


def image_file(name="photo.png", image_format="PNG", size=(8, 8)):
    """A real, tiny image upload (Pillow-made), for photos, testimonials and logos."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, (200, 30, 60)).save(buffer, format=image_format)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
    return SimpleUploadedFile(name, buffer.getvalue(), content_type.get(image_format, ""))


# Monitoring: matches and the figures of exchanges.


class MatchFactory(DjangoModelFactory):
    """A confirmed match; `confirmed_at=` sets the date that auto_now_add would hide."""

    class Meta:
        model = "matchmaking.Match"

    request = factory.SubFactory(RequestFactory, status=ListingStatus.MATCHED)

    @classmethod
    def _create(cls, model_class, *args, confirmed_at=None, **kwargs):
        match = super()._create(model_class, *args, **kwargs)
        if confirmed_at is not None:
            model_class.objects.filter(pk=match.pk).update(confirmed_at=confirmed_at)
            match.confirmed_at = confirmed_at
        return match


class MatchPartyFactory(DjangoModelFactory):
    class Meta:
        model = "matchmaking.MatchParty"

    match = factory.SubFactory(MatchFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "host"


class ExchangeParticipantsFactory(DjangoModelFactory):
    class Meta:
        model = "exchanges.ExchangeParticipants"

    exchange = factory.SubFactory(ExchangeFactory)
    target_group = factory.SubFactory(TargetGroupFactory)
    count = 4


class ProgrammeItemFactory(DjangoModelFactory):
    class Meta:
        model = "exchanges.ProgrammeItem"

    exchange = factory.SubFactory(ExchangeFactory)
    day = datetime.date(2024, 12, 9)
    activities = "Welcome at the Working Life Department; visit of a VET school."


class ExchangeFeedbackFactory(DjangoModelFactory):
    class Meta:
        model = "exchanges.ExchangeFeedback"

    exchange = factory.SubFactory(ExchangeFactory, status="completed")
    organisation = factory.SubFactory(OrganisationFactory)
    match_fit = 5
    work_again = True
    to_improve = "More time with the learners."


class CaseStudyFactory(DjangoModelFactory):
    class Meta:
        model = "casestudies.CaseStudy"
        skip_postgeneration_save = True

    exchange = factory.SubFactory(ExchangeFactory, status="completed")
    title = factory.Sequence(lambda n: f"Advancing Gender Equality in Education Exchange {n}")
    slug = factory.Sequence(lambda n: f"gender-equality-exchange-{n}")
    summary = "Public institutions advancing gender equality in career guidance."
    story = "The exchange focused on the role of public institutions in gender equality."
    status = "draft"


class PublishedCaseStudyFactory(CaseStudyFactory):
    status = "published"
    published_at = factory.LazyFunction(timezone.now)


class LessonFactory(DjangoModelFactory):
    class Meta:
        model = "casestudies.Lesson"

    case_study = factory.SubFactory(CaseStudyFactory)
    audience = "host"
    text = "Hosting fosters positive energy and engagement"


class CaseStudyTestimonialFactory(DjangoModelFactory):
    class Meta:
        model = "casestudies.Testimonial"

    case_study = factory.SubFactory(CaseStudyFactory)
    quote = "My expectations have been more than satisfied."
    person_name = "Albert Peiró Mateu"
    person_role = "Head of Studies Responsible for VET Dual & Erasmus+"
    organisation_name = "Escola del Treball (Catalonia, Spain)"


class PhotoFactory(DjangoModelFactory):
    class Meta:
        model = "casestudies.Photo"

    case_study = factory.SubFactory(CaseStudyFactory)
    image = factory.LazyFunction(image_file)
    caption = "Visit of a VET school in Borås"
    alt_text = "Participants in a workshop of a VET school"


def exchange_between(*, host, sender, participating=(), matched=True, themes=None, **fields):
    """An exchange hosted by `host` with `sender`, after an accepted match on the
    sender's request (as exchange_create_from_match leaves it), planned."""
    from exchanges.models import ExchangeRole
    from matchmaking.models import Match, MatchStatus

    if matched:
        request = RequestFactory(
            organisation=sender,
            description=(
                "We look for a partner institution for an exchange on gender equality "
                "in education and guidance services."
            ),
            status=ListingStatus.MATCHED,
        )
        fields["match"] = Match.objects.create(request=request, status=MatchStatus.ACCEPTED)
    exchange = ExchangeFactory(**fields)
    exchange.themes.set(themes or [ThemeFactory(name="Gender equality")])
    ExchangeOrganisationFactory(exchange=exchange, organisation=host, role=ExchangeRole.HOST)
    ExchangeOrganisationFactory(exchange=exchange, organisation=sender, role=ExchangeRole.SENDING)
    for organisation in participating:
        ExchangeOrganisationFactory(
            exchange=exchange, organisation=organisation, role=ExchangeRole.PARTICIPATING
        )
    return exchange


class SavedSearchFactory(DjangoModelFactory):
    class Meta:
        model = "listings.SavedSearch"

    user = factory.SubFactory(UserFactory)
    name = "Gender equality"
    query = "theme=gender-equality"
    notify = True


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = "notifications.Notification"

    key = factory.Sequence(lambda n: f"test:-:{n}")
    kind = "match_reminder"
    recipient = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda o: o.recipient.email if o.recipient else "x@example.org")
    context = factory.LazyFunction(
        lambda: {"reference": "REQ-4F2A9C", "title": "Gender equality", "organisation": "Borås"}
    )


class EventFactory(DjangoModelFactory):
    """A published matchmaking event a month ahead, open for registration."""

    class Meta:
        model = "events.Event"

    title = "RSP matchmaking day in Borås"
    place = "Borås, Textile Fashion Center"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=5))
    time_zone = "Europe/Stockholm"
    registration_deadline = factory.LazyAttribute(
        lambda o: o.starts_at - datetime.timedelta(days=3)
    )
    slot_minutes = 20
    slots = 3
    tables = 2
    capacity = 10
    status = "published"


def suspend(organisation):
    """Suspend an organisation's membership as the secretariat does (the admin's
    action calls the same service)."""
    membership_suspend(organisation=organisation)
    organisation.refresh_from_db()


def reinstate(organisation):
    """Reinstate a suspended organisation as the secretariat does."""
    membership_reinstate(organisation=organisation)
    organisation.refresh_from_db()
