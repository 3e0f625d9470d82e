package ops

import (
	"context"

	"example.com/app/vault/vaultapi"
	"github.com/microbus-io/fabric/pub"
	"github.com/microbus-io/fabric/service"
)

type Keeper struct{ svc service.Publisher }

// Unseal makes the :666 call.
func (k *Keeper) Unseal(ctx context.Context) error {
	return vaultapi.NewClient(k.svc).Unseal(ctx)
}

type Service struct {
	*Intermediate
	keepers    []*Keeper
	keeper     *Keeper
	publishers []service.Publisher
	publisher  service.Publisher
}

// Rotate unseals through a keeper taken from a slice expression, whose type rootlint does
// not work out.
func (svc *Service) Rotate(ctx context.Context) error {
	svc.keeper = &Keeper{svc: svc}
	k := svc.keepers[1:][0]
	return k.Unseal(ctx) // want: unresolved_call_target
}

// Raw unseals with a raw request on a publisher taken the same way.
func (svc *Service) Raw(ctx context.Context) error {
	p := svc.publishers[1:][0]
	_, err := p.Request(ctx, pub.POST("https://vault.app:666/unseal")) // want: unresolved_call_target
	return err
}
