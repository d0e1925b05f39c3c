"""The platform's languages, the six of the United Nations.

`settings.LANGUAGES` is the one list of them; everything else that names a language asks here
rather than writing its own list: the CLDR locale that names countries in it and its name in
itself. Templates ask Django's `language_bidi` filter whether a language is written right to
left.
"""

from collections.abc import Iterable

from babel.lists import format_list
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, get_language_info, to_locale
from django.utils.translation import gettext_lazy as _


def language_codes() -> tuple[str, ...]:
    """The codes of the platform's languages, in the order of `settings.LANGUAGES`."""
    return tuple(code for code, _name in settings.LANGUAGES)


def language_choices() -> list[tuple[str, str]]:
    """(code, the language's name in itself) for each language, as the language menu names
    them: a reader looks for their own language under its own name."""
    return [(code, get_language_info(code)["name_local"]) for code in language_codes()]


def in_reader_language(english: str, translations: dict[str, str]) -> tuple[str, str]:
    """A text in the reader's language where it was translated, else in English, with the
    language it is in: `("Sommet 2030", "fr")`, `("Summit 2030", "en")`."""
    language = get_language() or "en"
    translated = translations.get(language)
    return (translated, language) if translated else (english, "en")


def cldr_locale(code: str) -> str:
    """The CLDR (babel) locale of one of the platform's languages, "zh-hans" → "zh_Hans";
    English for any other code."""
    return to_locale(code) if code in language_codes() else "en"


def list_in(items: Iterable[str], language: str | None = None) -> str:
    """Words joined as a list is written in the language (the reader's by default): "A, B and
    C", "A، B وC" in Arabic, "A、B和C" in Chinese."""
    return format_list(
        [str(item) for item in items],
        style="standard",
        locale=cldr_locale(language or get_language()),
    )


def in_language(text: str, language: str, reader: str | None = None) -> str:
    """Text written in `language`, as HTML for a page in the `reader`'s (the current one by
    default). In the reader's language, as it is; in any other, in a `<bdi>` marked with its
    language, so that a screen reader pronounces it as written, a browser's translator knows
    it, and a right-to-left name does not reorder the line around it."""
    if not text:
        return ""
    if language == (reader or get_language() or "en"):
        return conditional_escape(text)
    return format_html('<bdi lang="{}">{}</bdi>', language, text)


@deconstructible
class TranslationsValidator:
    """A record's words in the other languages (`{"fr": "…", "ar": "…"}`, English being the
    record's own field): only the platform's languages, each a text of at most `max_length`
    characters."""

    def __init__(self, max_length: int) -> None:
        self.max_length = max_length

    def __call__(self, value: object) -> None:
        if not isinstance(value, dict):
            raise ValidationError(
                _("Give the translations as an object of language codes and texts."),
                code="translations_not_an_object",
            )
        others = set(language_codes()) - {"en"}
        for language, text in value.items():
            if language not in others:
                raise ValidationError(
                    _("“%(code)s” is not one of the languages: %(codes)s."),
                    code="translation_language_unknown",
                    params={"code": str(language)[:10], "codes": ", ".join(sorted(others))},
                )
            if not isinstance(text, str) or len(text) > self.max_length or "\x00" in text:
                raise ValidationError(
                    _("The %(code)s text must be at most %(limit)s characters of text."),
                    code="translation_too_long",
                    params={"code": language, "limit": self.max_length},
                )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TranslationsValidator) and other.max_length == self.max_length
