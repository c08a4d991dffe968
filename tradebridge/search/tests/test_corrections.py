"""The edit distance behind typo correction: exact cases and its laws."""

from hypothesis import given
from hypothesis import strategies as st

from tradebridge.search.corrections import edit_distance

words = st.text(alphabet="abcde", max_size=8)


def test_known_distances() -> None:
    assert edit_distance("cakestand", "cakestand", limit=2) == 0
    assert edit_distance("cakestnad", "cakestand", limit=2) == 1  # a transposition is one
    assert edit_distance("cakstnd", "cakestand", limit=2) == 2
    assert edit_distance("holdr", "holder", limit=1) == 1
    assert edit_distance("abc", "xyz", limit=1) == 2  # past the limit: limit + 1
    assert edit_distance("a", "abcdef", limit=2) == 3


@given(words, words)
def test_symmetric_and_capped(a: str, b: str) -> None:
    distance = edit_distance(a, b, limit=3)
    assert distance == edit_distance(b, a, limit=3)
    assert 0 <= distance <= 4
    assert (distance == 0) == (a == b)


@given(words, words)
def test_never_more_than_rewriting_the_longer_word(a: str, b: str) -> None:
    big = 20
    assert edit_distance(a, b, limit=big) <= max(len(a), len(b))
