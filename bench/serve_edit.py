#!/usr/bin/env python3
"""Measures `openindex serve`: one-file edit → rebuilt → reload event → page served.

    serve_edit.py --bin OPENINDEX --site DIR [--edits 10] [--port 8765] [--out JSON]

DIR is a copy of a generated site (this script edits one release file in it and puts it
back). For each edit it records, from the moment the file is written:
  reload_ms  until the server sends the `reload` event to a connected page, and
  page_ms    until a fresh GET of the edited release's page returns the new text
             (the page is rendered on request after the rebuild).
Prints medians and writes every sample to --out.
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time


def get(port, path, timeout=30):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, body


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--site", required=True)
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--slug", default=None)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    models = os.path.join(a.site, "content", "models")
    slug = a.slug or sorted(os.listdir(models))[len(os.listdir(models)) // 2][:-3]
    path = os.path.join(models, slug + ".md")
    original = open(path, encoding="utf-8").read()
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.Popen([a.bin, "-C", a.site, "serve", "--port", str(a.port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    samples = []
    try:
        start = time.monotonic()
        while True:
            try:
                status, _ = get(a.port, "/", timeout=5)
                if status == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() - start > 120:
                sys.exit("serve did not start")
            time.sleep(0.05)
        startup_ms = (time.monotonic() - start) * 1000
        get(a.port, f"/models/{slug}/")
        for k in range(a.edits):
            # A page connected to the reload stream, as a browser tab would be.
            s = socket.create_connection(("127.0.0.1", a.port), timeout=30)
            s.sendall(b"GET /__openindex/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            buf = b""
            while b"\r\n\r\n" not in buf:
                buf += s.recv(4096)
            buf = buf.split(b"\r\n\r\n", 1)[1]
            time.sleep(0.3)  # let the previous rebuild settle and the stream attach
            marker = f"Edited narrative {k} for the benchmark."
            t0 = time.monotonic()
            with open(path, "w", encoding="utf-8") as f:
                f.write(original + "\n" + marker + "\n")
            reload_ms = None
            while reload_ms is None:
                buf += s.recv(4096)
                if b"event: reload" in buf:
                    reload_ms = (time.monotonic() - t0) * 1000
                elif b"event: problem" in buf:
                    sys.exit("the edit was rejected: " + buf.decode(errors="replace"))
            s.close()
            status, body = get(a.port, f"/models/{slug}/")
            page_ms = (time.monotonic() - t0) * 1000
            if marker.encode() not in body:
                sys.exit("the served page does not show the edit")
            samples.append({"reload_ms": reload_ms, "page_ms": page_ms})
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    result = {
        "slug": slug, "edits": len(samples), "startup_ms": startup_ms,
        "median_reload_ms": statistics.median(x["reload_ms"] for x in samples),
        "median_page_ms": statistics.median(x["page_ms"] for x in samples),
        "max_page_ms": max(x["page_ms"] for x in samples),
        "samples": samples,
    }
    if a.out:
        with open(a.out, "w") as f:
            json.dump(result, f, indent=1)
    print(f"serve: {len(samples)} edits of {slug}: median reload event {result['median_reload_ms']:.0f} ms, "
          f"median page served {result['median_page_ms']:.0f} ms (max {result['max_page_ms']:.0f} ms); "
          f"startup {startup_ms:.0f} ms")


if __name__ == "__main__":
    main()
