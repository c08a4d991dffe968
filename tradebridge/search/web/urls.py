from django.urls import URLPattern, path

from tradebridge.search.web import views

# A category's landing page is a product search narrowed to it; it keeps the name the catalog's
# links reverse (`catalog_category`).
urlpatterns: list[URLPattern] = [
    path("search/", views.product_search, name="search_products"),
    path("search/suppliers/", views.supplier_search, name="search_suppliers"),
    path("search/suggest/", views.suggestions, name="search_suggest"),
    path("search/click/", views.click, name="search_click"),
    path("categories/<int:category_id>/<slug:slug>/", views.category_page, name="catalog_category"),
]
