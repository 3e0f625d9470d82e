package k

import (
	"context"

	"example.com/app/kit"
)

// Service keeps a Doer as a map key: rootlint does not follow keys, so the key is a gap of the
// ledger and the call on a key is reported. k.app is granted nothing, and the grants are
// incomplete.
type Service struct {
	*Intermediate
}

// Keys calls Do on the keys of a map.
func (svc *Service) Keys(ctx context.Context) error {
	seen := map[kit.Doer]bool{}
	seen[kit.Loud{Pub: svc}] = true // want: deny analysis_incomplete
	for d := range seen {
		if err := d.Do(ctx); err != nil { // want: deny unresolved_call_target
			return err
		}
	}
	return nil
}
