package a

import (
	"context"

	"example.com/app/internal/mint"
)

type Service struct {
	*Intermediate
	issuer mint.Issuer
}

// OnStartup picks the bearer issuer: the only Issuer implementation a.app creates.
func (svc *Service) OnStartup(ctx context.Context) error {
	svc.issuer = mint.NewBearer(svc)
	return nil
}

// Login calls through the interface: it reaches Bearer.Issue, not Shell.Issue.
func (svc *Service) Login(ctx context.Context) (string, error) {
	return svc.issuer.Issue(ctx, "user")
}
