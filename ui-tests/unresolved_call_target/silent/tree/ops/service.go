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
	return vaultapi.NewClient(k.svc).Unseal(ctx) // grant: ops.app -> vault.app POST /unseal
}

type Service struct {
	*Intermediate
	keepers    chan *Keeper
	keeper     *Keeper
	publishers chan service.Publisher
	publisher  service.Publisher
}

// Rotate unseals through a keeper.
func (svc *Service) Rotate(ctx context.Context) error {
	svc.keeper = &Keeper{svc: svc}
	k := svc.keeper
	return k.Unseal(ctx)
}

// Raw unseals with a raw request on a publisher.
func (svc *Service) Raw(ctx context.Context) error {
	p := svc.publisher
	_, err := p.Request(ctx, pub.POST("https://vault.app:666/unseal")) // grant: ops.app -> vault.app POST /unseal
	return err
}
