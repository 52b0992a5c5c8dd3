"""dangan (档案): builds a static archive site from raw government gazettes and newspapers."""

__version__ = "0.1.0"
