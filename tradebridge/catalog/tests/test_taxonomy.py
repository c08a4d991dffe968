import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tradebridge.catalog.models import Category, Product
from tradebridge.catalog.services import categories_load
from tradebridge.catalog.taxonomy import (
    TaxonomyInvalid,
    TaxonomyNode,
    parse_taxonomy,
    read_taxonomy,
)
from tradebridge.catalog.tests.factories import ProductFactory

SAMPLE = """# Google_Product_Taxonomy_Version: 2019-07-10
988 - Sporting Goods
499713 - Sporting Goods > Athletics
1111 - Sporting Goods > Athletics > Soccer
1112 - Sporting Goods > Athletics > Soccer > Soccer Balls
"""


def test_the_shipped_file_has_every_category_with_parents_first() -> None:
    nodes = read_taxonomy()
    seen: set[int] = set()
    for node in nodes:
        assert node.parent_id is None or node.parent_id in seen
        seen.add(node.id)

    assert len(nodes) == 5582
    assert sum(1 for node in nodes if node.depth == 0) == 21
    assert max(node.depth for node in nodes) == 6


def test_a_line_becomes_a_node_with_parent_path_and_depth() -> None:
    nodes = parse_taxonomy(io.StringIO(SAMPLE))

    assert nodes[-1] == TaxonomyNode(
        id=1112,
        name="Soccer Balls",
        path="Sporting Goods > Athletics > Soccer > Soccer Balls",
        parent_id=1111,
        depth=3,
    )
    assert nodes[0].parent_id is None


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("988 Sporting Goods\n", 1, "expected 'id - Level 1 > Level 2'"),
        ("abc - Sporting Goods\n", 1, "expected 'id - Level 1 > Level 2'"),
        ("0 - Sporting Goods\n", 1, "id out of range"),
        ("1 - A\n2 - A > \n", 2, "empty level in the path"),
        ("1 - A\n2 - B > C\n", 2, "parent 'B' is not listed before"),
        ("1 - A\n1 - B\n", 2, "duplicate id or path"),
        ("1 - A\n2 - A\n", 2, "duplicate id or path"),
    ],
)
def test_malformed_files_name_the_line(text: str, line: int, reason: str) -> None:
    with pytest.raises(TaxonomyInvalid) as caught:
        parse_taxonomy(io.StringIO(text))

    assert caught.value.details == {"line": line, "reason": reason}


@pytest.mark.django_db
def test_the_migration_loaded_the_tree() -> None:
    ball = Category.objects.get(id=1112)

    assert Category.objects.count() == 5582
    assert (ball.parent_id, ball.depth, ball.name_de, ball.name_es) == (1111, 3, "", "")


@pytest.mark.django_db
def test_loading_again_changes_nothing_and_changes_are_applied_in_place() -> None:
    nodes = read_taxonomy()
    assert categories_load(nodes=nodes).unchanged == 5582

    renamed = [
        TaxonomyNode(
            n.id, "Footballs", n.path.replace("Soccer Balls", "Footballs"), n.parent_id, n.depth
        )
        if n.id == 1112
        else n
        for n in nodes
    ]
    added = TaxonomyNode(
        9_999_001, "Futsal Balls", "Sporting Goods > Athletics > Soccer > Futsal Balls", 1111, 3
    )
    summary = categories_load(nodes=[*renamed, added])

    assert (summary.created, summary.updated, summary.unchanged) == (1, 1, 5581)
    assert Category.objects.get(id=1112).name == "Footballs"
    assert Category.objects.get(id=9_999_001).parent_id == 1111


@pytest.mark.django_db
def test_categories_missing_from_the_file_are_kept_for_their_products() -> None:
    product = ProductFactory.create(category_id=1112)
    nodes = [node for node in read_taxonomy() if node.id != 1112]

    summary = categories_load(nodes=nodes)

    assert summary.not_in_file == 1
    assert Product.objects.get(id=product.id).category_id == 1112


@pytest.mark.django_db
def test_the_command_loads_idempotently_and_reports(tmp_path: Path) -> None:
    for depth in (6, 5, 4, 3):  # children first: a parent is protected
        Category.objects.filter(depth=depth).delete()
    out = io.StringIO()

    call_command("load-categories", stdout=out)
    call_command("load-categories", stdout=out)

    first, second = [line for line in out.getvalue().splitlines() if "categories in" in line]
    assert Category.objects.count() == 5582
    assert first.startswith("5,582 categories in taxonomy-with-ids.en-US.txt: ")
    assert " 0 created" not in first
    assert second == (
        "5,582 categories in taxonomy-with-ids.en-US.txt: 0 created, 0 updated, "
        "5,582 unchanged; 0 not in the file (kept)."
    )


@pytest.mark.django_db
def test_the_command_fails_readably_on_a_bad_or_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("1 - A\n2 - B > C\n", encoding="utf-8")

    with pytest.raises(CommandError, match="parent 'B' is not listed before"):
        call_command("load-categories", str(bad), stdout=io.StringIO())
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("load-categories", str(tmp_path / "missing.txt"), stdout=io.StringIO())
    assert Category.objects.count() == 5582
