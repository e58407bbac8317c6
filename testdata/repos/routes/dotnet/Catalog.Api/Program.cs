var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddHealthChecks();

var app = builder.Build();

app.MapControllers();
app.MapHealthChecks("/healthz");

var catalog = app.MapGroup("/api/catalog").RequireAuthorization();
catalog.MapGet("/brands", CatalogApi.ListBrands);
catalog.MapGet("/items/{id:int}", CatalogApi.GetItem);
catalog.MapDelete("/items/{id:int}", CatalogApi.DeleteItem);

app.Run();
