"""UN document symbols: which texts are symbols, their canonical form, and finding them in text."""

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migforum.documents.symbols import (
    MAX_SYMBOL_LENGTH,
    Symbol,
    SymbolError,
    find_symbols,
    is_symbol,
    normalise_symbol,
    parse_symbol,
)

#: Enough examples to explore the grammar while the module runs in seconds; no example database,
#: so that running the tests leaves no files behind.
MODEST = settings(max_examples=200, deadline=None, database=None)

# Symbols cited in the report on the 2006 High-level Dialogue, and the list's other examples.
CITED_IN_THE_REPORT = [
    "E/1995/69",
    "A/56/167",
    "A/58/98",
    "A/C.2/61/L.12",
    "A/61/230",
    "A/61/73",
    "A/61/86",
    "A/61/91",
    "A/61/170",
    "A/61/187",
    "A/61/343",
    "A/RES/58/209",
    "A/61/230/Add.1",
    "A/61/230/Corr.2",
    "A/61/230/Rev.1",
    "A/61/230/Add.1/Corr.2",
]
OTHER_BODIES_AND_FORMS = [
    "S/2006/123",
    "ST/SGB/2006/1",
    "A/HRC/4/24",
    "A/CONF.171/13/Rev.1",
    "A/CONF.171/13/Rev.1/Add.2",
    "E/CN.9/2006/3",
    "A/AC.105/L.260",
    "A/60/PV.92",
    "A/C.3/61/SR.12",
    "A/ES-10/L.19",
    "A/S-28/2",
    "E/2006/INF/2",
    "TD/B/53/8",
    "CEDAW/C/GC/26",
    "S/RES/1701",
    "S/PRST/2006/1",
    "S/PV.5489",
    "A/RES/ES-10/19",
    "A/HRC/RES/5/1",
    "A/HRC/S-1/3",
    "E/CN.4/Sub.2/AC.2/1987/WP.4/Add.1",
    "A/CN.9/WG.III/WP.1",
    "CCPR/C/GBR/CO/6",
    "CRC/C/15/Add.268",
    "HRI/GEN/1/Rev.9",
    "UNEP/OzL.Pro.31/9",
    "CD/PV.1028",
    "A/PV.2282",
    "A/61/230/Summary",
]


@pytest.mark.parametrize("text", CITED_IN_THE_REPORT + OTHER_BODIES_AND_FORMS)
def test_real_symbols_are_accepted_as_written(text):
    symbol = parse_symbol(text)
    assert str(symbol) == text
    assert normalise_symbol(text) == text
    assert is_symbol(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("A//61", "A symbol cannot contain an empty component ('A//61')."),
        ("X/61/230/", "cannot end with '/'"),
        ("X/61/230/", "'X' is not a known organ or series"),
        ("X/61/230", "Unknown organ or series 'X' as the first component"),
        ("", "A symbol cannot be empty."),
        ("   \t\n", "cannot be empty; the text is only whitespace"),
        ("hello", "'hello' is not a symbol: a symbol has components separated by '/'"),
        ("61/230", "begins with an organ or series such as 'A' or 'E', not a number"),
        ("A/", "cannot end with '/'"),
        ("/A/61", "cannot start with '/'"),
        ("A", "'A' is only an organ or series; a symbol also needs a document number"),
        ("A/61#230", "cannot contain the character '#'"),
        ("A/61/2 30", "cannot contain a space ('2 30'"),
        ("A/2006A/1", "'2006A' is not a valid symbol component"),
        ("A/061/230", "no leading zeros ('061'"),
        ("A/61/0", "start at 1, not 0"),
        ("A/61/1234567", "at most 6 digits"),
        ("A/61/230/Add", "The suffix 'Add' needs a number, as in 'Add.1'"),
        ("A/61/230/Add1", "The suffix 'Add1' is written with a dot: 'Add.1'"),
        ("A/61/230/Corr.x", "The suffix 'Corr.x' is malformed"),
        ("A/61/230/Summary.1", "The suffix 'Summary' takes no number"),
        ("A/Add.1", "the document's number comes before it"),
        ("A/61/Add.1/230", "The suffix 'Add.1' must come at the end"),
        ("A/C.2", "'C.2' names a subsidiary body, not a document"),
        ("A/RES", "ends with a document number or a numbered document"),
        ("A/S-28", "cannot end with a session ('S-28')"),
        ("A/61/L", "'L' needs its number, as in 'L.12'"),
        ("A/61/L.A", "'L.A' is malformed"),
        ("A/ES-10/S-28/1", "at most one special session"),
        ("A/61/230/5", "not three numbers ('61/230/5'"),
        ("A/61*/230", "An asterisk can only end a symbol"),
        ("A" * (MAX_SYMBOL_LENGTH + 1), f"at most {MAX_SYMBOL_LENGTH} characters long"),
    ],
)
def test_invalid_text_is_refused_with_the_reason(text, reason):
    with pytest.raises(SymbolError, match=re.escape(reason)) as raised:
        parse_symbol(text)
    assert raised.value.message == str(raised.value)
    assert isinstance(raised.value, ValueError)
    assert not is_symbol(text)


