package rolesapi

import (
	"context"

	"github.com/microbus-io/fabric/httpx"
	"github.com/microbus-io/fabric/pub"
	"github.com/microbus-io/fabric/service"
)

// GrantRaw is a hand-written helper in the api package: its own Grant.Route and Grant.Method.
func GrantRaw(ctx context.Context, svc service.Publisher) error {
	_, err := svc.Request(ctx, pub.Method(Grant.Method), pub.URL(httpx.JoinHostAndPath(Hostname, Grant.Route))) // want: warn gencreds_blind_spot // grant: caller.app -> roles.app POST /grant/{actor}
	return err
}
