package federation

import (
	"context"
	"strings"

	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
	"github.com/microbus-io/fabric/pub"
)

// Service implements the federation.shop microservice.
type Service struct {
	*Intermediate
}

// Exchange mints through the issuer named in the partner's claims: the host is dynamic.
func (svc *Service) Exchange(ctx context.Context, claims map[string]any) (string, error) {
	iss, _ := claims["iss"].(string)
	iss = strings.TrimPrefix(iss, "https://")
	return accesstokenapi.NewClient(svc).ForHost(iss).Mint(ctx, claims) // want: deny dynamic_trust_root_host
}

// Notify calls back a partner at a URL it registered: the port, and so the tier, is unknown.
func (svc *Service) Notify(ctx context.Context, callbackURL string, body []byte) error {
	opts := []pub.Option{pub.Method("POST"), pub.Body(body)}
	opts = append(opts, pub.URL(callbackURL))
	_, err := svc.Request(ctx, opts...) // want: warn dynamic_subject_construction
	return err
}

// PartnerKeys fetches a partner's keys: the host is dynamic but the port is a literal :888.
func (svc *Service) PartnerKeys(ctx context.Context, host string) error {
	_, err := svc.Request(ctx, pub.GET("https://"+host+":888/jwks"))
	return err
}
