// Package bearertoken is a stand-in for the framework's bearer.token.core service (oracle only).
package bearertoken

import "github.com/microbus-io/fabric/connector"

// Service is the bearer.token.core service.
type Service struct{ *connector.Connector }

// NewService makes the service.
func NewService() *Service { return &Service{Connector: connector.New("bearer.token.core")} }

// Init configures the service.
func (svc *Service) Init(initializer func(svc *Service) (err error)) *Service {
	_ = initializer(svc)
	return svc
}
