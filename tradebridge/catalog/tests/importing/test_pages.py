"""The supplier's import page, job page and catalog download: who may, what they see."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tradebridge.catalog.enums import ImportStatus
from tradebridge.catalog.models import ImportJob, Product
from tradebridge.catalog.tests.factories import ImportJobFactory, ProductFactory
from tradebridge.catalog.tests.importing.catalog_files import GOOD, csv_bytes
from tradebridge.core.tests.web.html_policy import csp_violations

pytestmark = pytest.mark.usefixtures("categories")

MANAGERS = ("owner", "admin", "sales")
NOT_MANAGERS = ("purchaser", "viewer", "buyer_owner")
IMPORT_URL = reverse("catalog_import")


def client_for(team, actor):
    client = Client()
    if actor != "anonymous":
        client.force_login(team.member(actor).user)
    return client


def upload(client, data=None, name="catalog.csv", **fields):
    data = csv_bytes([*GOOD, ["BAD", "Ball", "", "10:0", "", "", ""]]) if data is None else data
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data), **fields})


@pytest.mark.parametrize("actor", MANAGERS)
def test_managers_see_the_upload_form(team, actor):
    response = client_for(team, actor).get(IMPORT_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert csp_violations(html) == []


@pytest.mark.parametrize("actor", NOT_MANAGERS)
def test_the_page_does_not_exist_for_others(team, actor):
    client = client_for(team, actor)

    assert client.get(IMPORT_URL).status_code == 404
    assert upload(client).status_code == 404
    assert client.get(reverse("catalog_export", args=["csv"])).status_code == 404
    assert not ImportJob.objects.exists()
    assert not Product.objects.exists()


def test_anonymous_visitors_go_to_sign_in(team):
    client = client_for(team, "anonymous")

    response = upload(client)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get(IMPORT_URL).status_code == 302
    assert not ImportJob.objects.exists()


def test_an_upload_runs_as_a_job_and_shows_its_result(team, django_capture_on_commit_callbacks):
    client = client_for(team, "sales")

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client)

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog_import_job", args=[job.pk])
    assert (job.supplier, job.created_by, job.status) == (
        team.supplier,
        team.sales.user,
        ImportStatus.SUCCEEDED,
    )
    assert (job.processed_rows, job.created_count, job.error_count) == (3, 2, 1)
    assert job.errors == [
        {"line": 4, "column": "price_tiers", "reason": "a unit price must be more than 0"}
    ]
    page = client.get(response["Location"]).content.decode()
    assert "a unit price must be more than 0" in page
    assert 'hx-trigger="every' not in page  # a finished job stops polling
    assert csp_violations(page) == []
    assert client.get(IMPORT_URL).content.decode().count("catalog.csv") == 1


def test_a_dry_run_job_changes_nothing(team, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(client_for(team, "owner"), dry_run="on")

    job = ImportJob.objects.get()
    assert (job.dry_run, job.status, job.created_count) == (True, ImportStatus.SUCCEEDED, 2)
    assert not Product.objects.exists()


def test_an_unreadable_file_fails_the_job_with_one_error(team, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(client_for(team, "owner"), data="sku,title\nA,café\n".encode("latin-1"))

    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED
    assert [(error["line"], error["code"]) for error in job.errors] == [(0, "encoding")]
    assert not Product.objects.exists()


def test_a_wrong_extension_is_a_form_error(team):
    response = upload(client_for(team, "owner"), name="catalog.exe")

    assert response.status_code == 400
    assert "Upload a .csv, .xlsx or .jsonl file." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_running_job_polls_its_partial(team):
    job = ImportJobFactory.create(
        supplier=team.supplier, status=ImportStatus.RUNNING, total_rows=200, processed_rows=50
    )
    client = client_for(team, "sales")
    url = reverse("catalog_import_job", args=[job.pk])

    page = client.get(url).content.decode()
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()

    assert '<meta http-equiv="refresh" content="2">' in page
    assert partial.strip().startswith('<div id="import-job" hx-get="')
    assert 'hx-trigger="every 1s"' in partial
    assert 'value="25"' in partial
    assert "<html" not in partial


def test_row_errors_are_paginated(team):
    errors = [{"line": n, "column": "sku", "reason": f"reason {n}"} for n in range(2, 122)]
    job = ImportJobFactory.create(
        supplier=team.supplier, status=ImportStatus.SUCCEEDED, errors=errors, error_count=120
    )
    url = reverse("catalog_import_job", args=[job.pk])

    third = client_for(team, "owner").get(url, {"page": 3}).content.decode()

    assert "reason 102" in third
    assert "reason 101" not in third


@pytest.mark.parametrize("actor", ["other_owner", "buyer_owner", "purchaser"])
def test_another_companys_job_does_not_exist(team, actor):
    job = ImportJobFactory.create(supplier=team.supplier, status=ImportStatus.SUCCEEDED)

    response = client_for(team, actor).get(reverse("catalog_import_job", args=[job.pk]))

    assert response.status_code == 404


def test_the_job_list_shows_only_the_company_s_jobs(team):
    ImportJobFactory.create(supplier=team.supplier, filename="mine.csv")
    ImportJobFactory.create(supplier=team.other_supplier, filename="theirs.csv")

    html = client_for(team, "owner").get(IMPORT_URL).content.decode()

    assert "mine.csv" in html
    assert "theirs.csv" not in html


def test_the_download_is_the_company_s_catalog(team):
    ProductFactory.create(supplier=team.supplier, sku="MINE", title="=1+1")
    ProductFactory.create(supplier=team.other_supplier, sku="THEIRS")

    response = client_for(team, "sales").get(reverse("catalog_export", args=["csv"]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="xiamen-balls-catalog.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(row["sku"], row["title"]) for row in rows] == [("MINE", "'=1+1")]
    assert client_for(team, "sales").get("/supplier/catalog/export.exe").status_code == 404


@pytest.mark.parametrize(
    ("seconds", "language", "shown"),
    [
        (0.4, "en", "under a second"),
        (12.7, "en", "12 s"),
        (12, "zh-hans", "12 秒"),
        (59, "de", "59 s"),
        (185, "en", "3\xa0minutes"),
    ],
)
def test_a_finished_jobs_duration_shows_seconds_under_a_minute(team, seconds, language, shown):
    started = timezone.now() - timedelta(minutes=5)
    job = ImportJobFactory.create(
        supplier=team.supplier,
        status=ImportStatus.SUCCEEDED,
        started_at=started,
        finished_at=started + timedelta(seconds=seconds),
    )
    client = client_for(team, "owner")

    page = client.get(reverse("catalog_import_job", args=[job.pk]), HTTP_ACCEPT_LANGUAGE=language)

    assert f"<dd>{shown}</dd>" in page.content.decode()


def test_an_unfinished_job_has_no_duration(team):
    job = ImportJobFactory.create(
        supplier=team.supplier, status=ImportStatus.RUNNING, started_at=timezone.now()
    )

    page = client_for(team, "owner").get(reverse("catalog_import_job", args=[job.pk]))

    assert "Duration" not in page.content.decode()
