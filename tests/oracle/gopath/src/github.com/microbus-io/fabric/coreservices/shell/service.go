// Package shell is a stand-in for the framework's shell.core service (oracle only).
package shell

import "github.com/microbus-io/fabric/connector"

// Service is the shell.core service.
type Service struct{ *connector.Connector }

// NewService makes the service.
func NewService() *Service { return &Service{Connector: connector.New("shell.core")} }

// Init configures the service.
func (svc *Service) Init(initializer func(svc *Service) (err error)) *Service {
	_ = initializer(svc)
	return svc
}
