"""The visitor's address, also behind the reverse proxy of `deploy/` (login lock, contact limit).

Key concepts: behind nginx every request comes from 127.0.0.1, so a lock per address would lock
everyone at once. With `WERKSTATT_TRUSTED_PROXIES=n` (the number of proxies in front of the
server, 1 for `deploy/nginx.conf`), the address is the n-th entry from the right of
`X-Forwarded-For`: the one the outermost trusted proxy saw. Entries further left are written by
the client and never trusted. Without the setting (or with a shorter header) it is REMOTE_ADDR.
"""

from django.conf import settings


def client_address(request):
    proxies = getattr(settings, "WERKSTATT_TRUSTED_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if proxies > 0 and len(hops) >= proxies:
        return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
