package svc

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
)

type Service struct {
	*Intermediate
	minter accesstokenapi.Client
	issuer string
}

func (svc *Service) OnStartup(ctx context.Context) error {
	svc.minter = accesstokenapi.NewClient(svc).ForHost(svc.issuer)
	return nil
}

func (svc *Service) Login(ctx context.Context) error {
	return mint(ctx, svc.minter)
}

// mint receives the client built with ForHost(config) in OnStartup: its host is not static
// wherever it flows, never the default host.
func mint(ctx context.Context, c accesstokenapi.Client) error {
	_, err := c.Mint(ctx, nil) // want: deny dynamic_trust_root_host
	return err
}
