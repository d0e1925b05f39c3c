"""The reference data every installation starts with, loaded by `migforum init`.

Loading is idempotent: a record is created once and changed only when the packaged data
changes, and each creation or change is in the audit trail under the name of the command.
"""

import csv
import datetime
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from django.db import transaction

from migforum.core.audit import record_upsert
from migforum.core.loaders import Say
from migforum.core.search import index_object

from .choices import MembershipRole, StateStatus
from .models import Group, GroupMembership, Organization, State
from .names import iso2_for

ACTOR = "migforum init"
Progress = Callable[[str], None]


@dataclass
class LoadReport:
    created_or_changed: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, changed: bool) -> None:
        self.total[kind] = self.total.get(kind, 0) + 1
        if changed:
            self.created_or_changed[kind] = self.created_or_changed.get(kind, 0) + 1


def data_file(name: str) -> Any:
    return resources.files("migforum.members").joinpath("data", name)


def read_csv(name: str) -> Iterator[dict[str, str]]:
    with data_file(name).open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def m49_areas() -> dict[str, dict[str, str]]:
    """The UNSD M49 rows by ISO3: region, sub-region and intermediate region codes."""
    return {row["ISO-alpha3 Code"]: row for row in read_csv("unsd_m49_countries_odsti_2019.csv")}


def _upsert(report: LoadReport, kind: str, model: type, lookup: dict, data: dict) -> Any:
    instance, changed = record_upsert(
        model=model, lookup=lookup, data=data, by=None, actor_name=ACTOR
    )
    if changed:
        index_object(instance)
    report.count(kind, changed)
    return instance


def load_states(report: LoadReport) -> None:
    areas = m49_areas()
    for row in read_csv("un_member_states_admission_m49.csv"):
        _upsert(
            report,
            "states",
            State,
            {"iso3": row["iso3"]},
            {
                "iso2": iso2_for(row["iso3"]),
                "m49": row["m49"],
                "name": row["member_state"],
                "status": StateStatus.MEMBER,
                "admission_date": datetime.date.fromisoformat(row["admission_date"]),
                "region": row["m49_region"],
                "sub_region": row["m49_subregion"],
                "intermediate_region": row["m49_intermediate_region"],
                "is_ldc": row["ldc"] == "x",
                "is_lldc": row["lldc"] == "x",
                "is_sids": row["sids"] == "x",
            },
        )
    for row in read_csv("observer_states.csv"):
        area = areas[row["iso3"]]
        _upsert(
            report,
            "states",
            State,
            {"iso3": row["iso3"]},
            {
                "iso2": iso2_for(row["iso3"]),
                "m49": row["m49"],
                "name": row["name"],
                "status": StateStatus.OBSERVER,
                "admission_date": None,
                "region": area["Region Name"],
                "sub_region": area["Sub-region Name"],
                "intermediate_region": area["Intermediate Region Name"],
                "is_ldc": area["Least Developed Countries (LDC)"] == "x",
                "is_lldc": area["Land Locked Developing Countries (LLDC)"] == "x",
                "is_sids": area["Small Island Developing States (SIDS)"] == "x",
            },
        )


def load_organizations(report: LoadReport) -> None:
    for item in json.loads(data_file("organizations.json").read_text(encoding="utf-8")):
        _upsert(
            report,
            "organizations",
            Organization,
            {"slug": item["slug"]},
            {
                "acronym": item["acronym"],
                "name": item["name"],
                "names": item.get("names", {}),
                "kind": item["kind"],
                "website": item.get("website", ""),
                "description": item.get("description", ""),
            },
        )


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def load_groups(report: LoadReport) -> None:
    organizations = {o.slug: o for o in Organization.objects.all()}
    for item in json.loads(data_file("groups.json").read_text(encoding="utf-8")):
        group = _upsert(
            report,
            "groups",
            Group,
            {"slug": item["slug"]},
            {key: item.get(key, "") for key in ("acronym", "name", "kind", "description", "source")}
            | {"names": item.get("names", {}), "established_year": item.get("established_year")},
        )
        for member in item["members"]:
            _upsert(
                report,
                "memberships",
                GroupMembership,
                {
                    "group": group,
                    "organization": organizations[member["organization"]],
                    "role": member["role"],
                    "start_date": _date(member.get("start_date")),
                },
                {
                    "end_date": _date(member.get("end_date")),
                    "as_of": member.get("as_of", ""),
                    "note": member.get("note", ""),
                    "source": item["source"],
                },
            )
    load_regional_processes(report)


#: The roles of the regional processes' membership file, as the platform names them.
RCP_ROLES = {"member": MembershipRole.MEMBER, "observer_state": MembershipRole.OBSERVER}


def load_regional_processes(report: LoadReport) -> None:
    states = {s.iso3: s for s in State.objects.all()}
    groups: dict[str, Group] = {}
    for row in read_csv("rcp_membership_compiled.csv"):
        abbr = row["abbr"]
        if abbr not in groups:
            groups[abbr] = _upsert(
                report,
                "groups",
                Group,
                {"slug": abbr.lower()},
                {
                    "acronym": abbr,
                    "name": row["process"],
                    "kind": "regional_process",
                    "established_year": int(row["established"]),
                },
            )
        _upsert(
            report,
            "memberships",
            GroupMembership,
            {
                "group": groups[abbr],
                "state": states[row["iso3"]],
                "role": RCP_ROLES[row["role"]],
                "start_date": None,
            },
            {
                "as_of": row["as_of"],
                "source": row["source"],
                "note": row["note"],
            },
        )


@transaction.atomic
def load_reference_data(progress: Progress | None = None) -> LoadReport:
    """Load or refresh the States, organizations and groups; all or nothing."""
    report = LoadReport()
    for step, loader in (
        ("States", load_states),
        ("organizations", load_organizations),
        ("groups", load_groups),
    ):
        if progress:
            progress(step)
        loader(report)
    return report


def load_at_init(say: Say) -> None:
    """`migforum init`'s first step: the States, organizations and groups, with what changed."""
    report = load_reference_data(progress=lambda step: say(f"Loading {step}…"))
    for kind, total in report.total.items():
        changed = report.created_or_changed.get(kind, 0)
        say(f"  {kind}: {total} in the reference data, {changed} new or changed")
