package caller

import (
	"context"
	"github.com/microbus-io/fabric/pub"
	at "github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"
	"example.com/app/roles/rolesapi"
)

type Service struct{ *Intermediate }

func (svc *Service) Chain(ctx context.Context) {
	at.NewClient(svc).WithOptions(pub.Timeout(1)).Mint(ctx, nil) // grant: caller.app -> access.token.core POST /mint
}

func (svc *Service) Variable(ctx context.Context) {
	c := rolesapi.NewClient(svc)
	c.Grant(ctx, "a1") // grant: caller.app -> roles.app POST /grant/{actor}
}

func (svc *Service) Parameter(ctx context.Context, c *rolesapi.MulticastClient) {
	c.Wipe(ctx, "x/y") // grant: caller.app -> roles.app POST /wipe/{path...}
}

func (svc *Service) Multicast(ctx context.Context) {
	for range bearertokenapi.NewMulticastClient(svc).Mint(ctx, nil) { // grant: caller.app -> bearer.token.core POST /mint
	}
}

func (svc *Service) Literal(ctx context.Context) {
	svc.Request(ctx, pub.Method("POST"), pub.URL("https://roles.app:666/grant/a2?why=x")) // grant: caller.app -> roles.app POST /grant/a2
}

func (svc *Service) Options(ctx context.Context, token string) {
	opts := []pub.Option{pub.Method("POST")}
	opts = append(opts, pub.URL("https://access.token.core:666/mint"), pub.Token(token))
	svc.Request(ctx, opts...) // grant: caller.app -> access.token.core POST /mint
}
