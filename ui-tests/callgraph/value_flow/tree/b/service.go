package b

import (
	"context"

	"example.com/app/internal/seal"
	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"

	_ "example.com/app/hooks"
)

type Service struct {
	*Intermediate
	holder seal.Holder
}

// Embedded is an api client promoted through embedding.
type Embedded struct {
	bearertokenapi.Client
}

// table maps names to functions in a package-level initializer.
var table = map[string]func(context.Context, *Service) error{
	"seal": sealWithShell,
}

func sealWithShell(ctx context.Context, svc *Service) error {
	svc.holder.S = seal.Shell{Svc: svc}
	return svc.holder.S.Seal(ctx)
}

// Table calls through the package-level map: shell.core only. b imports the hooks package
// but never runs the registry: no access.token.core grant.
func (svc *Service) Table(ctx context.Context) error {
	return table["seal"](ctx, svc)
}

// Promoted calls the Mint that Embedded promotes from the client.
func (svc *Service) Promoted(ctx context.Context) error {
	e := Embedded{Client: bearertokenapi.NewClient(svc)}
	_, err := e.Mint(ctx, nil) // want: warn gencreds_blind_spot // grant: b.app -> bearer.token.core POST /mint
	return err
}
