// Package service is a stand-in for the framework's service interfaces (oracle only).
package service

import (
	"context"

	"github.com/microbus-io/fabric/pub"
)

// Publisher makes requests over the bus.
type Publisher interface {
	Request(ctx context.Context, opts ...pub.Option) (*pub.Response, error)
	Publish(ctx context.Context, opts ...pub.Option) []*pub.Response
}

// Service is what an application runs.
type Service interface {
	Hostname() string
	Startup(ctx context.Context) error
}
