package x

import (
	"context"

	"example.com/app/tables"
)

type Service struct {
	*Intermediate
}

// Run calls a step of its own table: access.token.core only, though Shelling holds steps of
// the same type.
func (svc *Service) Run(ctx context.Context) error {
	return tables.Minting["mint"](ctx, svc)
}
