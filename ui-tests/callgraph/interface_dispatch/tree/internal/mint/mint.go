package mint

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"
	"github.com/microbus-io/fabric/coreservices/shell/shellapi"
	"github.com/microbus-io/fabric/service"
)

// Issuer is implemented by Bearer and Shell; callers hold the interface.
type Issuer interface {
	Issue(ctx context.Context, sub string) (string, error)
}

type Bearer struct{ svc service.Publisher }

func NewBearer(svc service.Publisher) Issuer { return &Bearer{svc: svc} }

func (b *Bearer) Issue(ctx context.Context, sub string) (string, error) {
	return bearertokenapi.NewClient(b.svc).Mint(ctx, map[string]any{"sub": sub}) // want: warn gencreds_blind_spot // grant: a.app -> bearer.token.core POST /mint // no-grant: b.app -> bearer.token.core POST /mint
}

// Shell implements Issuer too, but nothing any service runs creates one: no grant.
type Shell struct{ svc service.Publisher }

func (s *Shell) Issue(ctx context.Context, sub string) (string, error) {
	_, err := shellapi.NewClient(s.svc).Execute(ctx, "mint "+sub) // no-grant: a.app -> shell.core POST /execute, b.app -> shell.core POST /execute
	return "", err
}

// Robot mints for the robot actor; it is handed around as a function value.
func Robot(ctx context.Context, svc service.Publisher) (string, error) {
	return bearertokenapi.NewClient(svc).Mint(ctx, map[string]any{"sub": "robot"}) // want: warn gencreds_blind_spot // grant: b.app -> bearer.token.core POST /mint // no-grant: a.app -> bearer.token.core POST /mint
}
