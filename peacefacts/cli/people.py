"""`peacefacts people` (not implemented yet)."""
