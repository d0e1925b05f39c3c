"""Copy the front-end packages installed by npm into the app's static files.

Run by `make assets` after `npm install`; the copies are committed so that installing the
platform needs only Python. Fonts keep only WOFF2 (every supported browser reads it).
"""

import re
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULES = HERE / "node_modules"
VENDOR = HERE.parent / "src" / "migforum" / "static" / "vendor"
#: Tools only the tests use: kept beside them, never served.
TEST_VENDOR = HERE.parent / "tests" / "browser" / "vendor"

FONTS = {
    # package: the CSS files (one per weight) to serve
    "@fontsource/noto-sans-arabic": ["400.css", "700.css"],
    "@fontsource/noto-sans-sc": ["400.css"],
}
WOFF_FALLBACK = re.compile(r",\s*url\(\./files/[^)]+\.woff\) format\('woff'\)")


def vendor_htmx() -> None:
    target = VENDOR / "htmx"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(MODULES / "htmx.org" / "dist" / "htmx.min.js", target / "htmx.min.js")
    shutil.copy(MODULES / "htmx.org" / "LICENSE", target / "LICENSE")


def vendor_charts() -> None:
    """ECharts draws the charts and the map; the map's shapes are world-atlas's TopoJSON
    (Natural Earth, 1:110m), turned into GeoJSON in the browser by topojson-client."""
    files = {
        "echarts": [
            ("dist/echarts.min.js", "echarts.min.js"),
            ("LICENSE", "LICENSE"),
            ("NOTICE", "NOTICE"),
        ],
        "world-atlas": [("countries-110m.json", "countries-110m.json"), ("LICENSE", "LICENSE")],
        "topojson-client": [
            ("dist/topojson-client.min.js", "topojson-client.min.js"),
            ("LICENSE", "LICENSE"),
        ],
    }
    for package, copies in files.items():
        target = VENDOR / package
        target.mkdir(parents=True, exist_ok=True)
        for source, name in copies:
            shutil.copy(MODULES / package / source, target / name)


def vendor_fonts() -> None:
    for package, stylesheets in FONTS.items():
        source = MODULES / package
        target = VENDOR / "fonts" / package.split("/")[-1]
        if target.exists():
            shutil.rmtree(target)
        (target / "files").mkdir(parents=True)
        shutil.copy(source / "LICENSE", target / "LICENSE")
        for stylesheet in stylesheets:
            css = WOFF_FALLBACK.sub("", (source / stylesheet).read_text())
            (target / stylesheet).write_text(css)
            for name in re.findall(r"\./files/([^)]+\.woff2)", css):
                shutil.copy(source / "files" / name, target / "files" / name)


#: Fonts the server draws PDFs with (the delegates' badges): TrueType, never served.
PDF_FONTS = HERE.parent / "src" / "migforum" / "meetings" / "data" / "fonts"


def vendor_pdf_fonts() -> None:
    """DejaVu Sans: Latin, Cyrillic, Greek and Arabic letters, for names on badges."""
    source = MODULES / "dejavu-fonts-ttf"
    target = PDF_FONTS / "dejavu"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("ttf/DejaVuSans.ttf", "ttf/DejaVuSans-Bold.ttf", "LICENSE"):
        shutil.copy(source / name, target / Path(name).name)


def vendor_axe() -> None:
    """axe-core, the accessibility checker the browser tests run in each page."""
    target = TEST_VENDOR / "axe-core"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("axe.min.js", "LICENSE"):
        shutil.copy(MODULES / "axe-core" / name, target / name)


if __name__ == "__main__":
    vendor_htmx()
    vendor_charts()
    vendor_fonts()
    vendor_pdf_fonts()
    vendor_axe()
    print(f"assets copied to {VENDOR} and {TEST_VENDOR}")
