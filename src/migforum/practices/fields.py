"""What an owner writes about a practice, declared once.

Each entry names one thing the owner writes — a field of `models.Practice`, or the rows that
hang from it (countries, partners, translations) — and says what its uses need to know of it:
whether it is the practice's own words (translated, searched), which vocabulary it takes,
whether import files, exports, versions and the public history carry it. Its type, length and
stored label are the model's. The form (`forms.PracticeForm`), the import columns
(`imports.COLUMNS`), the export columns (`exports.EXPORT_COLUMNS`), the API's schemas
(`practices.schemas`), the versions (`services.version_content`) and the search index
(`search_documents.practice_documents`) all read this list, in its order: a new field is
added to the model, its migration, this list and the templates that show it.
"""

from dataclasses import dataclass

from django.db.models import Choices

from migforum.members.choices import OrganizationKind

from .choices import CompactObjective, ImplementationStatus, Level, SdgTarget, Theme


@dataclass(frozen=True)
class PracticeField:
    name: str
    #: A field of the practice itself; False for the rows that hang from it.
    stored: bool = True
    #: The practice's own words: each has a translation (`PracticeTranslation`).
    text: bool = False
    #: Its words are found by the practice finder's text search.
    searched: bool = False
    #: The vocabulary its value, or each of its values, is taken from.
    choices: type[Choices] | None = None
    #: A column of import files (a key of JSON imports).
    imported: bool = True
    #: Its column in exports, holding the value as stored; None when exports leave it out or
    #: write it otherwise (the title and summary are exported in the reader's language).
    export_column: str | None = None
    #: A field of the practice form.
    in_form: bool = True
    #: Kept in each version, the text its reviewers assess.
    versioned: bool = True
    #: Shown in the practice's public history (people's addresses are not kept in public).
    public: bool = True
    #: The least and greatest whole number the form, an import and the API accept (the model
    #: takes any small number).
    min_value: int | None = None
    max_value: int | None = None


#: A practice says when it started and ended in years of this range.
YEARS = {"min_value": 1900, "max_value": 2100}

PRACTICE_FIELDS: tuple[PracticeField, ...] = (
    PracticeField("language"),
    PracticeField("title", text=True, searched=True),
    PracticeField("summary", text=True, searched=True),
    PracticeField("context", text=True, searched=True),
    PracticeField("description", text=True, searched=True),
    PracticeField("results", text=True, searched=True),
    PracticeField("lessons", text=True, searched=True),
    PracticeField("replication", text=True, searched=True),
    PracticeField("level", choices=Level, export_column="level"),
    PracticeField("is_global"),
    PracticeField("implementer_name", searched=True, export_column="implementer"),
    PracticeField("implementer_kind", choices=OrganizationKind, export_column="implementer_kind"),
    # The registered organization, which only the API names (by its identifier).
    PracticeField("implementer", imported=False, in_form=False),
    PracticeField("themes", choices=Theme, export_column="themes"),
    PracticeField("objectives", choices=CompactObjective, export_column="objectives"),
    PracticeField("sdg_targets", choices=SdgTarget, export_column="sdg_targets"),
    PracticeField("start_year", export_column="start_year", **YEARS),
    PracticeField("end_year", export_column="end_year", **YEARS),
    PracticeField(
        "implementation_status",
        choices=ImplementationStatus,
        export_column="implementation_status",
    ),
    PracticeField("countries", stored=False, in_form=False),
    PracticeField("partners", stored=False, in_form=False),
    PracticeField("contacts", public=False),
    PracticeField("links"),
    PracticeField("translations", stored=False, imported=False, in_form=False),
    PracticeField("call", imported=False, versioned=False),
)

#: The practice's own fields a form, an import or the API may set.
EDITABLE_FIELDS = tuple(f.name for f in PRACTICE_FIELDS if f.stored)
#: Fields holding the practice's own words; each has a translation and a place in versions.
TEXT_FIELDS = tuple(f.name for f in PRACTICE_FIELDS if f.text)
#: Fields whose words the search index holds, title first (see `search_documents`).
SEARCHED_FIELDS = tuple(f.name for f in PRACTICE_FIELDS if f.searched)
#: The fields of the practice form that are the practice's own.
FORM_FIELDS = tuple(f.name for f in PRACTICE_FIELDS if f.stored and f.in_form)
#: The columns of an import file (keys of a JSON object), in order.
IMPORT_COLUMNS = tuple(f.name for f in PRACTICE_FIELDS if f.imported)
#: What a version keeps of the practice.
VERSIONED_FIELDS = tuple(f.name for f in PRACTICE_FIELDS if f.versioned)
#: The practice's own fields its public history shows.
PUBLIC_FIELDS = tuple(f.name for f in PRACTICE_FIELDS if f.stored and f.public)
#: (field, column) of the export columns that hold a field as stored, in order.
EXPORTED_FIELDS = tuple((f.name, f.export_column) for f in PRACTICE_FIELDS if f.export_column)

BY_NAME = {f.name: f for f in PRACTICE_FIELDS}
