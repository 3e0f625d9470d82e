//go:build ignore

// A generator run with `go run gen.go`, never built into a service: its main is no entry point.
package main

import (
	"context"

	"example.com/tags/vault/vaultapi"
)

func main() {
	_ = vaultapi.NewClient(nil).Wipe(context.Background())
}
