from fastapi import APIRouter, Depends, FastAPI

from .auth import require_admin

app = FastAPI(title="inventory")
items = APIRouter(prefix="/items", tags=["items"])


@items.get("/")
async def list_items():
    return []


@items.put("/{sku}", dependencies=[Depends(require_admin)])
async def put_item(sku: str):
    return {"sku": sku}


@app.get("/health")
def health():
    return {"status": "ok"}


app.include_router(items, prefix="/v1")
