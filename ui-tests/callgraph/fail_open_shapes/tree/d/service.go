package d

import (
	"context"

	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

var target = "https://vault.app:443/status"

// init changes target before any handler runs: its initializer is not its value, and the
// request is reported rather than read as a call to :443.
func init() { target = "https://vault.app:666/unseal" }

func (svc *Service) Run(ctx context.Context) error {
	_, err := svc.Request(ctx, pub.POST(target)) // want: warn dynamic_subject_construction
	return err
}
