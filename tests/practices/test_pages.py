"""The practice pages: the finder with its facets and exports, a practice with its analysis,
the forms of the review cycle, versions and calls — and who sees what."""

import csv
import io
import json
import tracemalloc

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import Client
from django.utils import timezone

from migforum.core.choices import ImportStatus
from migforum.core.csv_export import BOM
from migforum.core.search import search
from migforum.practices.choices import ReviewStatus
from migforum.practices.models import (
    CallForPractices,
    Practice,
    PracticeImport,
    PracticeTranslation,
)

from ..conftest import verified_client
from .conftest import publish_through_review
from .test_workflow import ALL_MET

pytestmark = pytest.mark.django_db


def streamed_json(response):
    return json.loads(b"".join(response.streaming_content))


@pytest.fixture
def published(
    django_capture_on_commit_callbacks,
    draft,
    focal_point_of_morocco,
    secretariat_user,
    analyst_of_ilo,
):
    return publish_through_review(
        draft,
        owner_user=focal_point_of_morocco,
        secretariat=secretariat_user,
        reviewer=analyst_of_ilo,
        ratings=ALL_MET,
        analysis="The accounts lowered the cost of sending money home.",
        capture_on_commit=django_capture_on_commit_callbacks,
    )


def test_anonymous_readers_find_published_practices_with_facets(client, published):
    response = client.get("/practices/", {"q": "savings", "theme": "remittances"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<mark>Savings</mark>" in body
    assert 'data-facet="country" data-value="MAR"' in body

    page = client.get(published.get_absolute_url()).content.decode()
    assert "The accounts lowered the cost" in page  # the analysis beside the practice
    assert "International Labour Organization" in page


def test_a_result_names_its_level_and_themes_as_the_reader_writes_a_list(client, published):
    english = client.get("/practices/?q=savings").content.decode()
    assert "National · Remittances and financial inclusion and Diaspora engagement" in english
    arabic = client.get("/ar/practices/?q=savings").content.decode()
    assert "وطني · التحويلات المالية والشمول المالي وإشراك المغتربين" in arabic
    assert '<p class="muted">Morocco · 2004</p>' in english  # the owner and the years


def test_a_result_not_translated_is_marked_with_its_own_language(client, published):
    french = client.get("/fr/practices/?q=savings").content.decode()
    assert 'class="result-title" href="/fr/practices/' in french
    assert 'dir="auto" lang="en">' in french
    assert 'class="snippet" dir="auto" lang="en">' in french
    english = client.get("/practices/?q=savings").content.decode()
    assert 'lang="en">' not in english.split("<main", 1)[1]


def test_a_query_of_many_words_searches_the_first_12_and_names_the_rest(client, published):
    # 12 distinct words of the practice, two of them again in capitals, then two more.
    words = (
        "savings development accounts moroccans abroad migrants spain open finance housing "
        "small businesses"
    )
    query = f"{words} SAVINGS Accounts qwertyuiop lowering"

    page = client.get("/practices/", {"q": query})
    api = client.get("/api/v1/practices", {"q": query})

    assert page.status_code == 200
    html = page.content.decode()
    assert "<mark>Savings</mark>" in html
    assert "Only the first 12 words were searched; left out: qwertyuiop, lowering." in html
    body = api.json()
    assert [p["id"] for p in body["results"]] == [published.pk]
    assert body["words_left_out"] == ["qwertyuiop", "lowering"]
    assert (
        body["notice"] == "Only the first 12 words were searched; left out: qwertyuiop, lowering."
    )


def test_drafts_stay_with_their_circle(client, draft, focal_point_of_morocco, france):
    from migforum.core.choices import RoleKind

    from ..factories import RoleFactory

    url = draft.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client.get(f"/history/practice/{draft.pk}/").status_code == 404
    assert "for development accounts" not in client.get("/practices/?q=savings").content.decode()
    exported = streamed_json(client.get("/practices/export.json"))
    assert exported["total"] == 0
    assert search("savings", language="en").total == 0 or all(
        h.kind != "practices.practice" for h in search("savings", language="en").hits
    )
    french = Client()
    french.force_login(RoleFactory(kind=RoleKind.FOCAL_POINT, state=france, organization=None).user)
    assert french.get(url).status_code == 404
    assert french.get(f"/practices/{draft.pk}/edit/").status_code == 404

    own = Client()
    own.force_login(focal_point_of_morocco)
    assert own.get(url).status_code == 200
    assert "for development accounts" in own.get("/practices/?q=savings").content.decode()
    assert streamed_json(own.get("/practices/export.json"))["total"] == 1


def test_exports_carry_the_same_results(client, published):
    text = b"".join(client.get("/practices/export.csv?country=ESP").streaming_content).decode()
    assert text.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(text.removeprefix(BOM))))
    assert [r["title"] for r in rows] == [published.title]
    assert rows[0]["countries"] == "MAR:origin; ESP:destination" or set(
        rows[0]["countries"].split("; ")
    ) == {"MAR:origin", "ESP:destination"}
    data = streamed_json(client.get("/practices/export.json?country=FRA"))
    assert data == {"total": 0, "practices": []}


