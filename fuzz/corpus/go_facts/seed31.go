package b

import (
	"context"
	"example.com/app/internal/tokens"
)

type Service struct{ *Intermediate }

func (svc *Service) Run(ctx context.Context) {
	tokens.Direct(ctx, svc)
}
