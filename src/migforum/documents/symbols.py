"""United Nations document symbols: parse, validate and normalise them, and find them in text.

A document symbol is the identifier the United Nations gives each of its documents: A/61/230,
E/CN.9/2006/3, A/C.2/61/L.12/Rev.1. Every language version of a document carries the same
symbol, so it is how a document is cited and looked up. The Dag Hammarskjöld Library explains
the system in its research guide "UN Documentation: Symbols"
(https://research.un.org/en/docs/symbols) and, at length, in "UN Document Symbols & Series
Symbols" (https://research.un.org/en/docs/undocumentsymbols). Components are separated by
slashes and, following that guide, are of these kinds:

* The first component is the organ that issues the document or receives it: A (General
  Assembly), E (Economic and Social Council), S (Security Council), T (Trusteeship Council),
  ST (Secretariat); or a series of its own that does not show the parent organ, such as the
  human rights treaty bodies (CEDAW, CERD, CCPR, CRC, CAT, CMW ...), TD (UNCTAD), DP (the UNDP
  Executive Board) or UNEP. `SERIES` lists those accepted.
* Subsidiary bodies follow: C.n (main or standing committees, C.2 is the Second Committee),
  AC.n (ad hoc committees), CN.n (commissions), CONF.n (conferences), GC.n (governing
  councils), PC (preparatory committees), SC.n (subcommittees), Sub.n (subcommissions), WG.n
  (working groups), and codes such as HRC (Human Rights Council) or B (Trade and Development
  Board).
* A session or a year: 61 (the sixty-first session), 1995 (a year, which the Economic and
  Social Council uses since 1978 and the Security Council since 1994), ES-10 (the tenth
  emergency special session), S-28 (the twenty-eighth special session).
* Codes for the nature of the document: L.n (limited distribution, mostly drafts), CRP.n
  (conference room papers), PV.n (verbatim records), SR.n (summary records), WP.n (working
  papers), R.n (restricted), and RES/ (resolutions), DEC/, INF/, NGO/, PRST/ before a number.
* The document's number.
* Final components that modify an earlier text: Add.n (addendum), Corr.n (corrigendum), Rev.n
  (revision), Amend.n (amendment) and Summary. They combine in the order they were issued:
  A/61/230/Add.1/Corr.2 corrects the first addendum; A/CONF.171/13/Rev.1/Add.2 adds to the
  revision.

The order of the middle components differs between bodies and over time (A/RES/58/209 puts
RES before the session, E/2006/INF/2 after the year, CCPR/C/GBR/CO/6 has a country code), so
this module checks the shape of each component and a few rules that hold for every body,
rather than one fixed order. After normalisation a symbol is::

    symbol   = series "/" element { "/" element } { "/" suffix }
    element  = number | special-session | code | dotted-code
    number   = a digit 1-9, then up to five digits              61, 230, 2006
    special-session = ("ES" | "S") "-" number                   ES-10, S-28
    code     = letters                                          RES, INF, HRC, SGB, GC
    dotted-code = code "." (code | number) { "." (code | number) }  C.2, L.12, WG.III
    suffix   = ("Add" | "Corr" | "Rev" | "Amend") "." number | "Summary"

and, beyond that grammar:

* the series is a known one (`SERIES`);
* the last element before the suffixes is the document's number, either alone (230) or in a
  numbered document type (L.12, PV.92, SR.12, CRP.1, WP.4, R.3): a symbol names a document,
  so A/C.2 (a committee) or A/RES (a series) is not one;
* L, PV, SR and CRP always carry their number, and suffixes always come last;
* there is at most one special session, and never three numbers in a row (a session or year
  is followed by one document number).

Canonical form: components in capitals, except the words the UN writes in mixed case (Add,
Corr, Rev, Amend, Summary, Sub, and UNEP's OzL.Pro), with no spaces. Input may use any case and
spaces around slashes and dots: "a / 61 / 230 / add. 1" is A/61/230/Add.1. A trailing asterisk,
which marks a document reissued for technical reasons under the same symbol, is dropped.

Not modelled: additions in parentheses, such as "A/61/5 (Vol. I)", the year after a Security
Council resolution ("S/RES/1701 (2006)") or an older session in Roman numerals
("A/RES/1625(XVI)"). `parse_symbol` refuses them; `find_symbols` finds the symbol before the
parenthesis.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "MAX_SYMBOL_LENGTH",
    "SERIES",
    "Symbol",
    "SymbolError",
    "find_symbols",
    "is_symbol",
    "normalise_symbol",
    "parse_symbol",
]

#: Real symbols stay well under 60 characters; the cap is checked before any pattern runs, so
#: no input, however built, makes parsing slow.
MAX_SYMBOL_LENGTH = 200

#: First components: the principal organs and the Secretariat, then bodies whose documents form
#: a series of their own (the research guide's "special series symbols").
SERIES: frozenset[str] = frozenset(
    {
        # Principal organs and the Secretariat.
        "A",  # General Assembly
        "E",  # Economic and Social Council
        "S",  # Security Council
        "T",  # Trusteeship Council
        "ST",  # Secretariat
        # Human rights treaty bodies.
        "CAT",  # Committee against Torture
        "CCPR",  # Human Rights Committee
        "CED",  # Committee on Enforced Disappearances
        "CEDAW",  # Committee on the Elimination of Discrimination against Women
        "CERD",  # Committee on the Elimination of Racial Discrimination
        "CMW",  # Committee on Migrant Workers
        "CRC",  # Committee on the Rights of the Child
        "CRPD",  # Committee on the Rights of Persons with Disabilities
        "HRI",  # International human rights instruments (common to the treaty bodies)
        # Programmes, conferences and other bodies with their own series.
        "AT",  # United Nations Administrative Tribunal
        "CD",  # Conference on Disarmament
        "DP",  # Executive Board of UNDP, UNFPA and UNOPS
        "DPI",  # Department of Public Information
        "ECE",  # Economic Commission for Europe
        "FCCC",  # United Nations Framework Convention on Climate Change
        "HRC",  # Human Rights Council
        "ICCD",  # United Nations Convention to Combat Desertification
        "ID",  # United Nations Industrial Development Organization (former series)
        "ISBA",  # International Seabed Authority
        "PCNICC",  # Preparatory Commission for the International Criminal Court
        "SPLOS",  # Meeting of States Parties to the Convention on the Law of the Sea
        "TD",  # United Nations Conference on Trade and Development
        "UNEP",  # United Nations Environment Programme
        "UNW",  # Executive Board of UN-Women
        "WFC",  # World Food Council
    }
)

#: Codes of subsidiary bodies, numbered after a dot (C.2, AC.105, CONF.171); used to explain why
#: a symbol that stops at a body ("A/C.2") names no document.
SUBSIDIARY_BODIES = frozenset({"AC", "C", "CN", "CONF", "GC", "PC", "PCN", "SC", "SUB", "WG"})

#: Document types that carry the document's own number after a dot, and so can end a symbol.
NUMBERED_DOCUMENT_TYPES = frozenset({"CRP", "L", "PV", "R", "SR", "WP"})

#: Of those, the ones never used without their number (WP and R also name bodies: TD/B/WP).
_NEVER_BARE = frozenset({"CRP", "L", "PV", "SR"})

#: Suffixes that take a number, keyed by their capitalised form.
_NUMBERED_SUFFIXES = {"ADD": "Add", "AMEND": "Amend", "CORR": "Corr", "REV": "Rev"}
_SUMMARY = "Summary"

#: Words the UN writes in mixed case; every other letter in a symbol is a capital.
_MIXED_CASE = {**_NUMBERED_SUFFIXES, "SUMMARY": _SUMMARY, "SUB": "Sub", "OZL": "OzL", "PRO": "Pro"}

_MAX_DIGITS = 6
_QUOTE_LIMIT = 80

# Patterns run on text that is at most MAX_SYMBOL_LENGTH long and, except the first, has only
# ASCII letters, digits, dots, hyphens and slashes; none of them can backtrack badly.
_INVALID_CHARACTER = re.compile(r"[^A-Za-z0-9./*\s-]")
_WHITESPACE = re.compile(r"\s")
_SPACE_AROUND_PUNCTUATION = re.compile(r"\s*([/.-])\s*")
_DIGITS = re.compile(r"[0-9]+")
_SPECIAL_SESSION = re.compile(r"(?:ES|S)-([0-9]+)")
_CODE = re.compile(r"[A-Z]+")
_DOTTED_CODE = re.compile(r"[A-Z]+(?:\.(?:[A-Z]+|[0-9]+))+")
_SUFFIX_WITHOUT_DOT = re.compile(r"(ADD|AMEND|CORR|REV)([0-9]+)")
_SUFFIX = re.compile(r"(?:Add|Amend|Corr|Rev)\.[1-9][0-9]*|Summary")

# In free text: a capitalised first component, not glued to a word, a path or a URL before it.
_CANDIDATE = re.compile(r"(?<![\w/.-])[A-Z]+(?:/[A-Za-z0-9.*-]+)+")
# Literal schemes only: a general scheme pattern would rescan long dotted runs (quadratic time).
_URL = re.compile(r"(?:https?://|ftp://|\bwww\.)\S*", re.IGNORECASE)


class SymbolError(ValueError):
    """Text that is not a valid UN document symbol; `message` says why, for people to read."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Symbol:
    """A valid UN document symbol, held as its canonical components.

    Built by `parse_symbol`, or directly from components, which are validated and normalised
    the same way: ``Symbol(("a", "61", "230"))`` equals ``parse_symbol("A/61/230")``.
    """

    components: tuple[str, ...]

    def __post_init__(self) -> None:
        # A string is a sequence too: it would be taken apart letter by letter.
        if isinstance(self.components, str):
            raise TypeError("Symbol takes a tuple of components; use parse_symbol() for text.")
        components = tuple(self.components)
        if not all(isinstance(component, str) for component in components):
            raise TypeError("The components of a symbol must be strings.")
        if any("/" in component for component in components):
            raise SymbolError(
                f"A component cannot contain '/' ({components!r}); use parse_symbol() for text."
            )
        object.__setattr__(self, "components", _canonical_components("/".join(components)))

    def __str__(self) -> str:
        return "/".join(self.components)

    @property
    def organ(self) -> str:
        """The first component: the organ or series (A, E, S, CEDAW ...)."""
        return self.components[0]

    @property
    def suffixes(self) -> tuple[str, ...]:
        """The trailing Add./Corr./Rev./Amend./Summary components, in order."""
        return self.components[_suffix_start(self.components) :]

    @property
    def base(self) -> "Symbol":
        """The document the suffixes modify: A/61/230 for A/61/230/Add.1/Corr.2."""
        start = _suffix_start(self.components)
        if start == len(self.components):
            return self
        return _symbol_from_canonical(self.components[:start])

    @property
    def is_resolution(self) -> bool:
        """A resolution: A/RES/58/209, S/RES/1701, A/HRC/RES/5/1."""
        return "RES" in self.components

    @property
    def is_draft(self) -> bool:
        """A limited-distribution (L.) document, which is how drafts are issued."""
        return any(_is_limited(component) for component in self.base.components)


