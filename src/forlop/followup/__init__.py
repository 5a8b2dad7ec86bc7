"""The individual plan (IP) and closure across levels: the municipality confirms the
follow-up plan before the specialist service closes (docs/individual-plan.md)."""
