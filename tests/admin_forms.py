"""Driving the admin's change forms as a browser would: the data a form posts unchanged."""


def admin_change_form(client, url: str) -> tuple[str, dict[str, str]]:
    """The data the admin's change page at `url` would post unchanged."""
    page = client.get(url)
    assert page.status_code == 200
    data: dict[str, str] = {}
    form = page.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is not None and value is not False:
            data[name] = "on" if value is True else str(value)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = str(value)
        for sub in formset.forms:
            for name, field in sub.fields.items():
                value = sub.initial.get(name, field.initial)
                if hasattr(value, "pk"):
                    value = value.pk
                if value is not None and value is not False:
                    data[f"{sub.prefix}-{name}"] = str(value)
    return url, data


def admin_errors(response) -> list:
    """What the admin refused, to say why a test's post did not go through."""
    form = response.context["adminform"].form
    inlines = [inline.formset for inline in response.context["inline_admin_formsets"]]
    return [form.errors, *[(f.errors, f.non_form_errors()) for f in inlines]]
