package life

import (
	"context"

	"github.com/microbus-io/fabric/connector"
	"github.com/microbus-io/fabric/coreservices/shell/shellapi"
)

// Service is written by hand, with its own constructor: life.app is granted shell.core, which
// its startup callback runs.
type Service struct {
	*connector.Connector
}

// NewService makes the service and registers its startup callback.
func NewService() *Service {
	s := &Service{Connector: connector.New("life.app")}
	s.SetOnStartup(s.start)
	return s
}

func (s *Service) start(ctx context.Context) error {
	_, err := shellapi.NewClient(s).Execute(ctx, "warm-up") // grant: life.app -> shell.core POST /execute
	return err
}
