"""`peacefacts check` (not implemented yet)."""
