package caller

import (
	"context"
	"net/url"

	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"
	"github.com/microbus-io/fabric/pub"

	"example.com/app/roles/rolesapi"
)

type Service struct{ *Intermediate }

// LaterWins: the second URL replaces the first, the second method the first.
func (svc *Service) LaterWins(ctx context.Context) {
	svc.Request(ctx, pub.GET("https://bearer.token.core:666/mint"), pub.Method("PATCH"), pub.URL("https://access.token.core:666/mint"), pub.Method("post")) // grant: caller.app -> access.token.core POST /mint
}

// Relative resolves against the URL set before it: another host and port.
func (svc *Service) Relative(ctx context.Context) {
	svc.Request(ctx, pub.POST("https://example.com/start"), pub.RelativeURL("//shell.core:666/execute")) // want: warn gencreds_blind_spot // grant: caller.app -> shell.core POST /execute
}

// RelativePath keeps the host and the port, and replaces the last segment.
func (svc *Service) RelativePath(ctx context.Context) {
	svc.Request(ctx, pub.POST("https://access.token.core:666/x/y"), pub.RelativeURL("../mint")) // want: warn gencreds_blind_spot // grant: caller.app -> access.token.core POST /mint
}

// RelativeUnknown resolves against a URL rootlint cannot see.
func (svc *Service) RelativeUnknown(ctx context.Context, base string) {
	svc.Request(ctx, pub.POST(base), pub.RelativeURL("https://bearer.token.core:666/mint")) // want: warn gencreds_blind_spot // grant: caller.app -> bearer.token.core POST /mint
}

// Any sends ANY on the wire: no grant, a finding.
func (svc *Service) Any(ctx context.Context) {
	svc.Request(ctx, pub.Method("ANY"), pub.URL("https://access.token.core:666/mint")) // want: deny unresolved_trust_root_target
}

// UnknownAfter: options rootlint cannot see, after the URL, may replace it.
func (svc *Service) UnknownAfter(ctx context.Context, more ...pub.Option) {
	svc.Request(ctx, pub.POST("https://access.token.core:666/mint"), pub.Options(more...)) // want: warn dynamic_subject_construction
}

// UnknownBefore: the URL and the method after them decide.
func (svc *Service) UnknownBefore(ctx context.Context, more ...pub.Option) {
	svc.Request(ctx, pub.Options(more...), pub.POST("https://bearer.token.core:666/mint")) // grant: caller.app -> bearer.token.core POST /mint
}

// ClientMethod: a typed client's options apply after the method's own: GET goes on the wire.
func (svc *Service) ClientMethod(ctx context.Context) {
	_, _ = accesstokenapi.NewClient(svc).WithOptions(pub.Method("GET")).Mint(ctx, nil) // grant: caller.app -> access.token.core GET /mint
}

// ClientURL: a typed client's URL option replaces the destination.
func (svc *Service) ClientURL(ctx context.Context) {
	c := accesstokenapi.NewClient(svc).WithOptions(pub.Token("t"))
	_, _ = c.WithOptions(pub.URL("https://bearer.token.core:666/mint")).Mint(ctx, nil) // want: warn gencreds_blind_spot // grant: caller.app -> bearer.token.core POST /mint
}

// ClientHeld: the options travel with the client through a field.
func (svc *Service) ClientHeld(ctx context.Context) {
	h := holder{c: bearertokenapi.NewClient(svc).WithOptions(pub.Method("PUT"))}
	_, _ = h.c.Mint(ctx, nil) // want: warn gencreds_blind_spot // grant: caller.app -> bearer.token.core PUT /mint
}

type holder struct{ c bearertokenapi.Client }

// Helper calls a hand-written helper of the api package, which builds its request from the
// package's own definitions (`Grant.Method`, `Grant.Route`, unqualified).
func (svc *Service) Helper(ctx context.Context) error {
	return rolesapi.GrantRaw(ctx, svc)
}

// Joined builds its :666 URL with url.JoinPath, whose path rootlint joins as Go does (`..`
// cleaned): a grant on bearer.token.core's /mint.
func (svc *Service) Joined(ctx context.Context) error {
	u, _ := url.JoinPath("https://bearer.token.core:666/x", "../mint")
	_, err := svc.Request(ctx, pub.POST(u)) // want: warn gencreds_blind_spot // grant: caller.app -> bearer.token.core POST /mint
	return err
}