def parse_symbol(text: str) -> Symbol:
    """The symbol `text` spells, in canonical form; `SymbolError` says why if it spells none.

    Case and spaces around slashes, dots and hyphens do not matter: "a / 61 / 230 / add.1"
    is A/61/230/Add.1.
    """
    return _symbol_from_canonical(_canonical_components(text))


def normalise_symbol(text: str) -> str:
    """The canonical spelling of the symbol in `text` ("a/c.2/61/l.12" -> "A/C.2/61/L.12")."""
    return str(parse_symbol(text))


def is_symbol(text: str) -> bool:
    """Whether `text` is a valid symbol (in any case and spacing `parse_symbol` accepts)."""
    if not isinstance(text, str):
        return False
    try:
        parse_symbol(text)
    except SymbolError:
        return False
    return True


def find_symbols(text: str) -> list[Symbol]:
    """Every symbol cited in free text, in order of first appearance, each once.

    A symbol is found where it stands on its own: "(A/61/230)", "A/C.2/61/L.12", or at the end
    of a sentence ("E/1995/69)." gives E/1995/69). Its first component must be written in
    capitals, as symbols are in running text. Not found: numbers without an organ (the
    resolution number in "resolution 58/209", dates such as 2006/07, fractions), words such as
    "and/or" or "HIV/AIDS", and anything inside a URL or a path.
    """
    found: dict[Symbol, None] = {}
    # Long texts cite the same symbols again and again (and a hostile one may repeat a
    # candidate a million times): each distinct candidate is parsed once.
    parsed: dict[str, Symbol | None] = {}
    # URLs are blanked out rather than skipped, so that their paths cannot yield candidates.
    searchable = _URL.sub(" ", text)
    for match in _CANDIDATE.finditer(searchable):
        following = searchable[match.end() : match.end() + 1]
        # Glued to more text ("A/61/230/" then more, "A/61/230é"): part of something larger.
        if following == "/" or following.isalnum() or following == "_":
            continue
        # A full stop or dash after a symbol belongs to the sentence, not to the symbol.
        candidate = match.group().rstrip(".-")
        if candidate not in parsed:
            try:
                parsed[candidate] = parse_symbol(candidate)
            except SymbolError:
                parsed[candidate] = None
        symbol = parsed[candidate]
        if symbol is not None:
            found.setdefault(symbol, None)
    return list(found)


