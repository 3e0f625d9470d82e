package g

import (
	"context"
	"sync"

	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
)

type Service struct {
	*Intermediate
	issuer string
}

// Pooled keeps its client in a sync.Pool: the client comes back through code outside the tree,
// with the host ForHost gave it. Its host is unknown, never the default one.
func (svc *Service) Pooled(ctx context.Context) error {
	pool := sync.Pool{New: func() any {
		return accesstokenapi.NewClient(svc).ForHost(svc.issuer)
	}}
	_, err := pool.Get().(accesstokenapi.Client).Mint(ctx, nil) // want: deny dynamic_trust_root_host
	return err
}

// Handed returns its client to code outside the tree, which hands it back: reported.
func (svc *Service) Handed(ctx context.Context) error {
	var once sync.Once
	var client accesstokenapi.Client
	once.Do(func() { client = accesstokenapi.NewClient(svc).ForHost(svc.issuer) })
	_, err := client.Mint(ctx, nil) // want: deny dynamic_trust_root_host
	return err
}
