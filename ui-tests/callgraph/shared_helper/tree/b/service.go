package b

import (
	"context"
	"example.com/app/internal/tokens"
)

type Service struct{}

func (svc *Service) Run(ctx context.Context) {
	tokens.Direct(ctx, svc)
}
