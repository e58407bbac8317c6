"""Recommends trips similar to the ones a traveller looked at."""

import os

import numpy as np
import redis
import requests
from flask import Blueprint, Flask, abort, jsonify, request

app = Flask(__name__)
cache = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://redis:6379/1"))
CATALOG_HTTP = os.environ.get("CATALOG_HTTP", "http://frontend:8080")

api = Blueprint("recommendations", __name__, url_prefix="/v1/recommendations")


def _embedding(trip_id: str) -> np.ndarray:
    raw = cache.get(f"emb:{trip_id}")
    if raw is None:
        abort(404)
    return np.frombuffer(raw, dtype=np.float32)


@api.route("/<trip_id>", methods=["GET"])
def similar(trip_id):
    target = _embedding(trip_id)
    scored = []
    for key in cache.scan_iter("emb:*", count=500):
        other = key.decode()[4:]
        if other != trip_id:
            scored.append((float(np.dot(target, _embedding(other))), other))
    limit = min(int(request.args.get("limit", 5)), 20)
    return jsonify([t for _, t in sorted(scored, reverse=True)[:limit]])


@api.post("/feedback")
def feedback():
    body = request.get_json(force=True)
    cache.zincrby("feedback", 1, body["trip_id"])
    return "", 204


@app.route("/healthz")
def healthz():
    # requests.get("/v1/trips") would go through the frontend; a ping is enough.
    return jsonify(ok=cache.ping())


def warm_up():
    """Pre-fetch popular trips. Not a route: requests.get is an HTTP client."""
    resp = requests.get(f"{CATALOG_HTTP}/api/trips/popular", timeout=5)
    resp.raise_for_status()


app.register_blueprint(api)
