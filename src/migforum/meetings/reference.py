"""The Summits of the Forum, 2007 to 2025, loaded by `migforum init`."""

import csv
import datetime
import re
from importlib import resources

from django.db import transaction

from migforum.core.loaders import Say
from migforum.documents.reference import load_seed_report

from .choices import MeetingMode
from .models import Meeting
from .services import document_import_with_meetings, summit_upsert

ACTOR = "migforum init"
PARENTHESES = re.compile(r"\s*\(([^)]*)\)")


def _chairs(text: str) -> list[str]:
    """ "Germany and Morocco (co-chairs 2017-2018)" → ["Germany", "Morocco"]."""
    return [c.strip() for c in re.split(r"\s+and\s+|,", PARENTHESES.sub("", text)) if c.strip()]


def _city(text: str) -> tuple[str, str, bool]:
    """The city, the venue details, and whether the Summit was held online."""
    if text.lower().startswith("virtual"):
        return "", PARENTHESES.search(text)[1] if PARENTHESES.search(text) else "", True
    details = PARENTHESES.search(text)
    city = PARENTHESES.sub("", text).split(",")[0].strip()
    return city, details[1] if details else "", False


@transaction.atomic
def load_summits() -> list[Meeting]:
    path = resources.files("migforum.meetings").joinpath(
        "data", "gfmd_summits_2007_2025_compiled.csv"
    )
    summits = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            city, venue, online = _city(row["city"])
            meeting = summit_upsert(
                number=int(row["summit_number"]),
                year=int(row["chairmanship"][-4:]),
                chairs=_chairs(row["chair"]),
                city=city,
                country=row["venue_country"],
                start_date=datetime.date.fromisoformat(row["start_date"]),
                end_date=datetime.date.fromisoformat(row["end_date"] or row["start_date"]),
                theme=row["theme"],
                venue=venue,
                mode=MeetingMode.ONLINE if online else MeetingMode.IN_PERSON,
                source=row["sources"],
                by=None,
                actor_name=ACTOR,
            )
            summits.append(meeting)
    return summits


def load_summits_at_init(say: Say) -> None:
    say(f"Loading Summits… {len(load_summits())}")


def load_seed_report_at_init(say: Say) -> None:
    """The 2006 report, and the preparatory meetings its annex lists."""
    seed = load_seed_report(importer=document_import_with_meetings)
    say(
        f"Loading the 2006 report… {len(seed.meetings)} meetings in its annex, "
        f"{len(seed.citations)} symbols cited"
    )
