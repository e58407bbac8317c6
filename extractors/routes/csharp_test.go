package routes

import "testing"

func TestCSharpExtract(t *testing.T) {
	runCases(t, NewCSharp(), []extractCase{
		{name: "controllers", path: "csharp/OrdersController.cs", want: []string{
			"66 ANY /admin aspnetcore Index",
			"67 ANY /admin/index aspnetcore Index",
			"35 DELETE /api/Orders/{id} aspnetcore Delete",
			"76 GET /about aspnetcore About",
			"63 GET /admin/reports/{year:int} aspnetcore ByYear",
			"14 GET /api/Orders aspnetcore ListAsync",
			"39 GET /api/Orders/Receipt/{id} aspnetcore Receipt",
			"17 GET /api/Orders/{id:long} aspnetcore Get",
			"43 GET /status aspnetcore Status",
			"39 HEAD /api/Orders/Receipt/{id} aspnetcore Receipt",
			"32 PATCH /api/Orders/{id} aspnetcore Update",
			"24 POST /api/Orders aspnetcore Create",
			"32 PUT /api/Orders/{id} aspnetcore Update",
		}},
		{name: "minimal APIs", path: "csharp/Program.cs", wantLine: 24, want: []string{
			"8 ANY /healthz aspnetcore -",
			"22 DELETE /todos/admin/{id} aspnetcore TodoHandlers.Delete",
			"7 GET / aspnetcore -",
			"11 GET /todos/ aspnetcore TodoHandlers.GetAll",
			"12 GET /todos/{id:int} aspnetcore TodoHandlers.Get",
			"35 GET /verbatim aspnetcore Billing.Status ?",
			"19 PATCH /todos/{id} aspnetcore TodoHandlers.Update",
			"34 POST /billing/invoices aspnetcore Billing.Create ?",
			"13 POST /todos/ aspnetcore -",
			"19 PUT /todos/{id} aspnetcore TodoHandlers.Update",
		}},
	})
}

func TestCSharpExtractEdges(t *testing.T) {
	runCases(t, NewCSharp(), []extractCase{
		{name: "tokens, constants and names", path: "Api.cs", src: `
[Area("billing")]
[Route("[area]/[controller]")]
public class InvoicesController : ControllerBase
{
    [HttpGet]
    public IActionResult List() => Ok();
}

public class Repository<T> : ControllerBase where T : class, new()
{
    [HttpGet("/generic")]
    public IActionResult All() => Ok();
}

[Route(ApiRoutes.Base)]
public sealed class Items : Microsoft.AspNetCore.Mvc.Controller
{
    [HttpGet(template: "{id}")]
    public IActionResult Get(int id, [FromQuery(Name = "q")] string q) => Ok(items[0]);

    [HttpGet(ApiRoutes.Search)]
    public IActionResult Search() => Ok();

    [ActionName("Summary")]
    [HttpGet("~/[action]")]
    public IActionResult GetSummaryAsync() => Ok();

    private class Nested
    {
        [HttpPost("nested")]
        public void Hidden() { }
    }

    [HttpDeleteAttribute("/items/{id}")]
    public void Remove(int id) { }
}

public static class StaticController
{
    [HttpGet("/static")]
    public static string Get() => "";
}

class InternalController : ControllerBase
{
    [HttpGet("/internal")]
    public IActionResult Get() => Ok();
}
`, wantLine: 6, want: []string{
			"35 DELETE /items/{id} aspnetcore Remove",
			"26 GET /Summary aspnetcore GetSummaryAsync",
			"19 GET /{id} aspnetcore Get ?",
		}},
		{name: "strings, comments and directives", path: "Tricky.cs", src: `
#region routes
[ApiController]
[Route("api")]
public class TrickyController : ControllerBase
{
    /* [HttpGet("block-comment")] */
    private const string A = "[HttpGet(\"escaped\")]";
    private const string B = @"
        [HttpGet(""verbatim"")]
        app.MapGet(""/verbatim"", h);";
    private const string C = """
        [HttpGet("raw")]
        """;
    private string D => $"{(x ? "}" : "{")} app.MapGet(\"/interp\", h)";
    private int E = values[1][2];
#if DEBUG
    [HttpGet("debug")]
#endif
    public IActionResult Debug() => Ok();
    [HttpGet($"{Prefix}/x")]
    public IActionResult Interpolated() => Ok();
}
#endregion
`, wantLine: 21, want: []string{"18 GET /api/debug aspnetcore Debug"}},
		{name: "minimal APIs on builders from elsewhere", path: "Endpoints.cs", src: `
public static class Endpoints
{
    public static void Map(WebApplication app, string[] verbs)
    {
        app.MapGet("/ping", () => "pong");
        app.MapMethods("/any", verbs, Handle);
        var g = app.MapGroup(Prefix);
        g.MapGet("/x", X);
        app.Services.GetRequiredService<IThing>().MapGet("/y", Y);
        Configure(r => r.MapPost("/lambda", L));
    }
}
`, wantLine: 7, want: []string{
			"6 GET /ping aspnetcore - ?",
			"9 GET /x aspnetcore X ?",
			"10 GET /y aspnetcore Y ?",
			"11 POST /lambda aspnetcore L ?",
		}},
		{name: "UseEndpoints in a Startup class serves at the root", path: "csharp/Startup.cs",
			want: []string{
				"12 ANY /healthz aspnetcore -",
				"13 DELETE /cache aspnetcore Clear",
				"9 GET / aspnetcore Home",
				"19 GET /beta aspnetcore Beta ?",
				"17 GET /stats aspnetcore Stats ?",
				"10 POST /api/orders aspnetcore Create",
			}},
	})
}

func TestCSharpMatch(t *testing.T) {
	tests := map[string]bool{
		"src/Api/Program.cs": true, "Controllers/OrdersController.cs": true,
		"tests/Api.Tests/OrdersTests.cs": false, "src/Api.Tests/Fakes.cs": false,
		"src/Api/obj/Debug/net8.0/Api.AssemblyInfo.cs": false, "src/Api/Api.csproj": false,
		"test/Program.cs": false, "Program.cs": true,
	}
	for p, want := range tests {
		if got := NewCSharp().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}