def test_an_export_is_in_the_readers_language_where_the_practice_is_translated(client, published):
    PracticeTranslation.objects.create(
        practice=published, language="fr", title="Comptes d’épargne pour le développement"
    )

    data = streamed_json(client.get("/fr/practices/export.json?country=ESP"))

    row = data["practices"][0]
    assert row["title"] == "Comptes d’épargne pour le développement"
    assert row["summary"] == published.summary  # not translated: in the practice's own words
    assert row["url"] == f"http://testserver/fr/practices/{published.pk}/"
    assert row["owner"] == "Morocco"
    assert sorted(row["countries"]) == ["ESP:destination", "MAR:origin"]
    assert row["review_status"] == "published"


def test_a_bad_facet_gets_a_clear_error(client):
    response = client.get("/practices/", {"colour": "blue"})
    assert response.status_code == 400
    assert "Unknown facet: colour" in response.content.decode()


def test_an_owner_drafts_and_submits_through_the_pages(focal_point_of_morocco):
    client = Client()
    client.force_login(focal_point_of_morocco)
    form = {
        "language": "fr",
        "title": "Projets de codéveloppement",
        "summary": "Les associations de migrants financent des projets dans leurs villages.",
        "themes": ["diaspora"],
        "level": "local",
        "origin": [str(focal_point_of_morocco.roles.first().state_id)],
        "implementer_name": "Association Migrations et Développement",
        "implementer_kind": "civil_society",
        "partners": "Agence française de développement (government)",
        "start_year": "1986",
        "implementation_status": "ongoing",
        "contacts": "J. Dupont | coordinateur | j.dupont@example.org",
        "links": "Site | https://example.org/md",
        "objectives": ["19"],
    }
    half_done = client.post(
        "/practices/new/", {**form, "start_year": "19x6", "contacts": "X | y | not-an-email"}
    )
    assert half_done.status_code == 200
    body = half_done.content.decode()
    assert "Projets de codéveloppement" in body  # nothing typed is lost
    assert "not-an-email" in body
    assert "is not an e-mail address" in body
    response = client.post("/practices/new/", form)
    assert response.status_code == 302
    practice = Practice.objects.get(title="Projets de codéveloppement")
    assert practice.review_status == ReviewStatus.DRAFT
    assert practice.partners.get().kind == "government"
    assert practice.contacts[0]["email"] == "j.dupont@example.org"
    client.post(f"/practices/{practice.pk}/submit/")
    practice.refresh_from_db()
    assert practice.review_status == ReviewStatus.SUBMITTED
    assert client.get(f"/practices/{practice.pk}/edit/").status_code == 403


def test_versions_show_what_changed(published, focal_point_of_morocco):

    client = Client()
    response = client.get(f"/practices/{published.pk}/versions/1/")
    assert response.status_code == 200
    assert "Savings for development" in response.content.decode()


def test_the_secretariat_opens_and_closes_calls(secretariat_user, focal_point_of_morocco):
    client = verified_client(secretariat_user)
    deadline = (timezone.now() + timezone.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/practices/calls/new/",
        {
            "title": "Lowering the cost of remittances",
            "theme": "remittances",
            "description": "Practices that bring transfer costs under 3%.",
            "opens_at": timezone.now().strftime("%Y-%m-%dT%H:%M"),
            "deadline": deadline,
        },
    )
    assert response.status_code == 302
    call = CallForPractices.objects.get()
    assert call.is_open
    owner = Client()
    owner.force_login(focal_point_of_morocco)
    assert "Lowering the cost of remittances" in owner.get("/practices/").content.decode()
    client.post(f"/practices/calls/{call.pk}/close/")
    call.refresh_from_db()
    assert not call.is_open
    # A focal point cannot open calls.
    assert owner.post("/practices/calls/new/", {}).status_code == 403


