//rootlint:file-ignore dynamic_subject_construction job URLs come from the signed job spec

package jobs

import (
	"context"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

func (svc *Service) Run(ctx context.Context, u string) {
	svc.Request(ctx, pub.URL(u)) // want: warn dynamic_subject_construction suppressed
}

func (svc *Service) Again(ctx context.Context, u string) {
	svc.Request(ctx, pub.URL(u)) //rootlint:ignore dynamic_subject_construction same signed spec
}
