from django.urls import URLPattern, path

from tradebridge.catalog.web import browse, imports, manage, product
from tradebridge.catalog.web.media import catalog_media

urlpatterns: list[URLPattern] = [
    path("categories/", browse.categories, name="catalog_categories"),
    path("suppliers/<slug:slug>/", browse.storefront, name="catalog_storefront"),
    path("products/<uuid:product_id>/<slug:slug>/", product.product_page, name="catalog_product"),
    path(
        "products/<uuid:product_id>/<slug:slug>/price/",
        product.product_quote,
        name="catalog_product_quote",
    ),
    path("supplier/catalog/", manage.product_list, name="catalog_manage_list"),
    path("supplier/catalog/new/", manage.product_new, name="catalog_manage_new"),
    path(
        "supplier/catalog/publish/",
        manage.product_publish_selected,
        name="catalog_manage_publish",
    ),
    path("supplier/catalog/import/", imports.import_jobs, name="catalog_import"),
    path("supplier/catalog/import/format/", imports.import_format, name="catalog_import_format"),
    path(
        "supplier/catalog/import/template.csv",
        imports.import_template,
        name="catalog_import_template",
    ),
    path("supplier/catalog/import/<uuid:job_id>/", imports.import_job, name="catalog_import_job"),
    path(
        "supplier/catalog/import/<uuid:job_id>/publish/",
        imports.import_job_publish_all,
        name="catalog_import_publish",
    ),
    path(
        "supplier/catalog/export.<str:file_format>",
        imports.catalog_download,
        name="catalog_export",
    ),
    path(
        "supplier/catalog/categories/",
        manage.category_options,
        name="catalog_manage_categories",
    ),
    path("supplier/catalog/tier-row/", manage.tier_row, name="catalog_manage_tier_row"),
    path("supplier/catalog/<uuid:product_id>/", manage.product_edit, name="catalog_manage_edit"),
    path(
        "supplier/catalog/<uuid:product_id>/delete/",
        manage.product_remove,
        name="catalog_manage_delete",
    ),
    path(
        "supplier/catalog/<uuid:product_id>/status/<slug:action>/",
        manage.product_status,
        name="catalog_manage_status",
    ),
    path(
        "supplier/catalog/<uuid:product_id>/images/",
        manage.image_add,
        name="catalog_manage_image_add",
    ),
    path(
        "supplier/catalog/<uuid:product_id>/images/<uuid:image_id>/remove/",
        manage.image_remove,
        name="catalog_manage_image_remove",
    ),
    path("media/catalog/<path:path>", catalog_media, name="catalog_media"),
]
