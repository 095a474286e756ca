"""Request size bound: a request announcing a body larger than the limit gets a 413 problem."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from jkg.api.problems import problem_response

__all__ = ["BodySizeLimit"]


class BodySizeLimit:
    """Refuse, before reading it, a body whose Content-Length exceeds ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            declared = Headers(scope=scope).get("content-length")
            problem = None
            if declared is not None:
                if not declared.strip().isdigit():
                    problem = problem_response(400, f"Content-Length {declared!r} is not a number of bytes",
                                               instance=scope["path"])
                elif int(declared) > self.max_bytes:
                    problem = problem_response(
                        413, f"the request body ({int(declared)} bytes) exceeds the limit of {self.max_bytes} bytes",
                        instance=scope["path"], parameter="Content-Length", value=int(declared),
                    )
            if problem is not None:
                await problem(scope, receive, send)
                return
        await self.app(scope, receive, send)
