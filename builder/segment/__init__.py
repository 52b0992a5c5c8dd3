"""Segment stage: a gazette issue into its documents, a newspaper page into its articles."""
