package com.example.shop.rest;

import jakarta.ws.rs.*;
import jakarta.ws.rs.core.MediaType;

@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    @GET
    public List<Order> list() {
        return service.all();
    }

    @GET
    @Path("{id: \\d+}")
    public Order get(@PathParam("id") long id) {
        return service.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Order order) {
        return Response.ok().build();
    }

    @Path("{id}/items")
    public ItemResource items(@PathParam("id") long id) {
        return new ItemResource(id);
    }
}