def _symbol_from_canonical(components: tuple[str, ...]) -> Symbol:
    """A `Symbol` from components just validated: going through __init__ would check again."""
    symbol = object.__new__(Symbol)
    object.__setattr__(symbol, "components", components)
    return symbol


def _quoted(text: str) -> str:
    """The input, as error messages show it: quoted, and shortened if long."""
    if len(text) > _QUOTE_LIMIT:
        text = text[: _QUOTE_LIMIT - 1] + "…"
    return repr(text)


def _canonical_components(text: str) -> tuple[str, ...]:
    """The canonical components of the symbol `text`, or `SymbolError` saying what is wrong."""
    if not isinstance(text, str):
        raise TypeError(f"A symbol is text, not {type(text).__name__}.")
    if len(text) > MAX_SYMBOL_LENGTH:
        raise SymbolError(
            f"A symbol is at most {MAX_SYMBOL_LENGTH} characters long; this text has {len(text)}."
        )
    stripped = text.strip()
    if not stripped:
        if text:
            raise SymbolError("A symbol cannot be empty; the text is only whitespace.")
        raise SymbolError("A symbol cannot be empty.")
    shown = _quoted(stripped)
    invalid = _INVALID_CHARACTER.search(stripped)
    if invalid:
        raise SymbolError(
            f"A symbol cannot contain the character {invalid.group()!r} ({shown}); symbols "
            "have only letters, digits, '/', '.' and '-'."
        )
    compact = stripped
    while compact.endswith("*"):
        compact = compact[:-1].rstrip()
    if "*" in compact:
        raise SymbolError(
            f"An asterisk can only end a symbol, where it marks a reissued document ({shown})."
        )
    if _WHITESPACE.search(compact):
        compact = _SPACE_AROUND_PUNCTUATION.sub(r"\1", compact)
    if not compact:
        raise SymbolError(f"A symbol cannot be only an asterisk ({shown}).")
    if compact.startswith("/"):
        raise SymbolError(f"A symbol cannot start with '/' ({shown}).")
    if compact.endswith("/"):
        raise SymbolError(f"A symbol cannot end with '/' ({shown}){_unknown_series_note(compact)}.")
    if "//" in compact:
        raise SymbolError(
            f"A symbol cannot contain an empty component ({shown}){_unknown_series_note(compact)}."
        )
    parts = compact.split("/")
    for part in parts:
        if _WHITESPACE.search(part):
            raise SymbolError(
                f"A symbol component cannot contain a space ({part!r} in {shown}); "
                "components are separated by '/'."
            )
    return _checked_components(parts, shown)


