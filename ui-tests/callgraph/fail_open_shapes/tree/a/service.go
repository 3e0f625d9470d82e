package a

import (
	"context"

	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

type Base struct{ *Intermediate }

// Derived is a defined type over Base: it has Base's fields (the embedded connector, whose
// Request is promoted), not Base's methods. a.app is granted vault.app.
type Derived Base

func (svc *Service) Run(ctx context.Context) error {
	d := Derived{Intermediate: svc.Intermediate}
	_, err := d.Request(ctx, pub.POST("https://vault.app:666/unseal")) // grant: a.app -> vault.app POST /unseal
	return err
}
