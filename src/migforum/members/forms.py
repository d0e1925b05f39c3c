from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organization, State
from .services import ORGANIZATION_EDITABLE_FIELDS, STATE_EDITABLE_FIELDS


class StateForm(forms.ModelForm):
    website = forms.URLField(label=_("Official website"), required=False, assume_scheme="https")

    class Meta:
        model = State
        fields = STATE_EDITABLE_FIELDS
        widgets = {"summary": forms.Textarea(attrs={"rows": 8})}


class OrganizationForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = ORGANIZATION_EDITABLE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}


class StateFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    region = forms.CharField(required=False, max_length=100)
