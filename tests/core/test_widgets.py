"""The long-list widgets write the same select as Django's own, without a template per option."""

import re

from django import forms
from django.utils.safestring import mark_safe

from migforum.core.widgets import QuickSelect, QuickSelectMultiple

CHOICES = [("", "—"), ("MAR", "Maroc <&>"), ("FRA", mark_safe("<b>France</b>")), ('X"Y', "Quote")]  # noqa: S308  a label that is HTML on purpose
GROUPED = [("a", "A"), ("Group <1>", [("b", "B"), ("c", 'C "c"')])]


def form(single: type[forms.Select], multiple: type[forms.SelectMultiple]) -> forms.Form:
    class Chooser(forms.Form):
        one = forms.ChoiceField(choices=CHOICES, widget=single)
        many = forms.MultipleChoiceField(choices=GROUPED, required=False, widget=multiple)

    chooser = Chooser({"one": "MAR", "many": ["a", "c"]}, auto_id="id-%s")
    assert chooser.is_valid(), chooser.errors
    assert chooser.cleaned_data == {"one": "MAR", "many": ["a", "c"]}
    return chooser


def tags(html: str) -> list[str]:
    """Each tag with its attributes sorted, and the text between them."""
    found = []
    for tag, text in re.findall(r"(<[^>]+>)([^<]*)", " ".join(html.split())):
        name, *attributes = tag.strip("<>").split(" ")
        found.append(" ".join([name, *sorted(attributes)]))
        if text.strip():
            found.append(text.strip())
    return found


def test_the_same_html_as_djangos_select():
    django_form = form(forms.Select, forms.SelectMultiple)
    quick_form = form(QuickSelect, QuickSelectMultiple)
    for name in ("one", "many"):
        assert tags(str(quick_form[name])) == tags(str(django_form[name])), name
    assert "Maroc &lt;&amp;&gt;" in str(quick_form["one"])
    assert "<b>France</b>" in str(quick_form["one"])
    assert 'value="X&quot;Y"' in str(quick_form["one"])


def test_a_label_written_once_as_html_is_still_escaped_as_text():
    """Options are kept once written: the same words as HTML and as text are two options."""
    from migforum.core.widgets import option_tags

    html_label = mark_safe("<b>B</b>")  # noqa: S308  a label that is HTML on purpose
    assert option_tags([("b", html_label)], set()) == '<option value="b"><b>B</b></option>'
    assert option_tags([("b", "<b>B</b>")], {"b"}) == (
        '<option value="b" selected>&lt;b&gt;B&lt;/b&gt;</option>'
    )
