"""No English left behind: the text a reader sees on a French, Spanish, Russian, Arabic or
Chinese page, compared with the English page, shares nothing with it but what the language
itself writes the same way (a French "Documents", a State called "Canada" in Spanish too), what
is marked as being in another language (`lang`), and what no language translates (a code, a
symbol, a format's name: `translate="no"`)."""

import re
from functools import cache
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

import migforum
from migforum.core.languages import cldr_locale

from .test_phone import PAGES, in_language

pytestmark = pytest.mark.browser

LOCALE = Path(migforum.__file__).parent / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
#: The pages of the phone test, with an answer on the send-money page and a State whose
#: documents include one titled in Arabic.
COMPARED = (
    *PAGES,
    "/evidence/send-money/?sender=USA&receiver=MEX&amount=200",
    "/evidence/corridors/",
    "/states/PHL/",
)
#: The text a reader sees or hears, in the page's own language: text nodes and the attributes
#: that are read out, leaving out what is marked as another language or as never translated.
READ_TEXT = """
() => {
  const page = document.documentElement.lang;
  const own = element => {
    if (element.closest('script, style, template, noscript, [hidden], [translate="no"]')) {
      return false;
    }
    const marked = element.closest('[lang]');
    return !marked || marked.lang === page;
  };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (own(node.parentElement)) texts.push(node.data);
  }
  const spoken = '[aria-label], [placeholder], [title], img[alt]';
  for (const element of document.body.querySelectorAll(spoken)) {
    if (!own(element)) continue;
    for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
      if (element.hasAttribute(name)) texts.push(element.getAttribute(name));
    }
  }
  return texts
    .map(text => text.replace(/\\s+/g, ' ').replace(/^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$/gu, ''))
    .filter(text => /\\p{L}/u.test(text));
}
"""


@cache
def catalogue(language: str) -> Catalog:
    with (LOCALE / cldr_locale(language) / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle)


@cache
def written_the_same(language: str) -> frozenset[str]:
    """What the language writes as English does, by the word: the interface strings its
    translators kept as they were, and the places CLDR names in that language."""
    kept = {
        message.string
        for message in catalogue(language)
        if message.id and isinstance(message.id, str) and message.string == message.id
    }
    return frozenset(kept | set(Locale.parse(cldr_locale(language)).territories.values()))


@cache
def translated_sentences(language: str) -> tuple[re.Pattern[str], ...]:
    """The catalogue's translations with their placeholders open: "%(count)s documents"
    is French that English writes the same for some counts."""
    patterns = []
    for message in catalogue(language):
        for text in message.string if isinstance(message.string, tuple) else (message.string,):
            if len(re.findall(r"[^\W\d_]", re.sub(PLACEHOLDER, "", text or ""))) >= 2:
                parts = re.split(PLACEHOLDER, text)
                patterns.append(re.compile(".+".join(re.escape(part.strip()) for part in parts)))
    return tuple(patterns)


def is_the_language_own(text: str, language: str) -> bool:
    return text in written_the_same(language) or any(
        pattern.fullmatch(text) for pattern in translated_sentences(language)
    )


@pytest.mark.parametrize("language", ["fr", "es", "ru", "ar", "zh-hans"])
def test_no_english_is_left_on_the_translated_pages(page, language):
    left = []
    for path in COMPARED:
        page.goto(path)
        english = set(page.evaluate(READ_TEXT))
        page.goto(in_language(path, language))
        for text in page.evaluate(READ_TEXT):
            if text in english and not is_the_language_own(text, language):
                left.append(f"{path}: {text!r}")
    assert not left, "\n".join(sorted(set(left)))
