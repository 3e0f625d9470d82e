package q

import (
	"context"

	"github.com/microbus-io/fabric/service"
)

// Service writes the same shapes with a step that does nothing: q.app is granted nothing.
type Service struct {
	*Intermediate
}

type step struct {
	name string
	run  func(ctx context.Context, pub service.Publisher) error
}

func quiet(ctx context.Context, pub service.Publisher) error { return nil }

// Positional: the same shape as e's, with its own step.
func (svc *Service) Positional(ctx context.Context) error {
	steps := []step{{"quiet", quiet}}
	return steps[0].run(ctx, svc)
}