def test_a_translation_is_shown_to_its_readers_and_found_by_its_words(
    client, draft, focal_point_of_morocco
):
    owner = Client()
    owner.force_login(focal_point_of_morocco)
    response = owner.post(
        f"/practices/{draft.pk}/translations/fr/",
        {
            "title": "Comptes d'épargne pour le développement",
            "summary": "Les migrants marocains en Espagne ouvrent des comptes d'épargne.",
        },
    )
    assert response.status_code == 302
    assert draft.translations.get().language == "fr"
    french_page = owner.get(f"/fr/practices/{draft.pk}/").content.decode()
    assert "Comptes d&#x27;épargne pour le développement" in french_page
    assert "for development accounts" in owner.get("/practices/?q=epargne").content.decode()
    assert owner.get(f"/practices/{draft.pk}/translations/en/").status_code == 404
    assert client.get(f"/practices/{draft.pk}/translations/fr/").status_code == 302  # sign in


def test_the_country_profile_and_the_home_page_point_to_practices(client, published, draft):
    page = client.get("/states/ESP/").content.decode()
    assert "Savings for development accounts" in page
    assert "/practices/?country=ESP" in page
    assert "involving this country" not in client.get("/states/FRA/").content.decode()
    home = client.get("/").content.decode()
    assert "<strong>1</strong> published practices" in home


# Importing a catalogue


def test_the_import_page_queues_the_import_and_its_page_shows_the_outcome(
    focal_point_of_morocco, django_capture_on_commit_callbacks
):
    # given
    owner = Client()
    owner.force_login(focal_point_of_morocco)
    template = owner.get("/practices/import/template.csv").content
    assert template.startswith(BOM.encode() + b"title,summary")

    # when: the file is sent; the task runs once the request's transaction commits
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = owner.post(
            "/practices/import/", {"file": SimpleUploadedFile("catalogue.csv", template)}
        )

    # then: the request stored and queued it, and sends the owner to the import's page
    practice_import = PracticeImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/practices/import/{practice_import.pk}/"
    assert len(callbacks) == 1
    assert not Practice.objects.exists()
    waiting = owner.get(response["Location"]).content.decode()
    assert "Waiting to start" in waiting
    assert f'hx-get="/practices/import/{practice_import.pk}/"' in waiting

    # when: the task runs
    callbacks[0]()

    # then: the page shows the outcome and stops polling
    page = owner.get(response["Location"]).content.decode()
    assert "2 practices imported as drafts; 0 already there." in page
    assert "/practices/?review=draft&amp;sort=newest" in page
    assert "hx-get" not in page
    assert Practice.objects.filter(owner_state__iso3="MAR").count() == 2
    assert "MIDA" in owner.get("/practices/?q=diaspora").content.decode()
    assert "catalogue.csv" in owner.get("/practices/import/").content.decode()


def test_the_import_page_shows_every_error_and_nothing_is_imported(
    focal_point_of_morocco, django_capture_on_commit_callbacks
):
    owner = Client()
    owner.force_login(focal_point_of_morocco)
    template = owner.get("/practices/import/template.csv").content
    bad = template.replace(b"MAR:origin", b"XYZ:origin", 1)

    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post("/practices/import/", {"file": SimpleUploadedFile("c.csv", bad)})
    page = owner.get(response["Location"]).content.decode()

    assert "1 error; nothing was imported." in page
    assert "Row 2, countries: &quot;XYZ&quot; is not the ISO3 code of a State." in page
    assert "Failed" in page
    assert not Practice.objects.exists()


def test_a_deeply_nested_json_file_gives_a_clear_error_on_the_import_page(
    focal_point_of_morocco, django_capture_on_commit_callbacks
):
    owner = Client()
    owner.force_login(focal_point_of_morocco)
    deep = b"[" * 100_000 + b"]" * 100_000

    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post("/practices/import/", {"file": SimpleUploadedFile("p.json", deep)})
    page = owner.get(response["Location"])

    assert response.status_code == 302
    assert page.status_code == 200
    assert "The JSON file nests lists or objects more than 20 levels deep" in page.content.decode()
    assert PracticeImport.objects.get().status == ImportStatus.FAILED


def test_htmx_polls_for_the_progress_alone(
    focal_point_of_morocco, django_capture_on_commit_callbacks
):
    owner = Client()
    owner.force_login(focal_point_of_morocco)
    with django_capture_on_commit_callbacks(execute=False):
        response = owner.post(
            "/practices/import/", {"file": SimpleUploadedFile("c.csv", b"title,summary\nx,y\n")}
        )
    PracticeImport.objects.update(
        status=ImportStatus.RUNNING, step="Checking the rows", done=120, total=400
    )

    partial = owner.get(response["Location"], headers={"HX-Request": "true"}).content.decode()

    assert partial.startswith('<div class="import-progress"')
    assert "<html" not in partial
    assert '<progress max="400" value="120">' in partial
    assert "Importing</strong> — Checking the rows" in partial


