package f

import (
	"context"

	"example.com/app/vault/vaultapi"
)

type Service struct{ *Intermediate }

func (svc *Service) unseal(ctx context.Context) error { return vaultapi.NewClient(svc).Unseal(ctx) } // grant: f.app -> vault.app POST /unseal

func (svc *Service) quiet(ctx context.Context) error { return nil }

// pick hands back a method value: the call through it unseals. f.app is granted vault.app.
func pick(s *Service, loud bool) func(context.Context) error {
	if loud {
		return s.unseal
	}
	return s.quiet
}

func (svc *Service) Run(ctx context.Context) error {
	f := pick(svc, true)
	return f(ctx)
}
