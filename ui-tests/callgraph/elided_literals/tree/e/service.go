package e

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"
	"github.com/microbus-io/fabric/coreservices/shell/shellapi"
	"github.com/microbus-io/fabric/service"
)

// Service keeps its steps in elements written without their type, which the container gives:
// e.app is granted access.token.core, bearer.token.core and shell.core, one per shape.
type Service struct {
	*Intermediate
}

type step struct {
	name string
	run  func(ctx context.Context, pub service.Publisher) error
}

func mint(ctx context.Context, pub service.Publisher) error {
	_, err := accesstokenapi.NewClient(pub).Mint(ctx, nil) // grant: e.app -> access.token.core POST /mint
	return err
}

func bearer(ctx context.Context, pub service.Publisher) error {
	_, err := bearertokenapi.NewClient(pub).Mint(ctx, nil) // grant: e.app -> bearer.token.core POST /mint
	return err
}

func shell(ctx context.Context, pub service.Publisher) error {
	_, err := shellapi.NewClient(pub).Execute(ctx, "ls") // grant: e.app -> shell.core POST /execute
	return err
}

// Positional: struct elements by position (`{"mint", mint}`), in a slice of the struct type.
func (svc *Service) Positional(ctx context.Context) error {
	steps := []step{{"mint", mint}}
	for _, s := range steps {
		if err := s.run(ctx, svc); err != nil {
			return err
		}
	}
	return nil
}

// Pointers: a map of pointers to elided structs, keyed by field.
func (svc *Service) Pointers(ctx context.Context) error {
	table := map[string]*step{"b": {run: bearer}}
	return table["b"].run(ctx, svc)
}

// Anonymous: a slice of an anonymous struct type, its elements by position.
func (svc *Service) Anonymous(ctx context.Context) error {
	xs := []struct {
		name string
		run  func(ctx context.Context, pub service.Publisher) error
	}{{"shell", shell}}
	return xs[0].run(ctx, svc)
}
