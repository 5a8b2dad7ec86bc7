"""Keep person identifiers out of the logs.

A fødselsnummer, D-nummer or FH-nummer is 11 digits; Django's request logging
writes the path of every 4xx/5xx ("Not Found: /...") and a mistyped URL or a
username field may carry one. The filter rewrites each record before any handler
writes it, whatever the logger.
"""

import logging
import re

# 11 digits not inside a longer run of digits (so timestamps and ids stay readable).
PERSON_IDENTIFIER = re.compile(r"(?<!\d)\d{6}\s?\d{5}(?!\d)")
REDACTED = "[personnummer fjernet]"


def redact(text: str) -> str:
    return PERSON_IDENTIFIER.sub(REDACTED, text)


class RedactPersonIdentifiers(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
