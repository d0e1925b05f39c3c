"""On a phone, every control a thumb aims at is at least 44 px high (and a button or a field at
least 44 px wide): the buttons, fields and lists, the menu and its links, the tabs, the paging
and the filters. Links inside a sentence are left to the sentence's line height, as WCAG 2.5.8
leaves them."""

import pytest

from .test_phone import PAGES, in_language

pytestmark = pytest.mark.browser

#: The pages of the phone test, with the answers and lists people reach from them.
TAPPED = (
    *PAGES,
    "/evidence/send-money/?sender=USA&receiver=MEX&amount=200",
    "/evidence/corridors/",
    "/practices/?q=remittances",
    "/search/?q=migration",
)
MINIMUM = 44
#: The controls of the page, once the menu and the filters are open; a link counts where it
#: stands alone (a menu, a list of links, the paging), not inside a sentence.
SMALL_TARGETS = """
minimum => {
  const controls = document.querySelectorAll([
    'button', 'select', 'textarea', 'summary', 'nav a', '.pagination a', '.tabs a', '.languages a',
    'input:not([type=hidden]):not([type=checkbox]):not([type=radio])',
    'label:has(> input[type=checkbox])', 'label:has(> input[type=radio])',
  ].join(', '));
  const small = [];
  for (const control of controls) {
    if (!control.checkVisibility()) continue;
    const box = control.getBoundingClientRect();
    const wide = control.matches('a, label') ? 0 : minimum;
    if (box.height + 0.5 < minimum || box.width + 0.5 < wide) {
      const name = control.getAttribute('aria-label') || control.textContent || control.name;
      const size = `${Math.round(box.width)}×${Math.round(box.height)}`;
      const words = (name || '').replace(/\\s+/g, ' ').trim().slice(0, 40);
      small.push(`${control.tagName.toLowerCase()} "${words}" ${size}`);
    }
  }
  return small;
}
"""


def open_every_fold(page) -> None:
    """The menu and the filters open, as a reader opens them to tap what is inside."""
    for button in page.locator("[data-disclose][aria-expanded=false]").all():
        if button.is_visible():
            button.click()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_control_is_big_enough_to_tap(phone, language):
    small = []
    for path in TAPPED:
        phone.goto(in_language(path, language))
        open_every_fold(phone)
        small += [f"{path}: {found}" for found in phone.evaluate(SMALL_TARGETS, MINIMUM)]
    assert not small, "\n".join(small)
