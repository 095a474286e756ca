"""Settings, from ``JKG_`` environment variables (pydantic-settings)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from jkg.graph import limits
from jkg.graph.dataset.cache import default_cache_dir

__all__ = ["HARD_MAX_PAGE_SIZE", "Settings"]

#: No page is ever larger than this, whatever the settings say: pages are cut from at most this many results.
HARD_MAX_PAGE_SIZE = limits.RESULTS.maximum


class Settings(BaseSettings):
    """How the API runs. Every field can be set as ``JKG_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="JKG_", env_file=".env", extra="ignore")

    backend: Literal["embedded", "neo4j"] = "embedded"
    data: list[Path] = Field(default_factory=lambda: [Path("seed_data")])
    #: Files read and data found valid are kept here by content (see jkg.graph.dataset.cache); unset: no cache.
    cache_dir: Path | None = Field(default_factory=default_cache_dir)
    cors_origins: list[str] = Field(default_factory=list)
    #: Bearer token for endpoints that change state (reload); unset disables them.
    admin_token: SecretStr | None = None
    max_page_size: int = Field(default=HARD_MAX_PAGE_SIZE, ge=1, le=HARD_MAX_PAGE_SIZE)
    default_page_size: int = Field(default=50, ge=1, le=HARD_MAX_PAGE_SIZE)
    max_request_bytes: int = Field(default=64 * 1024, ge=0)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.default_page_size > self.max_page_size:
            raise ValueError(
                f"default_page_size ({self.default_page_size}) exceeds max_page_size ({self.max_page_size})"
            )
        if self.admin_token is not None and not self.admin_token.get_secret_value().strip():
            self.admin_token = None  # an empty token disables the admin endpoints, never opens them
        return self
