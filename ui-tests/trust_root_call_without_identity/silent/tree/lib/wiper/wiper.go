// Package wiper is imported by the ops service.
package wiper

import (
	"context"

	"example.com/who/vault/vaultapi"
	"github.com/microbus-io/fabric/service"
)

func Wipe(ctx context.Context, caller service.Publisher) error {
	return vaultapi.NewClient(caller).Wipe(ctx) // want: warn gencreds_blind_spot // grant: ops.who -> vault.who POST /wipe
}
