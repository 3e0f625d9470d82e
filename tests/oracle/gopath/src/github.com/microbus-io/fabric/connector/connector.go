// Package connector is a stand-in for the framework's connector (oracle only): requests are
// built from their options and dropped.
package connector

import (
	"context"

	"github.com/microbus-io/fabric/pub"
)

// Connector is the base of every service.
type Connector struct {
	hostname  string
	onStartup []func(ctx context.Context) error
}

// New makes a connector for a hostname.
func New(hostname string) *Connector { return &Connector{hostname: hostname} }

// Hostname is the service's hostname.
func (c *Connector) Hostname() string { return c.hostname }

// Request sends a unicast request.
func (c *Connector) Request(ctx context.Context, opts ...pub.Option) (*pub.Response, error) {
	var r pub.Request
	for _, o := range opts {
		o(&r)
	}
	return &pub.Response{}, nil
}

// Publish sends a multicast request.
func (c *Connector) Publish(ctx context.Context, opts ...pub.Option) []*pub.Response {
	res, _ := c.Request(ctx, opts...)
	return []*pub.Response{res}
}

// SetOnStartup registers a lifecycle callback.
func (c *Connector) SetOnStartup(f func(ctx context.Context) error) {
	c.onStartup = append(c.onStartup, f)
}

// Startup runs the lifecycle callbacks.
func (c *Connector) Startup(ctx context.Context) error {
	for _, f := range c.onStartup {
		if err := f(ctx); err != nil {
			return err
		}
	}
	return nil
}
