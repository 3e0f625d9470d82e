package a

import (
	"context"
	"example.com/app/internal/tokens"
)

type Service struct{ *Intermediate }

func (svc *Service) Run(ctx context.Context) {
	m := tokens.NewMinter(svc)
	m.Customer(ctx)
}
