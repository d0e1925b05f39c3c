"""Turning text and queries into terms both backends understand the same way."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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

    @property
    def parts(self) -> list[str]:
        return list(self.text) if self.is_phrase else [self.text]


def fold(text: str) -> str:
    """Lower case without diacritics: "Côte" and "cote" meet here."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def prepare(text: str) -> str:
    """Text as indexed: CJK characters separated so each is a term."""
    if not CJK_RUN.search(text):
        return text
    return MULTIPLE_SPACES.sub(" ", CJK_CHAR.sub(r" \1 ", text)).strip()


def parse_query(query: str) -> list[Term]:
    terms = []
    for match in WORD.finditer(query):
        word = match.group(0).replace("’", "'")
        terms.append(Term(word, is_phrase=bool(CJK_RUN.fullmatch(word))))
    return terms


def highlighted(marked: str) -> SafeString:
    """Backend output with match markers as safe HTML with <mark> elements."""
    joined = SPACE_BETWEEN_CJK.sub(r"\1\2", marked)
    html = escape(joined).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308  escaped just above
