"""Fetches pages of GET /v1/customers from a stub, following links.next and its
MS-ContinuationToken, as a Partner Center client does.

    pages.py BASE_URL SIZE PAGES [FILTER_JSON]

Reads PAGES pages, from the first page again when the listing ends before (so a small
stub serves as many pages as a large one). Prints the number of pages and items it read on
standard error; the items are not kept.
"""
import json
import sys
import urllib.parse
import urllib.request
import uuid

base, size, limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
first = f"{base}/v1/customers?size={size}"
if len(sys.argv) > 4:
    first += "&filter=" + urllib.parse.quote(sys.argv[4])
url, link_headers, pages, items = first, {}, 0, 0
while pages < limit:
    headers = {"Authorization": "Bearer benchmark", "MS-RequestId": str(uuid.uuid4()), "MS-CorrelationId": str(uuid.uuid4())}
    with urllib.request.urlopen(urllib.request.Request(url, headers={**headers, **link_headers})) as response:
        page = json.load(response)
    pages += 1
    items += len(page["items"])
    following = (page.get("links") or {}).get("next")
    if not following:
        url, link_headers = first, {}
        continue
    uri = following["uri"] if following["uri"].startswith("/v1") else "/v1" + following["uri"]
    url, link_headers = base + uri, {h["key"]: h["value"] for h in following["headers"]}
print(f"{pages} pages, {items} items", file=sys.stderr)
