"""The review app (Starlette): the queue, one answer, bulk grading, the student's page.

Every request needs the token: in the URL the first time (``?token=…``, then traded for a
cookie and dropped from the address), in the cookie afterwards. A POST must also carry it
in the form and come from this origin, so no other site can change a grade. Every page is
sent with a Content-Security-Policy that runs only this package's own script files.
"""
from __future__ import annotations

import hashlib
import hmac
import math
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from grader.report.html import item_view, render_html, sparkline
from grader.results import STATUSES
from grader.review import audit
from grader.review.assets import environment, package_dir
from grader.review.store import Conflict, ReviewStore, UnknownAnswer, grader_status
from grader.review.views import item_context

CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
       "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
           "X-Frame-Options": "DENY", "Cache-Control": "no-store"}
FILTERS = ("item", "status", "todo", "sort")


def cookie_name(token: str) -> str:
    """One cookie per server (a cookie is shared by every port of a host)."""
    return "grade_review_" + hashlib.sha256(token.encode()).hexdigest()[:10]


class TokenGuard(BaseHTTPMiddleware):
    def __init__(self, app: Any, token: str) -> None:
        super().__init__(app)
        self.token, self.cookie = token, cookie_name(token)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        given = request.query_params.get("token")
        if given is not None and request.method == "GET" and hmac.compare_digest(given, self.token):
            url = request.url.remove_query_params("token")
            response: Response = RedirectResponse(url.path + (f"?{url.query}" if url.query else ""), 303)
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="strict")
        elif not hmac.compare_digest(request.cookies.get(self.cookie, ""), self.token):
            response = PlainTextResponse("Forbidden: open the address with the token that `grade review` printed.",
                                         403)
        elif request.method not in ("GET", "HEAD") and not _same_origin(request):
            response = PlainTextResponse("Forbidden: a request from another site.", 403)
        else:
            response = await call_next(request)
        response.headers.update(HEADERS)
        return response


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    return origin is None or origin == f"{request.url.scheme}://{request.headers.get('host', '')}"


def build_app(store: ReviewStore, token: str, allowed_hosts: list[str] | None = None) -> Starlette:
    """The ASGI app over ``store``; only requests naming an allowed host (default: this machine's) get in."""
    pages = Pages(store, token)
    routes = [
        Route("/", pages.queue),
        Route("/a/{sid}/{item}", pages.answer, methods=["GET"]),
        Route("/a/{sid}/{item}", pages.save, methods=["POST"]),
        Route("/bulk/{sid}/{item}", pages.bulk, methods=["GET"]),
        Route("/bulk/{sid}/{item}", pages.bulk_save, methods=["POST"]),
        Route("/student/{sid}", pages.student),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Mount("/static", StaticFiles(directory=package_dir("static")), name="static"),
    ]
    hosts = allowed_hosts or ["127.0.0.1", "localhost", "::1", "[::1]"]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=hosts), Middleware(TokenGuard, token=token)]
    return Starlette(routes=routes, middleware=middleware, exception_handlers={UnknownAnswer: pages.not_found})


