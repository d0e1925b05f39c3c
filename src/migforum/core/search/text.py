"""Turning text and queries into the terms both engines index and match, the same way.

Every word is folded (lower case, no diacritics) and reduced to its stem by the Snowball
stemmer of its language (PyStemmer): English, French, Spanish, Russian and Arabic. The
index holds stems, not words, so "migrants" finds "migration"'s relatives exactly as the
stemmer groups them, on SQLite and PostgreSQL alike. Which stemmer applies is read from the
word's script: Cyrillic is Russian, Arabic is Arabic, and a Latin word in a text is stemmed in
the text's language (English where that is not a Latin-script language). A query word in
Latin script may be English, French or Spanish: it is searched as any of its three stems.

Chinese is written without spaces: a run of Han characters is indexed as its characters and
its overlapping pairs of characters, and searched as the pairs it holds (a single character
as itself).

Stop words ("the", "de", "и", "في") are indexed but not searched: a query drops them, unless
it holds nothing else, and so they are never highlighted either.
"""

import functools
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

import Stemmer
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

#: Han, kana and Hangul are written without spaces.
CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
CJK_RUN = re.compile(f"[{CJK}]+")
#: A word: a run of CJK characters, or of letters and digits (an apostrophe ends a word, so
#: that "l'immigration" is "l" and "immigration").
WORD = re.compile(rf"[{CJK}]+|[^\W_{CJK}]+", re.UNICODE)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
#: The Arabic definite article, alone or after a conjunction or preposition.
ARABIC_ARTICLE = re.compile(r"^(?:وال|بال|كال|فال|لل|ال)(?=..)")
ARABIC_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ـ": None})

STEMMED_LANGUAGES = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "arabic",
}
#: The languages a word in Latin script may be written in, as far as search is concerned.
LATIN_LANGUAGES = ("en", "fr", "es")

#: The index's largest term; longer "words" (a hash, a run of digits) are cut there.
MAX_TERM_LENGTH = 60

_stemmers = threading.local()  # a PyStemmer stemmer is not safe to share between threads


@dataclass(frozen=True)
class Term:
    """One word of a query as it is searched."""

    text: str
    #: The index terms that match it: its stems in the languages it may be written in, or,
    #: for Chinese, the character pairs that must all be there.
    alternatives: tuple[str, ...]
    #: Chinese: every one of `alternatives` must match, rather than any.
    is_phrase: bool = False
    is_stop: bool = False


@dataclass(frozen=True)
class Query:
    """A query as every search of the platform runs it."""

    #: The words searched, each once, in the order typed (stop words left out).
    terms: tuple[Term, ...] = ()
    #: Words after the first SEARCH_MAX_TERMS, not searched.
    left_out: tuple[str, ...] = ()
    #: Stop words typed, not searched.
    stop_words: tuple[str, ...] = ()

    @property
    def notice(self) -> str:
        """What the reader is told about the words left out; empty when none were."""
        if not self.left_out:
            return ""
        limit = len(self.terms) + len(self.stop_words)
        return ngettext(
            "Only the first %(limit)d word was searched; left out: %(words)s.",
            "Only the first %(limit)d words were searched; left out: %(words)s.",
            limit,
        ) % {"limit": limit, "words": ", ".join(self.left_out)}

    @property
    def index_terms(self) -> frozenset[str]:
        """Every index term that marks a word as matching, for highlighting."""
        return frozenset(alt for term in self.terms for alt in term.alternatives)


