package caller

import (
	"context"

	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

// Grant calls weird.app's endpoint.
func (svc *Service) Grant(ctx context.Context) error {
	_, err := svc.Request(ctx, pub.POST("https://weird.app:666/grant")) // grant: caller.app -> weird.app POST /grant
	return err
}
