// Package connector is a stand-in for the framework's connector (oracle only): requests are
// built from their options and dropped. This is the layer of the stand-ins with the framework's
// net/http types, for the trees under ui-tests/ and examples/; the generated programs use the
// lighter one in ../gopath, which spares each of their binaries the SSA of net/http.
package connector

import (
	"context"
	"net/http"

	"github.com/microbus-io/fabric/pub"
	"github.com/microbus-io/fabric/sub"
)

// Connector is the base of every service.
type Connector struct {
	hostname  string
	onStartup []func(ctx context.Context) error
	handlers  []sub.HTTPHandler
}

// New makes a connector for a hostname.
func New(hostname string) *Connector { return &Connector{hostname: hostname} }

// Hostname is the service's hostname.
func (c *Connector) Hostname() string { return c.hostname }

// Request sends a unicast request.
func (c *Connector) Request(ctx context.Context, opts ...pub.Option) (*http.Response, error) {
	var r pub.Request
	for _, o := range opts {
		o(&r)
	}
	return &http.Response{}, nil
}

// Publish sends a multicast request.
func (c *Connector) Publish(ctx context.Context, opts ...pub.Option) []*pub.Response {
	_, err := c.Request(ctx, opts...)
	return []*pub.Response{{StatusCode: statusOf(err)}}
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
	for _, h := range c.handlers {
		_ = h(nil, nil)
	}
	return nil
}

// Subscribe registers a handler, which runs when a request arrives.
func (c *Connector) Subscribe(method string, route string, handler sub.HTTPHandler, opts ...sub.Option) error {
	var s sub.Subscription
	for _, o := range opts {
		o(&s)
	}
	c.handlers = append(c.handlers, handler)
	return nil
}

func statusOf(err error) int {
	if err != nil {
		return 500
	}
	return 200
}
