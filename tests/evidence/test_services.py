"""The import service, whatever the format: provenance, one transaction, a second import of
the same file changing nothing, errors recorded for the page. A small CSV format defined here
stands in for the publishers' files."""

import datetime

import pytest
from django.core.files.storage import default_storage

from migforum.core.choices import ImportStatus
from migforum.core.models import AuditEvent
from migforum.evidence import importers
from migforum.evidence.importers import DataFileError, Importer, Obs, Release
from migforum.evidence.importers.spreadsheet import read_csv
from migforum.evidence.models import Area, DataImport, Dataset, Observation
from migforum.evidence.services import data_import_request, data_import_run

pytestmark = pytest.mark.django_db


class TinyStock(Importer):
    kind = "undesa_stock_bilateral"
    publisher = "Test publisher"
    title = "Tiny stock"
    licence = "CC BY 4.0"
    fail_in_derive = False

    @classmethod
    def recognises(cls, sample):
        first_rows = list(sample.sheets.values())[0][:1]
        return first_rows == [["destination", "year", "value"]]

    def read(self, path, progress=importers.no_progress):
        rows = list(read_csv(path))[1:]
        release = Release(vintage="Test 2020", vintage_date=datetime.date(2020, 12, 1))
        for number, (destination, year, value) in enumerate(rows, start=2):
            if not value.isdigit():
                raise DataFileError("not a number", row=number, column="value")
            release.observations.append(
                Obs("migrant_stock", destination, "", year, int(year), "total", float(value))
            )
            release.areas[destination] = (destination, False, "")
            progress("rows", number - 1, len(rows))
        return release

    def derive(self, dataset):
        if self.fail_in_derive:
            raise RuntimeError("boom")
        total = sum(o.value for o in dataset.observations.all())
        return [Obs("migrant_stock", "WLD", "", "2020", 2020, "total", total)]


@pytest.fixture(autouse=True)
def tiny_format(monkeypatch):
    monkeypatch.setattr(importers, "_load_importers", lambda: None)
    monkeypatch.setattr(importers, "IMPORTERS", {TinyStock.kind: TinyStock})
    monkeypatch.setattr(TinyStock, "fail_in_derive", False)


@pytest.fixture
def tiny_file(tmp_path):
    path = tmp_path / "tiny.csv"
    path.write_text("destination,year,value\nMAR,2020,100\nESP,2020,250\n")
    return path


def run(path, **options):
    return data_import_run(data_import=data_import_request(path=path, by=None, **options))


def test_an_import_records_the_dataset_with_its_provenance_and_computed_values(tiny_file):
    data_import = run(tiny_file)

    assert data_import.status == ImportStatus.DONE, data_import.error
    dataset = data_import.dataset
    assert (dataset.title, dataset.vintage, dataset.licence) == (
        "Tiny stock",
        "Test 2020",
        "CC BY 4.0",
    )
    assert len(dataset.sha256) == 64
    assert dataset.file.read() == tiny_file.read_bytes()
    values = dict(Observation.objects.values_list("country", "value"))
    assert values == {"MAR": 100.0, "ESP": 250.0, "WLD": 350.0}
    assert dataset.observation_count == 3
    assert set(Area.objects.values_list("code", flat=True)) == {"MAR", "ESP"}
    assert AuditEvent.objects.filter(object_repr__startswith="Tiny stock").exists()


def test_the_same_file_twice_changes_nothing(tiny_file):
    first = run(tiny_file)
    second = run(tiny_file)

    assert second.status == ImportStatus.UNCHANGED
    assert second.dataset == first.dataset
    assert Dataset.objects.count() == 1
    assert Observation.objects.count() == 3


def test_a_bad_row_fails_the_import_naming_the_row_and_writes_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("destination,year,value\nMAR,2020,100\nESP,2020,lots\n")

    data_import = run(path)

    assert data_import.status == ImportStatus.FAILED
    assert data_import.error == "Row 3, column value: not a number"
    assert DataImport.objects.get().error == data_import.error
    assert not Dataset.objects.exists()
    assert not Observation.objects.exists()
    assert not Area.objects.exists()


def test_a_failure_while_computing_indicators_undoes_the_whole_import(tiny_file, monkeypatch):
    monkeypatch.setattr(TinyStock, "fail_in_derive", True)

    with pytest.raises(RuntimeError):
        run(tiny_file)

    assert DataImport.objects.get().status == ImportStatus.FAILED
    assert not Dataset.objects.exists()
    assert not Observation.objects.exists()


def test_a_file_in_no_known_format_is_refused_clearly(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")

    data_import = run(path)

    assert data_import.status == ImportStatus.FAILED
    assert "not in a format the platform recognises" in data_import.error


def test_a_failed_import_leaves_no_copy_of_its_file(tmp_path, django_capture_on_commit_callbacks):
    path = tmp_path / "bad.csv"
    path.write_text("destination,year,value\nMAR,2020,lots\n")
    data_import = data_import_request(path=path, by=None)
    stored = data_import.file.name

    with django_capture_on_commit_callbacks(execute=True):
        data_import_run(data_import=data_import)

    assert DataImport.objects.get().file.name == ""
    assert not default_storage.exists(stored)


def test_a_file_imported_before_leaves_no_second_copy(
    tiny_file, django_capture_on_commit_callbacks
):
    first = run(tiny_file)
    second = data_import_request(path=tiny_file, by=None)
    stored = second.file.name

    with django_capture_on_commit_callbacks(execute=True):
        data_import_run(data_import=second)

    assert second.status == ImportStatus.UNCHANGED
    assert not default_storage.exists(stored)
    assert default_storage.exists(first.dataset.file.name)


def test_an_error_without_words_still_ends_the_import_with_a_message(tiny_file, monkeypatch):
    def exhausted(self, path, progress=importers.no_progress):
        raise MemoryError

    monkeypatch.setattr(TinyStock, "read", exhausted)

    with pytest.raises(MemoryError):
        run(tiny_file)

    data_import = DataImport.objects.get()
    assert data_import.status == ImportStatus.FAILED
    assert data_import.error == "Unexpected error: MemoryError"


def test_an_import_cut_short_by_the_worker_stopping_ends_interrupted(tiny_file, monkeypatch):
    def stopped(self, path, progress=importers.no_progress):
        raise SystemExit(1)  # the worker's second Ctrl+C

    monkeypatch.setattr(TinyStock, "read", stopped)

    with pytest.raises(SystemExit):
        run(tiny_file)

    data_import = DataImport.objects.get()
    assert data_import.status == ImportStatus.FAILED
    assert data_import.error.startswith("Interrupted: the background worker stopped")
