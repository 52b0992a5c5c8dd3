"""The archive's own static Chinese search: index builder (Python) for search.js (browser).

Entry point: :func:`build_search_index`. See :mod:`.index` for the file layout and
:mod:`.fold` for the folding both sides share.
"""

from .index import SEARCH_FOLDER, build_search_index

__all__ = ["SEARCH_FOLDER", "build_search_index"]
