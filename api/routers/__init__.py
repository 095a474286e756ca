"""One router per resource of the API (listed once in :data:`jkg.api.main.ROUTERS`)."""
