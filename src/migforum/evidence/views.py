"""Evidence pages: the datasets with their provenance, and the progress of an import."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from migforum.core.permissions import Action, can

from .models import DataImport, Dataset


def evidence_home(request: HttpRequest) -> HttpResponse:
    datasets = Dataset.objects.select_related("imported_by")
    return render(request, "evidence/home.html", {"datasets": datasets})


def dataset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = get_object_or_404(Dataset, pk=pk)
    if request.GET.get("download") == "original":
        return FileResponse(dataset.file.open("rb"), as_attachment=True, filename=dataset.file_name)
    return render(request, "evidence/dataset_detail.html", {"dataset": dataset})


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    data_import = get_object_or_404(DataImport.objects.select_related("dataset"), pk=pk)
    if not can(request.user, Action.IMPORT_DATA):
        raise Http404
    # htmx polls for the progress alone.
    partial = request.headers.get("HX-Request") == "true"
    template = "evidence/_import_progress.html" if partial else "evidence/import_detail.html"
    return render(request, template, {"data_import": data_import})
