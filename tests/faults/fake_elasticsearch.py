"""A stand-in Elasticsearch server of a given major version, run as its own process.

Speaks the part of the REST API the backend uses to keep an index (info, aliases, index
create/delete, refresh, _bulk, scroll search for `indexed_keys`), keeps documents in memory,
and checks the `compatible-with` version in Accept/Content-Type like a real cluster: an 8.x
server refuses clients that ask for compatible-with=9. `POST /_fake/hang` makes it accept
and never answer (a hung cluster), `POST /_fake/recover` brings it back, `GET /_fake/state`
shows the documents. It exits by itself after `lifetime` seconds.

    python fake_elasticsearch.py MAJOR LIFETIME   # prints the port, then serves
"""

import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

MAJOR = int(sys.argv[1]) if len(sys.argv) > 1 else 9
LIFETIME = float(sys.argv[2]) if len(sys.argv) > 2 else 120
STATE = {"indices": {}, "aliases": {}, "hung": False, "settings": {}}
LOCK = threading.Lock()


def resolve(name):
    targets = STATE["aliases"].get(name)
    return sorted(targets)[0] if targets else name


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, code, payload=None):
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(code)
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header(
            "Content-Type", f"application/vnd.elasticsearch+json;compatible-with={MAJOR}"
        )
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def handle_any(self):
        url = urlsplit(self.path)
        path, query = unquote(url.path), parse_qs(url.query)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if path.startswith("/_fake/"):
            if path == "/_fake/state":
                aliases = {name: sorted(targets) for name, targets in STATE["aliases"].items()}
                return self.send(200, STATE | {"aliases": aliases})
            STATE["hung"] = path == "/_fake/hang"
            return self.send(200, {"hung": STATE["hung"]})
        if STATE["hung"]:
            time.sleep(LIFETIME)  # accept, read, never answer
            return None
        for header in ("Accept", "Content-Type"):
            found = re.search(r"compatible-with=(\d+)", self.headers.get(header, ""))
            if found and int(found.group(1)) not in (MAJOR, MAJOR - 1):
                return self.send(
                    400,
                    {
                        "error": {
                            "type": "media_type_header_exception",
                            "reason": f"Accept version must be either version {MAJOR} or "
                            f"{MAJOR - 1}, but found {found.group(1)}.",
                        },
                        "status": 400,
                    },
                )
        with LOCK:
            return self.route(self.command, path.strip("/").split("/"), query, body)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any

    def route(self, method, parts, query, body):
        indices, aliases = STATE["indices"], STATE["aliases"]
        ack = {"acknowledged": True}
        if parts == [""]:
            return self.send(
                200,
                {
                    "name": "fake",
                    "cluster_name": "fake",
                    "version": {"number": f"{MAJOR}.0.0", "build_flavor": "default"},
                    "tagline": "You Know, for Search",
                },
            )
        if parts[0] == "_alias" and len(parts) == 2:
            targets = aliases.get(parts[1])
            if not targets:
                return self.send(404, {"error": "alias missing", "status": 404})
            return self.send(200, {i: {"aliases": {parts[1]: {}}} for i in targets})
        if parts == ["_aliases"]:
            for action in json.loads(body)["actions"]:
                ((kind, spec),) = action.items()
                targets = aliases.setdefault(spec["alias"], set())
                (targets.add if kind == "add" else targets.discard)(spec["index"])
            return self.send(200, ack)
        if parts[-1] == "_bulk":
            items, lines = [], [json.loads(line) for line in body.splitlines() if line.strip()]
            while lines:
                ((kind, meta),) = lines.pop(0).items()
                index = resolve(meta.get("_index") or parts[0])
                docs = indices.setdefault(index, {})
                if kind == "delete":
                    found = docs.pop(meta["_id"], None) is not None
                    items.append(
                        {
                            kind: {
                                "_index": index,
                                "_id": meta["_id"],
                                "status": 200 if found else 404,
                            }
                        }
                    )
                else:
                    docs[meta["_id"]] = lines.pop(0)
                    items.append({kind: {"_index": index, "_id": meta["_id"], "status": 201}})
            return self.send(200, {"took": 1, "errors": False, "items": items})
        if parts[:2] == ["_search", "scroll"]:
            if method == "DELETE":
                return self.send(200, {"succeeded": True, "num_freed": 1})
            return self.send(
                200,
                {"_scroll_id": "s", "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}},
            )
        if len(parts) == 2 and parts[1] == "_search":
            index = resolve(parts[0])
            wanted = json.loads(body or b"{}").get("_source") or query.get("_source", [None])[0]
            if isinstance(wanted, str):
                wanted = wanted.split(",")
            hits = [
                {
                    "_index": index,
                    "_id": key,
                    "_source": {k: v for k, v in source.items() if not wanted or k in wanted},
                }
                for key, source in indices.get(index, {}).items()
            ]
            return self.send(
                200,
                {
                    "_scroll_id": "s",
                    "took": 1,
                    "timed_out": False,
                    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
                    "hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits},
                },
            )
        if len(parts) == 2 and parts[1] == "_refresh":
            return self.send(200, {"_shards": {"total": 1, "successful": 1, "failed": 0}})
        if len(parts) == 3 and parts[1] in ("_alias", "_aliases"):
            aliases.setdefault(parts[2], set()).add(parts[0])
            return self.send(200, ack)
        if len(parts) == 1:
            if method == "PUT":
                if parts[0] in indices:  # as Elasticsearch answers: never a silent overwrite
                    return self.send(
                        400,
                        {
                            "error": {
                                "type": "resource_already_exists_exception",
                                "reason": f"index [{parts[0]}] already exists",
                            },
                            "status": 400,
                        },
                    )
                indices[parts[0]] = {}
                STATE["settings"][parts[0]] = json.loads(body or b"{}").get("settings", {})
                return self.send(200, ack | {"shards_acknowledged": True, "index": parts[0]})
            if method == "DELETE":
                indices.pop(parts[0], None)
                for targets in aliases.values():
                    targets.discard(parts[0])
                return self.send(200, ack)
        return self.send(
            400, {"error": f"fake: {method} /{'/'.join(parts)} not supported", "status": 400}
        )


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    time.sleep(LIFETIME)


if __name__ == "__main__":
    main()
