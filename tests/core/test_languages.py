"""Six languages: every interface string translated, Arabic right to left."""

import gettext
from pathlib import Path
from typing import get_args

import pytest
from babel.messages.pofile import read_po

import migforum
from migforum.core.languages import cldr_locale, language_choices, language_codes
from migforum.documents.forms import LANGUAGE_CHOICES
from migforum.practices import schemas as practice_schemas

pytestmark = pytest.mark.django_db
LOCALE = Path(migforum.__file__).parent / "locale"


@pytest.mark.parametrize("language", ["ar", "zh_Hans", "fr", "ru", "es"])
def test_every_interface_string_is_translated(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalog = read_po(handle)
    missing = [
        m.id
        for m in catalog
        if m.id and (not all(m.string) if isinstance(m.string, tuple) else not m.string)
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert missing == []
    assert fuzzy == []
    # the compiled catalogue (what Django reads) holds the same translations
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            assert compiled.ngettext(*message.id, 1) in message.string
        else:
            context = f"{message.context}\x04" if message.context else ""
            assert compiled._catalog.get(context + message.id) == message.string, message.id


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("/ar/", "الدول"),
        ("/zh-hans/", "国家"),
        ("/fr/", "États Membres"),
        ("/ru/", "Государства"),
        ("/es/", "Estados Miembros"),
        ("/", "Member States"),
    ],
)
def test_base_templates_are_translated(client, prefix, expected):
    assert expected in client.get(prefix).content.decode()


def test_region_names_are_translated(client):
    html = client.get("/fr/states/MAR/").content.decode()
    assert "Afrique" in html


def test_every_list_of_languages_is_the_settings_one(settings):
    codes = [code for code, _name in settings.LANGUAGES]
    assert list(language_codes()) == codes
    assert [code for code, _name in LANGUAGE_CHOICES] == codes
    assert list(get_args(practice_schemas.Language)) == codes
    assert dict(language_choices())["zh-hans"] == "简体中文"  # each named in itself
    assert [cldr_locale(code) for code in codes] == ["ar", "zh_Hans", "en", "fr", "ru", "es"]
    assert cldr_locale("de") == "en"


def test_arabic_names_are_written_right_to_left(client):
    html = client.get("/states/MAR/").content.decode()
    # Each name under its language, named in the reader's.
    assert '<dt>Arabic</dt><dd lang="ar" dir="rtl">' in html
    assert '<dt>French</dt><dd lang="fr">' in html


def test_the_navigation_kept_for_one_language_is_not_served_in_another(client, settings):
    """The header and footer are rendered once per language and kept (`{% kept %}`): each
    language still gets its own words and its own addresses."""
    settings.DEBUG = False
    for _round in range(2):  # the first round renders and keeps, the second reads
        pages = {prefix: client.get(f"{prefix}/").content.decode() for prefix in ("/fr", "/ar", "")}
        for prefix, practices in (("/fr", "Pratiques"), ("/ar", "الممارسات"), ("", "Practices")):
            header = pages[prefix].split("<main")[0]
            assert f'<a href="{prefix}/practices/">{practices}</a>' in header
            footer = pages[prefix].split("</main>")[1]
            assert "open-source" in footer if not prefix else "open-source" not in footer


def test_a_kept_block_needs_a_quoted_name():
    from django.template import Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template("{% load migforum %}{% kept nav %}x{% endkept %}")


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "12,345"), ("ar", "12,345"), ("zh-hans", "12,345"), ("fr", "12\xa0345")],
)
def test_counts_are_grouped_as_the_reader_writes_numbers(language, shown):
    from django.template import Context, Template
    from django.utils import translation

    template = Template(
        "{% load i18n migforum %}{% blocktranslate count counter=total with shown=total|grouped %}"
        "{{ shown }} result{% plural %}{{ shown }} results{% endblocktranslate %}"
    )
    with translation.override(language):
        assert shown in template.render(Context({"total": 12345}))


def test_names_without_a_translation_are_marked_with_their_language(client):
    """A regional process known only by its English name keeps it, marked as English, so that
    a screen reader pronounces it as English and a translator leaves it be."""
    french = client.get("/fr/states/PHL/").content.decode()
    assert '<bdi lang="en">Colombo Process</bdi>' in french
    # On the English page it is plain text; a State is named in every language.
    english = client.get("/states/PHL/").content.decode()
    assert '<bdi lang="en">' not in english
    assert "Colombo Process" in english


def test_codes_and_symbols_are_never_translated(client):
    html = client.get("/fr/states/PHL/").content.decode()
    assert '<dd translate="no">ISO 3166: <code>PHL</code>' in html
