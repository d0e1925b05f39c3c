"""How meetings appear in search: title, theme, place and organizers, in every language."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from migforum.core.languages import language_codes
from migforum.core.search import SearchText, register

from .models import Meeting


def meeting_documents(meeting: Meeting):
    hosts = " · ".join(str(host) for host in meeting.hosts.all())
    country = meeting.country.names if meeting.country else {}
    for language in language_codes():
        with translation.override(language):
            url = reverse("meetings:meeting_detail", args=[meeting.pk])
            title = meeting.localized_name
        place = ", ".join(p for p in (meeting.city, country.get(language, "")) if p)
        # The title as entered stays findable in every language.
        entered = "" if title == meeting.title else f"{meeting.title} · "
        yield SearchText(
            language=language,
            title=title,
            body=f"{entered}{meeting.start_date:%Y-%m-%d} · {place} · {meeting.theme} · {hosts}",
            url=url,
        )


register(
    Meeting,
    label=_("Meetings"),
    documents=meeting_documents,
    queryset=lambda: Meeting.objects.select_related("country").prefetch_related(
        "hosts__state", "hosts__organization"
    ),
    year=lambda meeting: meeting.start_date.year if meeting.start_date else None,
    states=lambda meeting: [meeting.country.iso3] if meeting.country else [],
)
