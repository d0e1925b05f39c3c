from django import forms
from django.utils.translation import gettext_lazy as _

from migforum.core.languages import language_choices

from .choices import DocumentKind

LANGUAGE_CHOICES = language_choices()


class DocumentImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (PDF or text)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.txt,.md"}),
    )
    symbol = forms.CharField(label=_("UN symbol, if it has one"), max_length=200, required=False)
    title = forms.CharField(
        label=_("Title (else the first heading)"), max_length=1000, required=False
    )
    kind = forms.ChoiceField(
        label=_("Type"), choices=DocumentKind.choices, initial=DocumentKind.REPORT
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, initial="en")
