package caller

import (
	"context"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

func (svc *Service) Forward(ctx context.Context, target string) {
	svc.Request(ctx, pub.URL(target)) // want: warn dynamic_subject_construction
}

func (svc *Service) Spread(ctx context.Context, opts ...pub.Option) {
	svc.Publish(ctx, opts...) // want: warn dynamic_subject_construction
}

func (svc *Service) DynamicPath(ctx context.Context, action string) {
	svc.Request(ctx, pub.POST("https://roles.app:666/"+action)) // want: warn dynamic_subject_construction
}
