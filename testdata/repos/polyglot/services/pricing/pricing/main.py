"""HTTP face of the pricing service: quotes for the web and partner feeds."""

from decimal import Decimal

from fastapi import APIRouter, Depends, FastAPI, HTTPException
from pydantic import BaseModel

from .auth import partner_key
from .engine import PriceEngine

app = FastAPI(title="wayfarer pricing", version="0.9.0")
engine = PriceEngine.from_env()

quotes = APIRouter(prefix="/quotes", tags=["quotes"])


class QuoteIn(BaseModel):
    trip_id: str
    passengers: int = 1
    currency: str = "EUR"
    promo_code: str | None = None


@quotes.get("/{trip_id}")
async def get_quote(trip_id: str, passengers: int = 1, currency: str = "EUR"):
    quote = engine.quote(trip_id, passengers, currency)
    if quote is None:
        raise HTTPException(status_code=404, detail="unknown trip")
    return quote


@quotes.post("/batch", dependencies=[Depends(partner_key)])
async def batch_quotes(items: list[QuoteIn]):
    return [engine.quote(i.trip_id, i.passengers, i.currency, i.promo_code) for i in items]


@app.get("/healthz")
def healthz():
    return {"status": "ok", "rates_loaded": engine.rates_loaded}


@app.put("/admin/rates/{currency}", dependencies=[Depends(partner_key)])
def set_rate(currency: str, rate: Decimal):
    engine.set_rate(currency, rate)
    return {"currency": currency, "rate": str(rate)}


app.include_router(quotes, prefix="/v1")
