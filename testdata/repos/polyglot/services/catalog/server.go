package main

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	catalogv1 "github.com/wayfarer-demo/wayfarer/services/gen/go/wayfarer/catalog/v1"
)

type server struct {
	catalogv1.UnimplementedCatalogServiceServer
	store *store
}

func (s *server) ListTrips(ctx context.Context, req *catalogv1.ListTripsRequest) (*catalogv1.ListTripsResponse, error) {
	trips, next, err := s.store.list(ctx, req.GetOrigin(), req.GetDestination(),
		int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, status.Errorf(codes.Internal, "list trips: %v", err)
	}
	return &catalogv1.ListTripsResponse{Trips: trips, NextPageToken: next}, nil
}

func (s *server) GetTrip(ctx context.Context, req *catalogv1.GetTripRequest) (*catalogv1.Trip, error) {
	trip, err := s.store.get(ctx, req.GetTripId())
	if err != nil {
		return nil, status.Errorf(codes.NotFound, "trip %q: %v", req.GetTripId(), err)
	}
	return trip, nil
}

func (s *server) WatchAvailability(req *catalogv1.WatchAvailabilityRequest,
	stream catalogv1.CatalogService_WatchAvailabilityServer) error {
	for seats := range s.store.watch(stream.Context(), req.GetTripId()) {
		err := stream.Send(&catalogv1.AvailabilityEvent{TripId: req.GetTripId(), SeatsLeft: seats})
		if err != nil {
			return err
		}
	}
	return nil
}