class Pages:
    def __init__(self, store: ReviewStore, token: str) -> None:
        self.store, self.token = store, token
        self._items: dict[str, dict[str, Any]] = {}

    def item_context(self, item_id: str) -> dict[str, Any]:
        """The rubric's side of an item (reference answer, notes, quick grades): the same for every hand-in."""
        if item_id not in self._items:
            self._items[item_id] = item_context(self.store.rubric, item_id)
        return self._items[item_id]

    def render(self, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.update(rubric_name=self.store.rubric.name, handins=len(self.store.results), grader=self.store.grader,
                   csrf=self.token)
        return HTMLResponse(environment().get_template(name).render(ctx), status_code=status)

    async def not_found(self, request: Request, exc: Exception) -> Response:
        return self.render("message.html", 404, heading="Not found", message=f"no such answer: {exc}")

    @staticmethod
    def filters(params: Any) -> dict[str, Any]:
        return {"item": params.get("item", "").strip(), "status": params.get("status", ""),
                "todo": params.get("todo", "") == "1", "sort": params.get("sort", "item")}

    @staticmethod
    def query(f: dict[str, Any], **change: Any) -> str:
        merged = {**f, **change}
        return urlencode({k: ("1" if v is True else v) for k, v in merged.items() if v not in ("", False, None)})

    async def queue(self, request: Request) -> Response:
        f = self.filters(request.query_params)
        rows = self.store.rows(**f)
        return self.render("queue.html", rows=rows, left=sum(not r.done for r in rows), f=f, statuses=STATUSES,
                           query=lambda **kw: self.query(f, **kw))

    async def answer(self, request: Request) -> Response:
        sid, item_id = request.path_params["sid"], request.path_params["item"]
        check = self.store.check(sid, item_id)
        f = self.filters(request.query_params)
        keys = [r.key for r in self.store.rows(**f)]
        here = keys.index((sid, item_id)) if (sid, item_id) in keys else -1
        entry = self.store.overrides(sid).get(item_id)
        ctx = self.item_context(item_id)
        code_item = ctx["rubric_item"] is not None and ctx["rubric_item"].text is None
        result = self.store.result(sid)
        curve = result.measurements.get("loss_curve") or []
        return self.render(
            "answer.html", sid=sid, check=check, view=item_view(check), grader_status=grader_status(check),
            override=check.details.get("override"), history=(entry or {}).get("history") or [],
            seen=audit.version(entry), q=self.query(f), position=here + 1 if here >= 0 else "–", total=len(keys),
            prev=keys[here - 1] if here > 0 else None, next=keys[here + 1] if 0 <= here < len(keys) - 1 else None,
            same=len(self.store.identical(sid, item_id)), code=self.store.code(sid) if code_item else None,
            measured=_measured(result.measurements) if code_item else [], curve_points=sparkline(curve),
            curve_range=(min(curve), max(curve)) if len(curve) > 1 else None, **ctx)

    async def _form(self, request: Request) -> Any:
        form = await request.form()
        if not hmac.compare_digest(str(form.get("token", "")), self.token):
            return None
        return form

    async def save(self, request: Request) -> Response:
        sid, item_id = request.path_params["sid"], request.path_params["item"]
        form = await self._form(request)
        if form is None:
            return PlainTextResponse("Forbidden: the form did not carry the token.", 403)
        check = self.store.check(sid, item_id)
        q = str(form.get("q", ""))
        f = self.filters(_parse_query(q))
        keys = [r.key for r in self.store.rows(**f)]
        points, reason = _points(form, self.item_context(item_id)["quick"])
        if points is None:
            return self.render("message.html", 400, heading="Points needed",
                               message=f"give points between 0 and {check.max_score:g}")
        try:
            outcome = self.store.save(sid, item_id, points, reason, str(form.get("seen", "")))
        except ValueError as exc:
            return self.render("message.html", 400, heading="Not saved", message=str(exc))
        if isinstance(outcome, Conflict):
            return self.render("conflict.html", 409, sid=sid, check=check, current=outcome.current, points=points,
                               reason=reason, seen=audit.version(outcome.current), q=q)
        here = keys.index((sid, item_id)) if (sid, item_id) in keys else -1
        if 0 <= here < len(keys) - 1:
            nsid, nitem = keys[here + 1]
            return RedirectResponse(f"/a/{_quote(nsid)}/{_quote(nitem)}?{q}", 303)
        return RedirectResponse(f"/?{q}", 303)

    async def bulk(self, request: Request) -> Response:
        sid, item_id = request.path_params["sid"], request.path_params["item"]
        check = self.store.check(sid, item_id)
        sids = [(s, self.store.check(s, item_id)) for s in self.store.identical(sid, item_id)]
        return self.render("bulk.html", sid=sid, check=check, view=item_view(check), sids=sids,
                           q=self.query(self.filters(request.query_params)))

    async def bulk_save(self, request: Request) -> Response:
        sid, item_id = request.path_params["sid"], request.path_params["item"]
        form = await self._form(request)
        if form is None:
            return PlainTextResponse("Forbidden: the form did not carry the token.", 403)
        check = self.store.check(sid, item_id)
        same = set(self.store.identical(sid, item_id))
        chosen = [s for s in form.getlist("sid") if s in same]  # only hand-ins whose answer still matches
        points, reason = _points(form, [])
        if points is None or not 0 <= points <= check.max_score:
            return self.render("message.html", 400, heading="Points needed",
                               message=f"give points between 0 and {check.max_score:g}")
        self.store.save_many(chosen, item_id, points, reason)
        return RedirectResponse(f"/?{form.get('q', '')}", 303)

    async def student(self, request: Request) -> Response:
        result = self.store.result(request.path_params["sid"])
        return HTMLResponse(render_html(result, self.store.solutions, static_url="/static"))


def _points(form: Any, quick: list[Any]) -> tuple[float | None, str]:
    """Points and reason from the form: a quick button's, else the typed ones."""
    choice = form.get("quick")
    if choice is not None and str(choice).isdigit() and int(choice) < len(quick):
        return quick[int(choice)].points, quick[int(choice)].reason
    try:
        points = float(str(form.get("points", "")))
    except ValueError:
        return None, ""
    return (points if math.isfinite(points) else None), str(form.get("reason", "")).strip()[:500]


def _parse_query(q: str) -> dict[str, str]:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(q))


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


def _measured(m: dict[str, Any]) -> list[tuple[str, str]]:
    names = {"accuracy": "test accuracy (%)", "param_count": "parameters", "output_shape": "output shape",
             "epoch_losses": "loss per epoch", "train_images": "training images", "weights_from_cache": "weights from"}
    return [(label, str(m[k])) for k, label in names.items() if m.get(k) not in (None, [], "")]
