"""Pages for patients and relatives: their own pathway, who has looked at it, consent
and restrictions (*Min side*), and what a patient shares with a relative."""
