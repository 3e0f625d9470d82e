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

// Anonymous carries the step in an anonymous struct; y's struct of the same shape is another
// type (an unexported field belongs to its package), so x never sees y's step.
func (svc *Service) Anonymous(ctx context.Context) error {
	h := struct{ step tables.Step }{step: tables.Minting["mint"]}
	return h.step(ctx, svc)
}
