from django import forms

from .models import Organization, State
from .services import ORGANIZATION_EDITABLE_FIELDS, STATE_EDITABLE_FIELDS


class StateForm(forms.ModelForm):
    class Meta:
        model = State
        fields = STATE_EDITABLE_FIELDS
        widgets = {"summary": forms.Textarea(attrs={"rows": 8})}


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ORGANIZATION_EDITABLE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}


class StateFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    region = forms.CharField(required=False, max_length=100)
