package c

import (
	"context"
)

type Service struct{ *Intermediate }

func (svc *Service) Run(ctx context.Context) {}
