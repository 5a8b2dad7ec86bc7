"""Screens that move a pathway: transfer to another trust, move to another unit of
the same trust, change of setting (docs/workspace-moves.md, ADR 12)."""