def fold(text: str) -> str:
    """Lower case without diacritics: "Côte" and "cote" meet here."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _stemmer(language: str) -> Stemmer.Stemmer:
    stemmers = getattr(_stemmers, "by_language", None)
    if stemmers is None:
        stemmers = _stemmers.by_language = {}
    if language not in stemmers:
        stemmers[language] = Stemmer.Stemmer(STEMMED_LANGUAGES[language])
    return stemmers[language]


def _arabic_stem(word: str) -> str:
    """The stem of an Arabic word: hamza forms and tatweel folded, the article taken off.
    Snowball's Arabic stemmer strips plural endings only after an article, so the word is
    stemmed both as found and with an article, and the shorter stem kept: "تحويلات" and
    "التحويلات" both become "تحويل"."""
    core = ARABIC_ARTICLE.sub("", word.translate(ARABIC_VARIANTS))
    stemmer = _stemmer("ar")
    return min(stemmer.stemWord(core), stemmer.stemWord("ال" + core), key=len)


@functools.lru_cache(maxsize=262_144)
def stem(word: str, language: str) -> str:
    """The index term of a folded word written in `language`."""
    if ARABIC.search(word):
        return _arabic_stem(word)[:MAX_TERM_LENGTH]
    if CYRILLIC.search(word):
        return _stemmer("ru").stemWord(word)[:MAX_TERM_LENGTH]
    if word.isdigit() or not LATIN.search(word):
        return word[:MAX_TERM_LENGTH]
    stemmed_as = language if language in LATIN_LANGUAGES else "en"
    return _stemmer(stemmed_as).stemWord(word)[:MAX_TERM_LENGTH]


@functools.lru_cache(maxsize=262_144)
def term_of(word: str, language: str) -> str:
    """The index term of a word as written: highlighting reads thousands of words of a long
    statement, mostly the same few hundred, so each is folded and stemmed once."""
    return stem(fold(word), language)


def han_terms(run: str, *, for_query: bool) -> list[str]:
    """A run of CJK characters as index terms (each character and each pair) or as the
    terms a query needs (its pairs; one character alone as itself)."""
    pairs = [run[i : i + 2] for i in range(len(run) - 1)]
    if for_query:
        return pairs or [run]
    return list(run) + pairs


def index_terms(text: str, language: str) -> Iterator[str]:
    """The terms a text in `language` is indexed as, in order."""
    for match in WORD.finditer(text):
        word = match.group(0)
        if CJK_RUN.match(word):
            yield from han_terms(word, for_query=False)
        else:
            yield term_of(word, language)


def index_text(text: str, language: str) -> str:
    """`index_terms` as one string, separated by spaces, as both engines store it."""
    return " ".join(index_terms(text, language))


@functools.cache
def stop_words(language: str) -> frozenset[str]:
    name = f"{language}.txt"
    folder = resources.files("migforum.core") / "data" / "stopwords"
    if not (folder / name).is_file():
        return frozenset()
    words = (folder / name).read_text(encoding="utf-8").split()
    return frozenset(fold(word) for word in words)


def is_stop_word(folded: str, reader_language: str) -> bool:
    """Stop words are read from the word's script: Russian and Arabic ones always; in Latin
    script, English ones and those of the reader's language (a Spanish "sea" is an English
    noun: only a Spanish reader's "sea" is a stop word)."""
    if CYRILLIC.search(folded):
        return folded in stop_words("ru")
    if ARABIC.search(folded):
        return folded in stop_words("ar") or folded.translate(ARABIC_VARIANTS) in stop_words("ar")
    if LATIN.search(folded):
        return folded in stop_words("en") or folded in stop_words(reader_language)
    return False


def query_term(word: str, reader_language: str) -> Term:
    if CJK_RUN.fullmatch(word):
        return Term(word, tuple(han_terms(word, for_query=True)), is_phrase=True)
    folded = fold(word)
    if LATIN.search(folded) and not ARABIC.search(folded) and not CYRILLIC.search(folded):
        alternatives = tuple(dict.fromkeys(stem(folded, lang) for lang in LATIN_LANGUAGES))
    else:
        alternatives = (stem(folded, reader_language),)
    return Term(word, alternatives, is_stop=is_stop_word(folded, reader_language))


def parse_query(query: str, reader_language: str = "en") -> Query:
    """The words of a query as terms, for the site-wide search and the practice finder alike.

    Operators and punctuation are plain text. A word typed twice is searched once (compared
    folded: "Côte" and "cote" are the same word); only the first SEARCH_MAX_TERMS words are
    searched; stop words are not searched, unless the query holds nothing else.
    """
    limit = settings.SEARCH_MAX_TERMS
    terms: list[Term] = []
    left_out: list[str] = []
    seen: set[str] = set()
    for match in WORD.finditer(query):
        word = match.group(0)
        folded = fold(word)
        if folded in seen:
            continue
        seen.add(folded)
        if len(terms) >= limit:
            left_out.append(word)
            continue
        terms.append(query_term(word, reader_language))
    searched = [t for t in terms if not t.is_stop] or terms
    stops = tuple(t.text for t in terms if t not in searched)
    return Query(tuple(searched), tuple(left_out), stops)


