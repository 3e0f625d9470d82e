package b

import (
	"context"

	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

// L10 embeds the connector ten levels down (more than the eight rootlint once looked through):
// its Request is the connector's. b.app is granted vault.app.
type L0 struct{ *Intermediate }
type L1 struct{ L0 }
type L2 struct{ L1 }
type L3 struct{ L2 }
type L4 struct{ L3 }
type L5 struct{ L4 }
type L6 struct{ L5 }
type L7 struct{ L6 }
type L8 struct{ L7 }
type L9 struct{ L8 }
type L10 struct{ L9 }

func (svc *Service) Run(ctx context.Context) error {
	var v L10
	v.Intermediate = svc.Intermediate
	_, err := v.Request(ctx, pub.POST("https://vault.app:666/unseal")) // grant: b.app -> vault.app POST /unseal
	return err
}
