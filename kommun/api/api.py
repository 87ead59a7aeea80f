from ninja import NinjaAPI

from . import public, write


class KommunAPI(NinjaAPI):
    """
    django-ninja gives every router its own URL patterns, and Django picks a pattern by path
    alone: the write router's POST /notices would be hidden behind the public router's
    GET /notices and answer 405. So one path, whichever routers offer methods on it, is
    served by one view that knows all of them.
    """

    def _get_bound_routers(self):
        routers = super()._get_bound_routers()
        if not getattr(self, "_shared_paths_joined", False):
            _join_shared_paths(routers)
            self._shared_paths_joined = True
        return routers


def _join_shared_paths(routers):
    first_view_of = {}
    for router in routers:
        for path in list(router.path_operations):
            route = (router.prefix.strip("/"), path)
            view = router.path_operations[path]
            if route not in first_view_of:
                first_view_of[route] = view
                continue
            first = first_view_of[route]
            first.operations.extend(view.operations)
            first.is_async = first.is_async or view.is_async
            del router.path_operations[path]


api = KommunAPI(
    title="Kommun API",
    version="1",
    description=(
        "Disruption notices, status and news of the municipality. Reading is open to all; "
        "publishing needs an API token limited to one or more services."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)
api.add_router("/", public.router)
api.add_router("/", write.router)
