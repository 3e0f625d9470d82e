package caller

import (
	"context"
	"net/url"

	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

func (svc *Service) Keys(ctx context.Context, host string) {
	svc.Request(ctx, pub.GET("https://"+host+":888/jwks"))
}

func (svc *Service) Search(ctx context.Context, q string) {
	svc.Request(ctx, pub.GET("https://search.app/find?q="+q))
}

// Page joins a path to a static base: url.JoinPath cannot change the host or the port, so the
// call is a static :443 call whatever the path.
func (svc *Service) Page(ctx context.Context, p string) {
	u, _ := url.JoinPath("https://search.app", p)
	svc.Request(ctx, pub.GET(u))
}
