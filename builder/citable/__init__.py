"""Citable archive: URLs that hold (the ``urls.lock`` registry, redirects, tombstones,
resolvers) and what a citation needs (validity with its evidence)."""
