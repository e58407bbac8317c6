using Microsoft.AspNetCore.Mvc;

namespace Shop.Api.Controllers;

/// <summary>Orders of the signed-in customer.</summary>
[ApiController]
[Route("api/[controller]")]
public class OrdersController : ControllerBase
{
    private readonly IOrderStore _orders;

    public OrdersController(IOrderStore orders) => _orders = orders;

    [HttpGet]
    public async Task<ActionResult<IEnumerable<Order>>> ListAsync() => Ok(await _orders.All());

    [HttpGet("{id:long}", Name = "GetOrder")]
    public async Task<ActionResult<Order>> Get(long id)
    {
        var order = await _orders.Find(id);
        return order is null ? NotFound() : order;
    }

    [HttpPost]
    [ProducesResponseType(StatusCodes.Status201Created)]
    public async Task<IActionResult> Create([FromBody] Order order)
    {
        await _orders.Add(order);
        return CreatedAtRoute("GetOrder", new { id = order.Id }, order);
    }

    [HttpPut("{id}"), HttpPatch("{id}")]
    public IActionResult Update(long id, Order order) => NoContent();

    [HttpDelete("{id}")]
    [Authorize(Roles = "admin")]
    public IActionResult Delete(long id) => NoContent();

    [Route("[action]/{id}")]
    [AcceptVerbs("GET", "HEAD")]
    public IActionResult Receipt(long id) => Ok();

    [HttpGet("~/status")]
    public string Status() => "ok";

    // [HttpGet("commented-out")]
    public IActionResult Helper() => Ok("[HttpGet(\"in-a-string\")]");

    [NonAction]
    [HttpGet("not-an-action")]
    public void NotAnAction() { }
}

public abstract class ApiControllerBase : ControllerBase
{
    [HttpGet("base-route")]
    public IActionResult Inherited() => Ok();
}

[Route("admin")]
public class ReportsController : Controller
{
    [HttpGet("reports/{year:int}")]
    public IActionResult ByYear(int year) => View();

    [Route("")]
    [Route("index")]
    public IActionResult Index() => View();
}

public class HomeController : Controller
{
    [HttpGet]
    public IActionResult Index() => View();

    [HttpGet("about")]
    public IActionResult About() => View();
}

public class OrderValidator
{
    [HttpGet("/not-a-controller")]
    public bool Validate(Order order) => true;
}
