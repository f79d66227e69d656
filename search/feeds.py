"""An Atom feed for every search: /suche/feed/ takes the parameters of /suche/.

Key concepts: a feed reader follows one combination of words, topic, region, target group and
kind. The feed answers as an anonymous visitor would see the search (members-only documents
never appear, whoever asks), newest first, the first FEED_SIZE hits; bad parameters are the
same German 400 as on the search page. The search page links its feed with rel="alternate".
"""

import datetime
from dataclasses import replace

from django.http import HttpResponse
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from werkstatt.siteaddress import absolute_url

from .contract import KINDS, PUBLIC
from .params import ParamError, parse
from .presentation import describe, plain_query, url_for
from .service import search_with_fallback

FEED_SIZE = 50


def feed_url(search_request):
    """The feed of the search `search_request` describes (page and sort are the feed's own)."""
    query = plain_query(search_request)
    return f"{reverse('search_feed')}?{query}" if query else reverse("search_feed")


def _title(search_request):
    what = describe(search_request) or _("alles")
    return _("Werkstatt – neu in der Suche nach %(what)s") % {"what": what}


def _moment(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()))


@require_GET
def search_feed(request):
    try:
        asked, _show_all = parse(request.GET, viewer=PUBLIC, allow_all=False)
    except ParamError as error:
        return HttpResponse(error.message, status=400, content_type="text/plain; charset=utf-8")
    search_request = replace(asked, sort="neueste", page=1, page_size=FEED_SIZE)
    response = search_with_fallback(search_request)
    page_url = absolute_url(request, url_for(search_request))
    feed = feedgenerator.Atom1Feed(
        title=_title(search_request),
        link=page_url,
        description=_("Neue Werkzeuge, Projekte, Berichte und Kontakte zu dieser Suche."),
        language="de",
        feed_url=absolute_url(request, request.get_full_path()),
        feed_guid=page_url,
    )
    dated = [hit.date for hit in response.hits if hit.date is not None]
    # Atom wants a date on every entry: an undated one gets the newest date of the feed (stable
    # from one request to the next, so readers do not see it as changed each time).
    fallback = max(dated) if dated else timezone.localdate()
    for hit in response.hits:
        url = absolute_url(request, hit.url)
        feed.add_item(
            title=hit.title,
            link=url,
            unique_id=url,
            description=hit.summary,
            updateddate=_moment(hit.date or fallback),
            categories=[str(KINDS.get(hit.kind, hit.kind))],
        )
    answer = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(answer, "utf-8")
    return answer
