package ops

import (
	"context"
	"slices"

	"example.com/app/vault/vaultapi"
	"github.com/microbus-io/fabric/pub"
	"github.com/microbus-io/fabric/service"
)

type Keeper struct{ svc service.Publisher }

// Unseal makes the :666 call.
func (k *Keeper) Unseal(ctx context.Context) error {
	return vaultapi.NewClient(k.svc).Unseal(ctx) // grant: ops.app -> vault.app POST /unseal
}

type Service struct {
	*Intermediate
	keepers    []*Keeper
	keeper     *Keeper
	publishers []service.Publisher
	publisher  service.Publisher
}

// Rotate unseals through a keeper taken from a slice expression: a slice of a slice holds its
// elements, and the method is known by its type.
func (svc *Service) Rotate(ctx context.Context) error {
	svc.keeper = &Keeper{svc: svc}
	k := svc.keepers[1:][0]
	return k.Unseal(ctx)
}

// Raw unseals with a raw request on a publisher that a generic function outside the tree
// returns, whose type rootlint does not work out.
func (svc *Service) Raw(ctx context.Context) error {
	p := slices.Clone(svc.publishers)[0]
	_, err := p.Request(ctx, pub.POST("https://vault.app:666/unseal")) // want: deny unresolved_call_target
	return err
}
