"""The phrase banks demonstration practices are written from, read from the JSON files in
`data/`.

Each phrase is written in the six languages of the platform, as an object keyed by language
code; here it becomes a tuple in the order of `LANGUAGES`, so that one index picks the same
phrase in every language and a practice and its translation say the same thing. Templates
name their slots in braces: {Topic} and {Kind} are capitalised, {places} lists the countries,
{places_and} joins them with "and", {n} is a count, {pct} a percentage, {year} a year.

- `themes.json`, per theme: `topics` (noun phrases that head a title), `groups` (who benefits,
  as it reads after "for"; in Russian the genitive, after "для"), `actions` (what the programme
  does: a verb phrase in the third person, after "The programme"), `results` (with {n} and
  {pct}), `problems` (the situation the practice answers), and the Global Compact objectives
  and SDG targets practices on the theme serve.
- `texts.json`: what every practice may say, whatever its theme, and what reviewers write.
- `bodies.json`: implementers and partners that are not registered on the platform, by kind.
- `people.json`: given names and family names by language; Russian and Chinese names come whole.
"""

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

#: The order of the languages in every phrase.
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh-hans")

P = tuple[str, str, str, str, str, str]


class PhraseError(ValueError):
    """A data file holds a phrase that is not written in exactly the six languages."""


def _phrases(value: Any) -> Any:
    """The JSON value with every six-language object as a phrase tuple and every list as a
    tuple; an object of strings keyed by some languages but not all is a mistake."""
    if isinstance(value, list):
        return tuple(_phrases(item) for item in value)
    if not isinstance(value, dict):
        return value
    if (
        value
        and all(isinstance(text, str) for text in value.values())
        and set(value) & set(LANGUAGES)
    ):
        if set(value) != set(LANGUAGES):
            raise PhraseError(f"A phrase is not in the six languages {LANGUAGES}: {value}")
        return tuple(value[language] for language in LANGUAGES)
    return {key: _phrases(item) for key, item in value.items()}


def read(name: str) -> Any:
    """One data file of this package, its phrases as tuples in the order of `LANGUAGES`."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return _phrases(json.loads(text))


@dataclass(frozen=True)
class ThemeBank:
    """What practices on one theme are about: each entry in the six languages."""

    topics: tuple[P, ...]
    groups: tuple[P, ...]
    actions: tuple[P, ...]
    results: tuple[P, ...]
    problems: tuple[P, ...]
    objectives: tuple[int, ...]
    sdgs: tuple[str, ...]


BANKS: dict[str, ThemeBank] = {
    theme: ThemeBank(**bank) for theme, bank in read("themes.json").items()
}

_TEXTS = read("texts.json")
#: What a practice is, by level: "Pilot project", "Regional initiative"…
KINDS: dict[str, tuple[P, ...]] = _TEXTS["kinds"]
TITLES: tuple[P, ...] = _TEXTS["titles"]
#: Titles of practices that name no country: the first form of `TITLES` names none either.
GLOBAL_TITLES: tuple[P, ...] = (TITLES[0], *_TEXTS["titles_without_places"])
DOES: P = _TEXTS["does"]
ALSO: P = _TEXTS["also"]
AIMED: P = _TEXTS["aimed"]
COUNTRIES: P = _TEXTS["countries"]
WORLDWIDE: P = _TEXTS["worldwide"]
SECTOR: P = _TEXTS["sector"]
PARTNERS: P = _TEXTS["partners"]
AND: P = _TEXTS["and"]
LIST_SEPARATOR: P = _TEXTS["list_separator"]
SENTENCE_SEPARATOR: P = _TEXTS["sentence_separator"]
BEGAN: tuple[P, ...] = _TEXTS["began"]
BACKGROUND: tuple[P, ...] = _TEXTS["background"]
METHODS: tuple[P, ...] = _TEXTS["methods"]
EVALUATIONS: tuple[P, ...] = _TEXTS["evaluations"]
LESSONS: tuple[P, ...] = _TEXTS["lessons"]
REPLICATION: tuple[P, ...] = _TEXTS["replication"]
SECTORS: tuple[P, ...] = _TEXTS["sectors"]
FUNCTIONS: tuple[P, ...] = _TEXTS["functions"]
LINK_TITLES: tuple[P, ...] = _TEXTS["link_titles"]
#: What reviewers write, by decision: approving or asking for changes.
ANALYSES: dict[str, tuple[P, ...]] = _TEXTS["analyses"]
#: What a reviewer declares who has a conflict of interest (in English only).
CONFLICT_STATEMENT: str = _TEXTS["conflict_statement"]
ACRONYM_SYLLABLES: tuple[str, ...] = _TEXTS["acronym_syllables"]

BODIES: dict[str, tuple[P, ...]] = read("bodies.json")

#: Per language: (given names, family names).
PEOPLE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    language: (names["given"], names["family"]) for language, names in read("people.json").items()
}
