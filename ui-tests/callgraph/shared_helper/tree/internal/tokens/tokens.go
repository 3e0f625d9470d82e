package tokens

import (
	"context"
	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"
	"github.com/microbus-io/fabric/service"
)

type Minter struct{ svc service.Publisher }

func NewMinter(svc service.Publisher) *Minter { return &Minter{svc: svc} }

func (m *Minter) Customer(ctx context.Context) { Direct(ctx, m.svc) }

func Direct(ctx context.Context, svc service.Publisher) {
	bearertokenapi.NewClient(svc).Mint(ctx, nil) // want: warn gencreds_blind_spot // grant: a.app -> bearer.token.core POST /mint, b.app -> bearer.token.core POST /mint
}

func Dead(ctx context.Context, svc service.Publisher) {
	bearertokenapi.NewClient(svc).Mint(ctx, "dead")
}
