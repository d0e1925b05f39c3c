"""axe-core, run in the browser on the public pages in English and Arabic: no serious and no
critical violation of WCAG 2.x A and AA (contrast included), on a desktop screen and on a
phone. axe-core is vendored from npm under tests/browser/vendor/ (`make assets`)."""

from pathlib import Path

import pytest

from .test_phone import PAGES, PHONE, in_language

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
#: The rule sets checked: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = ("serious", "critical")
DESKTOP = {"width": 1366, "height": 900}
#: Results with the words found marked, for the contrast of <mark>.
SEARCHES = ("/practices/?q=remittances", "/search/?q=migration")


def violations(page) -> list[str]:
    """What axe finds serious or critical on the page as it is shown, one line each."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']}).then(r => r.violations)",
        TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in found
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_public_pages_have_no_serious_accessibility_violation(
    browser, platform, language, viewport
):
    # The site's policy allows no inline script: the context lets in axe's alone.
    context = browser.new_context(base_url=platform["url"], viewport=viewport, bypass_csp=True)
    page = context.new_page()
    found = {}
    for path in (*PAGES, *SEARCHES):
        page.goto(in_language(path, language))
        page.wait_for_load_state("load")
        problems = violations(page)
        if problems:
            found[path] = problems
    context.close()
    assert not found, "\n".join(
        f"{path}: {line}" for path, lines in found.items() for line in lines
    )
