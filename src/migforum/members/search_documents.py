"""How States, organizations and groups appear in search: one row per language. A query that
names a State (its name in any language, or its code) leads straight to its page."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from migforum.core.languages import language_codes
from migforum.core.search import (
    SearchText,
    Shortcut,
    register,
    register_shortcut,
    register_state_choices,
)

from .models import Group, Organization, State
from .names import country_name, name_key
from .selectors import state_named


def _url(name: str, arg: str, language: str) -> str:
    with translation.override(language):
        return reverse(name, args=[arg])


def state_documents(state: State):
    names = state.names
    codes = f"{state.iso3} {state.iso2} {state.m49}"
    for language in language_codes():
        others = " · ".join(n for code, n in names.items() if code != language)
        yield SearchText(
            language=language,
            title=names[language],
            body=f"{codes} · {state.region} · {state.sub_region} · {others} {state.summary}",
            url=_url("portal:state_detail", state.iso3, language),
        )


def _named_documents(obj, url_name: str, extra: str):
    names = obj.all_names()
    for language in language_codes():
        title = names.get(language, obj.name)
        others = " · ".join(n for code, n in names.items() if n != title)
        yield SearchText(
            language=language,
            title=f"{title} ({obj.acronym})" if obj.acronym and obj.acronym != title else title,
            body=f"{others} {extra}",
            url=_url(url_name, obj.slug, language),
        )


def organization_documents(organization: Organization):
    yield from _named_documents(
        organization, "members:organization_detail", organization.description
    )


def group_documents(group: Group):
    yield from _named_documents(group, "members:group_detail", group.description)


def state_shortcuts(query: str, language: str) -> list[Shortcut]:
    state = state_named(query)
    if state is None:
        return []
    with translation.override(language):
        return [
            Shortcut(
                kind_label=str(_("State")),
                title=state.names.get(language, state.name),
                url=reverse("portal:state_detail", args=[state.iso3]),
                note=" · ".join(p for p in (state.iso3, state.region, state.sub_region) if p),
            )
        ]


register(State, label=_("States"), documents=state_documents, states=lambda state: [state.iso3])
register_shortcut(state_shortcuts)
register(Organization, label=_("Organizations"), documents=organization_documents)
register(Group, label=_("Groups"), documents=group_documents)


def state_choices(language: str) -> list[tuple[str, str]]:
    """Every State by its name in `language`, in the order of those names."""
    named = [
        (iso3, country_name(iso3, language, name))
        for iso3, name in State.objects.values_list("iso3", "name")
    ]
    return sorted(named, key=lambda choice: name_key(choice[1]))


register_state_choices(state_choices)
