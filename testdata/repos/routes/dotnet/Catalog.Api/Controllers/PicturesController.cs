using Microsoft.AspNetCore.Mvc;

namespace Catalog.Api.Controllers;

[ApiController]
[Route("api/[controller]")]
public class PicturesController : ControllerBase
{
    [HttpGet("{itemId:int}")]
    public IActionResult Get(int itemId) => PhysicalFile(PathOf(itemId), "image/png");

    [HttpPut("{itemId:int}")]
    [RequestSizeLimit(1_000_000)]
    public async Task<IActionResult> UploadAsync(int itemId, IFormFile file)
    {
        await Store(itemId, file);
        return NoContent();
    }
}
