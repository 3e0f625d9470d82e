package jobs

import (
	"github.com/microbus-io/fabric/sub"
)

type Service struct{}

func (svc *Service) Init() {
	svc.Subscribe("POST", ":444/run", svc.run, sub.RequiredClaims("roles.ops ||"))
}
