"""Property-based tests over the OpenAPI document, in process (schemathesis).

Every operation gets the schema's examples, the coverage phase's boundary and
negative cases, and a few fuzzed requests; no response may be a 5xx, every response
must conform to the schema (status code documented, content type, headers, body),
and schema-invalid requests must be refused.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

from jkg.api.main import create_app
from jkg.graph.store import EmbeddedStore
from tests.requirements import require_module

from .conftest import SEED, TOKEN, make_settings

# in CI a missing schemathesis is a failure, elsewhere a skip saying how to install it
schemathesis = require_module("schemathesis", "schemathesis is a dev dependency: make install")

#: Fuzzed examples per operation, on top of the examples and coverage phases; keeps the run well under a minute.
MAX_EXAMPLES = 25

app = create_app(make_settings(admin_token=TOKEN), store=EmbeddedStore.from_paths([SEED]))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    # A schema-valid request may still be refused with a 422 the schema cannot express: a day that does
    # not exist (2019-02-30), a cursor this API never issued, a person where an organization is needed.
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])
