package f

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
)

type Service struct{ *Intermediate }

func (svc *Service) mint(ctx context.Context) error {
	_, err := accesstokenapi.NewClient(svc).Mint(ctx, nil) // grant: f.app -> access.token.core POST /mint
	return err
}

func (svc *Service) quiet(ctx context.Context) error { return nil }

// pick hands back a method value: the call through it mints. f.app is granted access.token.core.
func pick(s *Service, loud bool) func(context.Context) error {
	if loud {
		return s.mint
	}
	return s.quiet
}

func (svc *Service) Run(ctx context.Context) error {
	f := pick(svc, true)
	return f(ctx)
}
