// Package unused is vendored but imported by nothing in the tree: it is not compiled in, so it
// is not analyzed (and its :666 call is neither granted nor reported).
package unused

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"
	"github.com/microbus-io/fabric/service"
)

func Bearer(ctx context.Context, caller service.Publisher) (string, error) {
	return bearertokenapi.NewClient(caller).Mint(ctx, nil)
}
