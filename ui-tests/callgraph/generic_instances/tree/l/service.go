package l

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"

	"example.com/app/kit"
)

// Service makes each call through an instance that holds the value: l.app is granted
// shell.core, access.token.core and bearer.token.core.
type Service struct {
	*Intermediate
}

// Result: Id[Loud] gives the Loud back.
func (svc *Service) Result(ctx context.Context) error {
	var d kit.Doer = kit.Id(kit.Loud{Pub: svc})
	return d.Do(ctx)
}

// Method: Box[Minting].Get gives the Minting.
func (svc *Service) Method(ctx context.Context) error {
	b := kit.Box[kit.Minting]{V: kit.Minting{Pub: svc}}
	var d kit.Doer = b.Get()
	return d.Do(ctx)
}

// Client: a typed client through Id keeps its type and host.
func (svc *Service) Client(ctx context.Context) error {
	c := kit.Id(bearertokenapi.NewClient(svc))
	_, err := c.Mint(ctx, nil) // want: warn gencreds_blind_spot // grant: l.app -> bearer.token.core POST /mint
	return err
}

// Interface: First[Doer] gives whatever the slice holds.
func (svc *Service) Interface(ctx context.Context) error {
	return kit.First([]kit.Doer{kit.Quiet{}, kit.Loud{Pub: svc}}).Do(ctx)
}
