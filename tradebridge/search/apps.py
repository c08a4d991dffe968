from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "tradebridge.search"
    label = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # RFQ matching (below search) judges text similarity with this node's product
        # vectors when it has them; rfq cannot import search, so search registers itself.
        from tradebridge.rfq.matching.similarity import similarity_provider_set
        from tradebridge.search.supplier_similarity import VectorSupplierSimilarity

        similarity_provider_set(VectorSupplierSimilarity())
