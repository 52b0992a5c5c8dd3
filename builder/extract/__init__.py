"""Extract stage: metadata and identity of documents from segmented text."""
