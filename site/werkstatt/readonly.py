"""Read-only JSON endpoints: GET and HEAD only, CORS for any origin.

Another method gets 405 with `Allow: GET, HEAD`, decided before Django's CSRF check could
answer 403 (an API client sends no CSRF token; 403 would say "forbidden" where the truth is
"not offered"). `Access-Control-Allow-Origin: *` lets a script on another site read the public
answer; browsers send no cookies with such a request, so it never sees a member's view.
"""

from functools import wraps

from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe


def read_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return csrf_exempt(require_safe(wrapper))