def test_the_length_cap_comes_before_any_other_check():
    # Even text that is nothing but separators is refused by its length alone.
    with pytest.raises(SymbolError, match="at most 200 characters long; this text has 20000"):
        parse_symbol("/" * 20_000)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("a / 61 / 230 / add.1", "A/61/230/Add.1"),
        ("  A/61/230  ", "A/61/230"),
        ("a/c.2/61/l.12", "A/C.2/61/L.12"),
        ("A/C. 2/61/L. 12/REV. 1", "A/C.2/61/L.12/Rev.1"),
        ("a/es - 10/l.19", "A/ES-10/L.19"),
        ("e/cn.4/sub.2/ac.2/1987/wp.4/add.1", "E/CN.4/Sub.2/AC.2/1987/WP.4/Add.1"),
        ("A/61/230/CORR.2", "A/61/230/Corr.2"),
        ("a/61/230/summary", "A/61/230/Summary"),
        ("unep/ozl.pro.31/9", "UNEP/OzL.Pro.31/9"),
        ("A\u00a0/\u00a061/230", "A/61/230"),
        # The asterisk of a document reissued for technical reasons is not part of its symbol.
        ("A/61/230*", "A/61/230"),
        ("A/61/230 **", "A/61/230"),
    ],
)
def test_spacing_and_case_are_normalised(text, canonical):
    assert normalise_symbol(text) == canonical
    assert parse_symbol(text) == parse_symbol(canonical)


def test_a_symbol_built_from_components_is_checked_and_normalised():
    assert Symbol(("a", "c.2", "61", "l.12")) == parse_symbol("A/C.2/61/L.12")
    assert Symbol(["A", "61", "230"]).components == ("A", "61", "230")
    with pytest.raises(SymbolError, match="empty component"):
        Symbol(("A", "", "61"))
    with pytest.raises(SymbolError, match="cannot contain '/'"):
        Symbol(("A/61", "230"))
    with pytest.raises(TypeError, match="use parse_symbol"):
        Symbol("A/61/230")  # type: ignore[arg-type]


def test_the_parts_of_a_symbol():
    symbol = parse_symbol("A/61/230/Add.1/Corr.2")
    assert symbol.components == ("A", "61", "230", "Add.1", "Corr.2")
    assert symbol.organ == "A"
    assert symbol.suffixes == ("Add.1", "Corr.2")
    assert symbol.base == parse_symbol("A/61/230")
    assert symbol.base.suffixes == ()
    assert symbol.base.base == symbol.base
    assert str(parse_symbol("A/CONF.171/13/Rev.1/Add.2").base) == "A/CONF.171/13"
    # Add.268 is a suffix even where the UN uses it as a running number.
    assert parse_symbol("CRC/C/15/Add.268").suffixes == ("Add.268",)
    assert parse_symbol("CEDAW/C/GC/26").organ == "CEDAW"


@pytest.mark.parametrize(
    ("text", "resolution", "draft"),
    [
        ("A/RES/58/209", True, False),
        ("S/RES/1701", True, False),
        ("A/HRC/RES/5/1", True, False),
        ("A/C.2/61/L.12", False, True),
        ("A/C.2/61/L.12/Rev.1", False, True),
        ("A/ES-10/L.19", False, True),
        ("A/AC.105/L.260", False, True),
        ("A/61/230", False, False),
        ("A/60/PV.92", False, False),
        ("E/CN.4/Sub.2/AC.2/1987/WP.4/Add.1", False, False),
    ],
)
def test_resolutions_and_drafts(text, resolution, draft):
    symbol = parse_symbol(text)
    assert symbol.is_resolution is resolution
    assert symbol.is_draft is draft


