"""The files the platform streams for people to download: tables as CSV or JSON. Every export
and download goes through here, so that each is written by one set of rules.

CSV is opened in spreadsheets, which read a file in the system's legacy encoding unless it starts
with a UTF-8 byte order mark: without one, "Côte d'Ivoire" or any Arabic or Chinese title comes
out garbled. Every CSV file therefore starts with `BOM`.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and a leading tab
or carriage return can hide such a start), so a practice's title or a delegate's name could
make the reader's spreadsheet fetch or compute something (CSV injection). As OWASP advises,
such a text cell is written with a leading `'`, which spreadsheets read as "this is text" and do
not show. Numbers are written as they are: -3.5 stays a number.

Both formats are written a chunk at a time, so that a table of millions of rows never sits in
memory whole.
"""

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse

#: What a text cell may not start with.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The UTF-8 byte order mark, first in every CSV file.
BOM = "\ufeff"
#: What separates the items of a cell that holds a list ("MAR:origin; ESP:destination").
LIST_SEPARATOR = "; "
#: About how many characters are sent at a time: a few large pieces rather than one per row.
CHUNK_SIZE = 64 * 1024
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet should show it: a list is one cell of its items separated by
    `LIST_SEPARATOR`; a text cell that could start a formula is prefixed with `'`; anything
    else is unchanged."""
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class CsvWriter:
    """`csv.writer`, with every cell passed through `safe_cell`."""

    def __init__(self, out: _Writable, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])


def csv_chunks(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """A table as CSV, in chunks of about `CHUNK_SIZE` characters: the byte order mark, the
    header, then the rows, every cell made safe (`safe_cell`); None is an empty cell."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = CsvWriter(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() >= CHUNK_SIZE:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(
    key: str, records: Iterable[Any], *, head: Mapping[str, Any] | None = None
) -> Iterator[str]:
    """`{**head, key: [records]}` as JSON, in chunks of about `CHUNK_SIZE` characters; dates and
    decimals written as the API writes them (`DjangoJSONEncoder`)."""
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    opening = encoder.encode({**(head or {}), key: []})[: -len("]}")]
    pieces, size, separator = [opening], len(opening), ""
    for record in records:
        piece = separator + encoder.encode(record)
        pieces.append(piece)
        size += len(piece)
        separator = ",\n"
        if size >= CHUNK_SIZE:
            yield "".join(pieces)
            pieces, size = [], 0
    pieces.append("]}\n")
    yield "".join(pieces)


def download(chunks: Iterable[str], *, filename: str) -> StreamingHttpResponse:
    """A streamed file the browser saves as `filename`, of the type its suffix names."""
    response = StreamingHttpResponse(
        chunks, content_type=CONTENT_TYPES[filename.rsplit(".", 1)[-1]]
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def table_download(
    fmt: str,
    *,
    name: str,
    header: Sequence[str],
    rows: Iterable[Iterable[Any]],
    key: str,
    head: Mapping[str, Any] | None = None,
) -> StreamingHttpResponse:
    """A table downloaded as `name.csv` (the header, then the rows) or as `name.json`
    (`{**head, key: [{column: value}]}`), as `fmt` asks."""
    if fmt == "csv":
        return download(csv_chunks(header, rows), filename=f"{name}.csv")
    records = (dict(zip(header, row, strict=True)) for row in rows)
    return download(json_chunks(key, records, head=head), filename=f"{name}.json")
