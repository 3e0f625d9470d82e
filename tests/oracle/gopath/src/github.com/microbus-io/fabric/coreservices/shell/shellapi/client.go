// Package shellapi is a stand-in for the framework's typed client of shell.core (oracle only).
package shellapi

import (
	"context"

	"github.com/microbus-io/fabric/pub"
	"github.com/microbus-io/fabric/service"
)

// Hostname is the service's default hostname.
const Hostname = "shell.core"

// Client is the typed client.
type Client struct {
	svc  service.Publisher
	host string
	opts []pub.Option
}

// NewClient makes a client for the default host.
func NewClient(caller service.Publisher) Client { return Client{svc: caller, host: Hostname} }

// ForHost replaces the host.
func (_c Client) ForHost(host string) Client { return Client{svc: _c.svc, host: host, opts: _c.opts} }

// WithOptions adds options.
func (_c Client) WithOptions(opts ...pub.Option) Client {
	return Client{svc: _c.svc, host: _c.host, opts: append(append([]pub.Option(nil), _c.opts...), opts...)}
}

// Execute calls :666/execute.
func (_c Client) Execute(ctx context.Context, in any) (out string, err error) {
	_, err = _c.svc.Request(ctx, pub.Method("POST"), pub.URL("https://"+_c.host+":666/execute"), pub.Body(in), pub.Options(_c.opts...))
	return "", err
}

// MulticastClient is the typed multicast client.
type MulticastClient struct {
	svc  service.Publisher
	host string
	opts []pub.Option
}

// NewMulticastClient makes a multicast client for the default host.
func NewMulticastClient(caller service.Publisher) MulticastClient {
	return MulticastClient{svc: caller, host: Hostname}
}

// Execute calls the endpoint on every host that answers.
func (_c MulticastClient) Execute(ctx context.Context, in any) <-chan string {
	out := make(chan string)
	close(out)
	_, _ = Client{svc: _c.svc, host: _c.host, opts: _c.opts}.Execute(ctx, in)
	return out
}
