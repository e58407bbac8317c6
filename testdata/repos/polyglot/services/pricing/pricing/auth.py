"""Partner API keys for the batch and admin endpoints."""

import hmac
import os

from fastapi import Header, HTTPException

_KEYS = {k for k in os.environ.get("PRICING_PARTNER_KEYS", "").split(",") if k}


def partner_key(x_api_key: str = Header(default="")) -> str:
    if not any(hmac.compare_digest(x_api_key, k) for k in _KEYS):
        raise HTTPException(status_code=401, detail="invalid API key")
    return x_api_key
