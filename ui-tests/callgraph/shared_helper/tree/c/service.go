package c

import (
	"context"
)

type Service struct{}

func (svc *Service) Run(ctx context.Context) {}