REPORT_PARAGRAPHS = """
The first resolution on the topic (49/127) requested the Secretary-General to prepare a report
on international migration and development. The report prepared in response to this request
showed that there was not sufficient support among Member States for convening an
international conference on the topic (E/1995/69).

The 2001 report (A/56/167) presented the most comprehensive set of views on whether to convene
a conference. The subsequent report (A/58/98) showed a drop in the number of Governments in
favour of convening one.

In view of these results, the Second Committee decided that the General Assembly would, in
2006, devote a High-level Dialogue to the topic (resolution 58/209 of 23 December 2003).

On 25 October 2006, a draft resolution on international migration and development was
presented for consideration of the Second Committee (A/C.2/61/L.12). The 2006/07 work programme
and/or its budget, with one half (1/2) of the resources, were discussed at
https://www.un.org/en/ga/second/61/ and in the HIV/AIDS segment.

Letter dated 31 March 2006 from the Permanent Representative of Benin to the United Nations
addressed to the Secretary-General (A/61/230)
"""


def test_the_symbols_cited_in_a_report_are_found_in_order():
    found = [str(symbol) for symbol in find_symbols(REPORT_PARAGRAPHS)]
    assert found == ["E/1995/69", "A/56/167", "A/58/98", "A/C.2/61/L.12", "A/61/230"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("resolution 58/209 of 23 December 2003", []),
        ("decisions 49/127 and 61/230", []),
        ("the 2006/07 biennium, on 12/05/2006", []),
        ("one half (1/2) or 3/4 of them", []),
        ("Member States and/or observers; AND/OR", []),
        ("HIV/AIDS and TCP/IP", []),
        ("https://undocs.org/A/61/230 and http://example.org/?symbol=A/61/231", []),
        ("www.un.org/A/61/230", []),
        ("docs/A/61/230 and A/61/230/index.html", []),
        ("A/61/230é and A/61/231_x", []),
        ("(E/1995/69).", ["E/1995/69"]),
        ("see A/61/230, A/61/73; A/61/86.", ["A/61/230", "A/61/73", "A/61/86"]),
        ("A/61/230 and again (A/61/230).", ["A/61/230"]),
        ("A/61/230/Add.1 is not A/61/230", ["A/61/230/Add.1", "A/61/230"]),
        ("S/RES/1701 (2006) and A/RES/1625(XVI)", ["S/RES/1701", "A/RES/1625"]),
        ("the reissued A/61/230* text", ["A/61/230"]),
        ("A/61/l.12 written carelessly", ["A/61/L.12"]),
        ("A/60/PV./6 is a misprint", []),
    ],
)
def test_what_is_found_in_text_and_what_is_not(text, expected):
    assert [str(symbol) for symbol in find_symbols(text)] == expected


def test_finding_in_a_long_hostile_text_finishes():
    # Many candidates, long runs and unfinished symbols: each step is linear in the text.
    text = "A/1 " * 50_000 + "A" * 100_000 + "/" + "a." * 100_000 + "A/" * 50_000
    assert [str(symbol) for symbol in find_symbols(text)] == ["A/1"]


# Generated symbols follow the shape the module docstring describes: an organ or series, an
# optional subsidiary body, RES or not, a session or a year, then either the number alone, a
# numbered document type, or a type code and a number, and a chain of suffixes.
numbers = st.integers(min_value=1, max_value=9999).map(str)
organs = st.sampled_from(
    ["A", "E", "S", "T", "ST", "CEDAW", "CERD", "CCPR", "CRC", "CAT", "CMW", "TD", "DP", "UNEP"]
)
bodies = st.one_of(
    st.integers(min_value=1, max_value=6).map(lambda n: f"C.{n}"),
    st.builds(
        "{}.{}".format, st.sampled_from(["AC", "CN", "CONF", "SC", "WG", "Sub", "GC"]), numbers
    ),
    st.sampled_from(["HRC", "PC", "B", "C", "SGB"]),
)
sessions = st.one_of(
    st.integers(min_value=1, max_value=80).map(str),
    st.integers(min_value=1946, max_value=2030).map(str),
    st.integers(min_value=1, max_value=11).map(lambda n: f"ES-{n}"),
    st.integers(min_value=1, max_value=30).map(lambda n: f"S-{n}"),
)
numbered_documents = st.builds(
    "{}.{}".format, st.sampled_from(["L", "CRP", "PV", "SR", "WP", "R"]), numbers
)
document_type_codes = st.sampled_from(["INF", "NGO", "DEC", "PRST"])
suffixes = st.one_of(
    st.builds("{}.{}".format, st.sampled_from(["Add", "Corr", "Rev", "Amend"]), numbers),
    st.just("Summary"),
)


