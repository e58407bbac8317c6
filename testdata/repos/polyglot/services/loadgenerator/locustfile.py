"""Simulated travellers browsing and booking on the frontend.

Every path below is a request the load generator sends, not a route it
serves: self.client is Locust's HTTP client.
"""

import random

from locust import FastHttpUser, between, task

TRIPS = ["LIS-OPO-0800", "LIS-FAO-1230", "OPO-MAD-0715", "MAD-BCN-1900"]


class Traveller(FastHttpUser):
    wait_time = between(1, 5)

    @task(10)
    def browse(self):
        self.client.get("/")
        self.client.get(f"/trips/{random.choice(TRIPS)}", name="/trips/[id]")

    @task(3)
    def add_to_cart(self):
        self.client.post("/api/cart", json={"trip_id": random.choice(TRIPS), "passengers": 2})
        self.client.get("/api/cart")

    @task(1)
    def checkout(self):
        self.add_to_cart()
        self.client.post("/api/checkout", json={
            "email": "load@wayfarer.example",
            "card_token": "tok_test_visa",
        })
