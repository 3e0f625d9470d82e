// A command-line tool: no service compiles it in, so no service's credentials make its call.
package main

import (
	"context"

	"example.com/who/vault/vaultapi"
)

func main() {
	_ = vaultapi.NewClient(nil).Rekey(context.Background()) // want: deny trust_root_call_without_identity
}
