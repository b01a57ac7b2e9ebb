"""`peacefacts plot` (not implemented yet)."""