@st.composite
def symbol_components(draw: st.DrawFn) -> tuple[str, ...]:
    components = [draw(organs)]
    if draw(st.booleans()):
        components.append(draw(bodies))
    resolution = draw(st.booleans())
    if resolution:
        components.append("RES")
    components.append(draw(sessions))
    ending = "number" if resolution else draw(st.sampled_from(["number", "numbered", "typed"]))
    if ending == "number":
        components.append(draw(numbers))
    elif ending == "numbered":
        components.append(draw(numbered_documents))
    else:
        components += [draw(document_type_codes), draw(numbers)]
    components += draw(st.lists(suffixes, max_size=3))
    return tuple(components)


@MODEST
@given(symbol_components())
def test_a_formatted_symbol_parses_back_to_itself(components):
    text = "/".join(components)
    symbol = parse_symbol(text)
    assert symbol.components == components
    assert str(symbol) == text
    assert parse_symbol(str(symbol)) == symbol
    assert normalise_symbol(normalise_symbol(text)) == normalise_symbol(text)
    assert Symbol(components) == symbol
    assert hash(Symbol(components)) == hash(symbol)


@MODEST
@given(
    symbol_components(),
    st.sampled_from(["/", " / ", "/ ", " /", "\t/\u00a0"]),
    st.sampled_from([".", ". ", " . "]),
    st.sampled_from([str.lower, str.upper, str.swapcase, str]),
)
def test_case_and_spaces_do_not_change_the_symbol(components, slash, dot, recase):
    text = recase(slash.join(components).replace(".", dot))
    assert parse_symbol(text).components == components
    assert parse_symbol(f"  {text}  ") == parse_symbol("/".join(components))


@MODEST
@given(symbol_components())
def test_base_and_suffixes_make_up_the_symbol(components):
    symbol = parse_symbol("/".join(components))
    assert symbol.base.components + symbol.suffixes == symbol.components
    assert symbol.base.suffixes == ()
    assert symbol.organ == components[0]
    assert symbol.is_resolution is ("RES" in components)
    assert symbol.is_draft is any(component.startswith("L.") for component in components)


def _only_symbols_or_symbol_errors(text: str) -> None:
    symbol: Symbol | None = None
    reason = ""
    try:
        symbol = parse_symbol(text)
    except SymbolError as error:
        reason = error.message
    if symbol is None:
        assert reason
        assert not is_symbol(text)
    else:
        assert is_symbol(text)
        assert parse_symbol(str(symbol)) == symbol
    found = find_symbols(text)
    assert len(found) == len(set(found))
    for symbol in found:
        assert parse_symbol(str(symbol)) == symbol


@MODEST
@given(st.text(max_size=MAX_SYMBOL_LENGTH + 20))
def test_any_text_is_a_symbol_or_a_symbol_error(text):
    _only_symbols_or_symbol_errors(text)


@MODEST
@given(st.text(alphabet="AESTCDLRaedor0123456789./-* \u00a0", max_size=40))
def test_symbol_like_text_is_a_symbol_or_a_symbol_error(text):
    # Text made of the characters symbols use reaches the grammar's checks, not only the first
    # ones that arbitrary text fails.
    _only_symbols_or_symbol_errors(text)


@MODEST
@given(symbol_components(), st.data())
def test_a_damaged_symbol_is_a_symbol_or_a_symbol_error(components, data):
    text = "/".join(components)
    position = data.draw(st.integers(min_value=0, max_value=len(text)))
    replacement = data.draw(st.text(alphabet="/.-* A0aé#", max_size=2))
    cut = data.draw(st.integers(min_value=0, max_value=2))
    _only_symbols_or_symbol_errors(text[:position] + replacement + text[position + cut :])


prose = st.lists(st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=10), max_size=6).map(
    " ".join
)
surroundings = st.sampled_from(
    [("", ""), ("(", ")"), ("(", ")."), ("", "."), ("", ","), ("", ";"), ("“", "”"), ("[", "]")]
)


@MODEST
@given(st.lists(st.tuples(prose, symbol_components(), surroundings), min_size=1, max_size=4), prose)
def test_symbols_in_prose_are_found_in_order_each_once(pieces, ending):
    parts: list[str] = []
    expected: list[Symbol] = []
    for words, components, (before, after) in pieces:
        parts += [words, before + "/".join(components) + after]
        symbol = Symbol(components)
        if symbol not in expected:
            expected.append(symbol)
    parts.append(ending)
    assert find_symbols(" ".join(parts)) == expected
