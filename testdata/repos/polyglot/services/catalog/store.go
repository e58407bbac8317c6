package main

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	catalogv1 "github.com/wayfarer-demo/wayfarer/services/gen/go/wayfarer/catalog/v1"
)

// store reads trips from the catalog database; seat counts are polled, as the
// booking system writes them in batches.
type store struct {
	db *sql.DB
}

func openStore(ctx context.Context, dsn string) (*store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open catalog db: %w", err)
	}
	return &store{db: db}, db.PingContext(ctx)
}

func (s *store) list(ctx context.Context, origin, dest string, size int, token string) ([]*catalogv1.Trip, string, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, origin, destination, price_cents, currency FROM trips
		 WHERE ($1 = '' OR origin = $1) AND ($2 = '' OR destination = $2) AND id > $3
		 ORDER BY id LIMIT $4`, origin, dest, token, size)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()

	var trips []*catalogv1.Trip
	for rows.Next() {
		t := &catalogv1.Trip{}
		if err := rows.Scan(&t.TripId, &t.Origin, &t.Destination, &t.PriceCents, &t.Currency); err != nil {
			return nil, "", err
		}
		trips = append(trips, t)
	}
	next := ""
	if len(trips) == size {
		next = trips[len(trips)-1].TripId
	}
	return trips, next, rows.Err()
}

func (s *store) get(ctx context.Context, id string) (*catalogv1.Trip, error) {
	t := &catalogv1.Trip{}
	err := s.db.QueryRowContext(ctx,
		`SELECT id, origin, destination, price_cents, currency FROM trips WHERE id = $1`, id).
		Scan(&t.TripId, &t.Origin, &t.Destination, &t.PriceCents, &t.Currency)
	return t, err
}

func (s *store) watch(ctx context.Context, id string) <-chan int32 {
	out := make(chan int32)
	go func() {
		defer close(out)
		tick := time.NewTicker(2 * time.Second)
		defer tick.Stop()
		for {
			var seats int32
			err := s.db.QueryRowContext(ctx, `SELECT seats_left FROM trips WHERE id = $1`, id).Scan(&seats)
			if err != nil {
				return
			}
			select {
			case out <- seats:
			case <-ctx.Done():
				return
			}
			select {
			case <-tick.C:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}