def _unknown_series_note(compact: str) -> str:
    """A second reason, for a text that is wrong in more than one way ('X/61/230/')."""
    first = compact.split("/", 1)[0]
    if first.upper() in SERIES:
        return ""
    return f", and {first!r} is not a known organ or series"


def _checked_components(parts: list[str], shown: str) -> tuple[str, ...]:
    """Components split at slashes, checked against the grammar and put in canonical case."""
    series = parts[0].upper()
    if series not in SERIES:
        if _DIGITS.fullmatch(series):
            raise SymbolError(
                f"A symbol begins with an organ or series such as 'A' or 'E', not a number "
                f"({shown}); a number such as '58/209' alone is a resolution or decision "
                "number, not a symbol."
            )
        if len(parts) == 1:
            raise SymbolError(
                f"{shown} is not a symbol: a symbol has components separated by '/', "
                "beginning with an organ or series, as in 'A/61/230'."
            )
        raise SymbolError(
            f"Unknown organ or series {parts[0]!r} as the first component ({shown}); "
            "expected one such as A, E, S, ST, CEDAW or TD."
        )
    if len(parts) == 1:
        raise SymbolError(
            f"{shown} is only an organ or series; a symbol also needs a document number, "
            "as in 'A/61/230'."
        )
    components = [series, *(_canonical_element(part, shown) for part in parts[1:])]

    start = _suffix_start(components)
    core, suffixes = components[1:start], components[start:]
    if not core:
        raise SymbolError(
            f"A suffix such as {suffixes[0]!r} modifies a document, so the document's number "
            f"comes before it, as in 'A/61/230/Add.1' ({shown})."
        )
    for element in core:
        if _SUFFIX.fullmatch(element):
            raise SymbolError(
                f"The suffix {element!r} must come at the end, after the document number ({shown})."
            )
    _check_document_number(core[-1], shown)

    special_sessions = [element for element in core if _SPECIAL_SESSION.fullmatch(element)]
    if len(special_sessions) > 1:
        raise SymbolError(
            f"A symbol names at most one special session, not {len(special_sessions)} ({shown})."
        )
    for first, second, third in zip(core, core[1:], core[2:], strict=False):
        if all(_DIGITS.fullmatch(element) for element in (first, second, third)):
            raise SymbolError(
                f"A symbol has at most a session or year and a document number in a row, not "
                f"three numbers ('{first}/{second}/{third}' in {shown})."
            )
    return tuple(components)


