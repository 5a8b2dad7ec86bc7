"""``forlop import FILE``: a unit's pathway history from CSV or FHIR NDJSON.

Readers (``csvfile``, ``ndjson``) turn lines into pathway drafts and reject what
they cannot read; ``plan`` checks each draft against the database, the actor's
rights and the kernel, and builds the rows the services would have stored;
``write`` lands them set-based in one transaction (all or nothing). docs/fhir.md.
"""
