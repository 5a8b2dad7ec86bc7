"""Access control: permissions per role, need-to-know scope, consent, restrictions,
emergency access (break-glass) and the tamper-evident access log."""
