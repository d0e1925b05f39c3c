from django import forms
from django.utils.translation import gettext_lazy as _

#: Rows offered for delegates; a delegation with more registers again.
DELEGATE_ROWS = 6


class RegistrationSettingsForm(forms.Form):
    capacity = forms.IntegerField(label=_("Places (delegates in all)"), min_value=1, required=False)
    deadline = forms.DateTimeField(
        label=_("Deadline (your time zone)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    participants_public = forms.BooleanField(
        label=_("Publish the list of participants"), required=False
    )


class RegistrationForm(forms.Form):
    #: Not required here: the service refuses a registration without one, saying why.
    credential = forms.FileField(
        label=_("Note verbale accrediting the delegation (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        for row in range(1, DELEGATE_ROWS + 1):
            self.fields[f"name_{row}"] = forms.CharField(
                label=_("Delegate %(n)d: name") % {"n": row}, max_length=200, required=False
            )
            self.fields[f"function_{row}"] = forms.CharField(
                label=_("Delegate %(n)d: function") % {"n": row}, max_length=200, required=False
            )

    def delegates(self) -> list[tuple[str, str]]:
        return [
            (self.cleaned_data.get(f"name_{row}", ""), self.cleaned_data.get(f"function_{row}", ""))
            for row in range(1, DELEGATE_ROWS + 1)
        ]


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is returned"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
