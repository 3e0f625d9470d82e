package b

import (
	"context"

	"example.com/app/internal/mint"
	"github.com/microbus-io/fabric/service"
)

type Service struct{ *Intermediate }

type minter func(context.Context, service.Publisher) (string, error)

// Nightly hands the minting function to a runner: a function value.
func (svc *Service) Nightly(ctx context.Context) {
	run(ctx, svc, mint.Robot)
}

func run(ctx context.Context, svc *Service, f minter) {
	_, _ = f(ctx, svc)
}
