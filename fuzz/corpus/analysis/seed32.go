package c

import (
	"context"
	"example.com/app/internal/tokens"
)

type Service struct{}

func mintInTest(ctx context.Context, svc *Service) { tokens.Direct(ctx, svc) }
