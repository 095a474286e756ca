"""What changes state: reloading the data. Mounted only when an admin token is configured."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, HTTPException, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from jkg.api.deps import SettingsDep, StoreHolderDep
from jkg.api.problems import responses
from jkg.api.stores import ReloadBusyError
from jkg.graph.engine.views import StoreInfo

router = APIRouter(prefix="/admin", tags=["admin"], responses=responses(401, 403, 409, 500, 503))

_bearer = HTTPBearer(auto_error=False, description="The server's JKG_ADMIN_TOKEN")


async def require_admin(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
) -> None:
    """Let through only a request with ``Authorization: Bearer <JKG_ADMIN_TOKEN>``."""
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise HTTPException(401, "this endpoint needs an 'Authorization: Bearer <token>' header", headers=challenge)
    token = settings.admin_token
    if token is None or not secrets.compare_digest(
        credentials.credentials.encode(), token.get_secret_value().encode()
    ):
        raise HTTPException(403, "the bearer token is not the admin token")


@router.post("/reload", summary="Rebuild the store from the data (admin token required)",
             dependencies=[Security(require_admin)])
def reload(holder: StoreHolderDep) -> StoreInfo:
    """Validate and load the data again, then swap the new store in; if the data does not validate,
    the current store stays and the answer is 409 with every problem found."""
    try:
        return holder.reload()
    except ReloadBusyError as exc:
        raise HTTPException(409, str(exc)) from exc
