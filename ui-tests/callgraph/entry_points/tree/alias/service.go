package alias

import (
	"context"

	"github.com/microbus-io/fabric/connector"
	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"
)

// Service declares its handler on an alias: alias.app is granted bearer.token.core.
type Service struct {
	*connector.Connector
}

// Svc is the service, by another name.
type Svc = Service

// NewService makes the service.
func NewService() *Service {
	return &Service{Connector: connector.New("alias.app")}
}

// Mint is a handler declared on the alias.
func (s *Svc) Mint(ctx context.Context) error {
	_, err := bearertokenapi.NewClient(s).Mint(ctx, nil) // grant: alias.app -> bearer.token.core POST /mint
	return err
}
