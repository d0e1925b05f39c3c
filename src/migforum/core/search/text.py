"""Turning text and queries into terms both backends understand the same way."""

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

#: Han, kana and Hangul are written without spaces: each character is indexed as a term and a
#: run of them is searched as a phrase.
CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
CJK_CHAR = re.compile(f"([{CJK}])")
CJK_RUN = re.compile(f"[{CJK}]+")
WORD = re.compile(rf"[{CJK}]+|[^\W_{CJK}]+(?:['’][^\W_{CJK}]+)*", re.UNICODE)
MULTIPLE_SPACES = re.compile(" {2,}")
SPACE_BETWEEN_CJK = re.compile(f"(?<=[{CJK}])([\ue000\ue001]?) ([\ue000\ue001]?)(?=[{CJK}])")

#: Markers put around matches by the backends, turned into <mark> after escaping.
MARK_START, MARK_END = "\ue000", "\ue001"


@dataclass(frozen=True)
class Term:
    text: str
    #: A run of CJK characters, matched as consecutive characters rather than as a prefix.
    is_phrase: bool
    #: Matches the words it begins as well as itself; false for a word shorter than
    #: SEARCH_MIN_PREFIX_LENGTH, which matches only itself, and for a phrase.
    is_prefix: bool = False

    @property
    def parts(self) -> list[str]:
        return list(self.text) if self.is_phrase else [self.text]


@dataclass(frozen=True)
class Query:
    """A query as every search of the platform runs it."""

    #: The words searched, each once, in the order typed.
    terms: tuple[Term, ...] = ()
    #: Words after the first SEARCH_MAX_TERMS, not searched.
    left_out: tuple[str, ...] = ()

    @property
    def notice(self) -> str:
        """What the reader is told about the words left out; empty when none were."""
        if not self.left_out:
            return ""
        limit = len(self.terms)
        return ngettext(
            "Only the first %(limit)d word was searched; left out: %(words)s.",
            "Only the first %(limit)d words were searched; left out: %(words)s.",
            limit,
        ) % {"limit": limit, "words": ", ".join(self.left_out)}


def fold(text: str) -> str:
    """Lower case without diacritics: "Côte" and "cote" meet here."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def prepare(text: str) -> str:
    """Text as indexed: CJK characters separated so each is a term."""
    if not CJK_RUN.search(text):
        return text
    return MULTIPLE_SPACES.sub(" ", CJK_CHAR.sub(r" \1 ", text)).strip()


def parse_query(query: str) -> Query:
    """The words of a query as terms, for the site-wide search and the practice finder alike.

    Operators and punctuation are plain text. A word typed twice is searched once (compared
    folded: "Côte" and "cote" are the same word); only the first SEARCH_MAX_TERMS words are
    searched; a word shorter than SEARCH_MIN_PREFIX_LENGTH matches only itself, since as a
    prefix a letter or two would match a good part of the index. A run of CJK characters is
    a phrase, whatever its length.
    """
    limit, shortest = settings.SEARCH_MAX_TERMS, settings.SEARCH_MIN_PREFIX_LENGTH
    terms: list[Term] = []
    left_out: list[str] = []
    seen: set[str] = set()
    for match in WORD.finditer(query):
        word = match.group(0).replace("’", "'")
        folded = fold(word)
        if folded in seen:
            continue
        seen.add(folded)
        if len(terms) >= limit:
            left_out.append(word)
            continue
        phrase = bool(CJK_RUN.fullmatch(word))
        terms.append(Term(word, is_phrase=phrase, is_prefix=not phrase and len(folded) >= shortest))
    return Query(tuple(terms), tuple(left_out))


def highlighted(marked: str) -> SafeString:
    """Backend output with match markers as safe HTML with <mark> elements."""
    joined = SPACE_BETWEEN_CJK.sub(r"\1\2", marked)
    html = escape(joined).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308  escaped just above
