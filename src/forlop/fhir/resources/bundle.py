"""Search results as a searchset Bundle with paging links."""

from __future__ import annotations


def searchset(entries: list[dict], *, total: int, base: str, links: dict[str, str]) -> dict:
    return {"resourceType": "Bundle", "type": "searchset", "total": total,
            "link": [{"relation": rel, "url": url} for rel, url in links.items()],
            "entry": [{"fullUrl": f"{base}/{r['resourceType']}/{r['id']}", "resource": r,
                       "search": {"mode": "match"}} for r in entries]}
