"""Settings, from ``JKG_`` environment variables (pydantic-settings)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings"]


class Settings(BaseSettings):
    """How the API runs. Every field can be set as ``JKG_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="JKG_", env_file=".env", extra="ignore")

    backend: Literal["embedded", "neo4j"] = "embedded"
    data: list[Path] = Field(default_factory=lambda: [Path("seed_data")])
    cors_origins: list[str] = Field(default_factory=list)
    #: Bearer token for endpoints that change state (reload); unset disables them.
    admin_token: SecretStr | None = None
    max_page_size: int = 500
    default_page_size: int = 50
    max_request_bytes: int = 64 * 1024
