"""`peacefacts reconcile` (not implemented yet)."""
