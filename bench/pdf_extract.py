"""PDF text extraction speed: pages per second, the figure that says how long an upload waits.

What it measures
    A PDF of ``--pages`` pages is made with fpdf2 from the real General Debate statements of
    2006, then ``migforum.documents.extract.text_of_pdf`` (what the background worker runs on
    every uploaded PDF) reads it ``--runs`` times. It prints the median pages per second and
    megabytes per second, and checks that words of the source come back out.

How to run it
    .venv/bin/python bench/pdf_extract.py
    .venv/bin/python bench/pdf_extract.py --pages 500 --runs 3
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATEMENTS = ROOT / "src" / "migforum" / "documents" / "data" / "ungdc_session61_2006"


def build_pdf(pages: int) -> tuple[bytes, list[str]]:
    from fpdf import FPDF

    texts = [p.read_text(encoding="utf-8") for p in sorted(STATEMENTS.glob("*.txt"))]
    words = " ".join(texts).split()
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    cursor = 0
    for _page in range(pages):
        pdf.add_page()
        chunk = words[cursor : cursor + 450]
        cursor = (cursor + 450) % max(1, len(words) - 450)
        line = " ".join(chunk).encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, 5, line)
    sample = [w for w in words[:450] if w.isalpha() and len(w) > 6][:20]
    return bytes(pdf.output()), sample


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migforum.settings.test")
    import django

    django.setup()
    from migforum.documents.extract import text_of_pdf

    started = time.perf_counter()
    content, sample = build_pdf(args.pages)
    print(
        f"made a {args.pages}-page PDF of {len(content) / 1e6:.2f} MB "
        f"in {time.perf_counter() - started:.1f} s"
    )
    seconds, text = [], ""
    for _run in range(args.runs):
        started = time.perf_counter()
        text, pages = text_of_pdf(content)
        seconds.append(time.perf_counter() - started)
        assert pages == args.pages
    median = statistics.median(seconds)
    found = sum(word in text for word in sample)
    print(f"{'pages':>6} {'runs':>5} {'median s':>9} {'pages/s':>9} {'MB/s':>7}")
    print(
        f"{args.pages:>6} {args.runs:>5} {median:>9.2f} {args.pages / median:>9.1f} "
        f"{len(content) / 1e6 / median:>7.2f}"
    )
    print(f"source words found in the extracted text: {found} of {len(sample)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
