"""Display logic for the pathway page, free of the database (unit-tested cheaply)."""
