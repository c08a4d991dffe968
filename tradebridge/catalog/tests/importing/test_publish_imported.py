"""Imported products are published in bulk: everything from one import, or on import for
suppliers whose verification lets them publish at once."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.importing.jobs import (
    import_job_create,
    import_job_process,
    import_job_publish,
)
from tradebridge.catalog.models import ImportJob, Product
from tradebridge.catalog.tests.importing.catalog_files import GOOD, csv_bytes
from tradebridge.catalog.tests.importing.test_pages import client_for
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.models import Company
from tradebridge.core.errors import NotFound, ValidationFailed

pytestmark = pytest.mark.usefixtures("categories")


def _file(rows=GOOD):
    return ContentFile(csv_bytes(rows), name="catalog.csv")


def _verified(team):
    Company.objects.filter(id=team.supplier.id).update(
        verification_level=VerificationLevel.BUSINESS_VERIFIED
    )
    team.supplier.refresh_from_db()
    for membership in (team.owner, team.admin, team.sales):
        membership.company.refresh_from_db()


def _statuses(team):
    products = Product.objects.filter(supplier=team.supplier).order_by("sku")
    return list(products.values_list("sku", "status"))


def _run(team, actor="sales", rows=GOOD, **options) -> ImportJob:
    job = import_job_create(actor=team.member(actor), file=_file(rows), **options)
    import_job_process(job_id=job.pk)
    job.refresh_from_db()
    return job


def test_every_product_of_the_file_remembers_its_import(team):
    first = _run(team)
    second = _run(team, rows=GOOD[:1])

    assert dict(Product.objects.values_list("sku", "import_job_id")) == {
        "BALL-5": second.pk,
        "NET-1": first.pk,
    }


def test_publishing_everything_from_one_import_of_a_verified_supplier(team):
    _verified(team)
    job = _run(team)
    other = _run(team, rows=[["CONE-1", "Cone", "1112", "10:1", "", "", ""]])

    assert import_job_publish(actor=team.sales, job_id=job.pk) == 2
    assert import_job_publish(actor=team.sales, job_id=job.pk) == 0  # idempotent

    assert _statuses(team) == [
        ("BALL-5", ProductStatus.PUBLISHED),
        ("CONE-1", ProductStatus.DRAFT),
        ("NET-1", ProductStatus.PUBLISHED),
    ]
    assert other.publish is False


def test_an_unverified_suppliers_import_goes_to_review(team):
    job = _run(team)

    assert import_job_publish(actor=team.sales, job_id=job.pk) == 2

    assert {status for _, status in _statuses(team)} == {ProductStatus.PENDING_REVIEW}


def test_another_companys_import_does_not_exist(team):
    job = _run(team)

    with pytest.raises(NotFound):
        import_job_publish(actor=team.other_owner, job_id=job.pk)
    with pytest.raises(NotFound):
        import_job_publish(actor=team.viewer, job_id=job.pk)

    assert {status for _, status in _statuses(team)} == {ProductStatus.DRAFT}


def test_publish_on_import_for_a_verified_supplier(team):
    _verified(team)

    job = _run(team, publish=True)

    assert job.publish is True
    assert {status for _, status in _statuses(team)} == {ProductStatus.PUBLISHED}


def test_publish_on_import_is_refused_to_a_supplier_whose_products_wait_for_review(team):
    with pytest.raises(ValidationFailed) as error:
        import_job_create(actor=team.sales, file=_file(), publish=True)

    assert error.value.details == {"field": "publish"}
    assert not ImportJob.objects.exists()


def test_a_dry_run_never_publishes(team):
    _verified(team)

    job = _run(team, publish=True, dry_run=True)

    assert job.publish is False
    assert not Product.objects.exists()


def test_the_import_form_offers_publishing_only_to_verified_suppliers(team):
    url = reverse("catalog_import")
    unverified = client_for(team, "sales").get(url).content.decode()
    _verified(team)
    verified = client_for(team, "sales").get(url).content.decode()

    assert 'name="publish"' not in unverified
    assert 'name="publish"' in verified


def test_the_job_page_publishes_everything_from_the_import(team):
    _verified(team)
    job = _run(team)
    client = client_for(team, "sales")
    page = client.get(reverse("catalog_import_job", args=[job.pk])).content.decode()
    url = reverse("catalog_import_publish", args=[job.pk])
    assert f'action="{url}"' in page

    response = client.post(url, follow=True)

    assert response.redirect_chain == [(reverse("catalog_import_job", args=[job.pk]), 302)]
    assert "2 products published." in response.content.decode()
    assert {status for _, status in _statuses(team)} == {ProductStatus.PUBLISHED}


def test_publish_on_import_leaves_drafts_when_the_company_was_suspended_meanwhile(team):
    _verified(team)
    job = import_job_create(actor=team.sales, file=_file(), publish=True)
    Company.objects.filter(id=team.supplier.id).update(is_active=False)

    import_job_process(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == "succeeded"
    assert {status for _, status in _statuses(team)} == {ProductStatus.DRAFT}
