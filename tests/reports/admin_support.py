"""Driving the admin the way a browser does: GET a change page, post its form back."""

from __future__ import annotations

import io
from pathlib import Path

from django import forms
from django.core.management import call_command
from django.urls import reverse

DATA = Path(__file__).resolve().parent / "data"  # report pages modelled on real portals


def load(*paths: Path) -> str:
    out = io.StringIO()
    call_command("load_reports", *map(str, paths), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def change_form_data(response, *, crlf: bool = False) -> dict:
    """What a browser would post back, untouched, from an admin change page (inlines too).
    `crlf`: as browsers post a textarea, with CRLF line ends."""
    data: dict = {"_save": "Save"}
    forms_ = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms_ += [inline.formset.management_form, *inline.formset.forms]
    for form in forms_:
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(field.widget, forms.CheckboxInput):
                if value:
                    data[key] = "on"
            elif value is not None:
                if crlf and isinstance(field.widget, forms.Textarea) and isinstance(value, str):
                    value = value.replace("\n", "\r\n")
                data[key] = value
            if field.show_hidden_initial:  # the browser posts these hidden inputs too
                data[form.add_initial_prefix(name)] = field.prepare_value(form[name].initial)
    return data


def prefix_of(response, model_name: str) -> str:
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model._meta.model_name == model_name:
            return inline.formset.prefix
    raise LookupError(model_name)


def edit_report(client, report, change, *, crlf: bool = False, expect_error: bool = False):
    """GET the change page, let `change(data, response)` edit the form data, POST it back.
    Returns the response (the form again, with errors, when `expect_error`)."""
    url = reverse("admin:reports_report_change", args=[report.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = change_form_data(response, crlf=crlf)
    change(data, response)
    posted = client.post(url, data)
    if expect_error:
        assert posted.status_code == 200, posted
        return posted
    assert posted.status_code == 302, (
        posted.context["adminform"].form.errors if posted.context else posted
    )
    return posted


def rewrite(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
