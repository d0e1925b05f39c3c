"""The one declaration of what an owner writes about a practice, and what derives from it."""

import pytest

from migforum.practices import exports, imports
from migforum.practices.fields import (
    EDITABLE_FIELDS,
    FORM_FIELDS,
    PRACTICE_FIELDS,
    TEXT_FIELDS,
    VERSIONED_FIELDS,
)
from migforum.practices.forms import PracticeForm, TranslationForm
from migforum.practices.models import Practice, PracticeTranslation
from migforum.practices.schemas import PracticeIn, PracticeOut, PracticePatch

#: The practice's fields that are not the owner's to write: whose it is and its review.
NOT_WRITTEN_BY_THE_OWNER = {
    "id",
    "owner_state",
    "owner_organization",
    "review_status",
    "created_at",
    "updated_at",
    "submitted_at",
    "published_at",
}


def test_every_field_of_a_practice_is_declared_or_not_the_owners():
    fields = {field.name for field in Practice._meta.concrete_fields}

    assert fields - NOT_WRITTEN_BY_THE_OWNER == set(EDITABLE_FIELDS)
    assert len(EDITABLE_FIELDS) == len(set(EDITABLE_FIELDS))


def test_a_translation_has_every_text_field():
    fields = {field.name for field in PracticeTranslation._meta.concrete_fields}

    assert set(TEXT_FIELDS) <= fields
    assert fields - set(TEXT_FIELDS) == {"id", "practice", "language"}


def test_the_form_the_files_the_api_and_the_versions_take_their_fields_from_the_declaration():
    names = [f.name for f in PRACTICE_FIELDS]

    assert set(FORM_FIELDS) <= set(PracticeForm.base_fields)
    assert list(imports.COLUMNS) == [f.name for f in PRACTICE_FIELDS if f.imported]
    assert list(PracticeIn.model_fields) == ["owner", *names]
    assert list(PracticePatch.model_fields) == names
    assert set(names) - {"implementer_name", "implementer_kind"} <= set(PracticeOut.model_fields)
    assert exports.EXPORT_COLUMNS == [
        *("id", "url", "title", "summary", "owner", "countries"),
        *(f.export_column for f in PRACTICE_FIELDS if f.export_column),
        *("review_status", "language"),
    ]
    assert "call" not in VERSIONED_FIELDS


@pytest.mark.django_db
def test_the_practice_form_and_the_translation_form_ask_for_the_same_words_alike():
    practice_form, translation_form = PracticeForm(), TranslationForm()
    assert list(translation_form.fields) == list(TEXT_FIELDS)
    for name in TEXT_FIELDS:
        asked, translated = practice_form.fields[name], translation_form.fields[name]
        stored = Practice._meta.get_field(name)
        assert str(asked.label) == str(translated.label)
        assert asked.max_length == translated.max_length == stored.max_length
        assert asked.required == translated.required == (not stored.blank)
    too_long = TranslationForm(data={"title": "T", "summary": "S", "context": "x" * 20_001})
    assert not too_long.is_valid()
    assert "context" in too_long.errors
