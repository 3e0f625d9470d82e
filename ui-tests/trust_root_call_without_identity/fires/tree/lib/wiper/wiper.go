// Package wiper is imported by no service.
package wiper

import (
	"context"

	"example.com/who/vault/vaultapi"
	"github.com/microbus-io/fabric/service"
)

func Wipe(ctx context.Context, caller service.Publisher) error {
	return vaultapi.NewClient(caller).Wipe(ctx) // want: deny trust_root_call_without_identity
}
