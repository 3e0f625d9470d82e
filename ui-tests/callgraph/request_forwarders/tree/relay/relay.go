// Package relay forwards requests: what goes on the wire is what each caller passes.
package relay

import (
	"context"
	"net/http"

	"github.com/microbus-io/fabric/pub"
	"github.com/microbus-io/fabric/service"
)

// Bus wraps a publisher and forwards every option.
type Bus struct{ Pub service.Publisher }

// Request sends the caller's options unchanged.
func (b *Bus) Request(ctx context.Context, opts ...pub.Option) (*http.Response, error) {
	return b.Pub.Request(ctx, opts...) // want: warn dynamic_subject_construction
}

// Post sends a POST to the caller's URL, with a header of its own.
func Post(ctx context.Context, svc service.Publisher, url string) error {
	_, err := svc.Request(ctx, pub.Header("X-Relay", "1"), pub.POST(url)) // want: warn dynamic_subject_construction
	return err
}

// Relay passes its URL on to Post: a chain of two forwarders.
func Relay(ctx context.Context, svc service.Publisher, url string) error {
	return Post(ctx, svc, url)
}
