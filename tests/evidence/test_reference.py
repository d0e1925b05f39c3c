"""The shipped evidence loaded at setup (`migforum init`): every recognised file once, the
others named and skipped."""

import shutil

import pytest

from migforum.evidence import reference
from migforum.evidence.choices import DatasetKind
from migforum.evidence.models import Dataset

pytestmark = pytest.mark.django_db

WDI_FROM = "wdi_SI.RMT.COST.OB.ZS_cost_from_country_2023-05-10_long.csv"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    shutil.copy(reference.DATA_DIR / WDI_FROM, tmp_path / WDI_FROM)
    (tmp_path / "notes.csv").write_text("what,this,is\nnothing,a,publisher\n")
    monkeypatch.setattr(reference, "DATA_DIR", tmp_path)
    return tmp_path


def test_load_evidence_imports_what_it_recognises_and_names_what_it_skips(data_dir):
    messages = []

    report = reference.load_evidence(progress=messages.append)

    assert report.imported == [WDI_FROM]
    assert list(report.skipped) == ["notes.csv"]
    assert "not in a format the platform recognises" in report.skipped["notes.csv"]
    dataset = Dataset.objects.get()
    assert dataset.kind == DatasetKind.PRICE_COST_FROM
    assert dataset.observation_count > 0
    assert any("notes.csv: skipped" in message for message in messages)


def test_load_evidence_twice_changes_nothing(data_dir):
    reference.load_evidence()

    report = reference.load_evidence()

    assert report.imported == []
    assert report.unchanged == [WDI_FROM]
    assert Dataset.objects.count() == 1


def test_every_shipped_file_is_recognised():
    from migforum.evidence.importers import importer_for

    kinds = {importer_for(path).kind for path in reference.shipped_files()}

    assert kinds >= {
        DatasetKind.MIGRANT_STOCK_DESTINATION,
        DatasetKind.MIGRANT_STOCK_BILATERAL,
        DatasetKind.REMITTANCE_INFLOWS,
        DatasetKind.REMITTANCE_OUTFLOWS,
        DatasetKind.BILATERAL_REMITTANCES,
        DatasetKind.BILATERAL_MIGRANT_STOCKS,
        DatasetKind.PRICE_CORRIDORS,
        DatasetKind.PRICE_COST_TO,
        DatasetKind.PRICE_COST_FROM,
    }
