using Microsoft.AspNetCore.Http.HttpResults;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks();
var app = builder.Build();

app.MapGet("/", () => "Shop API");
app.MapHealthChecks("/healthz");

var todos = app.MapGroup("/todos").RequireAuthorization();
todos.MapGet("/", TodoHandlers.GetAll);
todos.MapGet("/{id:int}", TodoHandlers.Get).WithName("GetTodo");
todos.MapPost("/", async (Todo todo, TodoDb db) =>
{
    db.Todos.Add(todo);
    await db.SaveChangesAsync();
    return TypedResults.Created($"/todos/{todo.Id}", todo);
});
todos.MapMethods("/{id}", new[] { "PUT", HttpMethods.Patch }, TodoHandlers.Update);

var admin = todos.MapGroup("admin");
admin.MapDelete("/{id}", TodoHandlers.Delete);

app.MapGet($"/{version}/info", () => "v");
app.MapGet(RoutePaths.Legacy, () => "legacy");

app.Run();

static class EndpointExtensions
{
    public static IEndpointRouteBuilder MapBilling(this IEndpointRouteBuilder routes)
    {
        var billing = routes.MapGroup("/billing");
        billing.MapPost("/invoices", Billing.Create);
        routes.MapGet(@"/verbatim", Billing.Status);
        return routes;
    }
}
