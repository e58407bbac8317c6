// Command checkout places orders: it re-prices the quote, authorizes and
// captures the payment, and asks notifications to send the confirmation.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	checkoutv1 "github.com/wayfarer-demo/wayfarer/services/gen/go/wayfarer/checkout/v1"
	notifyv1 "github.com/wayfarer-demo/wayfarer/services/gen/go/wayfarer/notify/v1"
	paymentsv1 "github.com/wayfarer-demo/wayfarer/services/gen/go/wayfarer/payments/v1"
	pricingv1 "github.com/wayfarer-demo/wayfarer/services/gen/go/wayfarer/pricing/v1"
)

type checkout struct {
	checkoutv1.UnimplementedCheckoutServiceServer
	pricing  pricingv1.PricingServiceClient
	payments paymentsv1.PaymentServiceClient
	notify   notifyv1.NotificationServiceClient
	orders   *redis.Client
}

func main() {
	c := &checkout{
		pricing:  pricingv1.NewPricingServiceClient(dial("PRICING_ADDR")),
		payments: paymentsv1.NewPaymentServiceClient(dial("PAYMENTS_ADDR")),
		notify:   notifyv1.NewNotificationServiceClient(dial("NOTIFICATIONS_ADDR")),
		orders:   redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")}),
	}

	// The kubelet probes this; the gRPC port stays free of HTTP.
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), time.Second)
		defer cancel()
		if err := c.orders.Ping(ctx).Err(); err != nil {
			http.Error(w, "redis unavailable", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	go func() { log.Fatal(http.ListenAndServe(":8081", nil)) }()

	lis, err := net.Listen("tcp", ":7000")
	if err != nil {
		log.Fatal(err)
	}
	srv := grpc.NewServer()
	checkoutv1.RegisterCheckoutServiceServer(srv, c)
	log.Fatal(srv.Serve(lis))
}

func (c *checkout) PlaceOrder(ctx context.Context, req *checkoutv1.PlaceOrderRequest) (*checkoutv1.PlaceOrderResponse, error) {
	quote, err := c.pricing.GetQuote(ctx, &pricingv1.QuoteRequest{TripId: req.GetQuoteId()})
	if err != nil {
		return nil, fmt.Errorf("reprice: %w", err)
	}
	orderID := fmt.Sprintf("ord_%d", time.Now().UnixNano())
	auth, err := c.payments.Authorize(ctx, &paymentsv1.AuthorizeRequest{
		OrderId: orderID, AmountCents: quote.GetTotalCents(), Currency: quote.GetCurrency(),
		CardToken: req.GetCardToken(),
	})
	if err != nil {
		return nil, fmt.Errorf("authorize: %w", err)
	}
	if !auth.GetApproved() {
		return nil, errors.New("payment declined: " + auth.GetDeclineReason())
	}
	if _, err := c.payments.Capture(ctx, &paymentsv1.CaptureRequest{AuthorizationId: auth.GetAuthorizationId()}); err != nil {
		return nil, fmt.Errorf("capture: %w", err)
	}
	if err := c.orders.Set(ctx, orderID, quote.GetQuoteId(), 0).Err(); err != nil {
		return nil, fmt.Errorf("store order: %w", err)
	}
	_, _ = c.notify.Send(ctx, &notifyv1.SendRequest{
		Template: "booking-confirmed", Recipient: req.GetCustomerEmail(),
		Params: map[string]string{"order_id": orderID},
	})
	return &checkoutv1.PlaceOrderResponse{OrderId: orderID, BookingReference: orderID[4:12]}, nil
}

func dial(env string) *grpc.ClientConn {
	conn, err := grpc.NewClient(os.Getenv(env), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		log.Fatalf("dial %s: %v", env, err)
	}
	return conn
}
