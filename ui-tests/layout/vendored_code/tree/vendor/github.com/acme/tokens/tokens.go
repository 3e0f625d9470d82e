// Package tokens is a vendored library that ops imports.
package tokens

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
	"github.com/microbus-io/fabric/service"
)

func Session(ctx context.Context, caller service.Publisher) (string, error) {
	return accesstokenapi.NewClient(caller).Mint(ctx, nil) // want: warn gencreds_blind_spot // grant: ops.vend -> access.token.core POST /mint
}
