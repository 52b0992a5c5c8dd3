"""Input stage: the only module that reads the corpus from disk."""

from .manifest import read_corpus

__all__ = ["read_corpus"]
