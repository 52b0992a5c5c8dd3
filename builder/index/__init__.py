"""Index stage: group documents into taxonomy terms and resolve cross-references."""

from .taxonomy import TAXONOMIES, Taxonomy, build_index, group

__all__ = ["TAXONOMIES", "Taxonomy", "build_index", "group"]
