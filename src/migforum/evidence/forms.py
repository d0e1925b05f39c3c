"""The evidence pages' forms: choosing a corridor, an amount to send, a file to import."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from migforum.core.widgets import QuickSelect

from .choices import DatasetKind, Indicator
from .errors import EvidenceError
from .labels import period_label, vintage_label

#: Large enough for the UN DESA origin × destination matrix and its later revisions.
MAX_UPLOAD_BYTES = 200 * 1024 * 1024


def _place_choices(codes: list[str], names: dict[str, str]) -> list[tuple[str, str]]:
    return [("", "—")] + sorted(
        ((code, names.get(code, code)) for code in codes), key=lambda item: item[1]
    )


class CorridorForm(forms.Form):
    """A corridor: where money is sent from, and to."""

    sender = forms.ChoiceField(label=_("Sending from"), widget=QuickSelect)
    receiver = forms.ChoiceField(label=_("Sending to"), widget=QuickSelect)

    def __init__(
        self,
        *args: object,
        senders: list[str],
        receivers: list[str],
        names: dict[str, str],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["sender"].choices = _place_choices(senders, names)  # type: ignore[attr-defined]
        self.fields["receiver"].choices = _place_choices(receivers, names)  # type: ignore[attr-defined]


class SendMoneyForm(CorridorForm):
    """Where a migrant sends money from and to, and how much. "Sending to" offers the places
    with prices from the chosen sender (the view's choice of `receivers`)."""

    amount = forms.DecimalField(
        label=_("Amount to send, in US dollars"),
        min_value=1,
        max_value=1_000_000,
        decimal_places=2,
        initial=200,
        help_text=_(
            "Prices are surveyed for sending 200 and 500 US dollars; the nearest of the two is "
            "used."
        ),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["receiver"].error_messages["invalid_choice"] = _(
            "There are no prices from this place to the one chosen. Choose a place from the list."
        )


class IndicatorForm(forms.Form):
    """The indicator chart page's choices: which country against the world, which period to
    rank, which release. Places and periods are offered by name, from those with data."""

    country = forms.ChoiceField(label=_("Country or area"), required=False, widget=QuickSelect)
    # Any period is taken (the ranking shows the latest where there is none such); the view
    # offers the ones that exist (`offer_periods`).
    period = forms.CharField(
        label=_("Period for the ranking"),
        required=False,
        validators=[MaxLengthValidator(8)],
        widget=QuickSelect,
    )
    vintage = forms.ChoiceField(label=_("Vintage"), required=False)

    def __init__(
        self,
        *args: object,
        vintages: list[str],
        places: list[str],
        names: dict[str, str],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if self.is_bound and "country" in self.data:
            # A code in any case chooses its place (`?country=esp`).
            self.data = self.data.copy()
            self.data["country"] = str(self.data["country"]).upper()
        language = get_language() or "en"
        self.fields["country"].choices = _place_choices(places, names)  # type: ignore[attr-defined]
        self.fields["vintage"].choices = [("", _("Latest"))] + [  # type: ignore[attr-defined]
            (vintage, vintage_label(vintage, language)) for vintage in vintages
        ]

    def offer_periods(self, periods: list[str]) -> None:
        """The periods of the release shown, newest first, each in the reader's words."""
        language = get_language() or "en"
        self.fields["period"].widget.choices = [("", _("Latest"))] + [
            (period, period_label(period, language)) for period in reversed(periods)
        ]


class MapForm(forms.Form):
    """Which indicator the world map colours the countries by."""

    indicator = forms.ChoiceField(
        label=_("Indicator shown on the map"),
        required=False,
        choices=[
            (indicator.value, indicator.label)
            for indicator in (
                Indicator.MIGRANT_STOCK,
                Indicator.MIGRANT_SHARE_OF_POPULATION,
                Indicator.FEMALE_SHARE_OF_MIGRANTS,
                Indicator.REMITTANCE_INFLOWS,
                Indicator.REMITTANCE_OUTFLOWS,
                Indicator.COST_TO_COUNTRY,
                Indicator.COST_FROM_COUNTRY,
            )
        ],
    )


class ImportForm(forms.Form):
    """A publisher's file to import; its format is recognised unless chosen."""

    file = forms.FileField(label=_("Data file"))
    kind = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("Recognise it from the file"))] + list(DatasetKind.choices),
    )
    vintage_date = forms.DateField(
        label=_("Release date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Only for a file that does not say which release it is (no release date, no "
            "revision named): the date the publisher released it."
        ),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD_BYTES >> 20},
                code=EvidenceError.DATASET_TOO_LARGE,
            )
        return upload
