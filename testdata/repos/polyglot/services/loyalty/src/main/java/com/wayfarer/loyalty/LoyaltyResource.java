package com.wayfarer.loyalty;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/loyalty")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LoyaltyResource {
    @Inject
    LoyaltyService loyalty;

    @GET
    @Path("/{accountId}/points")
    @RolesAllowed("traveller")
    public Points points(@PathParam("accountId") String accountId) {
        return loyalty.points(accountId);
    }

    @POST
    @Path("/{accountId}/redeem")
    @RolesAllowed("traveller")
    public Redemption redeem(@PathParam("accountId") String accountId, RedeemRequest request) {
        return loyalty.redeem(accountId, request);
    }

    /** Sub-resource locator: the history resource declares its own methods. */
    @Path("/{accountId}/history")
    public HistoryResource history(@PathParam("accountId") String accountId) {
        return new HistoryResource(loyalty, accountId);
    }
}