def test_the_import_page_never_reads_the_upload_whole(focal_point_of_morocco, monkeypatch):
    """By design: an upload larger than Django's 2.5 MB in memory reaches the service as a
    temporary file, written as it arrives, and goes into storage by a move or a copy in
    chunks; the file is read in the background task, from storage. Here any read of more than
    a chunk fails the request."""

    def read_in_chunks_only(self, size=-1):
        assert 0 <= size <= 1 << 16, f"the upload was read whole (read({size}))"
        return self.file.read(size)

    monkeypatch.setattr(TemporaryUploadedFile, "read", read_in_chunks_only, raising=False)
    owner = Client()
    owner.force_login(focal_point_of_morocco)
    data = b"title,summary\n" + b"A practice,What it does\n" * 200_000

    response = owner.post("/practices/import/", {"file": ContentFile(data, name="c.csv")})

    assert response.status_code == 302
    assert PracticeImport.objects.get().file.read() == data


def test_the_memory_of_the_import_request_does_not_grow_with_the_file(
    focal_point_of_morocco, tmp_path
):
    # given: two uploads, of 1 MB and 24 MB, whose bodies stream from disk into the server
    owner = Client()
    owner.force_login(focal_point_of_morocco)

    def peak_while_posting(rows: int) -> int:
        body = tmp_path / f"body-{rows}"
        with body.open("wb") as out:
            out.write(
                b"--BoUnDaRy\r\n"
                b'Content-Disposition: form-data; name="file"; filename="c.csv"\r\n'
                b"Content-Type: text/csv\r\n\r\ntitle,summary\r\n"
            )
            for _chunk in range(rows // 1_000):
                out.write(b"A practice,What it does for whom and how\r\n" * 1_000)
            out.write(b"\r\n--BoUnDaRy--\r\n")
        with body.open("rb") as stream:
            tracemalloc.start()
            try:
                response = owner.request(
                    REQUEST_METHOD="POST",
                    PATH_INFO="/practices/import/",
                    CONTENT_TYPE="multipart/form-data; boundary=BoUnDaRy",
                    CONTENT_LENGTH=str(body.stat().st_size),
                    **{"wsgi.input": stream},
                )
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
        assert response.status_code == 302
        return peak

    # when
    small = peak_while_posting(25_000)
    large = peak_while_posting(600_000)

    # then: the larger file costs the request no more memory than a small one
    assert PracticeImport.objects.count() == 2
    assert PracticeImport.objects.order_by("id").last().file.size > 24_000_000
    assert large < 8 << 20, f"{large:,} bytes at the peak for a 24 MB file"
    assert large < small + (2 << 20), f"peaks: {small:,} and {large:,} bytes"


def test_only_the_owners_people_and_the_secretariat_see_an_import(
    focal_point_of_morocco, morocco, france, secretariat_user, analyst_of_ilo
):
    from migforum.core.choices import RoleKind

    from ..factories import RoleFactory

    owner = Client()
    owner.force_login(focal_point_of_morocco)
    # (the task is not run: in a test's transaction nothing commits)
    response = owner.post(
        "/practices/import/", {"file": SimpleUploadedFile("c.csv", b"title,summary\nx,y\n")}
    )
    url = response["Location"]
    colleague = Client()
    colleague.force_login(
        RoleFactory(kind=RoleKind.FOCAL_POINT, state=morocco, organization=None).user
    )
    french = Client()
    french.force_login(RoleFactory(kind=RoleKind.FOCAL_POINT, state=france, organization=None).user)
    analyst = Client()
    analyst.force_login(analyst_of_ilo)

    assert colleague.get(url).status_code == 200
    assert verified_client(secretariat_user).get(url).status_code == 200
    assert french.get(url).status_code == 404
    assert analyst.get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to sign in
    assert french.get("/practices/import/").status_code == 200
    assert "c.csv" not in french.get("/practices/import/").content.decode()


def test_attached_files_follow_the_practice(
    client, draft, focal_point_of_morocco, settings, tmp_path
):
    from migforum.practices.services import attachment_add

    settings.MEDIA_ROOT = tmp_path
    attachment = attachment_add(
        practice=draft,
        by=focal_point_of_morocco,
        title="Evaluation 2006",
        upload=SimpleUploadedFile("evaluation.pdf", b"%PDF-1.4 evaluation"),
    )
    url = f"/practices/{draft.pk}/files/{attachment.pk}/"
    assert client.get(url).status_code == 404  # a draft's files are as private as the draft
    owner = Client()
    owner.force_login(focal_point_of_morocco)
    response = owner.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evaluation"
    assert url in owner.get(draft.get_absolute_url()).content.decode()