def _canonical_element(part: str, shown: str) -> str:
    """One component after the first, in canonical case; `SymbolError` if it is malformed."""
    upper = part.upper()
    if _DIGITS.fullmatch(upper):
        _check_number(upper, shown)
        return upper
    special_session = _SPECIAL_SESSION.fullmatch(upper)
    if special_session:
        _check_number(special_session.group(1), shown)
        return upper
    if _CODE.fullmatch(upper):
        return _canonical_code(upper, part, shown)
    if _DOTTED_CODE.fullmatch(upper):
        return _canonical_dotted_code(upper, part, shown)
    glued_suffix = _SUFFIX_WITHOUT_DOT.fullmatch(upper)
    if glued_suffix:
        name, number = glued_suffix.groups()
        raise SymbolError(
            f"The suffix {part!r} is written with a dot: "
            f"'{_NUMBERED_SUFFIXES[name]}.{number}' ({shown})."
        )
    raise SymbolError(
        f"{part!r} is not a valid symbol component ({shown}); components are numbers (61), "
        "codes (RES, HRC), numbered codes (C.2, L.12), special sessions (ES-10) or suffixes "
        "(Add.1)."
    )


def _canonical_code(upper: str, part: str, shown: str) -> str:
    """A component of letters only (RES, HRC, Summary)."""
    if upper in _NUMBERED_SUFFIXES:
        raise SymbolError(
            f"The suffix {part!r} needs a number, as in '{_NUMBERED_SUFFIXES[upper]}.1' ({shown})."
        )
    if upper in _NEVER_BARE:
        raise SymbolError(f"{part!r} needs its number, as in '{upper}.12' ({shown}).")
    return _MIXED_CASE.get(upper, upper)


