"""Reading the annex of a UN report that lists meetings: date, venue, organizers and the letter
that transmitted each meeting's outcome.

The annex of the report on the 2006 High-level Dialogue reads, entry after entry:

    Date: 9-10 February 2006
    Venue: Cotonou, Benin
    Organizers: the United Nations Office …; International Organization for Migration (IOM); …
    Letter dated 31 March 2006 from the Permanent Representative of Benin … (A/61/230)

Text extracted from PDF is damaged in places: a field may be missing, or a line may be debris.
The reader keeps what it can read and reports each line it could not, with its number.
"""

import datetime
import re
from dataclasses import dataclass, field

from migforum.documents.symbols import find_symbols

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
DASH = r"\s*[-–—]\s*"
#: "9-10 February 2006", "4 - 5 May 2006", "12 July 2006", "30 June - 1 July 2006",
#: "31 December 2006 - 2 January 2007".
DATE_RANGE = re.compile(
    rf"^(?P<d1>\d{{1,2}})(?:\s+{MONTH.replace('(', '(?P<m1>', 1)}(?:\s+(?P<y1>\d{{4}}))?)?"
    rf"(?:{DASH}(?P<d2>\d{{1,2}}))?\s+{MONTH.replace('(', '(?P<m2>', 1)}\s+(?P<y2>\d{{4}})$",
    re.IGNORECASE,
)
LETTER = re.compile(
    r"^(?P<kind>Letter|Note verbale|Note)\s+dated\s+(?P<date>\d{1,2}\s+\w+\s+\d{4})", re.IGNORECASE
)
FIELD = re.compile(r"^(?P<name>Date|Venue|Organi[sz]ers?)\s*:\s*(?P<value>.*)$", re.IGNORECASE)
ANNEX_HEADING = re.compile(r"^\s*#*\s*ANNEX\s*$", re.IGNORECASE | re.MULTILINE)


@dataclass
class TransmittingLetter:
    kind: str  # "letter" or "note"
    title: str
    date: datetime.date | None
    symbol: str


@dataclass
class AnnexEntry:
    line: int
    start_date: datetime.date
    end_date: datetime.date
    city: str = ""
    country: str = ""
    organizers: list[str] = field(default_factory=list)
    letter: TransmittingLetter | None = None


@dataclass
class AnnexReading:
    entries: list[AnnexEntry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def parse_date_range(text: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a range as the UN writes it; ValueError if it is not one."""
    match = DATE_RANGE.match(" ".join(text.split()))
    if not match:
        raise ValueError(f"not a date or range of dates: {text!r}")
    end_month, end_year = MONTHS[match["m2"].lower()], int(match["y2"])
    start_month = MONTHS[match["m1"].lower()] if match["m1"] else end_month
    start_year = int(match["y1"]) if match["y1"] else end_year
    end_day = int(match["d2"]) if match["d2"] else int(match["d1"])
    start = datetime.date(start_year, start_month, int(match["d1"]))
    end = datetime.date(end_year, end_month, end_day)
    if end < start:
        raise ValueError(f"the range ends before it starts: {text!r}")
    return start, end


def parse_day(text: str) -> datetime.date | None:
    try:
        return parse_date_range(text)[0]
    except ValueError:
        return None


def split_organizers(value: str) -> list[str]:
    """Organizers are separated by semicolons; "Governments of A, B and C" names three."""
    names = []
    for item in value.split(";"):
        item = item.strip().rstrip(".").strip()
        item = re.sub(r"^the\s+", "", item, flags=re.IGNORECASE)
        governments = re.match(r"^Governments\s+of\s+(.+)$", item, re.IGNORECASE)
        if governments:
            countries = re.split(r",\s*|\s+and\s+", governments[1])
            names.extend(f"Government of {c.strip()}" for c in countries if c.strip())
        elif item:
            names.append(item)
    return names


def annex_text(text: str) -> tuple[str, int]:
    """The annex of a report, and the line number it starts at (0 if there is none)."""
    match = ANNEX_HEADING.search(text)
    if not match:
        return "", 0
    return text[match.end() :], text.count("\n", 0, match.end())


def read_annex(text: str) -> AnnexReading:
    """The meetings an annex lists, and a note for each line that could not be read."""
    reading = AnnexReading()
    annex, first_line = annex_text(text)
    entry: AnnexEntry | None = None
    for offset, raw in enumerate(annex.splitlines(), start=1):
        number, line = first_line + offset, raw.strip()
        if not line:
            continue
        field_match = FIELD.match(line)
        if field_match and field_match["name"].lower() == "date":
            entry = None
            try:
                start, end = parse_date_range(field_match["value"])
            except ValueError as error:
                reading.skipped.append(f"line {number}: meeting skipped, {error}")
                continue
            entry = AnnexEntry(line=number, start_date=start, end_date=end)
            reading.entries.append(entry)
        elif entry is None:
            reading.skipped.append(f"line {number}: outside any meeting entry: {line[:80]!r}")
        elif field_match and field_match["name"].lower() == "venue":
            city, _, country = field_match["value"].rpartition(",")
            entry.city, entry.country = (city or country).strip(), country.strip() if city else ""
        elif field_match:
            entry.organizers = split_organizers(field_match["value"])
        elif letter := LETTER.match(line):
            symbols = find_symbols(line)
            if not symbols:
                reading.skipped.append(f"line {number}: a letter without a symbol: {line[:80]!r}")
                continue
            title = re.sub(r"\s*\(\s*" + re.escape(str(symbols[-1])) + r"\s*\)\s*$", "", line)
            entry.letter = TransmittingLetter(
                kind="note" if letter["kind"].lower().startswith("note") else "letter",
                title=title.strip(),
                date=parse_day(letter["date"]),
                symbol=str(symbols[-1]),
            )
        else:
            reading.skipped.append(f"line {number}: not understood: {line[:80]!r}")
    return reading
