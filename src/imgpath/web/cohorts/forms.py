"""The upload form: a CSV or XLSX file under the size limit, read whole by the cohort service; a file
with any bad row is refused whole, its problems listed by row and column."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from imgpath.cohort import CohortError, Person, RowProblem, read_csv, read_xlsx
from imgpath.web.advising.models import Organisation
from imgpath.web.cohorts.runs import MAX_ROWS

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
"""An uploaded file's size limit: 10,000 rows of the template fit in well under it."""


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Share with an organisation"),
        help_text=_("Its advisers see the run and its results. Leave empty to keep it to yourself."),
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations if organisations is not None else Organisation.objects.none()
        self.people: list[Person] = []
        self.problems: list[RowProblem] = []

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = str(upload.name or "")
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is over the limit of %(megabytes)s MB."),
                params={"megabytes": MAX_UPLOAD_BYTES // 2**20},
            )
        lower = name.lower()
        if not lower.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file (the template's formats)."))
        reader = read_xlsx if lower.endswith(".xlsx") else read_csv
        try:
            self.people = reader(upload, file=name, max_rows=MAX_ROWS)
        except CohortError as error:
            self.problems = error.problems
            raise forms.ValidationError(_("The file was not saved: correct the rows listed below.")) from None
        if not self.people:
            raise forms.ValidationError(_("The file has a header but no people."))
        return upload
