package y

import (
	"context"

	"example.com/app/tables"
)

type Service struct {
	*Intermediate
}

// Run calls every step of its own table: shell.core only.
func (svc *Service) Run(ctx context.Context) error {
	for _, step := range tables.Shelling {
		if err := step(ctx, svc); err != nil {
			return err
		}
	}
	return nil
}

// Copy copies a list into a slice of its own first: the copy holds what the list holds.
func (svc *Service) Copy(ctx context.Context) error {
	steps := make([]tables.Step, len(tables.Minters))
	copy(steps, tables.Minters)
	for _, step := range steps {
		if err := step(ctx, svc); err != nil {
			return err
		}
	}
	return nil
}

// Anonymous: the same shape as x's anonymous struct, holding y's own step.
func (svc *Service) Anonymous(ctx context.Context) error {
	h := struct{ step tables.Step }{step: tables.Shelling["execute"]}
	return h.step(ctx, svc)
}
