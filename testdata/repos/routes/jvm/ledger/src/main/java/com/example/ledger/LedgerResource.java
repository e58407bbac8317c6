package com.example.ledger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/ledger")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {
    @GET
    @Path("/entries/{id}")
    public Entry entry(@PathParam("id") String id) {
        return store.find(id);
    }

    @POST
    @Path("/entries")
    public Entry post(Entry entry) {
        return store.add(entry);
    }
}
