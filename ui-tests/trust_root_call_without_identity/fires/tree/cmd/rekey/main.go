// A second tool, linking a package a service links too.
package main

import (
	"context"

	"example.com/who/lib/shared"
)

func main() {
	_ = shared.Rekey(context.Background(), nil)
}