def _canonical_dotted_code(upper: str, part: str, shown: str) -> str:
    """A code with dotted parts (C.2, L.12, WG.III, Add.1, OzL.Pro.31)."""
    head, *rest = upper.split(".")
    for segment in rest:
        if _DIGITS.fullmatch(segment):
            _check_number(segment, shown)
    if upper.startswith("SUMMARY."):
        raise SymbolError(f"The suffix 'Summary' takes no number ({part!r} in {shown}).")
    if head in _NUMBERED_SUFFIXES and not (len(rest) == 1 and rest[0].isdigit()):
        raise SymbolError(
            f"The suffix {part!r} is malformed; it is '{_NUMBERED_SUFFIXES[head]}.' and a "
            f"number, as in '{_NUMBERED_SUFFIXES[head]}.1' ({shown})."
        )
    if head in NUMBERED_DOCUMENT_TYPES and not (len(rest) == 1 and rest[0].isdigit()):
        raise SymbolError(
            f"{part!r} is malformed; {head!r} is followed by a number, as in '{head}.12' ({shown})."
        )
    return ".".join(_MIXED_CASE.get(segment, segment) for segment in upper.split("."))


def _check_number(digits: str, shown: str) -> None:
    if digits.startswith("0"):
        raise SymbolError(
            f"Numbers in a symbol have no leading zeros ({digits!r} in {shown})."
            if len(digits) > 1
            else f"Numbers in a symbol start at 1, not 0 ({shown})."
        )
    if len(digits) > _MAX_DIGITS:
        raise SymbolError(
            f"A number in a symbol has at most {_MAX_DIGITS} digits ({digits!r} in {shown})."
        )


def _check_document_number(last: str, shown: str) -> None:
    """The last element before the suffixes must number the document itself."""
    if _DIGITS.fullmatch(last):
        return
    head = last.split(".")[0].upper()
    if "." in last and head in NUMBERED_DOCUMENT_TYPES:
        return
    if _SPECIAL_SESSION.fullmatch(last):
        raise SymbolError(
            f"A symbol cannot end with a session ({last!r}); the document number follows it, "
            f"as in 'A/S-28/2' ({shown})."
        )
    if "." in last and head in SUBSIDIARY_BODIES:
        raise SymbolError(
            f"{last!r} names a subsidiary body, not a document; a symbol ends with a document "
            f"number, as in 'A/C.2/61/L.12' ({shown})."
        )
    raise SymbolError(
        f"A symbol ends with a document number or a numbered document such as 'L.12' or "
        f"'PV.92', not {last!r} ({shown})."
    )


def _suffix_start(components: Sequence[str]) -> int:
    """Where the trailing chain of suffixes begins (the length, if there is none)."""
    start = len(components)
    # The first component is the series, never a suffix.
    while start > 1 and _SUFFIX.fullmatch(components[start - 1]):
        start -= 1
    return start


def _is_limited(component: str) -> bool:
    return component.startswith("L.") and component[2:].isdigit()
