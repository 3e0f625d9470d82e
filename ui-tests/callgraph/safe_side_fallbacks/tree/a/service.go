package a

import (
	"context"

	"example.com/app/internal/mint"
)

type Service struct {
	*Intermediate
	issuer mint.Issuer
}

// Login calls through a struct field of interface type: rootlint cannot tell the concrete type
// and falls back to every method named Issue.
func (svc *Service) Login(ctx context.Context) (string, error) {
	return svc.issuer.Issue(ctx, "user")
}
