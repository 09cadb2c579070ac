"""byline's corpus store: one SQLite file, versioned schema (see docs/store.md)."""

from .db import Entry, Store, StoredRelation

__all__ = ["Entry", "Store", "StoredRelation"]
