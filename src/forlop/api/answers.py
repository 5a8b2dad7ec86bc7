"""A JSON answer written straight from plain values, for the hottest reads.

django-ninja validates what an endpoint returns against its response schema with
pydantic and then serialises it with the standard library: about a fifth of an API
pathway read. A hot read whose answer is built from typed rows it already trusts
returns ``json_answer(...)`` instead; the schema stays declared (the OpenAPI document
and schemathesis use it), and a test holds the answer to it
(``tests/api/test_endpoints.py``). Values are written as ninja writes them: dates
and moments through Django's encoder (``2026-12-02T10:00:00.123Z``).
"""

from __future__ import annotations

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

_DJANGO = DjangoJSONEncoder()


def json_answer(data, status: int = 200) -> HttpResponse:
    body = orjson.dumps(data, default=_DJANGO.default,
                        option=orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
