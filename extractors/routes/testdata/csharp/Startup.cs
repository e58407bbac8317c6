using Microsoft.AspNetCore.Builder;
public class Startup
{
    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
    {
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapGet("/", Home);
            endpoints.MapGroup("/api").MapPost("/orders", Create);
        });
        app.UseEndpoints(e => e.MapHealthChecks("/healthz"));
        app.UseEndpoints((IEndpointRouteBuilder b) => b.MapDelete("/cache", Clear));
        app.Map("/admin", admin =>
        {
            admin.UseRouting();
            admin.UseEndpoints(ep => ep.MapGet("/stats", Stats));
        });
        app.UseWhen(IsBeta, beta => beta.UseEndpoints(ep2 => ep2.MapGet("/beta", Beta)));
    }
}
