"""The delegates' badges as a PDF to print: eight to an A4 sheet, with cutting marks.

Each badge names the meeting, the delegate, their function and delegation and their category,
and carries a QR code of the registration's reference, which the entrance desk scans.
"""

from collections.abc import Iterable
from pathlib import Path

import segno
from fpdf import FPDF

from .registration import Badge

FONTS = Path(__file__).resolve().parent / "data" / "fonts" / "dejavu"
FONT = "DejaVu"

#: A4 in millimetres, and the badges on it: two columns of four.
PAGE_WIDTH, PAGE_HEIGHT = 210, 297
COLUMNS, ROWS = 2, 4
BADGE_WIDTH, BADGE_HEIGHT = 90, 65
MARGIN_X = (PAGE_WIDTH - COLUMNS * BADGE_WIDTH) / 2
MARGIN_Y = (PAGE_HEIGHT - ROWS * BADGE_HEIGHT) / 2
PADDING = 5
QR_SIZE = 22


def _fitted(pdf: FPDF, text: str, *, width: float, largest: float, smallest: float) -> float:
    """The largest font size, down to `smallest`, at which the text fits on one line."""
    size = largest
    while size > smallest:
        pdf.set_font_size(size)
        if pdf.get_string_width(text) <= width:
            return size
        size -= 0.5
    return smallest


def _line(
    pdf: FPDF,
    text: str,
    *,
    x: float,
    y: float,
    width: float,
    size: float,
    smallest: float | None = None,
    bold: bool = False,
) -> None:
    pdf.set_font(FONT, "B" if bold else "")
    size = _fitted(pdf, text, width=width, largest=size, smallest=smallest or size)
    pdf.set_font_size(size)
    pdf.set_xy(x, y)
    # A text still too long once at its smallest size is cut rather than run off the badge.
    while text and pdf.get_string_width(text) > width:
        text = text[:-2] + "…"
    pdf.cell(width, size * 0.45, text)


def _wrapped(pdf: FPDF, text: str, *, x: float, y: float, width: float, size: float) -> None:
    """Text on at most two lines, smaller if it needs to be: a function such as "Director of
    Migration Affairs, Ministry of …" is rarely short."""
    pdf.set_font(FONT, "")
    for candidate in (size, size - 1, size - 2):
        pdf.set_font_size(candidate)
        lines = pdf.multi_cell(width, candidate * 0.45, text, dry_run=True, output="LINES")
        if len(lines) <= 2:
            break
    for number, line in enumerate(lines[:2]):
        _line(
            pdf,
            line if number == 0 or len(lines) <= 2 else line + "…",
            x=x,
            y=y + number * pdf.font_size_pt * 0.45,
            width=width,
            size=pdf.font_size_pt,
        )


def _qr(pdf: FPDF, data: str, *, x: float, y: float, size: float) -> None:
    """A QR code drawn as squares, so that it stays sharp at any printer's resolution."""
    code = segno.make(data, error="m", micro=False)
    matrix = list(code.matrix_iter(scale=1, border=0))
    module = size / len(matrix)
    pdf.set_fill_color(0, 0, 0)
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            if dark:
                pdf.rect(x + column * module, y + row * module, module, module, style="F")


def _badge(pdf: FPDF, badge: Badge, *, x: float, y: float) -> None:
    pdf.set_draw_color(170, 170, 170)
    pdf.set_line_width(0.2)
    pdf.rect(x, y, BADGE_WIDTH, BADGE_HEIGHT)
    inner = BADGE_WIDTH - 2 * PADDING
    _line(pdf, badge.meeting, x=x + PADDING, y=y + PADDING, width=inner, size=8, smallest=6)
    # The category on a dark band, as entrance staff read it from afar.
    pdf.set_fill_color(0, 51, 102)
    pdf.rect(x, y + 11, BADGE_WIDTH, 7, style="F")
    pdf.set_text_color(255, 255, 255)
    _line(pdf, badge.category.upper(), x=x + PADDING, y=y + 12.2, width=inner, size=9, bold=True)
    pdf.set_text_color(0, 0, 0)
    text_width = inner - QR_SIZE - 3
    _line(pdf, badge.name, x=x + PADDING, y=y + 24, width=inner, size=16, smallest=9, bold=True)
    _wrapped(pdf, badge.function, x=x + PADDING, y=y + 32, width=text_width, size=9)
    _line(
        pdf, badge.state, x=x + PADDING, y=y + 42, width=text_width, size=11, smallest=7, bold=True
    )
    qr_x = x + BADGE_WIDTH - PADDING - QR_SIZE
    qr_y = y + BADGE_HEIGHT - PADDING - QR_SIZE - 3
    _qr(pdf, badge.reference, x=qr_x, y=qr_y, size=QR_SIZE)
    _line(
        pdf,
        badge.reference,
        x=x + PADDING,
        y=y + BADGE_HEIGHT - PADDING - 3,
        width=inner,
        size=7,
        smallest=5,
    )


def badges_pdf(badges: Iterable[Badge], *, title: str) -> bytes:
    """The badges, eight to a page; a meeting with no approved delegate gets one empty page
    saying so in its title."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title(title)
    pdf.set_creator("Migration Forum")
    pdf.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
    # Shaping joins Arabic letters and sets right-to-left names in their order.
    pdf.set_text_shaping(True)
    pdf.add_page()
    per_page = COLUMNS * ROWS
    for index, badge in enumerate(badges):
        if index and index % per_page == 0:
            pdf.add_page()
        column, row = index % COLUMNS, (index % per_page) // COLUMNS
        _badge(pdf, badge, x=MARGIN_X + column * BADGE_WIDTH, y=MARGIN_Y + row * BADGE_HEIGHT)
    return bytes(pdf.output())
