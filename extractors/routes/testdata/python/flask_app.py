"""Shop API.

@app.route('/in-a-docstring')
"""
from flask import Flask, Blueprint, request

app = Flask(__name__)
admin = Blueprint("admin", __name__, url_prefix="/admin")
orders = Blueprint("orders", __name__)

# @app.route('/in-a-comment')


@app.route("/")
def index():
    return "hello"


@app.route("/login", methods=["GET", "POST"])
@limiter.limit("5/minute")
def login():
    help = "@app.route('/in-a-string')"
    return help


@admin.get("/stats")
def stats():
    return {}


@orders.post("/<int:order_id>/cancel")
def cancel(order_id):
    return {}


@app.route(f"/{PREFIX}/dynamic")
def dynamic():
    return {}


def health():
    return "ok"


app.add_url_rule("/healthz", "health", health)
app.register_blueprint(orders, url_prefix="/orders")
app.register_blueprint(admin)
cache.get("/not-a-route")
