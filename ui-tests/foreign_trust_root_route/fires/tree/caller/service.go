package caller

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
)

// Service mints access tokens: the built-in access.token.core stays in place whatever the
// tree declares under its name, so caller.app is granted its Mint.
type Service struct{ *Intermediate }

// Mint calls the built-in.
func (svc *Service) Mint(ctx context.Context) error {
	_, err := accesstokenapi.NewClient(svc).Mint(ctx, nil) // grant: caller.app -> access.token.core POST /mint
	return err
}
