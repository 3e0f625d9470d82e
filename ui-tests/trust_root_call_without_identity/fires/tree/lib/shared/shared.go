// Package shared is imported by the ops service (for its Name) and by the rekey tool, which
// alone calls Rekey: the call runs in the tool, with no service's credentials.
package shared

import (
	"context"

	"example.com/who/vault/vaultapi"
	"github.com/microbus-io/fabric/service"
)

// Name is what ops uses.
func Name() string { return "ops" }

// Rekey makes the :666 call.
func Rekey(ctx context.Context, caller service.Publisher) error {
	return vaultapi.NewClient(caller).Rekey(ctx) // want: deny trust_root_call_without_identity
}