# Highlighting: the words of a stored text whose index term the query searched.

#: Characters of a passage shown around the first match.
PASSAGE_LENGTH = 240


#: Every letter with its accented forms ("e" → "eéèêë…"), for finding a stem's first letters
#: in a text that was not folded.
ACCENTED: dict[str, str] = {}
for _code in range(0xC0, 0x250):
    _base = unicodedata.normalize("NFKD", chr(_code))[0].lower()
    if _base.isascii() and _base.isalpha():
        ACCENTED[_base] = ACCENTED.get(_base, _base) + chr(_code)
#: Letters of a stem looked for: a stem may end otherwise than its words do ("remedi"), but
#: begins as they do once folded, or, in Arabic, inside them (its article taken off).
STEM_HEAD = 4


@functools.lru_cache(maxsize=1024)
def _candidates(alternatives: tuple[str, ...]) -> re.Pattern[str] | None:
    """Where the words of these stems may be in a text: the first letters of each stem, in
    any case and with any accents. Only there is a word folded and stemmed, rather than every
    word of a long statement up to its first match."""
    heads = sorted({alt[:STEM_HEAD] for alt in alternatives if alt}, key=len, reverse=True)
    if not heads:
        return None
    parts = [
        "".join(f"[{re.escape(ACCENTED[ch])}]" if ch in ACCENTED else re.escape(ch) for ch in head)
        for head in heads
    ]
    return re.compile("|".join(parts), re.IGNORECASE)


def _marked_spans(
    text: str, query: Query, language: str, start: int, stop: int, *, first_only: bool = False
) -> list[tuple[int, int]]:
    wanted = query.index_terms
    spans: list[tuple[int, int]] = []
    for phrase in (t.text for t in query.terms if t.is_phrase):
        at = text.find(phrase, start, stop)
        while at >= 0:
            spans.append((at, at + len(phrase)))
            at = text.find(phrase, at + len(phrase), stop)
    words = tuple(alt for t in query.terms if not t.is_phrase for alt in t.alternatives)
    pattern = _candidates(words)
    end = start
    for found in pattern.finditer(text, start, stop) if pattern else ():
        if found.start() < end:
            continue
        # The whole word the letters are in.
        begin, end = found.start(), found.end()
        while begin > start and text[begin - 1].isalnum():
            begin -= 1
        while end < stop and text[end].isalnum():
            end += 1
        word = text[begin:end]
        if not CJK_RUN.search(word) and term_of(word, language) in wanted:
            spans.append((begin, end))
            if first_only:
                break
    spans = sorted(set(spans))
    return spans[:1] if first_only else spans


def highlight(text: str, query: Query, language: str, *, around: int | None = None) -> SafeString:
    """`text` with the words the query matched in <mark>; with `around`, only the passage of
    about that many characters around the first match (the text's beginning if none)."""
    start, end = 0, len(text)
    if around is not None and len(text) > around:
        # Only the passage is read and marked: a long statement is read up to its first match.
        first = _marked_spans(text, query, language, 0, len(text), first_only=True)
        start = max(0, first[0][0] - around // 3) if first else 0
        end = min(len(text), start + around)
        # Whole words at both ends.
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
    html: list[str] = []
    position = start
    for span_start, span_end in _marked_spans(text, query, language, start, end):
        if span_start < position:
            continue
        html.append(escape(text[position:span_start]))
        html.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    html.append(escape(text[position:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(html).strip() + suffix)  # noqa: S308  every piece is escaped


def surface_words(text: str) -> set[str]:
    """The folded words of a text worth suggesting in "Did you mean": letters only, three
    characters or more."""
    return {
        folded
        for match in WORD.finditer(text)
        if 3 <= len(folded := fold(match.group(0))) <= MAX_TERM_LENGTH
        and folded.isalpha()
        and not CJK_RUN.match(folded)
    }
