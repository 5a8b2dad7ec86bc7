"""Care around the clock: the relatives register, evaluations with the pathways'
checklist, collaboration meetings and the closure checklist (docs/care-collaboration.md)."""
