"""Pages that answer htmx with a fragment and a plain request with the whole page."""


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"
