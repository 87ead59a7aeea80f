from ninja import NinjaAPI

from . import write

api = NinjaAPI(
    title="Kommun API",
    version="1",
    description=(
        "Disruption notices, status and news of the municipality. Reading is open to all; "
        "publishing needs an API token limited to one or more services."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)
# write.py adds its operations to the public router.
api.add_router("/", write.router)
