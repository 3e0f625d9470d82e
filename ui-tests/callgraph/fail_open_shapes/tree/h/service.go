package h

import (
	"context"

	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

// Shouted writes the scheme in capitals, which Go's net/url lower-cases: a :666 call like any
// other (it was "not an absolute http(s) URL").
func (svc *Service) Shouted(ctx context.Context) error {
	_, err := svc.Request(ctx, pub.POST("HTTPS://vault.app:666/unseal")) // grant: h.app -> vault.app POST /unseal
	return err
}
