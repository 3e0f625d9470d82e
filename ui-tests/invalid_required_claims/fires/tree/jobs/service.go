package jobs

import (
	"net/http"

	"github.com/microbus-io/fabric/sub"
)

type Service struct{ *Intermediate }

func (svc *Service) Init() {
	svc.Subscribe("POST", ":444/run", svc.run, sub.RequiredClaims("roles.ops ||")) // want: deny invalid_required_claims
}

func (svc *Service) run(w http.ResponseWriter, r *http.Request) error { return nil }
