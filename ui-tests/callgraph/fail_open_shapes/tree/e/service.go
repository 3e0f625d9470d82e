package e

import (
	"context"

	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

// Run sends to target, which each build variant declares with another port: reported, never
// the first variant's value.
func (svc *Service) Run(ctx context.Context) error {
	_, err := svc.Request(ctx, pub.POST(target)) // want: deny analysis_incomplete, warn dynamic_subject_construction
	return err
}
