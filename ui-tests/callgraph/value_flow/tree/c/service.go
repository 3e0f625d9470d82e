package c

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/shell/shellapi"
)

type Service struct{ *Intermediate }

type runner func(context.Context, any) (string, error)

// Composite keeps a method value in a composite literal, then passes it as an argument.
func (svc *Service) Composite(ctx context.Context) error {
	ops := []runner{shellapi.NewClient(svc).Execute}
	return run(ctx, ops[0])
}

func run(ctx context.Context, f runner) error {
	_, err := f(ctx, "ls") // want: warn gencreds_blind_spot // grant: c.app -> shell.core POST /execute
	return err
}

// Local keeps the client in a function-local and an anonymous struct type.
func (svc *Service) Local(ctx context.Context) error {
	type box struct{ c shellapi.Client }
	b := box{c: shellapi.NewClient(svc)}
	anon := struct{ c shellapi.Client }{c: b.c}
	_, err := anon.c.Execute(ctx, "ls") // want: warn gencreds_blind_spot // grant: c.app -> shell.core POST /execute
	return err
}
