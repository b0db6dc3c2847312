#!/usr/bin/env python3
"""Packs a folder of .html pages into one WARC.gz (one gzip member per
record, as crawlers write them): a response record per page, holding an
HTTP/1.1 200 response with Content-Type text/html. Standard library only.

    scripts/pack_warc.py PAGES_DIR OUT.warc.gz
"""
import gzip
import os
import sys
import uuid


def record(uri, payload):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(payload) + payload
    head = (
        "WARC/1.0\r\n"
        "WARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.UUID(int=hash(uri) & (2**128 - 1))}>\r\n"
        "WARC-Date: 2026-01-01T00:00:00Z\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def main():
    src, out = sys.argv[1], sys.argv[2]
    names = sorted(n for n in os.listdir(src) if n.endswith((".html", ".htm")))
    with open(out, "wb") as f:
        for n in names:
            with open(os.path.join(src, n), "rb") as page:
                payload = page.read()
            f.write(gzip.compress(record("https://pages.example/" + n, payload), compresslevel=6))
    print(f"{len(names)} pages -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
