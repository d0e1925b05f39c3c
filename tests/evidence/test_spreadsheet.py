"""Workbooks are measured before they are read: a zip bomb (a few megabytes that expand to
gigabytes) is refused from the zip's central directory, before any part is decompressed."""

import struct
import zipfile
from pathlib import Path

import pytest
from django.test import override_settings

from migforum.core.choices import ImportStatus
from migforum.evidence.choices import DatasetKind
from migforum.evidence.importers import DataFileError, importer_for, spreadsheet
from migforum.evidence.models import Dataset
from migforum.evidence.services import data_import_request, data_import_run

pytestmark = pytest.mark.django_db

DATA = Path(spreadsheet.__file__).parent.parent / "data"
INFLOWS = DATA / "knomad_remittance_inflows_usd_million_june2023.xlsx"


def bomb(path: Path, *, expands_to: int) -> Path:
    """A workbook whose sheet is `expands_to` bytes of one repeated row: about a thousandth
    of that once compressed."""
    row = b'<row><c t="s"><v>0</v></c></row>'
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><sheets/></workbook>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = row * (1 << 15)
            for _done in range(expands_to // len(block)):
                sheet.write(block)
    return path


@pytest.fixture
def nothing_is_decompressed(monkeypatch):
    """Fails the test if any part of a zip archive is read or a workbook reader starts (the
    test's own writing of archives goes on)."""
    read = []
    real_open = zipfile.ZipFile.open

    def open_for_writing_only(archive, name, mode="r", *args, **kwargs):
        if mode == "r":
            read.append(name)
            raise AssertionError(f"{name} was about to be decompressed")
        return real_open(archive, name, mode, *args, **kwargs)

    def refuse(*args, **kwargs):
        read.append("calamine")
        raise AssertionError("the workbook reader was about to read the file")

    monkeypatch.setattr(zipfile.ZipFile, "open", open_for_writing_only)
    monkeypatch.setattr(spreadsheet.CalamineWorkbook, "from_path", refuse)
    yield read
    assert read == []


@override_settings(WORKBOOK_MAX_UNCOMPRESSED_BYTES=8 << 20)
def test_a_zip_bomb_is_refused_before_it_is_read(tmp_path, nothing_is_decompressed):
    # given: 40 MB of sheet in a file of a few tens of kilobytes; the limit set to 8 MB
    path = bomb(tmp_path / "IMS_2024.xlsx", expands_to=40 << 20)
    assert path.stat().st_size < 200_000

    # when: it is imported as from the site or the command
    data_import = data_import_run(data_import=data_import_request(path=path, by=None))

    # then
    assert data_import.status == ImportStatus.FAILED
    assert data_import.error == (
        "The workbook would expand to 40 MB when read, more than the 8 MB the platform reads; "
        "split it or remove what is not needed."
    )
    assert not Dataset.objects.exists()


@override_settings(WORKBOOK_MAX_UNCOMPRESSED_BYTES=8 << 20)
def test_every_reader_of_workbooks_measures_first(tmp_path, nothing_is_decompressed):
    path = bomb(tmp_path / "remittances.xlsx", expands_to=40 << 20)

    for read in (spreadsheet.sample, spreadsheet.open_workbook, importer_for):
        with pytest.raises(DataFileError, match="would expand to 40 MB"):
            read(path)
    # Every format that can come as a workbook (UN DESA's origin × destination is CSV only).
    for kind in set(DatasetKind.values) - {DatasetKind.MIGRANT_STOCK_BILATERAL}:
        with pytest.raises(DataFileError, match="would expand to 40 MB"):
            importer_for(path, kind).read(path)


def test_a_part_that_expands_far_more_than_any_spreadsheet_is_refused(
    tmp_path, nothing_is_decompressed
):
    # given: under the size limit, but a thousand times its compressed size
    path = bomb(tmp_path / "stock.xlsx", expands_to=16 << 20)

    with pytest.raises(DataFileError) as excinfo:
        spreadsheet.open_workbook(path)

    assert str(excinfo.value).startswith("The workbook's part “xl/worksheets/sheet1.xml” expands ")
    assert "(at most 100 times); it is refused unread." in str(excinfo.value)


def test_parts_sharing_their_compressed_bytes_are_refused(tmp_path, nothing_is_decompressed):
    # given: a second entry of the central directory pointing at the first part's bytes
    path = tmp_path / "overlap.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/a.xml", b"x" * 100_000)
    data = path.read_bytes()
    end = data.rindex(b"PK\x05\x06")
    (directory_size, directory_at) = struct.unpack("<II", data[end + 12 : end + 20])
    entry = data[directory_at : directory_at + directory_size]
    twin = entry.replace(b"xl/a.xml", b"xl/b.xml")
    tail = bytearray(data[end:])
    struct.pack_into("<HHI", tail, 8, 2, 2, directory_size * 2)
    path.write_bytes(data[:directory_at] + entry + twin + bytes(tail))
    with zipfile.ZipFile(path) as archive:
        assert [part.filename for part in archive.infolist()] == ["xl/a.xml", "xl/b.xml"]

    with pytest.raises(DataFileError, match="malformed: its parts overlap"):
        spreadsheet.open_workbook(path)


def test_the_publishers_workbooks_pass(tmp_path):
    for path in sorted(DATA.glob("*.xlsx")):
        spreadsheet.check_expansion(path)
    assert spreadsheet.open_workbook(INFLOWS).sheet_names
