"""An import whose worker died ends failed, saying so on its page, without its copy of the file."""

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from migforum.core.choices import ImportStatus
from migforum.core.jobs import interrupted_tasks_fail
from migforum.evidence.services import data_import_request
from migforum.evidence.tasks import import_file

pytestmark = pytest.mark.django_db


def claimed_by_a_dead_worker(data_import):
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [data_import.pk], "kwargs": {}},
        task_path=import_file.module_path,
        worker_ids=["dead-worker"],
        backend_name="default",
        run_after=timezone.now(),
    )


@pytest.fixture
def interrupted(tmp_path, analyst_of_iom):
    """An import that was running when its worker was killed."""
    path = tmp_path / "stocks.csv"
    path.write_text("destination,year,value\nMAR,2020,100\n")
    data_import = data_import_request(path=path, by=analyst_of_iom, enqueue=False)
    data_import.status = ImportStatus.RUNNING
    data_import.save()
    claimed_by_a_dead_worker(data_import)
    return data_import


def test_an_import_whose_worker_died_is_shown_interrupted(interrupted, analyst_of_iom):
    interrupted_tasks_fail()

    client = Client()
    client.force_login(analyst_of_iom)
    page = client.get(interrupted.get_absolute_url()).content.decode()
    assert "Failed" in page
    assert (
        "Interrupted: the background worker stopped while importing this file. Import it again."
        in page
    )
    assert "hx-trigger" not in page  # no more polling
    interrupted.refresh_from_db()
    assert interrupted.status == ImportStatus.FAILED
    assert interrupted.finished_at is not None


def test_an_interrupted_import_leaves_no_copy_of_its_file(
    interrupted, django_capture_on_commit_callbacks
):
    stored = interrupted.file.name
    assert default_storage.exists(stored)

    with django_capture_on_commit_callbacks(execute=True):
        interrupted_tasks_fail()

    interrupted.refresh_from_db()
    assert interrupted.file.name == ""
    assert not default_storage.exists(stored)


def test_an_import_that_ended_before_its_worker_died_is_left_as_it_was(interrupted):
    interrupted.status = ImportStatus.DONE
    interrupted.save()

    interrupted_tasks_fail()

    interrupted.refresh_from_db()
    assert interrupted.status == ImportStatus.DONE
    assert interrupted.error == ""


def test_an_import_whose_worker_died_after_writing_its_dataset_is_done(
    interrupted, django_capture_on_commit_callbacks
):
    from migforum.evidence.models import Dataset

    # the release was written, then the worker died before saying so
    dataset = Dataset.objects.create(
        kind="undesa_stock_bilateral",
        title="Stocks",
        vintage="2020",
        file=interrupted.file.name,
        file_name=interrupted.file_name,
        sha256=interrupted.sha256,
        imported_at=timezone.now(),
    )

    with django_capture_on_commit_callbacks(execute=True):
        interrupted_tasks_fail()

    interrupted.refresh_from_db()
    assert interrupted.status == ImportStatus.DONE
    assert interrupted.dataset == dataset
    assert default_storage.exists(dataset.file.name)
