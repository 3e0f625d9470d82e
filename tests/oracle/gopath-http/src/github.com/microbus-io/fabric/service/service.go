// Package service is a stand-in for the framework's service interfaces (oracle only), with the
// framework's net/http types (see ../connector).
package service

import (
	"context"
	"net/http"

	"github.com/microbus-io/fabric/pub"
)

// Publisher makes requests over the bus.
type Publisher interface {
	Request(ctx context.Context, opts ...pub.Option) (*http.Response, error)
	Publish(ctx context.Context, opts ...pub.Option) []*pub.Response
}

// Service is what an application runs.
type Service interface {
	Hostname() string
	Startup(ctx context.Context) error
}
