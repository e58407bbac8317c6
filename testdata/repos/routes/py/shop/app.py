"""The shop's web front: a Flask application."""
from flask import Blueprint, Flask, jsonify, request

app = Flask(__name__)
cart = Blueprint("cart", __name__, url_prefix="/cart")


@app.route("/")
def index():
    return "shop"


@app.route("/login", methods=["GET", "POST"])
def login():
    return jsonify(ok=request.method == "POST")


@cart.get("/")
def show_cart():
    return jsonify(items=[])


@cart.post("/items/<int:item_id>")
def add_item(item_id):
    return jsonify(added=item_id)


app.register_blueprint(cart)
