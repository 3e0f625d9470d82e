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

// Parked keeps a shell step in an anonymous struct with the same field name and another field
// type: another type, so `h.step` in Anonymous never reads it, and x never runs Execute.
func (svc *Service) Parked(ctx context.Context) error {
	p := struct{ step func() error }{step: tables.Parked(ctx, svc)}
	_ = p
	return nil
}

// wrapped embeds a Stepper, whose Do is promoted.
type wrapped struct{ tables.Stepper }

// Expression calls the promoted Do through a method expression: Do's receiver is the
// embedded Stepper, which holds seal.
func (svc *Service) Expression(ctx context.Context) error {
	w := wrapped{Stepper: tables.Stepper(tables.Sealers[0])}
	return wrapped.Do(w, ctx, svc)
}
