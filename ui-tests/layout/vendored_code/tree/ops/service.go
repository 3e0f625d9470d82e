package ops

import (
	"context"

	"github.com/acme/tokens"
)

type Service struct{ *Intermediate }

// Session mints through a vendored library: it is compiled into ops, so the call is granted.
func (svc *Service) Session(ctx context.Context) (string, error) {
	return tokens.Session(ctx, svc)
}
