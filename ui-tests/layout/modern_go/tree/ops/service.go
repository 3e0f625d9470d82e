package ops

import (
	"context"
	"iter"

	"example.com/modern/vault/vaultapi"
)

type Service struct{ *Intermediate }

// Set is a generic type alias (Go 1.24).
type Set[T comparable] = map[T]struct{}

// shards ranges over a function (Go 1.23).
func shards(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n { // range over an integer (Go 1.22)
			if !yield(i) {
				return
			}
		}
	}
}

// Unseal uses Go 1.22-1.26 syntax before its :666 call, which is granted.
func (svc *Service) Unseal(ctx context.Context) error {
	seen := Set[int]{}
	for s := range shards(3) {
		seen[s] = struct{}{}
	}
	attempts := new(int64(len(seen))) // new with an expression (Go 1.26)
	*attempts++
	return vaultapi.NewClient(svc).Unseal(ctx) // grant: ops.modern -> vault.modern POST /unseal
}
