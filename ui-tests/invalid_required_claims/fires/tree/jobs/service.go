package jobs

import (
	"github.com/microbus-io/fabric/sub"
)

type Service struct{ *Intermediate }

func (svc *Service) Init() {
	svc.Subscribe("POST", ":444/run", svc.run, sub.RequiredClaims("roles.ops ||")) // want: invalid_required_claims
}
