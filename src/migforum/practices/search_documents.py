"""How practices appear in the search index: every practice, drafts included, so that the
practice finder reads its matches from the same index as the site-wide search. Only
published practices are public: the site-wide search never shows the others, and the finder
shows them to the people who may see them."""

from collections.abc import Iterator

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from migforum.core.search import SearchText, register

from .fields import SEARCHED_FIELDS, TEXT_FIELDS
from .models import Practice


def practice_documents(practice: Practice) -> Iterator[SearchText]:
    """Its searched fields in each of its languages, with what every language version shares:
    the implementer, the partners, the owner and the names of its countries in every
    language."""
    shared = [practice.implementer_name]
    shared += [partner.name for partner in practice.partners.all()]
    if practice.owner_organization:
        shared.append(str(practice.owner_organization))
    for state in _states(practice):
        shared += list(dict.fromkeys(state.names.values()))
    languages = [practice.language] + [t.language for t in practice.translations.all()]
    for language in dict.fromkeys(languages):
        words = practice.text_in(language)
        with translation.override(language):
            url = reverse("practices:practice_detail", args=[practice.pk])
        own = [words[name] for name in SEARCHED_FIELDS if name in TEXT_FIELDS and name != "title"]
        yield SearchText(
            language=language,
            title=words["title"],
            body="\n".join(p for p in own + shared if p),
            url=url,
        )


def _states(practice: Practice) -> list:
    states = {c.state.pk: c.state for c in practice.countries.all()}
    if practice.owner_state:
        states.setdefault(practice.owner_state.pk, practice.owner_state)
    return sorted(states.values(), key=lambda state: state.iso3)


PRACTICE_SEARCH = register(
    Practice,
    label=_("Practices"),
    documents=practice_documents,
    queryset=lambda: Practice.objects.select_related(
        "owner_state", "owner_organization"
    ).prefetch_related("translations", "partners", "countries__state"),
    year=lambda practice: practice.start_year,
    states=lambda practice: [state.iso3 for state in _states(practice)],
    public=lambda practice: practice.is_published,
)

#: The practices' type in the search index, and their index entries (for an import, which
#: makes them before the transaction that adds the practices).
PRACTICE_KIND = PRACTICE_SEARCH.key
practice_entries = PRACTICE_SEARCH.entries_of
