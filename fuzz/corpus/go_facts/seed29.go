package web

import (
	"context"
	"crypto/cipher"
	"net/http"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
)

// Service holds values of types from outside the tree whose method names match in-tree
// handlers (Unlock, Open) and the framework's (Request, Publish): none of them is an edge.
type Service struct {
	*Intermediate
	mux    sync.Mutex
	aead   cipher.AEAD
	client *http.Client
	nc     *nats.Conn
}

func (svc *Service) Serve(ctx context.Context) error {
	svc.mux.Lock()
	defer svc.mux.Unlock()
	_, _ = svc.aead.Open(nil, nil, nil, nil)
	res, err := svc.client.Get("https://example.com/")
	if err != nil {
		return err
	}
	defer res.Body.Close()
	_ = svc.nc.Publish("events.web", []byte("served"))
	_, _ = svc.nc.Request("rpc.web", nil, time.Second)
	return nil
}
