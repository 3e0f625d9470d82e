package a

import (
	"context"
	"fmt"

	"example.com/app/internal/reg"
	"example.com/app/internal/seal"
	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"

	_ "example.com/app/hooks"
)

type Service struct {
	*Intermediate
	holder seal.Holder
	iface  seal.Minter
}

// Login stores a Bearer in the shared interface-typed field: it seals with bearer.token.core
// only, never with the Shell that b stores (b is another binary).
func (svc *Service) Login(ctx context.Context) error {
	svc.holder.S = seal.Bearer{Svc: svc}
	return svc.holder.S.Seal(ctx)
}

// Generic passes a typed client as the type argument: it reaches that client's Mint only.
func (svc *Service) Generic(ctx context.Context) error {
	return seal.MintWith(ctx, accesstokenapi.NewClient(svc))
}

// Hooks runs the registry, and with it the hook the hooks package registers.
func (svc *Service) Hooks(ctx context.Context) error {
	return reg.Run(ctx)
}

// MethodExpression calls Mint through a method expression on the client type.
func (svc *Service) MethodExpression(ctx context.Context) error {
	c := bearertokenapi.NewClient(svc)
	_, err := (*bearertokenapi.Client).Mint(&c, ctx, nil) // want: warn gencreds_blind_spot // grant: a.app -> bearer.token.core POST /mint
	return err
}

// Interface holds the typed client in an in-tree interface, and calls a method value of it.
func (svc *Service) Interface(ctx context.Context) error {
	svc.iface = accesstokenapi.NewClient(svc)
	mint := svc.iface.Mint
	_, err := mint(ctx, nil) // want: warn gencreds_blind_spot // grant: a.app -> access.token.core POST /mint
	return err
}

// Fprintf reaches the in-tree Writer's Write through fmt.
func (svc *Service) Fprintf(ctx context.Context) error {
	_, err := fmt.Fprintf(seal.Writer{Svc: svc}, "audit")
	return err
}
