"""gRPC face of the pricing service, for the frontend and checkout."""

from concurrent import futures

import grpc

from .engine import PriceEngine
from .gen.wayfarer.pricing.v1 import pricing_pb2, pricing_pb2_grpc


class PricingService(pricing_pb2_grpc.PricingServiceServicer):
    def __init__(self, engine: PriceEngine):
        self.engine = engine

    def GetQuote(self, request, context):
        q = self.engine.quote(request.trip_id, request.passengers, request.currency,
                              request.promo_code or None)
        if q is None:
            context.abort(grpc.StatusCode.NOT_FOUND, "unknown trip")
        return pricing_pb2.Quote(trip_id=q.trip_id, total_cents=q.total_cents,
                                 currency=q.currency, quote_id=q.quote_id)

    def StreamQuotes(self, request_iterator, context):
        for request in request_iterator:
            yield self.GetQuote(request, context)


def serve(port: int = 7000) -> None:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    pricing_pb2_grpc.add_PricingServiceServicer_to_server(PricingService(PriceEngine.from_env()), server)
    server.add_insecure_port(f"[::]:{port}")
    server.start()
    server.wait_for_termination()


if __name__ == "__main__":
    serve()
