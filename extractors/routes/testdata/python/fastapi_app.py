from fastapi import APIRouter, FastAPI

from .routers import users

app = FastAPI()
router = APIRouter(prefix="/items", tags=["items"])
internal = APIRouter()


@router.get("/{item_id}")
async def read_item(item_id: int):
    return {"item_id": item_id}


@router.api_route("/{item_id}", methods=["PUT", "PATCH"])
async def update_item(item_id: int):
    return {}


@internal.delete("/cache")
def clear_cache():
    return {}


@app.get("/")
def root():
    return {"message": "Hello World"}


app.include_router(router, prefix="/v1")
app.include_router(users.router, prefix="/users")
app.mount("/static", StaticFiles(directory="static"), name="static")
