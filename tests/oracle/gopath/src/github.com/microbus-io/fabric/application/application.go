// Package application is a stand-in for the framework's application bundle (oracle only).
package application

import (
	"context"

	"github.com/microbus-io/fabric/service"
)

// Service is what an application runs.
type Service = service.Service

// Application runs services in one process.
type Application struct{ services []service.Service }

// New makes an empty application.
func New() *Application { return &Application{} }

// Add adds services.
func (a *Application) Add(s ...service.Service) { a.services = append(a.services, s...) }

// AddAndStartup adds services and starts them.
func (a *Application) AddAndStartup(s ...service.Service) error {
	a.Add(s...)
	for _, x := range s {
		if err := x.Startup(context.Background()); err != nil {
			return err
		}
	}
	return nil
}

// Run starts every service.
func (a *Application) Run() {
	for _, s := range a.services {
		_ = s.Startup(context.Background())
	}
}
